from datetime import date
from pathlib import Path

from loopbook.analysis import policy
from loopbook.analysis.hints import hints, report
from loopbook.analysis.measures import review_due, speaking_seconds, today
from loopbook.data.graph import build_graph
from loopbook.data.load import load_handbook
from loopbook.diagnostics import Diagnostics
from tests.conftest import make_project


def sample_graph(tmp_path: Path, extra: dict[str, str] | None = None):
    root = make_project(tmp_path / "p")
    for rel, text in (extra or {}).items():
        (root / "data" / rel).write_text(text)
    diags = Diagnostics()
    return build_graph(load_handbook(root, diags), diags)


def codes(found, entry_id):
    return sorted(h.code for h in found if h.entry.id == entry_id)


def test_a_story_told_with_we_a_short_one_and_one_without_figures_get_hints(tmp_path):
    story = ("title: T\nprinciples: [ownership]\nsituation: S\ntask: T\n"
             "action:\n  - We fixed it and we shipped it.\n  - Our team was happy.\nresult: Done.\n")
    graph = sample_graph(tmp_path, {"stories/we-story.yaml": story})
    assert codes(hints(graph, date(2026, 11, 23)), "we-story") == ["result-without-number", "speaking-time", "we-not-i"]


def test_speaking_time_counts_star_words_at_140_a_minute(tmp_path):
    words = " ".join(["word"] * 280)
    graph = sample_graph(tmp_path, {"stories/long.yaml": f"title: T\nprinciples: [ownership]\nsituation: {words}\n"
                                                         "task: T\naction: [A]\nresult: 3 s\n"})
    assert speaking_seconds(graph.book.get("story", "long")) == round(284 * 60 / 140)  # 280 words and the four of task, action and result


def test_a_runbook_past_its_review_date_gets_a_hint_the_day_after_it_is_due(tmp_path):
    graph = sample_graph(tmp_path)
    stale = graph.book.get("runbook", "stale-dns")
    assert review_due(stale) == date(2025, 7, 14)  # 180 days by default
    assert codes(hints(graph, date(2025, 7, 14)), "stale-dns") == []
    assert codes(hints(graph, date(2025, 7, 15)), "stale-dns") == ["review-overdue"]
    assert review_due(graph.book.get("runbook", "alb-503")) == date(2027, 1, 30)  # review_every: 90d


def test_today_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert today() == date(1970, 1, 1)


RUNBOOK = """title: Queue backlog
summary: Messages pile up.
service: queue
severity: {severity}
owner: Platform
last_reviewed: 2026-11-01
{sla}steps:
  - action: Look at the queue.
"""


def sla_hints(tmp_path, severity: str, sla: str):
    graph = sample_graph(tmp_path, {"runbooks/queue-backlog.yaml": RUNBOOK.format(severity=severity, sla=sla)})
    return [h for h in hints(graph, date(2026, 11, 23)) if h.entry.id == "queue-backlog" and h.code == "sla-policy"]


def test_a_sev2_runbook_resolving_in_1h_instead_of_8h_gets_an_sla_policy_hint(tmp_path):
    [hint] = sla_hints(tmp_path, "sev2", "sla:\n  acknowledge: 30m\n  resolve: 1h\n")
    assert hint.message == "resolve 1h departs from the sev2 policy (resolve 8h); follow the policy or say why in sla.reason"


def test_a_looser_target_is_a_departure_too_and_both_targets_are_named(tmp_path):
    [hint] = sla_hints(tmp_path, "sev1", "sla:\n  acknowledge: 1h\n  resolve: 1d\n")
    assert hint.message.startswith("acknowledge 1h and resolve 1d depart from the sev1 policy (acknowledge 15m, resolve 4h)")


def test_targets_that_follow_the_policy_in_other_units_get_no_hint(tmp_path):
    assert sla_hints(tmp_path, "sev3", "sla:\n  acknowledge: 240m\n  resolve: 72h\n") == []


def test_a_departure_that_says_why_gets_no_hint(tmp_path):
    sla = "sla:\n  acknowledge: 30m\n  resolve: 6h\n  reason: The customer contract promises 6 hours.\n"
    assert sla_hints(tmp_path, "sev2", sla) == []


def test_a_runbook_without_an_sla_or_with_only_one_target_is_held_to_what_it_states(tmp_path):
    assert sla_hints(tmp_path, "sev4", "") == []
    assert sla_hints(tmp_path / "one", "sev4", "sla:\n  acknowledge: 1d\n") == []


def test_an_unreadable_duration_is_left_to_the_schema():
    assert [policy.minutes(v) for v in ("30m", " 8H ", "3d", "1.5h", "soon", 30, None)] == [30, 480, 4320, None, None, None, None]


def test_check_reports_the_hint_at_the_sla_line(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "data" / "runbooks" / "queue-backlog.yaml").write_text(
        RUNBOOK.format(severity="sev2", sla="sla:\n  acknowledge: 30m\n  resolve: 1h\n"))
    diags = Diagnostics()
    graph = build_graph(load_handbook(root, diags), diags)
    report(graph, diags, date(2026, 11, 23))
    found = [d for d in diags.items if d.code == "sla-policy"]
    assert [(d.path, d.line, d.col, d.severity) for d in found] == [("data/runbooks/queue-backlog.yaml", 7, 1, "warning")]
