"""loopbook.engines.search: Pagefind over a built site, and its failures as diagnostics."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from loopbook.diagnostics import Diagnostics
from loopbook.engines import search

PAGE = ('<!doctype html><html lang="en"><head><title>t</title></head><body><nav>Menu words</nav>'
        '<article data-pagefind-body><h1 data-pagefind-weight="10">Queue backlog<a class="headerlink" href="#q">¶</a></h1>'
        '<span hidden data-pagefind-filter="kind:runbook" data-pagefind-meta="kind:runbook"></span>'
        '<p>Drain it.</p></article></body></html>')


def site_with(tmp_path: Path, *pages: str) -> Path:
    site = tmp_path / "site"
    for n, html in enumerate(pages):
        (site / f"p{n}").mkdir(parents=True)
        (site / f"p{n}" / "index.html").write_text(html, "utf-8")
    return site


def test_a_built_site_gets_its_index_quietly_in_its_pagefind_folder(tmp_path):
    site = site_with(tmp_path, PAGE, PAGE.replace("data-pagefind-body", ""))
    (site / "pagefind").mkdir()
    (site / "pagefind" / "stale.pf_fragment").write_text("from the last build")
    diags = Diagnostics()
    assert search.index_site(site, diags) and diags.items == []
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 1  # only the page whose article is marked
    assert not (site / "pagefind" / "stale.pf_fragment").exists()


def test_a_site_with_no_marked_article_is_an_error(tmp_path):
    site = site_with(tmp_path, "<html><body><p>nothing marked</p></body></html>")
    # Without any data-pagefind-body Pagefind indexes whole pages; the theme always marks them, so this is a
    # site the theme did not write. An empty folder is what Pagefind cannot index at all.
    empty = tmp_path / "empty"
    empty.mkdir()
    diags = Diagnostics()
    assert search.index_site(site, Diagnostics())
    assert not search.index_site(empty, diags)
    assert [d.code for d in diags.items] == ["search-index"]
    assert all("\n" not in d.message for d in diags.items)


def test_pagefind_failing_is_reported_one_line_per_problem_without_a_traceback(tmp_path, monkeypatch):
    site = site_with(tmp_path, PAGE)
    script = "import sys; print('Running Pagefind v1.5.2'); print('Error: cannot write   bundle'); sys.exit(2)"
    monkeypatch.setattr(search, "command", lambda *_: [sys.executable, "-c", script])
    diags = Diagnostics()
    assert not search.index_site(site, diags)
    assert [d.text() for d in diags.items] == ["site/pagefind:1:1: error: pagefind: Error: cannot write bundle [search-index]"]


def test_pagefind_that_cannot_start_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "command", lambda *_: [str(tmp_path / "no-such-program")])
    diags = Diagnostics()
    assert not search.index_site(site_with(tmp_path, PAGE), diags)
    assert diags.items[0].message.startswith("pagefind: cannot start it:")


def _counts(site: Path) -> list[int]:
    """The pages each bundle of the site's index holds: pagefind/ first, then the parts parts.json lists."""
    bundle = site / "pagefind"
    further = json.loads((bundle / search.PARTS).read_text("utf-8"))
    return [json.loads((bundle / part / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
            for part in ["", *further]]


def test_a_small_site_is_indexed_in_one_run_and_lists_no_further_part(tmp_path):
    site = site_with(tmp_path, PAGE, PAGE)
    assert search.index_site(site, Diagnostics())
    assert json.loads((site / "pagefind" / search.PARTS).read_text()) == []
    assert _counts(site) == [2]


def test_a_site_larger_than_a_part_is_indexed_in_parts_that_hold_each_page_once(tmp_path, monkeypatch):
    site = site_with(tmp_path, *(PAGE.replace("Drain it.", f"Drain queue {n}.") for n in range(5)))
    monkeypatch.setattr(search, "PART_BYTES", 2 * len(PAGE.encode()) + 10)  # two pages a part
    diags = Diagnostics()
    assert search.index_site(site, diags) and diags.items == []
    assert json.loads((site / "pagefind" / search.PARTS).read_text()) == ["part-1/", "part-2/"]
    assert _counts(site) == [2, 2, 1]
    assert not (site / search.APART).exists()  # the links Pagefind read a part from are gone
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) == [f"p{n}/index.html" for n in range(5)]


def test_parts_follow_the_paths_and_a_page_larger_than_a_part_stands_alone(tmp_path, monkeypatch):
    site = site_with(tmp_path, "a" * 10, "b" * 50, "c" * 10, "d" * 10)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "ui.html").write_text("not a page of the site")
    monkeypatch.setattr(search, "PART_BYTES", 20)
    assert [[p.parent.name for p in part] for part in search.parts(site)] == [["p0"], ["p1"], ["p2", "p3"]]


def test_a_part_that_fails_stops_the_index_with_its_diagnostic_and_leaves_no_links(tmp_path, monkeypatch):
    site = site_with(tmp_path, PAGE, PAGE, PAGE)
    monkeypatch.setattr(search, "PART_BYTES", len(PAGE.encode()))
    real = search.command
    runs: list[Path] = []

    def second_fails(folder: Path, output: Path) -> list[str]:
        runs.append(folder)
        if len(runs) == 2:
            return [sys.executable, "-c", "import sys; print('Error: out of memory'); sys.exit(1)"]
        return real(folder, output)

    monkeypatch.setattr(search, "command", second_fails)
    diags = Diagnostics()
    assert not search.index_site(site, diags)
    assert [d.text() for d in diags.items] == ["site/pagefind:1:1: error: pagefind: Error: out of memory [search-index]"]
    assert len(runs) == 2 and not (site / search.APART).exists()


def test_a_link_standing_where_the_parts_are_staged_is_removed_not_followed(tmp_path, monkeypatch):
    site = site_with(tmp_path, PAGE, PAGE)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the site's")
    (site / search.APART).symlink_to(outside, target_is_directory=True)
    monkeypatch.setattr(search, "PART_BYTES", len(PAGE.encode()))
    assert search.index_site(site, Diagnostics())
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"] and not (site / search.APART).exists()
