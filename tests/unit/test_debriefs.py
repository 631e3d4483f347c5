"""Debriefs against the bank: prediction recall per loop and company, by kind and principle, the questions
the bank lacked with the command that adds each, a story told to one company twice, and what the plan
takes from the company's earlier rounds. The sample's Phone screen debrief and a second, Bar Raiser,
round (tests/fixtures/second-round-at-the-same-company) make five questions asked, three of them in the bank."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from tests.conftest import FIXTURES, make_project

SECOND_ROUND = FIXTURES / "second-round-at-the-same-company" / "data"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def two_rounds(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p")
    shutil.copytree(SECOND_ROUND, root / "data", dirs_exist_ok=True)
    return root


def test_the_plan_gives_the_loops_recall_by_kind_and_principle_and_the_missing_questions(two_rounds):
    result = run("plan", "sample-loop", "-C", str(two_rounds), "--format", "json")
    assert result.exit_code == 0, result.output
    recall = json.loads(result.output)["recall"]
    assert (recall["asked"], recall["had"], recall["recall"]) == (5, 3, 0.6)
    assert recall["debriefs"] == ["sample-debrief", "sample-bar-raiser"]  # by date
    assert recall["by_kind"] == {"behavioral": {"asked": 4, "had": 2, "recall": 0.5}, "hr": {"asked": 1, "had": 1, "recall": 1.0}}
    assert recall["by_principle"] == {"ownership": {"asked": 3, "had": 1, "recall": 0.3333},
                                      "dive-deep": {"asked": 2, "had": 2, "recall": 1.0}}
    assert [m["command"] for m in recall["missing"]] == ["loopbook new question how-did-you-set-up-your-first-on-call-rota",
                                                        "loopbook new question tell-me-about-a-rota-you-set-up"]


def test_the_loop_page_shows_the_same_recall(two_rounds):
    from loopbook.pipeline import check_folder

    page = check_folder(two_rounds).pages()["handbook/loops/sample-loop.md"]
    assert "**Prediction recall: 60 %**: the question bank had 3 of the 5 questions asked" in page
    assert "| behavioral | 4 | 2 | 50 % |" in page and "| hr | 1 | 1 | 100 % |" in page
    assert "| [Ownership](../principles/ownership.md) | 3 | 1 | 33 % |" in page
    assert "- Tell me about a rota you set up. ([Sample Bar Raiser round](../debriefs/sample-bar-raiser.md)): " \
           "`loopbook new question tell-me-about-a-rota-you-set-up`" in page


def test_a_story_told_to_the_same_company_in_two_rounds_is_flagged_at_the_later_telling(two_rounds):
    result = run("check", "-C", str(two_rounds))
    assert result.exit_code == 0  # a warning: what was told is history, the plan is what changes
    line = next(i for i, text in enumerate((SECOND_ROUND / "debriefs" / "sample-bar-raiser.yaml").read_text().splitlines(), 1)
                if text.strip() == "story: quiet-win")
    assert (f"data/debriefs/sample-bar-raiser.yaml:{line}:12: warning: 'quiet-win' was told to Example Corp in an earlier round too "
            "(Phone screen, 2026-11-02: data/debriefs/sample-debrief.yaml:15)") in result.output
    assert "[story-retold]" in result.output and result.output.count("[story-retold]") == 1  # alb-outage was told once


def test_a_story_the_company_heard_is_planned_only_where_no_other_fits_and_flagged(two_rounds):
    plan = json.loads(run("plan", "sample-loop", "-C", str(two_rounds), "--format", "json").output)
    slots = {(r["number"], s["principle"]): s["story"] for r in plan["rounds"] for s in r["slots"]}
    # alb-outage (told in the Bar Raiser round) shows dive-deep and ownership, quiet-win (told twice) ownership only:
    # both are needed to fill two slots, and both carry where they were told.
    assert slots[(1, "ownership")]["id"] == "quiet-win"
    assert [t["round"] for t in slots[(1, "ownership")]["told_before"]] == ["Phone screen", "Bar Raiser"]
    assert plan["asked_before"] == ["q-unanswered", "q-root-cause"]  # the most recent round's questions first, in order


def test_a_told_story_gives_way_to_one_the_company_has_not_heard():
    from loopbook.analysis.planner import assign

    shows = {"heard": ["ownership"], "fresh": ["dive-deep", "ownership"]}
    assert assign([(0, "ownership")], shows) == {(0, "ownership"): "heard"}  # main principle first, all else equal
    assert assign([(0, "ownership")], shows, told=["heard"]) == {(0, "ownership"): "fresh"}
    assert assign([(0, "ownership"), (0, "dive-deep")], shows, told=["heard"]) == {(0, "ownership"): "heard", (0, "dive-deep"): "fresh"}
