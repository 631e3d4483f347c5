"""`loopbook serve` regenerates and reloads when a YAML file is saved."""

from __future__ import annotations

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
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-C", str(project), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/handbook/runbooks/alb-503/"
    try:
        assert wait_for(url, "Intermittent 503s from the load balancer"), "the page was never served"
        # Search works under serve too: each build is indexed into the folder the server serves.
        assert wait_for(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json", '"page_count"'), "no search index under serve"
        runbook = project / "data" / "runbooks" / "alb-503.yaml"
        runbook.write_text(runbook.read_text().replace("Intermittent 503s from the load balancer", "Flapping targets behind the load balancer"))
        assert wait_for(url, "Flapping targets behind the load balancer"), "the page was not rebuilt after the edit"
        assert (project / "docs" / "handbook" / "runbooks" / "alb-503.md").read_text().count("Flapping targets") == 1
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
