"""Alerts and runbooks taken together: which runbook answers each alert of the alert sources, the alerts
no runbook lists (``alert-without-runbook``), the names a runbook lists that no source defines
(``unknown-alert``) and an alert listed by two runbooks (``duplicate-alert``).

An alert leads to one runbook: its page (``alerts/<name>/``) redirects there. Alert names are compared
exactly, as Prometheus and CloudWatch compare them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from loopbook.data.alerts import Alert, AlertSources
from loopbook.diagnostics import Diagnostics, did_you_mean
from loopbook.model import Entry, Handbook


@dataclass
class AlertIndex:
    sources: AlertSources
    book: Handbook
    runbook_of: dict[str, Entry] = field(default_factory=dict)  # alert name -> the runbook that lists it
    defined: dict[str, list[Alert]] = field(default_factory=dict)  # alert name -> its rules or alarms, as written

    @property
    def present(self) -> bool:
        """Whether the site has alerts to show: sources are configured, or a runbook lists alerts."""
        return self.sources.configured or bool(self.runbook_of)

    def runbook(self, name: str) -> Entry | None:
        return self.runbook_of.get(name)

    def names(self) -> list[str]:
        """Every alert the sources define, sorted as a reader looks them up."""
        return sorted(self.defined, key=lambda n: (n.casefold(), n))


def index_alerts(book: Handbook, sources: AlertSources, diags: Diagnostics) -> AlertIndex:
    index = AlertIndex(sources, book)
    listed_at: dict[str, tuple[Entry, int]] = {}
    for runbook in sorted(book.of("runbook"), key=lambda e: e.source.path):
        for i, name in enumerate(runbook.data.get("alerts", [])):
            if name in listed_at:
                first, j = listed_at[name]
                span = runbook.source.at(("alerts", i))
                where = f"{first.source.path}:{first.source.at(('alerts', j)).line}"
                diags.error(runbook.source.path, span.line, span.col,
                            f"alert '{name}' is already listed by runbook '{first.id}' ({where}); "
                            "an alert leads to one runbook, so keep it there and link this runbook from it under related",
                            "duplicate-alert")
                continue
            listed_at[name] = (runbook, i)
            index.runbook_of[name] = runbook
    by_name: dict[str, list[Alert]] = defaultdict(list)
    for alert in sources.alerts:
        by_name[alert.name].append(alert)
    index.defined = dict(by_name)
    # A runbook with errors is set aside, and the alerts it lists with it: they are not reported as
    # without a runbook until its own errors are fixed.
    if not any(ref.startswith("runbook:") for ref in book.broken):
        for alert in sources.alerts:
            if alert.name not in index.runbook_of:
                diags.warning(alert.path, alert.line, alert.col, f"alert '{alert.name}' is listed by no runbook; add it to the alerts: of "
                              "the runbook that answers it", "alert-without-runbook")
    for name, (runbook, i) in listed_at.items():
        if name not in index.defined:
            span = runbook.source.at(("alerts", i))
            diags.error(runbook.source.path, span.line, span.col, _unknown(name, index, sources), "unknown-alert")
    return index


def _unknown(name: str, index: AlertIndex, sources: AlertSources) -> str:
    if not sources.configured:
        return (f"alert '{name}' is defined by no alert source: mkdocs.yml names none; list the rule files under "
                "extra.loopbook.alerts")
    close = did_you_mean(name, index.defined)
    hint = (f"; {close}" if close
            else f" (read {len(sources.files)} file{'' if len(sources.files) == 1 else 's'} under extra.loopbook.alerts)")
    return f"alert '{name}' is defined by no alert source{hint}"
