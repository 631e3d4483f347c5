"""`loopbook serve` regenerates and reloads when a YAML file is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, needle: str, seconds: float = 90) -> bool:
    """Poll until the page holds needle; a bound on waiting, not a measure of speed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_saving_a_yaml_file_rebuilds_its_page(project):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "loopbook", "serve", "-C", str(project), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/handbook/runbooks/alb-503/"
    try:
        assert wait_for(url, "Intermittent 503s from the load balancer"), "the page was never served"
        # Search works under serve too: each build is indexed into the folder the server serves.
        assert wait_for(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json", '"page_count"'), "no search index under serve"
        runbook = project / "data" / "runbooks" / "alb-503.yaml"
        runbook.write_text(runbook.read_text().replace("Intermittent 503s from the load balancer",
                                                       "Flapping targets behind the load balancer"))
        assert wait_for(url, "Flapping targets behind the load balancer"), "the page was not rebuilt after the edit"
        assert not (project / "docs" / "handbook").exists()  # the pages live in memory, not in docs/
        # A broken save is reported and the server keeps going; the next good save is served.
        good = runbook.read_text()
        runbook.write_text(good.replace("severity: sev2", "severity: sev9"))
        time.sleep(3)
        assert server.poll() is None
        runbook.write_text(good.replace("Flapping targets", "Fixed targets"))
        assert wait_for(url, "Fixed targets behind the load balancer"), "the page was not rebuilt after the fix"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "data/runbooks/alb-503.yaml:4:11: error: 'severity' is 'sev9', which is not allowed" in output, output
    assert "Traceback" not in output, output


def start(project, port):
    return subprocess.Popen([sys.executable, "-m", "loopbook", "serve", "-C", str(project), "--dev-addr", f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_an_unfinished_file_neither_stops_serve_nor_holds_a_request(project):
    """As right after `loopbook new`: serve starts, serves the entries without errors, lists the
    problems for the browser, and answers every request; fixing the file brings its page."""
    half = project / "data" / "stories" / "half-written.yaml"
    half.write_text("title: Half written\nprinciples: [ownership]\n")
    port = free_port()
    server = start(project, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "handbook/runbooks/alb-503/", "Intermittent 503s"), "serve did not start with an unfinished file"
        problems = fetch(base + "loopbook-problems.json")
        assert "data/stories/half-written.yaml:1:1: error: missing required key 'situation'" in problems
        assert 'name="loopbook-serve"' in fetch(base)  # the page knows to show them
        start_s = time.monotonic()
        fetch(base + "handbook/stories/half-written/")  # no page yet: answered at once, not held
        assert time.monotonic() - start_s < 5
        half.write_text(half.read_text() + "situation: S.\ntask: T.\naction: [I did it.]\nresult: It worked, 2 times faster.\n")
        assert wait_for(base + "handbook/stories/half-written/", "Half written"), "the fixed file's page never came"
        assert wait_for(base + "loopbook-problems.json", '"problems": []')
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "half-written.yaml:1:1: error: missing required key" in output
    assert "Traceback" not in output, output


def test_a_save_rebuilds_once_and_only_the_pages_it_changes(project):
    port = free_port()
    server = start(project, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "handbook/runbooks/alb-503/", "Intermittent 503s")
        time.sleep(1.5)  # let the first build's echo settle
        runbook = project / "data" / "runbooks" / "alb-503.yaml"
        runbook.write_text(runbook.read_text().replace("Intermittent 503s from the load balancer", "Renamed runbook title"))
        assert wait_for(base + "handbook/runbooks/alb-503/", "Renamed runbook title")
        assert wait_for(base + "handbook/runbooks/", "Renamed runbook title"), "its index did not follow"
        time.sleep(2)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    builds = output.count("Building documentation")
    assert builds == 2, output  # the first build, and one for the save: no echo from writing into docs/
    assert "Traceback" not in output


def test_a_busy_port_is_said_in_one_line_with_the_way_out(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "loopbook", "serve", "-C", str(project), "--dev-addr", f"127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"127.0.0.1:{port} is in use" in done.stderr and "--dev-addr" in done.stderr and "make serve ADDR=" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_build_that_fails_leaves_no_request_waiting_and_says_why(project):
    """MkDocs' server holds requests until a build succeeds; a failed one must not hold them forever."""
    port = free_port()
    server = start(project, port)
    base = f"http://127.0.0.1:{port}/"
    config = project / "mkdocs.yml"
    good = config.read_text()
    try:
        assert wait_for(base + "handbook/runbooks/alb-503/", "Intermittent 503s")
        config.write_text(good.replace("name: material", "name: no-such-theme", 1))
        assert wait_for(base + "loopbook-problems.json", "the build failed"), "the failed build was not reported"
        start_s = time.monotonic()
        assert "Intermittent 503s" in fetch(base + "handbook/runbooks/alb-503/")  # the last pages built, at once
        assert time.monotonic() - start_s < 5
        config.write_text(good)
        assert wait_for(base + "loopbook-problems.json", '"problems": []'), "the fixed configuration did not clear it"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "the build failed" in output and "Traceback" not in output, output


def test_serve_stopped_with_sigterm_removes_its_temporary_site(project, tmp_path):
    """MkDocs serves from a temporary folder and removes it on Ctrl-C; a SIGTERM (a service manager, `kill`)
    must not leave it behind either."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "loopbook", "serve", "-C", str(project), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "TMPDIR": str(tmp)})
    try:
        assert wait_for(f"http://127.0.0.1:{port}/handbook/runbooks/alb-503/", "Intermittent 503s"), "serve did not start"
        assert [p.name for p in tmp.iterdir() if p.name.startswith("mkdocs_")], "serve built nowhere under TMPDIR"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert [p.name for p in tmp.iterdir() if p.name.startswith("mkdocs_")] == [], output
    assert "Traceback" not in output, output
