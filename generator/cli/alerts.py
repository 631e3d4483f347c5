"""``loopbook alerts``: the table of alerts and the runbooks they lead to (``--format json`` for tools), and
``--fix``, which writes or corrects the runbook_url annotations of Prometheus rule files.

``--fix`` writes only into the Prometheus rule files it read as configured alert sources, only the
runbook_url of alerts a runbook lists, and keeps a URL's query string (``?namespace={{ $labels.namespace }}``)
and fragment; a second run finds nothing to change. CloudWatch alarms are reported, not rewritten: their
URL lives in Terraform or in AWS.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path as FsPath
from urllib.parse import urlsplit

import click

from loopbook import pipeline
from loopbook.checks.alerts import expected_url, judge, link_of
from loopbook.cli.options import EXIT_CODES, project_at, root_option, strict_option
from loopbook.cli.strictness import failing, strict_codes
from loopbook.config import CONFIG, Project
from loopbook.data.alerts import Alert
from loopbook.data.rulefix import FixProblem, set_runbook_urls
from loopbook.diagnostics import Diagnostic, Diagnostics, format_report
from loopbook.model import DataPath

ALERT_CODES = frozenset({"alert-source", "alert-without-runbook", "unknown-alert", "duplicate-alert", "runbook-url-missing",
                         "runbook-url-mismatch", "alert-fix"})


@click.command(short_help="List the alerts and their runbooks; --fix writes runbook_url annotations.", epilog=EXIT_CODES)
@root_option
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="The table as text, or the alerts and their problems as JSON.")
@click.option("--fix", is_flag=True, help="Write or correct runbook_url in the Prometheus rule files (needs site_url in mkdocs.yml).")
@strict_option
def alerts(root: FsPath | None, fmt: str, fix: bool, strict: bool) -> None:
    """The alerts of the alert sources (extra.loopbook.alerts in mkdocs.yml), each with its runbook, and
    the problems between them: an alert no runbook lists, a runbook naming an unknown alert, a runbook_url
    that is missing or leads elsewhere."""
    diags = Diagnostics()
    project = project_at(root, diags, plugins=False)
    if project is None:
        click.echo(format_report(diags), err=True)
        sys.exit(1)
    result = pipeline.check(project, links=False)
    fixes = Diagnostics()
    if fix and _fix(project, result, fixes):
        result = pipeline.check(project, links=False)  # the table and the problems as the files now are
    problems = Diagnostics()
    for d in [*fixes.items, *_about_alerts(project, result)]:
        problems.add(d)
    site_url = project.mkdocs.get("site_url")
    if fmt == "json":
        click.echo(json.dumps({"alerts": _rows(result, site_url), "problems": [asdict(d) for d in problems.sorted()]}, indent=2))
    else:
        click.echo(_table(result, site_url))
        if problems.items:
            click.echo(format_report(problems), err=True)
        others = [d for d in result.diags.errors if d not in problems.items]
        if others:
            click.echo(f"loopbook: the handbook has {len(others)} other errors; `loopbook check` shows them", err=True)
    sys.exit(1 if failing(problems, strict, strict_codes(project.settings, Diagnostics())) else 0)


def _about_alerts(project: Project, result: pipeline.Result) -> list[Diagnostic]:
    """The problems of the alert checks, and those found in the alert source files themselves."""
    files = {project.shown(f) for f in result.alerts.sources.files}
    return [d for d in result.diags.items if d.code in ALERT_CODES or d.path in files]


def _rows(result: pipeline.Result, site_url: str | None) -> list[dict]:
    index = result.alerts
    rows = []
    for name in index.names():
        runbook = index.runbook(name)
        for alert in index.defined[name]:
            rows.append({"name": name, "path": alert.path, "line": alert.line, "col": alert.col, "format": alert.format,
                         "severity": alert.severity, "runbook": runbook.id if runbook else None,
                         "runbook_url": link_of(alert, site_url)})
    return rows


def _table(result: pipeline.Result, site_url: str | None) -> str:
    rows = [("ALERT", "SEVERITY", "RUNBOOK", "DEFINED IN")]
    for row in _rows(result, site_url):
        rows.append((row["name"], row["severity"] or "-", row["runbook"] or "(no runbook)", f"{row['path']}:{row['line']}"))
    if len(rows) == 1:
        return "no alerts: list alert sources under extra.loopbook.alerts in mkdocs.yml"
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths)) + "  " + r[3] for r in rows)


def _fix(project: Project, result: pipeline.Result, diags: Diagnostics) -> bool:
    """Write the runbook_url each listed Prometheus alert should have; True when a file changed."""
    site_url = project.mkdocs.get("site_url")
    if not site_url:
        diags.error(CONFIG, 1, 1, "loopbook alerts --fix writes absolute URLs, so it needs site_url in mkdocs.yml "
                    "(e.g. site_url: https://handbook.example.com/)", "alert-fix")
        return False
    by_file: dict[str, dict[DataPath, str]] = defaultdict(dict)
    for alert in result.alerts.sources.alerts:
        runbook = result.alerts.runbook(alert.name)
        if alert.format != "prometheus" or runbook is None or judge(alert, runbook, result.alerts, site_url).problem is None:
            continue
        by_file[alert.path][alert.rule] = fixed_url(alert, site_url)
    changed = False
    for path, urls in sorted(by_file.items()):
        try:
            changed |= set_runbook_urls(project.root / path, urls)
        except (FixProblem, OSError) as e:
            wanted = "; ".join(f"{u}" for u in urls.values())
            diags.error(path, 1, 1, f"not rewritten: {e}; write runbook_url by hand: {wanted}", "alert-fix")
    return changed


def fixed_url(alert: Alert, site_url: str) -> str:
    """The alert's page, with the query string and fragment of the URL it had."""
    url = expected_url(site_url, alert.name)
    old = urlsplit(alert.links[0]) if alert.links else None
    if old is not None and old.query:
        url += "?" + old.query
    if old is not None and old.fragment:
        url += "#" + old.fragment
    return url
