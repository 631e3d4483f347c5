"""Alerts against runbooks (generator/analysis/alerts.py, generator/checks/alerts.py) and their pages
(generator/render/alerts.py), on the sample handbook with a rule file of the test's own."""

from __future__ import annotations

import pytest

from loopbook import pipeline
from loopbook.checks.guard import scan_html, suspect
from tests.conftest import make_project


def handbook(tmp_path, rules: str, site_url: str | None = "https://h.example/docs/", alerts=("Web503",), extra_files=None):
    root = make_project(tmp_path / "p")
    runbook = root / "data" / "runbooks" / "alb-503.yaml"
    listed = "".join(f"  - {a!r}\n" if a else "" for a in alerts)
    runbook.write_text(runbook.read_text().replace("triggers:\n", f"alerts:\n{listed}triggers:\n", 1))
    (root / "alerts").mkdir()
    (root / "alerts" / "rules.yml").write_text(rules)
    for name, text in (extra_files or {}).items():
        (root / "alerts" / name).write_text(text)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + (f"site_url: {site_url}\n" if site_url else "")
                      + "extra:\n  loopbook:\n    alerts: ['alerts/*']\n")
    return pipeline.check_folder(root)


def rule(name: str, url: str | None = None) -> str:
    notes = f"\n        annotations:\n          runbook_url: {url!r}" if url is not None else ""
    return f"groups:\n  - name: g\n    rules:\n      - alert: {name!r}\n        expr: vector(1){notes}\n"


def alert_problems(result) -> list[str]:
    return [f"{d.path}:{d.line}: {d.severity} {d.code}: {d.message}" for d in result.diags.sorted()
            if d.code in {"alert-without-runbook", "unknown-alert", "duplicate-alert", "runbook-url-missing", "runbook-url-mismatch"}]


@pytest.mark.parametrize("url", [
    "https://h.example/docs/handbook/alerts/Web503/",
    "https://h.example/docs/handbook/alerts/Web503/?cluster={{ $labels.cluster }}#steps",
    "https://h.example/docs/handbook/alerts/{{ $labels.alertname }}/",
    "https://H.EXAMPLE/docs/handbook/alerts/Web503",
    "https://h.example/docs/handbook/runbooks/alb-503/",
])
def test_a_runbook_url_that_leads_to_the_listing_runbook_is_right(tmp_path, url):
    assert alert_problems(handbook(tmp_path, rule("Web503", url))) == []


@pytest.mark.parametrize(("url", "why"), [
    ("https://other.example/docs/handbook/alerts/Web503/", "is not a URL of this site (https://h.example/docs/)"),
    ("https://h.example/handbook/alerts/Web503/", "is not a URL of this site (https://h.example/docs/)"),
    ("https://h.example/docs/handbook/runbooks/stale-dns/", "leads to runbook 'stale-dns'"),
    ("https://h.example/docs/handbook/runbooks/gone/", "leads to no page of this site (no runbook 'gone')"),
    ("https://h.example/docs/handbook/alerts/Nope/", "leads to no page of this site (no alert page 'Nope')"),
    ("https://h.example/docs/handbook/", "leads to no runbook of this site"),
])
def test_a_runbook_url_that_leads_elsewhere_is_an_error_at_its_line_with_the_url_it_should_be(tmp_path, url, why):
    assert alert_problems(handbook(tmp_path, rule("Web503", url))) == [
        f"alerts/rules.yml:7: error runbook-url-mismatch: runbook_url {url} {why}, but runbook 'alb-503' lists alert 'Web503'; "
        "it should be https://h.example/docs/handbook/alerts/Web503/"]


def test_a_missing_runbook_url_is_a_warning_at_the_alert_with_the_url_to_write(tmp_path):
    assert alert_problems(handbook(tmp_path, rule("Web503"))) == [
        "alerts/rules.yml:4: warning runbook-url-missing: alert 'Web503' has no runbook_url annotation; runbook 'alb-503' lists it, "
        "so add https://h.example/docs/handbook/alerts/Web503/; `loopbook alerts --fix` writes it"]


def test_without_site_url_only_the_path_from_the_handbook_folder_on_is_compared(tmp_path):
    assert alert_problems(handbook(tmp_path, rule("Web503", "https://anywhere.example/x/handbook/alerts/Web503/"), site_url=None)) == []
    assert alert_problems(handbook(tmp_path / "b", rule("Web503", "https://anywhere.example/runbooks/web/"), site_url=None)) == [
        "alerts/rules.yml:7: error runbook-url-mismatch: runbook_url https://anywhere.example/runbooks/web/ leads to no page of this "
        "site, but runbook 'alb-503' lists alert 'Web503'; it should be a URL ending in /handbook/alerts/Web503/ (set site_url in "
        "mkdocs.yml to check the whole URL)"]


def test_a_cloudwatch_alarm_is_linked_by_the_url_of_this_site_in_its_description(tmp_path):
    tf = ('resource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_name = "Web503"\n'
          '  alarm_description = "503s. Dashboard: https://grafana.example/d/1 Runbook: https://h.example/docs/handbook/alerts/Web503/"\n}\n'
          'resource "aws_cloudwatch_metric_alarm" "b" {\n  alarm_name = "Disk"\n  alarm_description = "See https://grafana.example/d/2"\n}\n')
    result = handbook(tmp_path, "groups: []\n", alerts=("Web503", "Disk"), extra_files={"alarms.tf": tf})
    assert alert_problems(result) == [
        "alerts/alarms.tf:6: warning runbook-url-missing: alert 'Disk' has no URL of this site in its alarm_description; runbook "
        "'alb-503' lists it, so add https://h.example/docs/handbook/alerts/Disk/"]


def test_an_alert_listed_by_two_runbooks_is_an_error_at_the_second(tmp_path):
    root_result = handbook(tmp_path, rule("Web503", "https://h.example/docs/handbook/alerts/Web503/"))
    root = root_result.book.get("runbook", "alb-503").source.path
    other = tmp_path / "p" / "data" / "runbooks" / "stale-dns.yaml"
    other.write_text(other.read_text().replace("steps:\n", "alerts:\n  - Web503\nsteps:\n", 1))
    result = pipeline.check_folder(tmp_path / "p")
    assert alert_problems(result) == [
        f"data/runbooks/stale-dns.yaml:8: error duplicate-alert: alert 'Web503' is already listed by runbook 'alb-503' ({root}:12); "
        "an alert leads to one runbook, so keep it there and link this runbook from it under related"]


def test_a_runbook_naming_an_alert_suggests_the_defined_name(tmp_path):
    result = handbook(tmp_path, rule("Web503", "https://h.example/docs/handbook/alerts/Web503/"), alerts=("Web503", "web503x"))
    assert alert_problems(result) == [
        "data/runbooks/alb-503.yaml:13: error unknown-alert: alert 'web503x' is defined by no alert source; did you mean 'Web503'?"]


def test_the_alerts_page_the_runbook_page_and_each_alerts_own_page(tmp_path):
    rules = (rule("Web503", "https://h.example/docs/handbook/alerts/Web503/")
             + "      - alert: 'Disk <b>full</b>'\n        expr: vector(1)\n")
    result = handbook(tmp_path, rules)
    pages = result.pages()
    listing = pages["handbook/alerts/index.md"]
    assert ("| [Web503](Web503/index.html) | — | [Intermittent 503s from the load balancer](../runbooks/alb-503.md) "
            "| alerts/rules.yml:4 |") in listing
    assert "*no runbook*" in listing and "Disk &lt;b&gt;full&lt;/b&gt;" in listing
    assert "## Alerts" in pages["handbook/runbooks/alb-503.md"] and "- Web503\n" in pages["handbook/runbooks/alb-503.md"]
    redirect = pages["handbook/alerts/Web503/index.html"]
    assert '<a href="../../runbooks/alb-503/" data-lb-runbook>' in redirect
    assert '<noscript><meta http-equiv="refresh" content="0; url=../../runbooks/alb-503/"></noscript>' in redirect
    assert '<script src="../../../assets/javascripts/alert-redirect.js"></script>' in redirect
    hashed = [p for p in pages if p.startswith("handbook/alerts/Disk-b-full-b~")]
    assert len(hashed) == 1 and "<h1>Alert Disk &lt;b&gt;full&lt;/b&gt;</h1>" in pages[hashed[0]]
    assert "data-lb-runbook" not in pages[hashed[0]] and "<script" not in pages[hashed[0]]
    for page in (redirect, pages[hashed[0]]):  # the output guard lets them through as they are
        assert not suspect(page) and scan_html(page) == []


def test_a_handbook_without_alerts_gets_no_alerts_page(tmp_path):
    result = pipeline.check_folder(make_project(tmp_path / "p"))
    assert not any(p.startswith("handbook/alerts/") for p in result.paths)
    assert "alerts" not in result.pages()["handbook/.nav.yml"]
