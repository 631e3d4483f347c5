"""Incremental re-rendering, in process: after one file changes, the pipeline re-renders that entry's
page and its graph neighbours, and every page the change cannot reach keeps the text it had. The serve
and watch tests cover this end to end; this holds the cache (Page.inputs, Pipeline._memo) itself."""

from __future__ import annotations

import os
from pathlib import Path

from loopbook.config import load_project
from loopbook.diagnostics import Diagnostics
from loopbook.pipeline import Pipeline
from loopbook.render.sitemap import ref_path

STORY = "story:quiet-win"  # cites principle:ownership only


def pipeline_for(project: Path) -> Pipeline:
    config = load_project(project, Diagnostics(), plugins=False)
    assert config is not None
    return Pipeline(config)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    stat = path.stat()  # a new mtime even on a coarse clock, so the memo sees the change
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_an_edit_re_renders_the_entry_and_its_neighbours_and_keeps_every_other_page(project):
    pipeline = pipeline_for(project)
    before = pipeline.run(links=False).pages()
    edit(project / "data" / "stories" / "quiet-win.yaml", "Pages were answered within the hour.",
         "Pages were answered within 40 minutes.")
    result = pipeline.run(links=False)
    renderer = result.renderer
    kept = set(renderer.done)  # pages taken from the previous run before anything is asked for
    after = result.pages()

    story, owner, dive = ref_path(STORY), ref_path("principle:ownership"), ref_path("principle:dive-deep")
    assert "40 minutes" in after[story] and "40 minutes" not in before[story]
    assert story not in kept and owner not in kept  # the entry and a principle it cites were re-rendered
    assert dive in kept and after[dive] is before[dive]  # a page the story does not reach kept its very text
    assert {p for p in after if after[p] != before[p]} <= set(after) - kept


def test_nothing_is_read_again_or_re_rendered_when_no_file_changed(project):
    pipeline = pipeline_for(project)
    before = pipeline.run(links=False).pages()
    result = pipeline.run(links=False)
    entry_pages = {p for p in result.renderer.pages if result.renderer.pages[p].inputs is not None}
    assert entry_pages <= set(result.renderer.done)
    assert all(result.pages()[p] is before[p] for p in entry_pages)


def test_a_deleted_entry_re_renders_the_pages_that_linked_to_it(project):
    pipeline = pipeline_for(project)
    before = pipeline.run(links=False).pages()
    (project / "data" / "stories" / "quiet-win.yaml").unlink()
    after = pipeline.run(links=False).pages()
    owner = ref_path("principle:ownership")
    assert ref_path(STORY) not in after
    assert "quiet-win" in before[owner] and "quiet-win" not in after[owner]
