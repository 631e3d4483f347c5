"""The severity policy is stated twice: in code, for the sla-policy hint, and on a hand-written page,
for readers. These tests keep the two, and the runbook schema's severities, in agreement."""

from __future__ import annotations

import json

from generator import policy
from tests.conftest import REPO

PAGE = REPO / "docs" / policy.PAGE


def page_table() -> dict[str, dict[str, str]]:
    """The page's policy table: each severity's row, by column heading."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in PAGE.read_text("utf-8").splitlines()
            if line.startswith("|") and not line.startswith("| ---")]
    header = next(r for r in rows if r[0] == "Severity")
    return {r[0]: dict(zip(header, r)) for r in rows if r[0].startswith("sev")}


def test_the_policy_page_states_the_targets_the_hint_checks():
    table = page_table()
    assert set(table) == set(policy.POLICY)
    for severity, targets in policy.POLICY.items():
        row = table[severity]
        assert policy.minutes(row["Acknowledge within"]) == policy.minutes(targets.acknowledge), severity
        assert policy.minutes(row["Resolve within"]) == policy.minutes(targets.resolve), severity


def test_the_policy_covers_every_severity_a_runbook_can_have():
    schema = json.loads((REPO / "generator" / "schemas" / "runbook.schema.json").read_text("utf-8"))
    assert list(policy.POLICY) == schema["properties"]["severity"]["enum"]


def test_the_policy_is_stricter_the_more_severe_the_incident():
    for field in policy.FIELDS:
        times = [policy.minutes(getattr(t, field)) for t in policy.POLICY.values()]
        assert times == sorted(times), field
