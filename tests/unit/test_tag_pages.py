"""Tags: an index of every tag with its count, a page per tag listing the entries that carry it, and each
entry's tags leading to those pages. One page of every tag with every entry grew with tags x entries."""

from datetime import date
from pathlib import Path

from loopbook.data.graph import build_graph
from loopbook.data.load import load_handbook
from loopbook.diagnostics import Diagnostics
from loopbook.render.pages import all_pages
from loopbook.render.renderer import Renderer
from loopbook.render.sitemap import TAGS, is_entry_page, navigation, tag_path
from loopbook.render.views import tag_pages
from tests.conftest import make_project

STORY = "title: Story {n}\nprinciples: [ownership]\nsituation: S\ntask: T\naction: [I did it.]\nresult: Done.\ntags: [{tags}]\n"


def graph_of(tmp_path: Path, tagged: dict[str, str]):
    root = make_project(tmp_path / "p")
    for n, (id_, tags) in enumerate(tagged.items()):
        (root / "data" / "stories" / f"{id_}.yaml").write_text(STORY.format(n=n, tags=tags))
    diags = Diagnostics()
    graph = build_graph(load_handbook(root, diags), diags)
    assert not diags.errors, diags.items
    return graph


def rendered(graph, pages) -> dict[str, str]:
    return Renderer(pages, graph.book, {}).all()


def test_a_tag_s_page_lists_every_entry_that_carries_it_by_kind_and_the_index_counts_them(tmp_path):
    graph = graph_of(tmp_path, {"a": "kafka, on-call", "b": "kafka", "c": "on-call"})
    pages = tag_pages(graph)
    text = rendered(graph, pages)
    kafka = text[tag_path("kafka")]
    assert "[Story 0](../stories/a.md)" in kafka and "[Story 1](../stories/b.md)" in kafka
    assert "stories/c.md" not in kafka
    assert "## Stories (2) { #stories }" in kafka
    index = text[TAGS]
    assert "| [kafka](kafka.md) | " in index and "| [on-call](on-call.md) | " in index
    # The index names each tag once and no entry: it grows with the tags, not with the entries.
    assert "stories/" not in index


def test_an_entry_s_tags_lead_to_their_pages_and_tag_pages_stay_out_of_the_sidebar(tmp_path):
    graph = graph_of(tmp_path, {"a": "kafka"})
    page = next(p for p in all_pages(graph, date(2026, 1, 1)) if p.path.endswith("/stories/a.md"))
    assert "[kafka](../tags/kafka.md){ .md-tag }" in rendered(graph, [page])[page.path]
    assert is_entry_page(tag_path("kafka")) and not is_entry_page(TAGS)
    assert "tags" in navigation()["handbook/.nav.yml"]["nav"]
