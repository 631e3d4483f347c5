"""The fixture handbook (tests/fixtures/handbook, a frozen copy of the bundled one), built: what a reader finds on
pages whose content the test names. Contributions to the bundled handbook change nothing here."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_a_reader_can_go_from_a_question_to_its_story_to_its_principles_and_back(handbook_site):
    site = handbook_site / "site" / "handbook"
    question = (site / "questions" / "b01-above-and-beyond-for-a-customer" / "index.html").read_text()
    assert 'href="../../stories/model-consistency-fix/"' in question
    story = (site / "stories" / "model-consistency-fix" / "index.html").read_text()
    assert 'href="../../principles/customer-obsession/"' in story
    assert 'href="../../questions/b01-above-and-beyond-for-a-customer/"' in story
    principle = (site / "principles" / "customer-obsession" / "index.html").read_text()
    assert 'href="../../stories/model-consistency-fix/"' in principle
