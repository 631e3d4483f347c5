"""The Alerts page and a page per alert.

The Alerts page lists every alert of the alert sources: where it is defined, its severity when the rule
has one, and its runbook or "no runbook". Each alert also gets a page at a stable address,
``handbook/alerts/<name>/`` (loopbook.render.sitemap.alert_segment says how a name becomes a folder), so
that a rule can link ``runbook_url: https://handbook.example.com/handbook/alerts/{{ $labels.alertname }}/``
and never change when a runbook is renamed. That page is a small HTML file, not a themed page, so that it
is the same under every engine and in Backstage TechDocs: a link to the runbook, a meta refresh for a
browser without JavaScript, and a script from the theme's assets (no inline script: the output guard
refuses those) that carries the query string along, where the runbook page reads an alert's labels.
"""

from __future__ import annotations

import posixpath
from typing import TypedDict

from loopbook.analysis.alerts import AlertIndex
from loopbook.data.alerts import Alert
from loopbook.model import Entry
from loopbook.render.pages import Page
from loopbook.render.sitemap import ALERTS, alert_page, alert_url, entry_path, page_url

REDIRECT_SCRIPT = "assets/javascripts/alert-redirect.js"  # in the theme (generator/theme/assets/)
# Theme scripts that no theme page loads: the alert pages are plain HTML of their own, not Material pages.
STANDALONE = frozenset({REDIRECT_SCRIPT.rsplit("/", 1)[-1]})


class AlertRow(TypedDict):
    name: str
    page: str  # the alert's page, as a link from the Alerts page
    definitions: list[Alert]
    runbook: Entry | None


class AlertsContext(TypedDict):
    rows: list[AlertRow]
    configured: bool  # mkdocs.yml names alert sources
    unlisted: int  # alerts no runbook lists


class AlertPageContext(TypedDict):
    name: str
    runbook: Entry | None
    runbook_href: str  # relative to the alert's page
    alerts_href: str
    script_href: str


def alert_pages(index: AlertIndex) -> list[Page]:
    """The Alerts page and one page per defined alert; nothing when the handbook has no alerts."""
    if not index.present:
        return []
    rows = [AlertRow(name=n, page=_from(ALERTS, alert_page(n)), definitions=index.defined[n], runbook=index.runbook(n))
            for n in index.names()]
    unlisted = sum(1 for r in rows if r["runbook"] is None)
    pages = [Page(ALERTS, "alerts.md.j2", dict(AlertsContext(rows=rows, configured=index.sources.configured, unlisted=unlisted)))]
    for row in rows:
        pages.append(Page(alert_page(row["name"]), "alert.html.j2", dict(_alert_context(row["name"], row["runbook"]))))
    return pages


def _alert_context(name: str, runbook: Entry | None) -> AlertPageContext:
    here = alert_url(name)
    return AlertPageContext(name=name, runbook=runbook, runbook_href=_href(here, page_url(entry_path(runbook))) if runbook else "",
                            alerts_href=_href(here, page_url(ALERTS)), script_href=_href(here, REDIRECT_SCRIPT))


def _href(from_url: str, to: str) -> str:
    """A link between two URLs under the site root, from a page whose URL is a folder (as an alert's page is)."""
    target = posixpath.relpath(to.rstrip("/") or ".", from_url.rstrip("/"))
    return target + "/" if to.endswith("/") else target


def _from(page: str, to_file: str) -> str:
    """A Markdown link from a page's file to a static file of the site."""
    return posixpath.relpath(to_file, posixpath.dirname(page))
