"""Pages built from injection attempts: no dialog, no script, no event handler from the data,
in any page, the navigation, or the search results."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.conftest import built_and_served
from tests.conftest import FIXTURES, make_project

PAGES = ["", "handbook/stories/xss-story/", "handbook/questions/xss-question/", "handbook/runbooks/xss-runbook/",
         "handbook/principles/ownership/", "handbook/practice/", "handbook/coverage/", "handbook/cheat-sheet/",
         "handbook/questions/", "handbook/runbooks/", "handbook/quality/", "handbook/tags/", "handbook/loops/xss-loop/",
         "handbook/debriefs/xss-debrief/", "handbook/debriefs/"]

# Event-handler attributes anywhere in the page: the theme itself uses none.
HANDLERS = ("Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))"
            ".filter(a => a.name.startsWith('on')).map(a => a.name + '=' + a.value)")
DATA_SCRIPTS = "Array.from(document.scripts).filter(s => s.textContent.includes('alert(')).map(s => [s.type, s.textContent])"


@pytest.fixture(scope="module")
def injection_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("xss") / "p", FIXTURES / "injection" / "data")
    yield from built_and_served(root)


@pytest.mark.parametrize("path", PAGES)
def test_no_script_or_handler_from_the_data_reaches_a_page(page, injection_site, path):
    page.goto(injection_site + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(HANDLERS) == []
    scripts = page.evaluate(DATA_SCRIPTS)
    # Practice and coverage carry the data as JSON, which the browser never runs, escaped so that it cannot close its <script>.
    assert all(kind == "application/json" and text.lstrip().startswith('{"') and "</script" not in text for kind, text in scripts), scripts
    assert page.locator("iframe, svg[onload], img[onerror]").count() == 0
    assert page.errors == []


def test_the_payload_shows_as_text(page, injection_site):
    page.goto(injection_site + "handbook/stories/xss-story/")
    assert "<script>alert('title')</script> searchable-injection" in page.locator("h1").inner_text()
    assert any("<script>alert('fenced')</script>" in t for t in page.locator("code").all_inner_texts())
    page.goto(injection_site + "handbook/runbooks/xss-runbook/")
    assert "</code></pre><script>alert(\"command\")</script>" in page.locator("pre code").first.inner_text()


def test_typing_into_search_shows_no_dialog_and_no_script(page, injection_site):
    page.goto(injection_site)
    page.locator("#lb-search .pagefind-ui__search-input").click()
    page.keyboard.type("searchable-injection")
    page.locator("#lb-search .pagefind-ui__message", has_text="for searchable-injection").wait_for(timeout=15_000)
    results = page.locator("#lb-search .pagefind-ui__result")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    assert page.evaluate(HANDLERS) == []
    assert page.locator("#lb-search script, #lb-search iframe, #lb-search img").count() == 0
    # The payload is shown as text in the result's title and excerpt, never run.
    titles = " ".join(page.locator("#lb-search .pagefind-ui__result-title").all_inner_texts())
    assert "<script>alert(" in titles
    assert page.errors == []


def test_practice_reveals_data_as_text(page, injection_site):
    page.goto(injection_site + "handbook/practice/")
    page.click('[data-practice="draw"]')
    assert "</script><script>alert('practice-json')</script>" in page.locator('[data-practice="question"]').inner_text()
    page.click('[data-practice="reveal"]')
    answer = page.locator('[data-practice="answer"]')
    assert "\"><svg onload=alert('headline')>" in answer.inner_text()  # the story in place, as text
    answer.get_by_role("button", name="Drill the follow-ups (1)").click()
    assert "\"><img src=x onerror=alert('probe')>" in answer.locator(".lb-drill__heading").inner_text()
    answer.get_by_role("button", name="Show the answer notes").click()
    assert "alert('answer')" in answer.locator(".lb-drill__notes").inner_text()
    assert answer.locator("svg, img, script, iframe").count() == 0
    assert page.evaluate(HANDLERS) == []
    assert page.errors == []


def test_a_value_from_the_link_is_filled_into_a_command_as_text(page, injection_site):
    value = "<img src=x onerror=alert('value')>"
    page.goto(injection_site + "handbook/runbooks/xss-runbook/?x_1=" + quote(value, safe=""))
    code = page.locator("pre code").first
    assert "'<img src=x onerror=alert('\\''value'\\'')>'" in code.inner_text()  # quoted, bare
    assert code.locator("img").count() == 0 and page.evaluate(HANDLERS) == []
    assert page.errors == []
