"""`loopbook build` end to end on the sample data: a real MkDocs build, swapped in atomically."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main

pytestmark = pytest.mark.e2e


def build(root: Path, *args: str):
    return CliRunner().invoke(main, ["build", "-C", str(root), *args])


def build_with(root: Path, file: Path, text: str):
    """Build with `file` holding `text` for this build only; the file is put back as it was."""
    good = file.read_text()
    file.write_text(text)
    try:
        return build(root)
    finally:
        file.write_text(good)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from tests.conftest import make_project

    root = make_project(tmp_path_factory.mktemp("built") / "p")
    result = build(root)
    assert result.exit_code == 0, result.output
    assert "built site from " in result.output and "with mkdocs" in result.output  # the published folder, named as configured
    return root


def test_every_kind_has_an_index_and_entry_pages(built):
    site = built / "site" / "handbook"
    for kind, entry in [("principles", "ownership"), ("stories", "alb-outage"), ("questions", "q-root-cause"),
                        ("runbooks", "alb-503"), ("metrics", "error-rate"), ("projects", "sample-project"),
                        ("roles", "support-engineer")]:
        assert (site / kind / "index.html").is_file()
        assert (site / kind / entry / "index.html").is_file()


def test_template_syntax_in_the_data_shows_as_written(built):
    html = (built / "site" / "handbook" / "stories" / "alb-outage" / "index.html").read_text()
    assert "the template syntax {{ 7*7 }} must show as written" in html


def test_the_published_site_holds_its_search_index_and_pagefind_ui(built):
    bundle = built / "site" / "pagefind"
    assert json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"] > 10
    assert (bundle / "pagefind-ui.js").is_file() and (bundle / "pagefind-ui.css").is_file()
    home = (built / "site" / "index.html").read_text()
    assert '<script src="pagefind/pagefind-ui.js">' in home and 'href="pagefind/pagefind-ui.css"' in home


def test_with_no_repository_there_is_no_repository_link_and_no_edit_button(built):
    """The sample project is no git repository and names none: nothing points at a hosting service."""
    for page in ("index.html", "handbook/stories/alb-outage/index.html"):
        html = (built / "site" / page).read_text()
        assert 'class="md-source"' not in html and 'rel="edit"' not in html
        assert "github.com" not in html and "gitlab.com" not in html

def test_no_temporary_folder_is_left_beside_the_site(built):
    assert sorted(p.name for p in built.iterdir() if p.name.startswith(".site")) == []


def test_bad_data_fails_the_build_and_leaves_the_previous_site_exactly_as_it_was(built):
    before = tree_digest(built / "site")
    story = built / "data" / "stories" / "alb-outage.yaml"
    result = build_with(built, story, story.read_text().replace("situation:", "situaton:"))
    assert result.exit_code == 1
    assert "data/stories/alb-outage.yaml:9:1: error: unknown key 'situaton'; did you mean 'situation'? [unknown-key]" in result.output
    assert tree_digest(built / "site") == before


def test_a_failure_inside_mkdocs_also_leaves_the_previous_site(built):
    before = tree_digest(built / "site")
    config = built / "mkdocs.yml"
    result = build_with(built, config, config.read_text() + "\nnav:\n  - Missing: not-there.md\n")
    assert result.exit_code == 1
    assert "[mkdocs]" in result.output and "not-there.md" in result.output
    assert tree_digest(built / "site") == before
    assert sorted(p.name for p in built.iterdir() if p.name.startswith(".site")) == []


def test_unsafe_output_from_any_source_blocks_publishing(built):
    before = tree_digest(built / "site")
    page = built / "docs" / "contributing.md"
    result = build_with(built, page, page.read_text() + '\n<a href="#" onclick="alert(1)">click</a>\n')
    assert result.exit_code == 1
    assert "site/contributing/index.html:1:1: error: unsafe output: <a> has an event handler (onclick) [unsafe-output]" in result.output
    assert tree_digest(built / "site") == before


def test_a_mkdocs_message_is_one_diagnostic_line(built):
    page = built / "docs" / "guide" / "stray.md"
    page.write_text("# Stray\n")
    try:
        result = build(built)
    finally:
        page.unlink()
    lines = [l for l in result.output.splitlines() if "[mkdocs]" in l]
    assert result.exit_code == 1 and len(lines) == 1
    assert (lines[0].startswith("mkdocs.yml:1:1: error: mkdocs: The following pages exist in the docs directory")
            and "guide/stray.md" in lines[0])


def test_a_page_cannot_load_a_script_from_the_search_folder_other_than_its_ui(built):
    # The guard lets the theme load pagefind/pagefind-ui.js from the site; that name on another host stays out
    # (a link to another file of pagefind/ is stopped earlier, by the link check; tests/unit/test_safety.py).
    before = tree_digest(built / "site")
    page = built / "docs" / "contributing.md"
    result = build_with(built, page, page.read_text() + '\n<script src="//evil.example/pagefind/pagefind-ui.js"></script>\n')
    assert result.exit_code == 1
    assert "unsafe output: <script src> loads //evil.example/pagefind/pagefind-ui.js [unsafe-output]" in result.output
    assert tree_digest(built / "site") == before


def test_a_search_index_failure_is_one_diagnostic_and_leaves_the_previous_site(built, monkeypatch):
    from loopbook.engines import search

    before = tree_digest(built / "site")
    monkeypatch.setattr(search, "command", lambda *_: [sys.executable, "-c", "import sys; print('Error: disk full'); sys.exit(3)"])
    result = build(built)
    assert result.exit_code == 1
    assert "site/pagefind:1:1: error: pagefind: Error: disk full [search-index]" in result.output
    assert "Traceback" not in result.output
    assert tree_digest(built / "site") == before
