"""The house severity policy: how soon an incident of each severity is acknowledged and resolved.

The targets live here and nowhere else: the triage runbook states them to the people who apply them,
the handbook's "Severity policy" page is rendered from this table (so it cannot drift from it), and
the `sla-policy` hint (see quality.py) holds each runbook's SLA against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from loopbook.model import Entry


@dataclass(frozen=True)
class Targets:
    acknowledge: str
    resolve: str
    meaning: str = ""  # what the severity means, for the policy page


# As the support-ticket triage runbook states them (its step 4).
POLICY: dict[str, Targets] = {
    "sev1": Targets("15m", "4h", "The service is down, or data is at risk, for many users."),
    "sev2": Targets("30m", "8h", "A major feature is broken, or a significant share of users is affected."),
    "sev3": Targets("4h", "3d", "One user or a small group is affected, or a workaround exists."),
    "sev4": Targets("1d", "10d", "A question, a cosmetic issue or a request."),
}

FIELDS = ("acknowledge", "resolve")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60}  # a day is 24 hours: the policy counts calendar time
_DURATION = re.compile(r"^\s*(\d+)\s*([mhd])\s*$", re.I)


def minutes(value: Any) -> int | None:
    """A duration written like 30m, 8h or 3d, in minutes; None when it is not written that way."""
    m = _DURATION.match(str(value)) if isinstance(value, str) else None
    return int(m.group(1)) * _UNIT_MINUTES[m.group(2).lower()] if m else None


def departures(runbook: Entry) -> list[tuple[str, str, str]]:
    """(field, the runbook's value, the policy's value) for each SLA target that differs from the
    policy for the runbook's severity. A target that is absent or unreadable is not compared: the
    schema reports a malformed one, and a missing one promises nothing."""
    sla = runbook.data.get("sla")
    targets = POLICY.get(str(runbook.data.get("severity")))
    if not isinstance(sla, dict) or targets is None:
        return []
    found = []
    for name in FIELDS:
        given, wanted = minutes(sla.get(name)), getattr(targets, name)
        if given is not None and given != minutes(wanted):
            found.append((name, str(sla[name]).strip(), wanted))
    return found


def reason(runbook: Entry) -> str:
    """Why the runbook's SLA departs from the policy, as the runbook says it; empty if it says nothing."""
    sla = runbook.data.get("sla")
    return str(sla.get("reason", "")).strip() if isinstance(sla, dict) else ""
