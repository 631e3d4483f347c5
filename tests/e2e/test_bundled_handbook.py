"""The bundled handbook, built by `loopbook build --strict` as a reader gets it."""

from __future__ import annotations

import json

import pytest

from loopbook.model import KINDS
from tests.conftest import REPO
from tests.sitewalk import broken_links

pytestmark = pytest.mark.e2e


def test_every_kind_has_its_index_and_a_page_per_entry(bundled_site):
    site = bundled_site / "site" / "handbook"
    for kind in KINDS.values():
        ids = [p.stem for p in (REPO / "data" / kind.plural).glob("*.yaml")]
        assert ids, f"no bundled {kind.plural}"
        assert (site / kind.plural / "index.html").is_file()
        for id_ in ids:
            assert (site / kind.plural / id_ / "index.html").is_file(), f"{kind.plural}/{id_}"


def test_search_indexes_every_article_with_its_kind_and_leaves_the_404_page_out(bundled_site):
    site = bundled_site / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert entry["languages"]["en"]["page_count"] == len(marked) > 100
    assert "data-pagefind-body" not in (site / "404.html").read_text("utf-8")
    runbook = (site / "handbook" / "runbooks" / "alb-503-health-check" / "index.html").read_text("utf-8")
    assert 'data-pagefind-filter="kind:runbook"' in runbook and '<h1 data-pagefind-weight="10"' in runbook
    assert 'data-pagefind-filter="kind:view"' in (site / "handbook" / "runbooks" / "index.html").read_text("utf-8")
    assert 'data-pagefind-filter="kind:guide"' in (site / "guide" / "bar-raiser" / "index.html").read_text("utf-8")


def test_no_internal_link_of_the_built_site_is_broken(bundled_site):
    """An independent check over the HTML MkDocs wrote, page and anchor."""
    broken, checked = broken_links(bundled_site / "site")
    assert broken == []
    assert checked > 2000  # the check looked at the whole site, not at nothing


def test_a_reader_can_go_from_a_question_to_its_story_to_its_principles_and_back(bundled_site):
    site = bundled_site / "site" / "handbook"
    question = (site / "questions" / "b01-above-and-beyond-for-a-customer" / "index.html").read_text()
    assert 'href="../../stories/model-consistency-fix/"' in question
    story = (site / "stories" / "model-consistency-fix" / "index.html").read_text()
    assert 'href="../../principles/customer-obsession/"' in story
    assert 'href="../../questions/b01-above-and-beyond-for-a-customer/"' in story
    principle = (site / "principles" / "customer-obsession" / "index.html").read_text()
    assert 'href="../../stories/model-consistency-fix/"' in principle


def test_the_bundled_data_has_no_error(bundled_site):
    """Warnings are content quality, for `loopbook check` to report; the tests do not freeze which ones there are."""
    lines = (bundled_site / "build-output.txt").read_text().splitlines()
    assert not [l for l in lines if ": error: " in l]


def test_every_principle_has_a_story_and_every_answered_question_links_to_one(bundled_site):
    from loopbook import pipeline

    result = pipeline.check_folder(REPO)
    graph = result.graph
    for principle in graph.book.of("principle"):
        assert graph.sources(principle, "story", "principles"), principle.id
    answered_in_source = [f"b{n:02d}" for n in range(1, 23) if n != 20]  # 20 is an approach, kept as notes
    for question in graph.book.of("question"):
        if question.id[:3] in answered_in_source:
            assert graph.sources(question, "story", "questions"), question.id


ALERT_CODES = ("[alert-source]", "[alert-without-runbook]", "[unknown-alert]", "[duplicate-alert]", "[runbook-url-missing]",
               "[runbook-url-mismatch]")


def test_the_bundled_handbook_has_no_alert_problem_and_each_alert_page_leads_to_a_runbook(bundled_site):
    """Every example alert has its runbook and every runbook's alerts exist; an alert's page names the runbook."""
    lines = (bundled_site / "build-output.txt").read_text().splitlines()
    assert [l for l in lines if l.endswith(ALERT_CODES)] == []
    alerts = bundled_site / "site" / "handbook" / "alerts"
    pages = sorted(alerts.glob("*/index.html"))
    assert pages, "the bundled handbook configures alert sources"
    for page in pages:
        assert "data-lb-runbook" in page.read_text("utf-8"), page
