"""The bundled handbook, built by `loopbook build --strict` as a reader gets it. Its content is the contributors'
business, so these tests assert only what holds for any valid content, reading the entries they need from the data
at run time (tests/e2e/test_contributions_keep_the_suite_green.py proves it); the tests that name content use the
fixture handbook (tests/e2e/test_fixture_handbook.py)."""

from __future__ import annotations

import json

import pytest
import yaml

from loopbook.model import KINDS
from tests.sitewalk import broken_links

pytestmark = pytest.mark.e2e


def entries(project) -> dict[str, list[str]]:
    """The ids of the project's public entries, by kind's folder, as its data holds them today."""
    def public(file) -> bool:
        return yaml.safe_load(file.read_text("utf-8")).get("private") is not True

    return {k.plural: sorted(p.stem for p in (project / "data" / k.plural).glob("*.y*ml") if public(p)) for k in KINDS.values()}


def test_every_kind_has_its_index_and_a_page_per_entry(bundled_site):
    site = bundled_site / "site" / "handbook"
    found = entries(bundled_site)
    assert any(found.values()), "the bundled handbook has no entry"
    for plural, ids in found.items():
        assert (site / plural / "index.html").is_file()
        for id_ in ids:
            assert (site / plural / id_ / "index.html").is_file(), f"{plural}/{id_}"


def test_search_indexes_every_article_with_its_kind_and_leaves_the_404_page_out(bundled_site):
    site = bundled_site / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")]
    assert entry["languages"]["en"]["page_count"] == len(marked) >= sum(map(len, entries(bundled_site).values()))
    assert "data-pagefind-body" not in (site / "404.html").read_text("utf-8")
    for kind in KINDS.values():  # the first entry of each kind, whichever the data holds today
        for first in entries(bundled_site)[kind.plural][:1]:
            html = (site / "handbook" / kind.plural / first / "index.html").read_text("utf-8")
            assert f'data-pagefind-filter="kind:{kind.name}"' in html and '<h1 data-pagefind-weight="10"' in html, first
    assert 'data-pagefind-filter="kind:view"' in (site / "handbook" / "runbooks" / "index.html").read_text("utf-8")
    assert 'data-pagefind-filter="kind:guide"' in (site / "guide" / "bar-raiser" / "index.html").read_text("utf-8")


def test_no_internal_link_of_the_built_site_is_broken(bundled_site):
    """An independent check over the HTML MkDocs wrote, page and anchor."""
    broken, checked = broken_links(bundled_site / "site")
    assert broken == []
    assert checked > sum(map(len, entries(bundled_site).values()))  # the check looked at the whole site, not at nothing


def test_the_bundled_data_has_no_error(bundled_site):
    """Warnings are content quality, for `loopbook check` to report; the tests do not freeze which ones there are."""
    lines = (bundled_site / "build-output.txt").read_text().splitlines()
    assert not [l for l in lines if ": error: " in l]


def test_each_principle_and_question_is_linked_to_exactly_the_stories_that_name_it(bundled_site):
    """What holds for any valid content (which principles have stories is the content's business, and
    `loopbook check` says when one has too few): the graph's links back agree with what each story names."""
    from loopbook import pipeline

    graph = pipeline.check_folder(bundled_site).graph
    stories = graph.book.of("story")
    for kind, field in (("principle", "principles"), ("question", "questions")):
        for entry in graph.book.of(kind):
            named = {s.id for s in stories if entry.id in (s.data.get(field) or [])}
            assert {s.id for s in graph.sources(entry, "story", field)} == named, entry.id


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
