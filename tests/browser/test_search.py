"""What a reader sees in a real browser: search, and pages that load without errors."""

from __future__ import annotations

import pytest


def search(page, url: str, words: str):
    page.goto(url)
    page.locator("input.md-search__input").click()
    page.keyboard.type(words)  # Material searches on key events, as a reader types
    return page.locator(".md-search-result__item")


def test_search_finds_a_runbook_by_a_word_from_its_steps(page, site_url):
    results = search(page, site_url, "iostat")  # a command in the slow Linux server runbook's steps
    results.first.wait_for(timeout=60_000)  # a bound on waiting on a busy machine, not a measure of speed
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    assert any("handbook/runbooks/slow-linux-server/" in (h or "") for h in hrefs), hrefs
    assert page.errors == []


def test_search_finds_a_story_by_a_word_from_its_body(page, site_url):
    results = search(page, site_url, "Freemarker")
    results.first.wait_for(timeout=60_000)  # a bound on waiting on a busy machine, not a measure of speed
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    assert any("handbook/stories/" in (h or "") for h in hrefs), hrefs


@pytest.mark.parametrize("path", [
    "", "handbook/", "handbook/principles/ownership/", "handbook/stories/model-consistency-fix/",
    "handbook/questions/", "handbook/questions/t14-support-ticket-system/", "handbook/runbooks/kindle-sync-failure/",
    "handbook/metrics/mean-time-to-restore/", "handbook/projects/data-platform-modernisation/",
    "handbook/roles/kindle-engineering-support/", "guide/bar-raiser/", "tags/",
])
def test_page_types_load_without_errors(page, site_url, path):
    response = page.goto(site_url + path)
    assert response is not None and response.status == 200
    assert page.locator("h1").count() >= 1
    page.wait_for_load_state("networkidle")
    assert page.errors == []
