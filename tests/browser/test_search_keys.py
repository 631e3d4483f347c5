"""Search from the keyboard, as an engineer with an alert open uses it: Enter opens the first result, the arrow
keys move through the results and back to the box, and ?q= opens the search with its words."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.test_search import RESULT, result_paths, search

BOX = "#lb-search .pagefind-ui__search-input"


def focused_href(page) -> str | None:
    return page.evaluate("document.activeElement.matches('.pagefind-ui__result-link') "
                         "? new URL(document.activeElement.href).pathname : null")


def test_enter_in_the_box_opens_the_first_result(page, site_url):
    search(page, site_url, "iostat")
    page.locator(RESULT + " .pagefind-ui__result-link").first.wait_for()
    first = result_paths(page)[0]
    page.locator(BOX).press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == first)
    assert page.errors == []


def test_enter_typed_before_the_results_arrive_opens_the_first_one_when_it_comes(page, site_url):
    page.goto(site_url)
    page.locator(BOX).click()
    page.keyboard.type("iostat")
    page.keyboard.press("Enter")  # at once: the UI has not searched yet
    page.wait_for_url(lambda url: "/handbook/" in urlsplit(url).path, timeout=15_000)


def test_the_arrow_keys_move_through_the_results_and_back_to_the_box(page, site_url):
    search(page, site_url, "health")
    page.locator(RESULT + " .pagefind-ui__result-link").nth(1).wait_for()  # the links come with each result's data
    paths = result_paths(page)
    page.locator(BOX).press("ArrowDown")
    assert focused_href(page) == paths[0]
    page.keyboard.press("ArrowDown")
    assert focused_href(page) == paths[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.press("ArrowUp")  # from the box, up goes to the last result
    last = result_paths(page)[-1]
    assert focused_href(page) == last
    page.keyboard.press("Enter")  # a focused result opens as a link does
    page.wait_for_url(lambda url: urlsplit(url).path == last)


def test_a_link_with_q_opens_the_search_with_its_words(page, site_url):
    page.goto(site_url + "?q=iostat")
    box = page.locator(BOX)
    assert box.input_value() == "iostat"
    page.locator("#lb-search .pagefind-ui__message", has_text="for iostat").wait_for(timeout=30_000)
    page.locator(RESULT).first.wait_for(timeout=30_000)
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    assert page.errors == []


def test_on_a_phone_a_link_with_q_opens_the_folded_search(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "?q=iostat")
    page.locator("#lb-search .pagefind-ui__message", has_text="for iostat").wait_for(timeout=30_000)
    assert page.locator(".lb-search__toggle").get_attribute("aria-expanded") == "true"
    assert page.locator(BOX).is_visible()
    context.close()
