from __future__ import annotations

import posixpath

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from loopbook.cli import main
from loopbook.render.sitemap import rel


def check(root) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "-C", str(root)])
    return result.exit_code, [l for l in result.output.splitlines() if ": error: " in l]


def test_a_broken_raw_html_link_in_a_hand_written_page_is_reported_at_its_line(project):
    page = project / "docs" / "guide" / "how-to-use.md"
    page.write_text(page.read_text() + '\nSee <a href="../../handbook/runbooks/alb-503/#rollbak">the rollback</a> and '
                    '<a href="../../handbook/nowhere/">nothing</a>.\n')
    code, errors = check(project)
    line = len(page.read_text().splitlines())
    assert code == 1
    assert errors == [
        f"docs/guide/how-to-use.md:{line}:14: error: link '../../handbook/runbooks/alb-503/#rollbak': no anchor 'rollbak' "
        "on that page; did you mean 'rollback'? [broken-anchor]",
        f"docs/guide/how-to-use.md:{line}:86: error: link '../../handbook/nowhere/': no page handbook/nowhere.md in the site [broken-link]",
    ]


def test_good_raw_html_and_markdown_links_between_hand_written_and_generated_pages_pass(project):
    page = project / "docs" / "guide" / "how-to-use.md"
    page.write_text(page.read_text() + '\n<a href="../../handbook/runbooks/alb-503/#rollback">ok</a> '
                    '[ok](../handbook/stories/alb-outage.md#situation) '
                    '<a href="../../">home</a> <a href="../star-method/">star</a>\n')
    assert check(project) == (0, [])


@pytest.mark.parametrize("data", ["sample", "injection", "handbook", "bundled"])
def test_the_ids_read_from_headings_are_the_ids_the_page_gets(tmp_path, data):
    """The quick reading of a generated page's ids (its headings slugified directly, and raw HTML) agrees
    with a full conversion, on every page of the sample, the hostile, the fixture and the bundled handbooks. How often
    the direct reading suffices depends on how the pages are written, so it is measured on the fixtures only."""
    import markdown

    from loopbook import pipeline
    from loopbook.checks.anchors import Anchors, _headings, _plain_heading_ids
    from tests.conftest import BUNDLED_DATA, FIXTURES, HANDBOOK_DATA, make_project

    source = {"sample": FIXTURES / "sample" / "data", "injection": FIXTURES / "injection" / "data", "handbook": HANDBOOK_DATA,
              "bundled": BUNDLED_DATA}[data]
    result = pipeline.check_folder(make_project(tmp_path / "p", source))
    config = {"extensions": ["toc", "attr_list", "md_in_html", "admonition", "pymdownx.details", "pymdownx.superfences",
                             "pymdownx.tabbed", "tables"], "configs": {"toc": {"permalink": True}}}
    md = markdown.Markdown(extensions=config["extensions"], extension_configs=config["configs"])
    anchors = Anchors(md, "", None)
    pages = direct = 0
    for path, text in result.pages().items():
        if path.endswith(".md"):
            exact = {i for i in anchors.exact(text) if not i.startswith("__")}  # the tabbed extension's own ids
            assert anchors.of(text) == exact, path
            pages += 1
            direct += _plain_heading_ids(_headings(text)[0], md) is not None
    assert pages
    if data != "bundled":
        assert direct >= 0.9 * pages  # the direct reading, not the conversion, does the work


def test_a_heading_inside_a_code_fence_is_no_id():
    from loopbook.checks.anchors import _headings

    headings, raw = _headings("# Title\n\n```bash\n# a comment\n```\n\n<li id=\"story-1\">x</li>\n\n    # indented, code\n## Steps\n")
    assert headings == ["# Title", "## Steps"] and raw == {"story-1"}


_segment = st.sampled_from(["handbook", "stories", "runbooks", "guide", "index", "x"])
_page = st.builds(lambda parts, name: "/".join([*parts, name + ".md"]), st.lists(_segment, max_size=3), _segment)


@given(from_page=_page, to_page=_page)
def test_a_link_between_two_pages_is_the_one_posixpath_would_write(from_page, to_page):
    """sitemap.rel computes relative links without the file system; it must agree with posixpath."""
    assert rel(from_page, to_page) == posixpath.relpath(to_page, posixpath.dirname(from_page))


def test_a_story_with_an_unknown_key_has_its_broken_links_listed_in_the_same_json_run(project):
    import json
    import shutil

    from tests.conftest import REPO

    case = REPO / "tests" / "cases" / "story-with-an-unknown-key-and-a-broken-link" / "data"
    shutil.copytree(case, project / "data", dirs_exist_ok=True)
    result = CliRunner().invoke(main, ["check", "-C", str(project), "--format", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [(d["path"], d["line"], d["col"], d["code"]) for d in json.loads(result.output) if d["severity"] == "error"]
    story = "data/stories/unknown-key-and-links.yaml"
    assert errors == [(story, 4, 46, "broken-link"), (story, 5, 1, "unknown-key"), (story, 6, 12, "broken-anchor")]


def test_a_link_in_prose_of_the_wrong_shape_is_passed_over_and_the_rest_still_checked(project):
    (project / "data" / "stories" / "odd-shapes.yaml").write_text(
        "title: Odd shapes\nprinciples: [ownership]\nsituation: See [gone](../nowhere.md).\ntask: T\n"
        "action:\n  step: Read [this](../also-gone.md).\nresult:\n  - 40 %\nlearnings: 42\n")
    code, errors = check(project)
    assert code == 1
    assert [e.split(": error: ")[0] + " " + e.rsplit(" ", 1)[-1] for e in errors if "odd-shapes" in e] == [
        "data/stories/odd-shapes.yaml:3:23 [broken-link]",
        "data/stories/odd-shapes.yaml:6:3 [wrong-type]",
        "data/stories/odd-shapes.yaml:8:3 [wrong-type]",
        "data/stories/odd-shapes.yaml:9:12 [wrong-type]",
    ]
