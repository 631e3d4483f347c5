from datetime import date
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.graph import build_graph
from generator.load import load_handbook
from generator.quality import hints, review_due, speaking_seconds, today
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
    story = "title: T\nprinciples: [ownership]\nsituation: S\ntask: T\naction:\n  - We fixed it and we shipped it.\n  - Our team was happy.\nresult: Done.\n"
    graph = sample_graph(tmp_path, {"stories/we-story.yaml": story})
    assert codes(hints(graph, date(2026, 11, 23)), "we-story") == ["result-without-number", "speaking-time", "we-not-i"]


def test_speaking_time_counts_star_words_at_140_a_minute(tmp_path):
    words = " ".join(["word"] * 280)
    graph = sample_graph(tmp_path, {"stories/long.yaml": f"title: T\nprinciples: [ownership]\nsituation: {words}\ntask: T\naction: [A]\nresult: 3 s\n"})
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
