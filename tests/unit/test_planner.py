"""The loop planner on small hand-made story banks: coverage first, main principles preferred, no story twice."""

from __future__ import annotations

import json

from click.testing import CliRunner

from loopbook.analysis.planner import assign
from loopbook.cli import main
from tests.conftest import BUNDLED_DATA, make_project


def greedy(slots, shows):
    """What a hand-written planner would do: each slot in turn takes the first story that fits, main principle first."""
    used, chosen = set(), {}
    for slot in slots:
        fits = sorted((shows[s].index(slot[1]), s) for s in shows if slot[1] in shows[s] and s not in used)
        if fits:
            chosen[slot] = fits[0][1]
            used.add(fits[0][1])
    return chosen


def test_matching_fills_every_slot_where_taking_the_best_story_first_leaves_a_gap():
    slots = [(0, "ownership"), (1, "dive-deep")]
    shows = {"a-outage": ["ownership", "dive-deep"], "b-rota": ["ownership"]}
    assert len(greedy(slots, shows)) == 1  # a-outage goes to round 0, nothing shows dive-deep for round 1
    assert assign(slots, shows) == {(0, "ownership"): "b-rota", (1, "dive-deep"): "a-outage"}


def test_a_story_whose_main_principle_is_asked_for_is_preferred():
    slots = [(0, "dive-deep")]
    shows = {"a-side": ["ownership", "dive-deep"], "b-main": ["dive-deep"], "c-far": ["x", "y", "dive-deep"]}
    assert assign(slots, shows) == {(0, "dive-deep"): "b-main"}


def test_coverage_comes_before_the_preference_for_main_principles():
    # Giving 'a' to slot 0 (its main principle) would leave slot 1 empty; covering both wins.
    slots = [(0, "ownership"), (1, "dive-deep")]
    shows = {"a": ["ownership", "dive-deep"], "b": ["frugality", "ownership"]}
    assert assign(slots, shows) == {(0, "ownership"): "b", (1, "dive-deep"): "a"}


def test_no_story_fills_two_slots_and_uncoverable_slots_are_left_out():
    slots = [(0, "ownership"), (1, "ownership"), (2, "frugality")]
    shows = {"only": ["ownership"]}
    chosen = assign(slots, shows)
    assert list(chosen.values()) == ["only"]
    assert (2, "frugality") not in chosen


def test_excluded_stories_are_not_used_for_backups():
    slots = [(0, "ownership")]
    shows = {"a": ["ownership"], "b": ["ownership", "dive-deep"]}
    assert assign(slots, shows, exclude=["a"]) == {(0, "ownership"): "b"}
    assert assign(slots, shows, exclude=["a", "b"]) == {}


def test_the_plan_does_not_depend_on_the_order_stories_are_given_in():
    slots = [(r, p) for r in range(3) for p in ("ownership", "dive-deep", "frugality")]
    shows = {f"s{i:02d}": [p for j, p in enumerate(["ownership", "dive-deep", "frugality"]) if (i + j) % 3 != 2]
             for i in range(12)}
    first = assign(slots, shows)
    backwards = assign(slots, dict(reversed(list(shows.items()))))
    assert first == backwards == assign(slots, shows)
    assert len(first) == len(slots)  # twelve stories, nine slots, two principles each: all covered


def test_many_stories_are_pruned_without_losing_coverage():
    slots = [(0, "p"), (1, "p"), (2, "q")]
    shows = {f"s{i:03d}": ["p"] for i in range(200)} | {"z-last": ["q", "p"]}
    chosen = assign(slots, shows)
    assert len(chosen) == 3 and chosen[(2, "q")] == "z-last"
    assert len(set(chosen.values())) == 3


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_plan_of_the_bundled_loop_uses_no_story_twice_and_lists_its_gaps(tmp_path):
    """Whichever loop the bundled handbook holds first, and whichever stories it holds."""
    root = make_project(tmp_path / "p", BUNDLED_DATA)
    loop = sorted((root / "data" / "loops").glob("*.yaml"))[0].stem
    result = run("plan", loop, "-C", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    told = [t["id"] for r in plan["rounds"] for s in r["slots"] for t in (s["story"], s["backup"]) if t]
    assert len(told) == len(set(told))
    empty = [{"round": r["number"], "name": r["name"], "principle": s["principle"]}
             for r in plan["rounds"] for s in r["slots"] if not s["story"]]
    assert plan["gaps"] == empty
    text = run("plan", loop, "-C", str(root))
    assert text.exit_code == 0 and "Gaps" in text.output and "Round 1:" in text.output


def test_plan_names_the_gap_of_the_sample_loop(project):
    result = run("plan", "sample-loop", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert "Gaps (1):" in result.output and "GAP: no unused story shows it" in result.output
    data = json.loads(run("plan", "sample-loop", "-C", str(project), "--format", "json").output)
    assert [g["principle"] for g in data["gaps"]] == ["dive-deep"]


def test_plan_of_an_unknown_loop_fails_in_one_line_with_a_suggestion(project):
    result = run("plan", "sample-lop", "-C", str(project))
    assert result.exit_code == 1
    assert result.output.strip() == "loopbook: unknown loop 'sample-lop'; did you mean 'sample-loop'?"


def test_a_round_names_question_kinds_from_the_question_schema():
    from loopbook.data.schema import schema_for

    kinds = schema_for("loop")["$defs"]["round"]["properties"]["question_kinds"]["items"]["enum"]
    assert kinds == schema_for("question")["properties"]["kind"]["enum"]


def test_the_plan_flags_a_figure_credited_differently_and_an_event_told_two_ways(project):
    """Two planned stories credit 30 % fewer errors to different work, and two tell one event."""
    stories = project / "data" / "stories"
    body = ("principles: [{p}]\nsituation: S.\ntask: T.\naction: [I did it.]\nresult: Errors fell by 30 %.\n"
            "metrics:\n  - value: 30 %\n    what: fewer deployment errors from {cause}\n")
    (stories / "checks.yaml").write_text("title: Checks\n" + body.format(p="dive-deep", cause="pipeline checks"))
    (stories / "alarms.yaml").write_text("title: Alarms\n" + body.format(p="ownership", cause="alarms")
                                         + "consistency:\n  - story: checks\n    note: Tell them as one piece of work.\n")
    data = json.loads(run("plan", "sample-loop", "-C", str(project), "--format", "json").output)
    planned = {t["id"] for r in data["rounds"] for s in r["slots"] for t in (s["story"], s["backup"]) if t}
    assert {"checks", "alarms"} <= planned  # as a story or a backup: either may be told in the loop
    found = {(c["message"].split(" ", 1)[0], tuple(sorted(c["stories"]))) for c in data["consistency"]}
    assert ("alarms", ("alarms", "checks")) in found  # told two ways
    # Linked stories count as one event, so their shared figure is not also a clash.
    assert not any(c["message"].startswith("30 %") for c in data["consistency"])
    text = run("plan", "sample-loop", "-C", str(project)).output
    assert f"Consistency ({len(data['consistency'])}):" in text and "alarms and checks tell the same event two ways" in text


def test_the_plan_flags_a_figure_two_planned_stories_credit_to_different_work(project):
    stories = project / "data" / "stories"
    body = ("principles: [{p}]\nsituation: S.\ntask: T.\naction: [I did it.]\nresult: Errors fell by 30 %.\n"
            "metrics:\n  - value: 30 %\n    what: fewer deployment errors from {cause}\n")
    (stories / "checks.yaml").write_text("title: Checks\n" + body.format(p="dive-deep", cause="pipeline checks"))
    (stories / "alarms.yaml").write_text("title: Alarms\n" + body.format(p="ownership", cause="alarms"))
    data = json.loads(run("plan", "sample-loop", "-C", str(project), "--format", "json").output)
    clash = [c for c in data["consistency"] if c["message"].startswith("30 % is credited differently")]
    assert len(clash) == 1 and set(clash[0]["stories"]) == {"alarms", "checks"}
