"""Rendered Markdown of the sample data set, kept as golden files in tests/golden/sample/.
After a deliberate template change: pytest tests/unit/test_render.py --update-goldens, then review."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loopbook import pipeline
from loopbook.engines.zensical import write_pages
from loopbook.render.escape import no_html, text
from tests.conftest import SAMPLE_DATA, make_project

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "sample"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    root = make_project(tmp_path_factory.mktemp("golden") / "p", SAMPLE_DATA)
    result = pipeline.check_folder(root)
    assert not result.diags.errors, [d.text() for d in result.diags.errors]
    return result.pages()


def test_rendered_pages_match_the_golden_files(rendered, update_goldens):
    if update_goldens:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, content in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(content, "utf-8")
    on_disk = {p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(on_disk) == sorted(rendered)
    for path, content in rendered.items():
        assert content == on_disk[path], f"{path} differs from its golden file"


def test_data_is_never_evaluated_as_a_template(rendered):
    page = rendered["handbook/stories/alb-outage.md"]
    # Braces are escaped for Markdown (no attribute lists from data) and show as written on the site.
    assert "\\{\\{ 7*7 \\}\\}" in page and "49" not in page


def test_a_yaml_1_1_boolean_word_stays_the_title_written(rendered):
    assert '\n# No { data-pagefind-weight="10" }\n' in rendered["handbook/stories/alb-outage.md"]


def test_plain_text_is_escaped_and_prose_carries_no_raw_html(rendered):
    page = rendered["handbook/stories/quiet-win.md"]
    assert "# A &lt;b&gt;bold&lt;/b&gt; title with \\*stars\\* &amp; \\[brackets\\]" in page
    assert (no_html('Say <script>alert(1)</script> but `<keep>` and <https://x.org>')
            == 'Say &lt;script>alert(1)&lt;/script> but `<keep>` and <https://x.org>')
    assert text("a|b") == "a\\|b"


def test_prose_references_become_relative_links_with_the_target_title(rendered):
    page = rendered["handbook/stories/alb-outage.md"]
    assert "[the 503 runbook](../runbooks/alb-503.md)" in page
    assert "[Intermittent 503s from the load balancer](../runbooks/alb-503.md#rollback)" in page


def test_the_edit_source_of_a_generated_page_is_its_yaml_file(rendered):
    assert "source: data/runbooks/alb-503.yaml" in rendered["handbook/runbooks/alb-503.md"]


def test_only_changed_files_are_rewritten_and_stale_ones_removed(tmp_path, rendered):
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "mine.md").write_text("# hand-written\n")
    assert write_pages(docs, rendered) == (len(rendered), 0)
    story = docs / "handbook" / "stories" / "alb-outage.md"
    before = story.stat().st_mtime_ns
    stale = docs / "handbook" / "stories" / "gone.md"
    stale.write_text("old")
    assert write_pages(docs, rendered) == (0, 1)
    assert story.stat().st_mtime_ns == before and not stale.exists()
    assert (docs / "guide" / "mine.md").read_text() == "# hand-written\n"


def test_the_same_input_renders_byte_identical_output(tmp_path):
    a = pipeline.check_folder(make_project(tmp_path / "a", SAMPLE_DATA)).pages()
    b = pipeline.check_folder(make_project(tmp_path / "b", SAMPLE_DATA)).pages()
    assert a == b
