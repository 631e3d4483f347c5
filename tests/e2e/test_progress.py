"""Progress on long runs: the stage, a count and a rate on a terminal; nothing extra anywhere else."""

from __future__ import annotations

import http.server
import os
import pty
import re
import subprocess
import sys
import threading

import pytest

pytestmark = pytest.mark.e2e
BAR = re.compile(r"\[[#-]{5,}\]")  # click's progress bar


def on_terminal(args: list[str], cwd) -> str:
    """What a person at a terminal sees: the command's stderr and stdout on a pseudo-terminal."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "120"}
    process = subprocess.Popen([sys.executable, "-m", "loopbook", *args], cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the other end closed: the process is done
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=600)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_a_build_on_a_terminal_shows_each_stage_with_a_count_and_a_rate(project):
    seen = on_terminal(["build", "-C", str(project)], project)
    for stage in ("load", "render", "build pages"):
        assert re.search(rf"{stage} +\[[#-]*\] +\d+/\d+ +[\d,]+/s", seen), (stage, seen)
    assert "check links ..." in seen and "search index ..." in seen
    assert "built site from " in seen  # the site folder, not the staging folder it was built in


@pytest.mark.parametrize("extra", [["--quiet"], ["--format", "json"], ["--format", "github"]])
def test_quiet_and_machine_formats_show_no_progress_on_a_terminal(project, extra):
    seen = on_terminal(["check", "-C", str(project), *extra], project)
    assert not BAR.search(seen) and "/s " not in seen and "check links ..." not in seen, seen


def test_a_check_whose_output_is_not_a_terminal_prints_the_report_alone(project):
    done = subprocess.run([sys.executable, "-m", "loopbook", "check", "-C", str(project)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert all(": warning: " in line or line.endswith("warnings") or "warnings (most often" in line or line.startswith("ok: ")
               for line in lines), lines


def test_a_code_reported_many_times_is_counted_in_the_summary(project):
    for n in range(7):  # seven stories too short to tell
        (project / "data" / "stories" / f"short-{n}.yaml").write_text(
            f"title: Short {n}\nprinciples: [ownership]\nsituation: S.\ntask: T.\naction: [I did it.]\nresult: It rose 2 %.\n")
    done = subprocess.run([sys.executable, "-m", "loopbook", "check", "-C", str(project)], capture_output=True, text=True, timeout=600)
    summary = done.stderr.splitlines()[-2]
    assert "(most often: speaking-time 9" in summary, summary


class _Ok(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_the_external_link_check_on_a_terminal_shows_a_count_and_a_rate(project):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        items = "\n".join(f"  - I read [page {i}]({base}/page-{i})." for i in range(12))
        (project / "data" / "stories" / "links-out.yaml").write_text(
            f"title: Outbound links\nprinciples: [ownership]\nsituation: S\ntask: T\naction:\n{items}\nresult: 3 s\n")
        config = project / "mkdocs.yml"
        assert "\nextra:" not in config.read_text()  # the repository's mkdocs.yml sets none; this test adds its own
        config.write_text(config.read_text() + "\nextra:\n  loopbook:\n    external:\n      allow_hosts: ['127.0.0.1']\n"
                          "      ignore: ['https://*']\n")  # the sample data's own links: no network in tests
        seen = on_terminal(["check", "--external", "-C", str(project)], project)
    finally:
        srv.shutdown()
        srv.server_close()
    assert re.search(r"external links +\[[#-]*\] +12/12 +[\d,]+/s", seen), seen
    assert "checked 12 external URLs" in seen, seen
