"""Every alert's link to its runbook, checked at build time like every other link: a Prometheus rule's
``runbook_url`` annotation, or for a CloudWatch alarm the URL of this site in its ``alarm_description``.

The URL an alert should carry is its own page, ``<site_url>handbook/alerts/<name>/``: it stays put when a
runbook is renamed, and leads to the runbook with the query string. A URL straight to the runbook's page
is right too. With ``site_url`` set in mkdocs.yml the whole URL is compared; without it, only its path
from ``handbook/`` on (the site may be served under any host and prefix). Templates that name the alert
(``{{ $labels.alertname }}``) are read as Prometheus will fill them in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from loopbook.analysis.alerts import AlertIndex
from loopbook.data.alerts import Alert
from loopbook.diagnostics import Diagnostics
from loopbook.model import Entry
from loopbook.render.sitemap import GENERATED, alert_segment, alert_url

_ALERTNAME = re.compile(r"\{\{-?\s*(?:\$labels|\.Labels|\$\.Labels)\.alertname\s*-?\}\}")
_PAGE = re.compile(rf"{GENERATED}/(runbooks|alerts)/([^/]+)/?(?:index\.html)?")


def expected_url(site_url: str | None, name: str) -> str:
    """The runbook_url an alert should carry: absolute with site_url, else the path from the site's root."""
    return (site_url.rstrip("/") + "/" if site_url else "/") + alert_url(name)


@dataclass(frozen=True)
class Verdict:
    problem: str | None  # None: the URL leads to the runbook that lists the alert
    code: str = "runbook-url-mismatch"


def check_runbook_urls(index: AlertIndex, site_url: str | None, diags: Diagnostics) -> None:
    """Each alert a runbook lists, reported at its rule or alarm (missing) or at its URL (pointing elsewhere)."""
    for alert in index.sources.alerts:
        runbook = index.runbook(alert.name)
        if runbook is None:
            continue  # alert-without-runbook says it; there is no right URL yet
        verdict = judge(alert, runbook, index, site_url)
        if verdict.problem is None:
            continue
        line, col = (alert.line, alert.col) if verdict.code == "runbook-url-missing" or alert.link_at is None else alert.link_at
        report = diags.warning if verdict.code == "runbook-url-missing" else diags.error
        report(alert.path, line, col, verdict.problem, verdict.code)


def judge(alert: Alert, runbook: Entry, index: AlertIndex, site_url: str | None) -> Verdict:
    want = _should_be(site_url, alert.name)
    url = link_of(alert, site_url)
    if url is None:
        what = ("has no runbook_url annotation" if alert.format == "prometheus"
                else "has no URL of this site in its alarm_description")
        fix = "; `loopbook alerts --fix` writes it" if alert.format == "prometheus" else ""
        return Verdict(f"alert '{alert.name}' {what}; runbook '{runbook.id}' lists it, so add {want}{fix}", "runbook-url-missing")
    leads = _leads_to(url, alert.name, index, site_url)
    if leads is runbook:
        return Verdict(None)
    where = leads if isinstance(leads, str) else f"leads to runbook '{leads.id}'"
    return Verdict(f"{alert.link_field} {url} {where}, but runbook '{runbook.id}' lists alert '{alert.name}'; it should be {want}")


def link_of(alert: Alert, site_url: str | None) -> str | None:
    """The URL that links the alert to its runbook: the annotation, or the first URL of this site in a description."""
    if alert.format == "prometheus":
        return alert.links[0] if alert.links else None
    ours = [u for u in alert.links if _site_path(u, site_url) is not None]
    return ours[0] if ours else None


def _should_be(site_url: str | None, name: str) -> str:
    url = expected_url(site_url, name)
    return url if site_url else f"a URL ending in {url} (set site_url in mkdocs.yml to check the whole URL)"


def _site_path(url: str, site_url: str | None) -> str | None:
    """The part of url below the site's root, or None when it is not a URL of this site."""
    parts = urlsplit(url)
    if site_url:
        base = urlsplit(site_url)
        prefix = base.path.rstrip("/") + "/"
        same = (parts.scheme.lower(), parts.netloc.lower()) == (base.scheme.lower(), base.netloc.lower())
        return unquote(parts.path)[len(prefix):] if same and (parts.path + "/").startswith(prefix) else None
    path = unquote(parts.path)
    i = path.find(f"/{GENERATED}/")
    return path[i + 1:] if i >= 0 else None


def _leads_to(url: str, name: str, index: AlertIndex, site_url: str | None) -> Entry | str:
    """The runbook a URL leads to, or why it leads to none."""
    filled = _ALERTNAME.sub(lambda _: name, url)
    path = _site_path(filled, site_url)
    if path is None:
        return f"is not a URL of this site ({site_url})" if site_url else "leads to no page of this site"
    m = _PAGE.fullmatch(path)
    if m is None:
        return "leads to no runbook of this site"
    folder, segment = m.groups()
    if folder == "runbooks":
        found = index.book.get("runbook", segment)
        return found if found is not None else f"leads to no page of this site (no runbook '{segment}')"
    by_segment = {alert_segment(n): n for n in index.defined}
    if segment not in by_segment:
        return f"leads to no page of this site (no alert page '{segment}')"
    target = index.runbook(by_segment[segment])
    return target if target is not None else f"leads to alert '{by_segment[segment]}', which no runbook lists"
