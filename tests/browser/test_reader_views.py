"""The reader views in a real browser: question bank filter, practice, coverage, cheat sheet, phones."""

from __future__ import annotations

import re

import pytest

from loopbook.model import KINDS
from tests.conftest import HANDBOOK_DATA


def visible_questions(page) -> int:
    return page.locator(".lb-q:visible").count()


def test_the_question_filter_narrows_the_list(page, site_url):
    page.goto(site_url + "handbook/questions/")
    total = visible_questions(page)
    assert total == len(list((HANDBOOK_DATA / "questions").glob("*.yaml")))
    page.select_option('[data-filter="kind"]', "technical")
    technical = visible_questions(page)
    assert 0 < technical < total
    assert all(k == "technical" for k in page.locator(".lb-q:visible").evaluate_all("els => els.map(e => e.dataset.kind)"))
    page.select_option('[data-filter="principle"]', "frugality")
    both = visible_questions(page)
    assert 0 < both < technical
    assert page.locator(".lb-count").inner_text() == f"{both} of {total} questions"
    page.select_option('[data-filter="kind"]', "")
    page.select_option('[data-filter="principle"]', "")
    page.check('[data-filter="gaps"]')
    assert all(a == "no" for a in page.locator(".lb-q:visible").evaluate_all("els => els.map(e => e.dataset.answered)"))
    assert page.errors == []


def test_practice_reveals_stories_and_remembers_progress_across_a_reload(page, site_url):
    page.goto(site_url + "handbook/practice/")
    page.select_option('[data-practice="scope"]', "principle:customer-obsession")
    page.click('[data-practice="draw"]')
    question = page.locator('[data-practice="question"]').inner_text()
    assert question
    page.click('[data-practice="start"]')
    page.wait_for_function("document.querySelector('[data-practice=timer]').textContent !== '2:00'", timeout=5000)
    assert re.fullmatch(r"1:5\d", page.locator('[data-practice="timer"]').inner_text())
    page.click('[data-practice="reveal"]')
    answer = page.locator('[data-practice="answer"]')
    assert answer.is_visible() and answer.locator("a").count() >= 1
    target = answer.locator("a").first.get_attribute("href")
    page.click('[data-rate="3"]')
    assert page.locator('[data-practice="progress"]').inner_text().startswith("Practised 1 of ")
    page.reload()
    assert page.locator('[data-practice="progress"]').inner_text().startswith("Practised 1 of ")
    # The revealed link leads to a real page.
    assert page.request.get(target).status == 200
    page.click('[data-practice="reset"]')
    assert page.locator('[data-practice="progress"]').inner_text().startswith("Practised 0 of ")
    assert page.errors == []


def test_fresh_mode_only_draws_questions_not_yet_practised(page, site_url):
    page.goto(site_url + "handbook/practice/")
    page.select_option('[data-practice="scope"]', "principle:frugality")
    page.check('[data-practice="fresh"]')
    seen = set()
    for _ in range(20):
        page.click('[data-practice="draw"]')
        if page.locator('[data-practice="empty"]').is_visible():
            break
        text = page.locator('[data-practice="question"]').inner_text()
        assert text not in seen
        seen.add(text)
        page.click('[data-rate="2"]')
    assert page.locator('[data-practice="empty"]').is_visible()
    assert seen


def test_the_coverage_picture_has_a_row_per_principle(page, site_url):
    page.goto(site_url + "handbook/coverage/")
    rows = page.locator("table.lb-heatmap tbody tr")
    assert rows.count() == len(list((HANDBOOK_DATA / "principles").glob("*.yaml")))
    stories = len(list((HANDBOOK_DATA / "stories").glob("*.yaml")))
    assert page.locator("table.lb-heatmap tbody tr").first.locator("td.lb-heat").count() == stories
    assert page.locator("td.lb-heat--2").count() == stories  # one primary principle per story
    # The same in words, for readers without JavaScript: one line per principle.
    assert page.locator("h2#by-principle + ul > li").count() == rows.count()
    page.locator("table.lb-heatmap tbody th a").first.click()
    assert "/handbook/principles/" in page.url


def test_the_cheat_sheet_prints_on_one_page(page, site_url):
    page.goto(site_url + "handbook/cheat-sheet/")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


@pytest.mark.parametrize("path", ["handbook/stories/model-consistency-fix/", "handbook/runbooks/kindle-sync-failure/",
                                  "handbook/coverage/", "handbook/questions/"])
def test_pages_do_not_scroll_sideways_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


@pytest.mark.parametrize("path", ["handbook/practice/", "handbook/coverage/", "handbook/cheat-sheet/", "handbook/quality/",
                                  *(f"handbook/{k.plural}/" for k in KINDS.values())])
def test_view_pages_load_without_errors(page, site_url, path):
    response = page.goto(site_url + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.errors == []
