"""Every output is escaped for where it goes (loopbook.diagnostics): GitHub workflow commands, a terminal, JSON.
A crafted file name or value can put no command into `make annotate` and no escape sequence on a terminal."""

from __future__ import annotations

import json

from click.testing import CliRunner

from loopbook.cli import main
from loopbook.diagnostics import Diagnostic, github_data, github_property, visible

CRAFTED = "x\n::notice title=Review::LGTM\n::stop-commands::abc\r,y:z%0A\x1b[8m.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_githubs_documented_escapes_for_data_and_properties():
    assert github_data("100%\r\n") == "100%25%0D%0A"
    assert github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert github_data("\x1b[31m") == "\\x1b[31m"  # other control characters as escapes, as on a terminal


def test_a_crafted_file_name_cannot_start_a_workflow_command(project):
    (project / "data" / "stories" / CRAFTED).write_text("title: T\n")
    result = run("check", "-C", str(project), "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines), lines
    crafted = next(line for line in lines if "x%0A" in line)
    assert crafted.startswith("::error file=data/stories/x%0A%3A%3Anotice title=Review%3A%3ALGTM%0A%3A%3Astop-commands"
                              "%3A%3Aabc%0D%2Cy%3Az%250A")


def test_a_crafted_file_name_is_one_visible_line_on_a_terminal_and_exact_in_json(project):
    (project / "data" / "stories" / CRAFTED).write_text("title: T\n")
    text = run("check", "-C", str(project)).output
    assert "\x1b" not in text and "::notice" not in text.split("\n", 1)[0]
    assert "data/stories/x\\n::notice title=Review::LGTM\\n::stop-commands::abc\\r,y:z%0A\\x1b[8m.yaml:1:1: error:" in text
    items = json.loads(run("check", "-C", str(project), "--format", "json").output)
    assert any(item["path"] == f"data/stories/{CRAFTED}" for item in items)


def test_a_terminal_sees_control_and_direction_characters_as_escapes():
    assert visible("ok \x1b[2J\x07\x00\u202eevil\u200b") == "ok \\x1b[2J\\x07\\x00\\u202eevil\\u200b"
    assert Diagnostic("a\u202eb.yaml", 1, 1, "error", "m\x1b", "invalid").text() == "a\\u202eb.yaml:1:1: error: m\\x1b [invalid]"


def test_yaml_escapes_for_control_characters_are_refused_at_their_place_and_list_never_shows_them(project):
    story = project / "data" / "stories" / "quiet-win.yaml"
    story.write_text(story.read_text().replace('title: "A <b>bold</b>', 'title: "\\e[2J\\a\\0A <b>bold</b>'))
    result = run("check", "-C", str(project))
    assert result.exit_code == 1
    found = [line.split(": error: ")[0] for line in result.output.splitlines() if "[control-character]" in line]
    assert found == ["data/stories/quiet-win.yaml:1:9", "data/stories/quiet-win.yaml:1:14", "data/stories/quiet-win.yaml:1:16"]
    listed = run("list", "-C", str(project)).output
    assert "\x1b" not in listed and "\x07" not in listed and "\x00" not in listed


def test_a_right_to_left_override_in_a_title_is_an_error_at_its_column(project):
    story = project / "data" / "stories" / "quiet-win.yaml"
    story.write_text(story.read_text().replace("title: \"A <b>bold</b>", "title: \"A \u202e<b>bold</b>"))
    result = run("check", "-C", str(project))
    assert result.exit_code == 1
    assert "data/stories/quiet-win.yaml:1:11: error: character U+202E (RIGHT-TO-LEFT OVERRIDE) reorders" in result.output
