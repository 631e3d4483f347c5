"""`loopbook alerts`: the table, JSON, and --fix writing runbook_url into Prometheus rule files as a person
would have (comments, order, quoting and layout kept), checked by Debian's real promtool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from tests.conftest import REPO, make_project

PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(PROMTOOL is None and os.environ.get("LOOPBOOK_REQUIRE_BROWSER") != "1",
                                    reason="NO PROMTOOL: install Debian's prometheus package")

RULES = """\
# Rules of the web team.
groups:
- name: web   # the front end
  rules:
  - alert: Web503
    expr: sum(rate(elb_503_total[5m])) > 0
    labels: {severity: page}
    annotations:
      summary: "503s from the load balancer"   # keep me
      runbook_url: "https://old.example/wiki/Web503?cluster={{ $labels.cluster }}"
  - alert: Latency
    expr: vector(1)
    for: 5m
  - alert: NoRunbook
    expr: vector(1)
"""

FIXED = RULES.replace('"https://old.example/wiki/Web503?', '"https://h.example/handbook/alerts/Web503/?').replace(
    "    for: 5m\n", "    for: 5m\n    annotations:\n      runbook_url: https://h.example/handbook/alerts/Latency/\n")


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path / "p")
    runbook = root / "data" / "runbooks" / "alb-503.yaml"
    runbook.write_text(runbook.read_text().replace("triggers:\n", "alerts:\n  - Web503\n  - Latency\ntriggers:\n", 1))
    (root / "alerts").mkdir()
    (root / "alerts" / "web.yml").write_text(RULES)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: https://h.example/\nextra:\n  loopbook:\n    alerts: [alerts/*.yml]\n")
    return root


def run(root, *args):
    result = CliRunner().invoke(main, ["alerts", "-C", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_the_table_lists_each_alert_with_its_severity_runbook_and_place(project):
    result = run(project)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ALERT", "SEVERITY", "RUNBOOK", "DEFINED", "IN"]
    assert [line.split() for line in lines[1:]] == [["Latency", "-", "alb-503", "alerts/web.yml:11"],
                                                   ["NoRunbook", "-", "(no", "runbook)", "alerts/web.yml:14"],
                                                   ["Web503", "page", "alb-503", "alerts/web.yml:5"]]
    assert ("alerts/web.yml:10:20: error: runbook_url https://old.example/wiki/Web503?cluster={{ $labels.cluster }} "
            "is not a URL") in result.stderr
    assert result.exit_code == 1


def test_json_gives_the_alerts_and_their_problems(project):
    data = json.loads(run(project, "--format", "json").stdout)
    assert [(a["name"], a["runbook"], a["line"]) for a in data["alerts"]] == [("Latency", "alb-503", 11), ("NoRunbook", None, 14),
                                                                             ("Web503", "alb-503", 5)]
    assert sorted(p["code"] for p in data["problems"]) == ["alert-without-runbook", "runbook-url-mismatch", "runbook-url-missing"]


@needs_promtool
def test_fix_writes_and_corrects_runbook_url_keeping_the_file_as_written_and_a_second_run_changes_nothing(project):
    assert subprocess.run([PROMTOOL, "check", "rules", str(project / "alerts" / "web.yml")], capture_output=True).returncode == 0
    before = tree(project)
    first = run(project, "--fix")
    assert (project / "alerts" / "web.yml").read_text() == FIXED
    after = tree(project)
    assert {k for k in after if after[k] != before.get(k)} == {"alerts/web.yml"}  # nothing else written
    assert first.exit_code == 0, first.output  # what is left is a warning: NoRunbook has no runbook
    assert "[alert-without-runbook]" in first.stderr and "runbook-url" not in first.stderr
    checked = subprocess.run([PROMTOOL, "check", "rules", str(project / "alerts" / "web.yml")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    stat = (project / "alerts" / "web.yml").stat()
    second = run(project, "--fix")
    assert second.exit_code == 0 and (project / "alerts" / "web.yml").stat().st_mtime_ns == stat.st_mtime_ns
    assert tree(project) == after


@needs_promtool
def test_the_bundled_example_rules_pass_promtool():
    for file in sorted((REPO / "alerts" / "prometheus").glob("*.yml")):
        checked = subprocess.run([PROMTOOL, "check", "rules", str(file)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_fix_leaves_a_file_it_cannot_write_back_as_written_and_says_what_to_write(project):
    odd = RULES.replace("    expr: vector(1)\n    for", "    expr:   vector(1)\n    for")  # valid YAML, spaced by hand
    (project / "alerts" / "web.yml").write_text(odd)
    result = run(project, "--fix")
    assert (project / "alerts" / "web.yml").read_text() == odd
    assert result.exit_code == 1
    assert ("alerts/web.yml:1:1: error: not rewritten: ruamel.yaml would not write it back as it is written (its spacing, indentation "
            "or line endings), so it is left as it was; write runbook_url by hand: "
            "https://h.example/handbook/alerts/Web503/?cluster=") in result.stderr


def test_fix_never_writes_through_a_symbolic_link(project, tmp_path):
    target = tmp_path / "elsewhere.yml"
    target.write_text(RULES)
    (project / "alerts" / "web.yml").unlink()
    os.symlink(target, project / "alerts" / "web.yml")
    result = run(project, "--fix")
    assert target.read_text() == RULES and (project / "alerts" / "web.yml").is_symlink()
    assert "alerts/web.yml:1:1: error: alert source reached through the symbolic link alerts/web.yml" in result.stderr
    assert result.exit_code == 1


def test_fix_needs_site_url(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: https://h.example/\n", ""))
    result = run(project, "--fix")
    assert (project / "alerts" / "web.yml").read_text() == RULES
    assert "mkdocs.yml:1:1: error: loopbook alerts --fix writes absolute URLs, so it needs site_url in mkdocs.yml" in result.stderr
    assert result.exit_code == 1
