from datetime import date
from pathlib import Path

import pytest

from loopbook.analysis.consistency import credits, figure_clashes, normalise, position, told_differently
from loopbook.analysis.hints import report
from loopbook.data.graph import build_graph
from loopbook.data.load import load_handbook
from loopbook.diagnostics import Diagnostics
from tests.conftest import make_project

STORY = "title: {id}\nprinciples: [ownership]\nsituation: S\ntask: T\naction: [I did it.]\n"


def book_of(tmp_path: Path, stories: dict[str, str]):
    root = make_project(tmp_path / "p")
    for id_, body in stories.items():
        (root / "data" / "stories" / f"{id_}.yaml").write_text(STORY.format(id=id_) + body)
    diags = Diagnostics()
    graph = build_graph(load_handbook(root, diags), diags)
    # A story naming itself is reported as self-reference by the graph; the consistency check still ignores it.
    assert all(d.code == "self-reference" for d in diags.errors), diags.items
    return graph


def ours(stories, ids=("fix", "poc", "sprint", "alone", "solo")):
    return [s for s in stories if s.id in ids]


@pytest.mark.parametrize("written, normal", [("45%", "45 %"), ("45 %", "45 %"), ("~45 %", "45 %"), ("45 percent", "45 %"),
                                             ("99.9 %", "99.9 %"), ("10 s to 3 s", "10 s to 3 s"), ("About 3  hours", "3 hours")])
def test_one_figure_written_several_ways_normalises_to_one_spelling(written, normal):
    assert normalise(written) == normal


def test_one_accuracy_figure_credited_in_three_stories_is_one_clash_with_a_warning_at_each_line(tmp_path):
    graph = book_of(tmp_path, {
        "fix": "result: Fixed the joins.\nmetrics:\n  - value: 45%\n    what: better data accuracy\n",
        "poc": "result: |\n  The proof of concept held.\n  Reporting accuracy improved by 45 percent.\n",
        "sprint": "result: Done in one sprint.\nmetrics:\n  - value: ~45 %\n    what: improvement in reporting accuracy\n",
    })
    [group] = figure_clashes(ours(graph.book.of("story")))
    assert [(c.figure, c.story.id) for c in group] == [("45 %", "fix"), ("45 %", "poc"), ("45 %", "sprint")]
    assert [position(c) for c in group] == [(8, 12), (8, 34), (8, 12)]  # the metric's value; the figure inside the prose
    diags = Diagnostics()
    report(graph, diags, date(2026, 1, 1))
    lines = sorted(d.text() for d in diags.warnings if d.code == "figure-reused")
    assert len(lines) == 3
    assert lines[0].startswith("data/stories/fix.yaml:8:12: warning: 45 % (better data accuracy) is also credited to other causes in "
                               "data/stories/poc.yaml:8, data/stories/sprint.yaml:8;")
    assert lines[1].startswith("data/stories/poc.yaml:8:34: warning: 45 % (")
    assert "data/stories/fix.yaml:8, data/stories/sprint.yaml:8;" in lines[1]


def test_years_counts_durations_and_equal_percentages_of_different_things_do_not_clash(tmp_path):
    graph = book_of(tmp_path, {
        "fix": "result: In 2021 I aligned 3 models within 30 minutes and cut provisioning time by 20 %.\n",
        "poc": "result: In 2021 the 3 models agreed within 30 minutes, and accuracy rose by 20 %.\n",
    })
    assert figure_clashes(ours(graph.book.of("story"))) == []


def test_a_figure_in_both_the_metrics_and_the_result_of_one_story_is_one_credit(tmp_path):
    graph = book_of(tmp_path, {"solo": "headline: 45 % better accuracy.\nresult: Accuracy improved by 45 %.\n"
                                       "metrics:\n  - value: 45 %\n    what: better accuracy\n"})
    [credit] = credits(graph.book.get("story", "solo"))
    assert credit.path == ("metrics", 0, "value") and credit.cause == "better accuracy"


def test_stories_linked_as_one_event_under_consistency_do_not_clash_and_a_self_reference_is_ignored(tmp_path):
    metric = "metrics:\n  - value: 45 %\n    what: better accuracy\n"
    link = "consistency:\n  - story: poc\n    note: Say the proof of concept came first.\n  - story: fix\n    note: Itself.\n"
    graph = book_of(tmp_path, {"fix": "result: R.\n" + metric + link, "poc": "result: R.\n" + metric})
    stories = ours(graph.book.of("story"))
    assert [(a.id, b.id, note) for a, b, note in told_differently(stories)] == [("fix", "poc", "Say the proof of concept came first.")]
    assert figure_clashes(stories) == []


def test_a_result_saying_a_figure_held_or_naming_it_again_credits_nothing_new(tmp_path):
    graph = book_of(tmp_path, {
        "fix": "result: Fixed the joins.\nmetrics:\n  - value: 45 %\n    what: better data accuracy\n",
        "outage": "result: Queries were not affected, so the 45 % gain in data accuracy held.\n",
        "later": "result: That 45 % data accuracy stayed in place; the same 45 % accuracy was reported again.\n",
        "again": "result: Later, data accuracy improved by 45 % with a new check.\n",
    })
    assert credits(graph.book.get("story", "outage")) == [] and credits(graph.book.get("story", "later")) == []
    [group] = figure_clashes(ours(graph.book.of("story"), ("fix", "outage", "later", "again")))
    assert [c.story.id for c in group] == ["again", "fix"]  # a new credit in a later story is still a clash


def test_a_figure_shared_by_hundreds_of_stories_is_one_clash_whose_messages_name_five_places_and_count_the_rest(tmp_path):
    stories = {f"copy-{i:03}": "result: Done.\nmetrics:\n  - value: 30 %\n    what: fewer deployment errors\n" for i in range(300)}
    # Two of them tell one event: neither is named in the other's message, nor counted.
    stories["copy-000"] += "consistency:\n  - story: copy-001\n    note: The same rollout.\n"
    graph = book_of(tmp_path, stories)
    [group] = figure_clashes(graph.book.of("story"))
    assert len(group) == 300
    diags = Diagnostics()
    report(graph, diags, date(2026, 1, 1))
    messages = {d.path: d.message for d in diags.warnings if d.code == "figure-reused"}
    assert len(messages) == 300
    first = messages["data/stories/copy-000.yaml"]
    assert "in data/stories/copy-002.yaml:8, data/stories/copy-003.yaml:8, data/stories/copy-004.yaml:8, data/stories/copy-005.yaml:8, " \
           "data/stories/copy-006.yaml:8 and 293 more;" in first
    assert ("and 294 more;" in messages["data/stories/copy-100.yaml"]
            and "copy-000.yaml:8, data/stories/copy-001.yaml:8," in messages["data/stories/copy-100.yaml"])
    assert max(len(m) for m in messages.values()) < 500
