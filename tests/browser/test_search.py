"""What a reader sees in a real browser: Pagefind's search in the header, and pages that load without errors."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.browser.conftest import serve
from tests.conftest import HANDBOOK_DATA

# The fixture handbook's runbook whose steps hold `iostat`; its title.
IOSTAT_RUNBOOK = yaml.safe_load((HANDBOOK_DATA / "runbooks" / "slow-linux-server.yaml").read_text("utf-8"))["title"]

RESULT = "#lb-search .pagefind-ui__result"


def search(page, url: str, words: str):
    page.goto(url)
    page.locator("#lb-search .pagefind-ui__search-input").click()
    page.keyboard.type(words)  # as a reader types; the UI searches as the words come
    # Results for the whole words, not for the letters typed so far ("3 results for iostat").
    page.locator("#lb-search .pagefind-ui__message", has_text=f"for {words}").wait_for(timeout=30_000)
    page.locator(RESULT).first.wait_for(timeout=30_000)
    return page.locator(RESULT)


def result_paths(page) -> list[str]:
    return page.eval_on_selector_all(RESULT + " .pagefind-ui__result-link", "links => links.map(a => new URL(a.href).pathname)")


def test_search_finds_a_runbook_by_a_word_from_its_steps_with_its_title_kind_and_an_excerpt(page, site_url):
    results = search(page, site_url, "iostat")  # a command in the slow Linux server runbook's steps
    assert result_paths(page)[0] == "/handbook/runbooks/slow-linux-server/"
    first = results.first
    assert first.locator(".pagefind-ui__result-title").inner_text() == IOSTAT_RUNBOOK
    assert "Kind: runbook" in first.locator(".pagefind-ui__result-tags").inner_text()
    assert "iostat" in first.locator(".pagefind-ui__result-excerpt mark").first.inner_text().lower()
    assert page.errors == []


def test_the_kind_filter_narrows_results_to_one_kind(page, site_url):
    page.goto(site_url)
    kinds = page.evaluate("""async () => {
        const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
        const all = await pf.search('snowflake');
        const stories = await pf.search('snowflake', {filters: {kind: 'story'}});
        const data = await Promise.all(stories.results.map(r => r.data()));
        return {all: all.results.length, stories: data.map(d => d.meta.kind), filters: Object.keys((await pf.filters()).kind)};
    }""")
    assert 0 < len(kinds["stories"]) < kinds["all"]
    assert set(kinds["stories"]) == {"story"}
    assert {"principle", "story", "question", "runbook", "metric", "project", "role", "view", "guide"} <= set(kinds["filters"])


def test_the_404_page_and_the_page_chrome_are_not_indexed(page, site_url):
    page.goto(site_url)
    found = page.evaluate("""async () => {
        const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
        const urls = async q => (await Promise.all((await pf.search(q)).results.map(r => r.data()))).map(d => d.url);
        const runbook = await (await pf.search('iostat')).results[0].data();
        return {notfound: await urls('404'), title: runbook.meta.title, text: runbook.content};
    }""")
    assert not [u for u in found["notfound"] if "404" in u]
    assert found["title"] == IOSTAT_RUNBOOK  # no permalink sign
    # The header, navigation, table of contents and footer are outside the article.
    for chrome in ("Table of contents", "Back to top", "Made with", "Skip to content", "loopbook/loopbook"):
        assert chrome not in found["text"]
    assert "iostat" in found["text"]


@pytest.mark.parametrize("key", ["/", "s"])
def test_slash_and_s_focus_the_search_box(page, site_url, key):
    page.goto(site_url + "handbook/")
    page.keyboard.press(key)
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    assert page.locator("#lb-search .pagefind-ui__search-input").input_value() == ""


def test_the_shortcuts_do_not_fire_while_typing_in_another_field(page, site_url):
    page.goto(site_url + "handbook/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<input id=other>')")
    page.locator("#other").click()
    page.keyboard.type("s/s")
    assert page.locator("#other").input_value() == "s/s"
    assert page.locator("#lb-search .pagefind-ui__search-input").input_value() == ""


def test_results_follow_the_dark_scheme(browser, site_url):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(site_url)
        page.locator("#lb-search .pagefind-ui__search-input").click()
        page.keyboard.type("kafka")
        page.locator("#lb-search .pagefind-ui__message", has_text="for kafka").wait_for(timeout=30_000)
        colours[scheme] = page.evaluate("""() => {
            const drawer = getComputedStyle(document.querySelector('#lb-search .pagefind-ui__drawer'));
            const body = getComputedStyle(document.body);
            return {drawer: drawer.backgroundColor, text: getComputedStyle(document.querySelector('.pagefind-ui__result-title')).color,
                    page: body.backgroundColor};
        }""")
        context.close()
    assert colours["light"]["drawer"] != colours["dark"]["drawer"]
    for scheme in colours.values():  # the panel is the page's own background, whichever the scheme
        assert scheme["drawer"] == scheme["page"]


def test_a_site_indexed_in_parts_finds_pages_of_every_part_and_filters_them_by_kind(page, handbook_site, tmp_path, monkeypatch):
    """A large site is indexed in parts (loopbook.engines.search.PART_BYTES); here a tenth of the fixture site
    makes a part, so the runbooks found below sit in different parts, and the search merges them."""
    from loopbook.diagnostics import Diagnostics
    from loopbook.engines import search as index

    site = tmp_path / "site"
    shutil.copytree(handbook_site / "site", site)
    pages = sum(p.stat().st_size for p in site.rglob("*.html") if "pagefind" not in p.parts)
    monkeypatch.setattr(index, "PART_BYTES", pages // 10)
    assert index.index_site(site, Diagnostics())
    parts = json.loads((site / "pagefind" / index.PARTS).read_text("utf-8"))
    assert len(parts) >= 5
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    for base in serve(site):
        search(page, base, "iostat")
        assert result_paths(page)[0] == "/handbook/runbooks/slow-linux-server/"
        # Each part ranks by its own word counts, so a split index orders some results differently from one
        # index; the bar is the search-quality table's: the page wanted is in the top three.
        search(page, base, "kafka-consumer-groups")
        assert "/handbook/runbooks/kafka-consumer-corruption/" in result_paths(page)[:3]
        # Words typed before the parts are merged (the list of them held back here) are searched again over all.
        held: list = []
        page.route("**/pagefind/parts.json", lambda route: held.append(route))
        page.goto(base + "handbook/")
        page.locator("#lb-search .pagefind-ui__search-input").click()
        page.keyboard.type("iostat")
        page.locator("#lb-search .pagefind-ui__message", has_text="for iostat").wait_for(timeout=30_000)
        assert held and "/handbook/runbooks/slow-linux-server/" not in result_paths(page)  # the first part's alone
        held[0].continue_()
        page.wait_for_function("""() => { const a = document.querySelector('#lb-search .pagefind-ui__result-link');
                                          return a && new URL(a.href).pathname === '/handbook/runbooks/slow-linux-server/'; }""",
                               timeout=30_000)
        assert page.locator("#lb-search .pagefind-ui__search-input").input_value() == "iostat"
        page.unroute("**/pagefind/parts.json")
        # The kind filter over the merged parts: the filter counts of every part, the results of one kind.
        page.goto(base + "404.html")
        kinds = page.evaluate("""async (parts) => {
            const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
            await pf.options({bundlePath: '/pagefind/'});
            for (const part of parts) await pf.mergeIndex('/pagefind/' + part);
            const found = await pf.search('restart', {filters: {kind: 'runbook'}});
            const data = await Promise.all(found.results.map(r => r.data()));
            return {found: data.map(d => d.meta.kind), filters: Object.keys((await pf.filters()).kind)};
        }""", parts)
        assert kinds["found"] and set(kinds["found"]) == {"runbook"}
        assert {"principle", "story", "question", "runbook", "metric", "project", "role", "view", "guide"} <= set(kinds["filters"])
        assert page.errors == [] and missing == []


def test_search_works_when_the_site_is_served_under_a_sub_path(page, handbook_site, tmp_path):
    (tmp_path / "docs").symlink_to(handbook_site / "site", target_is_directory=True)
    for base in serve(tmp_path):
        search(page, base + "docs/handbook/", "kafka-consumer-groups")
        assert result_paths(page)[0] == "/docs/handbook/runbooks/kafka-consumer-corruption/"
        page.locator(RESULT + " .pagefind-ui__result-link").first.click()
        page.wait_for_url("**/docs/handbook/runbooks/kafka-consumer-corruption/")
        assert page.errors == []


def test_no_search_file_comes_from_another_host(page, site_url):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    search(page, site_url, "freemarker")
    assert [u for u in requests if "pagefind" in u and not u.startswith(site_url)] == []


@pytest.mark.parametrize("path", [
    "", "handbook/", "handbook/principles/ownership/", "handbook/stories/model-consistency-fix/",
    "handbook/questions/", "handbook/questions/t14-support-ticket-system/", "handbook/runbooks/kindle-sync-failure/",
    "handbook/metrics/mean-time-to-restore/", "handbook/projects/data-platform-modernisation/",
    "handbook/roles/kindle-engineering-support/", "guide/bar-raiser/", "handbook/tags/", "handbook/tags/aws/",
])
def test_page_types_load_without_errors(page, site_url, path):
    response = page.goto(site_url + path)
    assert response is not None and response.status == 200
    assert page.locator("h1").count() >= 1
    page.wait_for_load_state("networkidle")
    assert page.errors == []


def test_search_finds_a_runbook_by_the_name_of_an_alert_it_answers(page, site_url, handbook_site):
    """Whichever alert the built handbook lists first: searching its name finds the runbook that answers it
    (other pages may name it too, so the runbook is among the results, not necessarily first)."""
    listing = sorted((yaml.safe_load(p.read_text("utf-8")).get("alerts", []), p.stem)
                     for p in (handbook_site / "data" / "runbooks").glob("*.yaml"))
    alerts, runbook = next((a, r) for a, r in listing if a)
    search(page, site_url, alerts[0])
    assert f"/handbook/runbooks/{runbook}/" in result_paths(page)
    assert page.errors == []
