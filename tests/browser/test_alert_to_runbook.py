"""From a firing alert to its runbook, with real components: Debian's Prometheus evaluates a rule that always
fires, whose runbook_url `loopbook alerts --fix` wrote; its HTTP API gives the firing alert; Chromium follows
the alert's runbook_url to the built site, served on 127.0.0.1, until it reaches the runbook page with the
alert's query string. Without JavaScript the alert's page still leads there (by its meta refresh)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from tests.browser.conftest import _Quiet
from tests.conftest import make_project

PROMETHEUS, PROMTOOL = shutil.which("prometheus"), shutil.which("promtool")
RULES = """\
# A rule that always fires, with a label the runbook page can read from the link.
groups:
  - name: e2e
    interval: 1s
    rules:
      - alert: AlwaysFiring
        expr: label_replace(vector(1), "cluster", "prod-eu", "", "")
        labels:
          severity: page
        annotations:
          summary: Fires at once, for the test.
          runbook_url: https://old-wiki.example/Runbooks/AlwaysFiring?cluster={{ $labels.cluster }}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def static_server(tmp_path):
    """A static server on 127.0.0.1 for the site folder the build will write (its port goes into site_url)."""
    site = tmp_path / "p" / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def prometheus(tmp_path):
    """Start Debian's Prometheus on a free port of 127.0.0.1 with the given rule file; stopped by its PID."""
    if PROMETHEUS is None:
        message = "NO PROMETHEUS: install Debian's prometheus package (apt-get install prometheus)"
        if os.environ.get("LOOPBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    started: list[subprocess.Popen] = []

    def start(rules) -> str:
        port = _free_port()
        config = tmp_path / "prometheus.yml"
        config.write_text(f"global:\n  evaluation_interval: 1s\nrule_files:\n  - {json.dumps(str(rules))}\n")
        log = (tmp_path / "prometheus.log").open("w")
        started.append(subprocess.Popen([PROMETHEUS, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                                         f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
                                        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL))
        return f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def firing(api: str, name: str, process_log, deadline: float = 90) -> dict:
    """The alert once Prometheus's HTTP API says it fires: polled a bounded number of times."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"{api}/api/v1/alerts", timeout=5) as answer:
                alerts = json.load(answer)["data"]["alerts"]
        except OSError:
            alerts = []
        found = [a for a in alerts if a["labels"].get("alertname") == name and a["state"] == "firing"]
        if found:
            return found[0]
        time.sleep(0.5)
    pytest.fail(f"Prometheus never reported {name} firing; its log:\n{process_log.read_text()}")


def test_a_firing_alert_leads_through_its_runbook_url_to_the_runbook_page_with_its_labels(tmp_path, static_server, prometheus, browser):
    root = make_project(tmp_path / "p")
    runbook = root / "data" / "runbooks" / "alb-503.yaml"
    text = runbook.read_text().replace("triggers:\n", "alerts:\n  - AlwaysFiring\ntriggers:\n", 1)
    # The alert's cluster label, a parameter of the runbook's first command (parameters: is the file's last key).
    text = text.replace("--target-group-arn <arn>\n", "--target-group-arn <arn> --profile <cluster>\n", 1)
    runbook.write_text(text + "  - name: cluster\n    description: The cluster the alert fired in.\n")
    rules = root / "alerts" / "e2e.yml"
    rules.parent.mkdir()
    rules.write_text(RULES)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + f"site_url: {static_server}\nextra:\n  loopbook:\n    alerts: [alerts/*.yml]\n")

    fixed = CliRunner().invoke(main, ["alerts", "--fix", "-C", str(root)])
    assert fixed.exit_code == 0, fixed.output
    assert f"runbook_url: {static_server}handbook/alerts/AlwaysFiring/?cluster={{{{ $labels.cluster }}}}\n" in rules.read_text()
    if PROMTOOL:
        checked = subprocess.run([PROMTOOL, "check", "rules", str(rules)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    built = CliRunner().invoke(main, ["build", "-q", "-C", str(root)])
    assert built.exit_code == 0, built.output

    alert = firing(prometheus(rules), "AlwaysFiring", tmp_path / "prometheus.log")
    runbook_url = alert["annotations"]["runbook_url"]
    assert runbook_url == f"{static_server}handbook/alerts/AlwaysFiring/?cluster=prod-eu"

    page = browser.new_page()
    page.goto(runbook_url)
    page.wait_for_url(re.compile(r"/handbook/runbooks/alb-503/\?cluster=prod-eu$"), timeout=15000)
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Intermittent 503s from the load balancer"
    assert page.locator("#alerts ~ ul li", has_text="AlwaysFiring").count() == 1
    assert page.locator("pre code").first.inner_text().strip().endswith("--target-group-arn <arn> --profile prod-eu")
    page.close()

    # Without JavaScript the meta refresh still leads to the runbook (a query string cannot follow it).
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(runbook_url)
    plain.wait_for_url(re.compile(r"/handbook/runbooks/alb-503/$"), timeout=15000)
    assert plain.locator("h1").first.inner_text().rstrip("¶") == "Intermittent 503s from the load balancer"
    context.close()
