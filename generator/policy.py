"""The house severity policy: how soon an incident of each severity is acknowledged and resolved.

The targets live here and nowhere else in code. The triage runbook states them to the people who
apply them, and docs/guide/severity-policy.md explains them to readers; a test keeps that page in
step with this table. The `sla-policy` hint (see quality.py) holds each runbook's SLA against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.model import Entry

PAGE = "guide/severity-policy.md"  # the hand-written page, by its path under docs/


@dataclass(frozen=True)
class Targets:
    acknowledge: str
    resolve: str


# As the support-ticket triage runbook states them (its step 4).
POLICY: dict[str, Targets] = {
    "sev1": Targets(acknowledge="15m", resolve="4h"),
    "sev2": Targets(acknowledge="30m", resolve="8h"),
    "sev3": Targets(acknowledge="4h", resolve="3d"),
    "sev4": Targets(acknowledge="1d", resolve="10d"),
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
