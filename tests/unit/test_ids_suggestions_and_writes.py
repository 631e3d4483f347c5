"""Ids match the whole name; one suggestion function says "did you mean" the same way everywhere; `new`
and the other writers never write through a link or outside the project."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.diagnostics import did_you_mean, shown_id
from loopbook.files import atomic_write
from loopbook.model import is_id, slug


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("text, ok", [("alb-503", True), ("a", True), ("a" * 64, True), ("a" * 65, False), ("ownership\n", False),
                                      ("Ownership", False), ("o\u200bwnership", False), ("\u043ewnership", False), ("a--b", False),
                                      ("-a", False), ("", False), (None, False)])
def test_an_id_is_the_whole_name(text, ok):
    assert is_id(text) is ok


@pytest.mark.parametrize("text, meant", [("My-Story", "my-story"), ("Dive Deep", "dive-deep"), ("o\u200bwnership", "ownership"),
                                         ("\u043ewnership", "ownership"), ("ＦＵＬＬ width", "full-width"), ("café", "cafe"), ("!!!", "")])
def test_slug_is_the_id_text_most_likely_meant(text, meant):
    assert slug(text) == meant


@pytest.mark.parametrize("word, options, hint", [
    ("situaton", ["situation", "task"], "did you mean 'situation'?"),
    ("sev5", ["sev1", "sev2", "sev3", "sev4"], ""),  # as close to each: none stands out
    ("q-r", ["q-root-cause", "q-unanswered"], "did you mean 'q-root-cause'?"),
    ("\u043ewnership", ["ownership", "dive-deep"], "did you mean 'ownership'?"),  # not 'wnership'
    ("own\u200bership", ["ownership", "own"], "did you mean 'ownership'?"),
    ("Dive Deep", ["dive-deep", "ownership"], "did you mean 'dive-deep'?"),
    ("stroy", ["principle", "story", "question"], "did you mean 'story'?"),
    ("zzz", ["ownership"], ""),
])
def test_one_suggestion_function(word, options, hint):
    assert did_you_mean(word, options) == hint


def test_an_id_with_invisible_or_look_alike_characters_is_shown_as_code_points():
    assert shown_id("o\u200bwnership") == "o<U+200B>wnership" and shown_id("\u043ewn") == "<U+043E>wn"


def test_a_file_whose_name_ends_in_a_line_break_is_not_an_entry(project):
    (project / "data" / "stories" / "quiet-win\n.yaml").write_text((project / "data" / "stories" / "quiet-win.yaml").read_text())
    result = run("check", "-C", str(project))
    assert result.exit_code == 1
    assert ("data/stories/quiet-win\\n.yaml:1:1: error: file name 'quiet-win<U+000A>' is not a valid id: use lower-case words joined "
            "by hyphens, at most 64 characters (it holds U+000A); did you mean 'quiet-win'? [bad-id]") in result.output


def test_a_reference_that_ends_in_a_line_break_is_not_an_id(project):
    story = project / "data" / "stories" / "quiet-win.yaml"
    story.write_text(story.read_text().replace("principles: [ownership]", 'principles: ["ownership\\n"]'))
    result = run("check", "-C", str(project))
    assert result.exit_code == 1
    assert "item 1 of 'principles' is 'ownership<U+000A>', which is not an id" in result.output


def test_new_refuses_an_id_with_a_line_break(project):
    result = run("new", "story", "fresh\n", "-C", str(project))
    assert result.exit_code == 2 and "'fresh<U+000A>' is not an id" in result.output and "try 'fresh'" in result.output
    assert not list((project / "data" / "stories").glob("fresh*"))


def test_new_does_not_follow_a_dangling_link_out_of_the_project(project, tmp_path):
    target = tmp_path / "outside.yaml"
    (project / "data" / "stories" / "planted.yaml").symlink_to(target)
    result = run("new", "story", "planted", "-C", str(project))
    assert result.exit_code == 1 and "data/stories/planted.yaml is a symbolic link" in result.output
    assert not target.exists()


def test_new_does_not_write_through_a_linked_folder_out_of_the_project(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "data" / "metrics").rename(project / "data" / "metrics-old")
    (project / "data" / "metrics").symlink_to(outside, target_is_directory=True)
    result = run("new", "metric", "latency", "-C", str(project))
    assert result.exit_code == 1 and "cannot write data/metrics/latency.yaml" in result.output and "outside" in result.output
    assert list(outside.iterdir()) == []


def test_atomic_write_stays_inside_the_folder_it_is_given(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    outside.mkdir()
    (root / "sub").mkdir(parents=True)
    (root / "link").symlink_to(outside, target_is_directory=True)
    atomic_write(root / "sub" / "new" / "a.txt", "ok", inside=root)
    with pytest.raises(OSError):
        atomic_write(root / "link" / "a.txt", "no", inside=root)
    with pytest.raises(OSError):
        atomic_write(root / "link" / "deeper" / "a.txt", "no", inside=root)
    assert list(outside.iterdir()) == [] and (root / "sub" / "new" / "a.txt").read_text() == "ok"
