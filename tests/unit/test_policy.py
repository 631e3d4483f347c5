"""The severity policy lives in code once: the sla-policy hint checks against it and the policy page is
rendered from it. These tests keep the page, the code and the runbook schema's severities in agreement."""

from __future__ import annotations

import json

import pytest

from loopbook import pipeline
from loopbook.analysis import policy
from loopbook.render.sitemap import SEVERITY_POLICY
from tests.conftest import REPO, make_project


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    return pipeline.check_folder(make_project(tmp_path_factory.mktemp("policy") / "p")).pages()[SEVERITY_POLICY]


def page_table(page: str) -> dict[str, dict[str, str]]:
    """The page's policy table: each severity's row, by column heading."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in page.splitlines()
            if line.startswith("|") and not line.startswith("| ---")]
    header = next(r for r in rows if r[0] == "Severity")
    return {r[0]: dict(zip(header, r)) for r in rows if r[0].startswith("sev")}


def test_the_policy_page_states_the_targets_the_hint_checks(page):
    table = page_table(page)
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
