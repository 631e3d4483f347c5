"""Search quality, measured: every query of search_queries.yaml finds its page among the first three
results, through Pagefind's own search in Chromium, over the fixture handbook as built: real content, a frozen copy
of the bundled handbook's, so that the table names its pages and a contribution cannot move them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

TABLE = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text("utf-8"))
# Pagefind finds the pages that hold every word of the query (stemmed); no page holds every word of these
# paraphrases, so they find nothing. Material's search (any word) missed them too. Strict: a fix is noticed.
ALL_WORDS_NEEDED = {
    "doing more with a small budget": "no page says 'small'",
    "check the data yourself to find the root cause": "Dive Deep says 'reach the root cause', not 'find'",
}

SEARCH = """async (queries) => {
    const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
    const top = {};
    for (const q of queries) {
        const found = await pagefind.search(q);
        top[q] = (await Promise.all(found.results.slice(0, 3).map(r => r.data()))).map(d => new URL(d.url, location.href).pathname);
    }
    return top;
}"""


@pytest.fixture(scope="module")
def top_three(browser, site_url) -> dict[str, list[str]]:
    """The first three result paths of every query, searched in one page."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    found = page.evaluate(SEARCH, [row["query"] for row in TABLE])
    context.close()
    return found


def test_the_table_is_large_and_varied():
    assert len(TABLE) >= 20
    assert {"command", "figure", "paraphrase", "words"} <= {row["how"] for row in TABLE}


@pytest.mark.parametrize("row", [
    pytest.param(row, id=row["query"], marks=[pytest.mark.xfail(strict=True, reason=ALL_WORDS_NEEDED[row["query"]])]
                 if row["query"] in ALL_WORDS_NEEDED else [])
    for row in TABLE
])
def test_the_query_finds_its_page_in_the_top_three(top_three, row):
    assert "/" + row["expect"] in top_three[row["query"]], f"{row['how']}: {row['query']!r} -> {top_three[row['query']]}"
