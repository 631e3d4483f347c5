"""Odd files under data/ are reported at their path without being opened, and no command ends in an internal
error on any path argument: empty, a folder, an existing file, outside the project, missing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from loopbook.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_fifo_named_like_an_entry_is_reported_without_being_opened(project):
    os.mkfifo(project / "data" / "stories" / "pipe.yaml")
    # A real process with a deadline: a reader that opened the FIFO would wait for a writer forever.
    done = subprocess.run([sys.executable, "-m", "loopbook", "check", "-C", str(project)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert ("data/stories/pipe.yaml:1:1: error: a FIFO, not a file, is named like an entry; loopbook reads regular files only: "
            "move it out of data/ [not-an-entry]") in done.stderr


def test_a_folder_named_like_an_entry_and_a_linked_folder_are_reported_not_skipped(project, tmp_path):
    (project / "data" / "stories" / "drafts.yaml").mkdir()
    (project / "data" / "stories" / "drafts.yaml" / "one.yaml").write_text("title: T\n")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "hidden.yaml").write_text("title: T\n")
    (project / "data" / "more-stories").symlink_to(tmp_path / "more", target_is_directory=True)
    result = run("check", "-C", str(project))
    assert result.exit_code == 1 and "internal error" not in result.output
    assert "data/stories/drafts.yaml:1:1: error: a folder, not a file, is named like an entry" in result.output
    assert "data/stories/drafts.yaml/one.yaml:1:1: error: not in a kind folder" in result.output
    assert "data/more-stories:1:1: error: symbolic links are not followed" in result.output


@pytest.fixture
def places(project, tmp_path, monkeypatch):
    """One of each kind of path argument, run from a throw-away folder: an empty path read as "." names the
    current folder, and a build that took it for its site folder would replace whatever is there."""
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    (tmp_path / "a-file.txt").write_text("not a folder")
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-folder" / "x").write_text("x")
    return {"empty": "", "folder": str(tmp_path / "a-folder"), "file": str(tmp_path / "a-file.txt"),
            "outside": str(tmp_path / "outside" / "new"), "project": str(project)}


COMMANDS = {
    "check -C": lambda p, v: ["check", "-C", v],
    "build -C": lambda p, v: ["build", "-C", v],
    "build --site-dir": lambda p, v: ["build", "-C", p, "--site-dir", v],
    "new -C": lambda p, v: ["new", "story", "fresh", "-C", v],
    "list -C": lambda p, v: ["list", "-C", v],
    "plan -C": lambda p, v: ["plan", "sample-loop", "-C", v],
    "export anki -C": lambda p, v: ["export", "anki", "-C", v, "--out", os.path.join(p, "deck.apkg")],
    "export anki --out": lambda p, v: ["export", "anki", "-C", p, "--out", v],
    "init": lambda p, v: ["init", v],
    "schemas --export": lambda p, v: ["schemas", "--export", v],
    "schemas --check": lambda p, v: ["schemas", "--check", v],
    "serve -C": lambda p, v: ["serve", "-C", v, "--dev-addr", "127.0.0.1:1"],  # never a project: nothing is served
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", ["empty", "folder", "file", "outside"])
def test_no_path_argument_ends_in_an_internal_error(places, command, kind):
    result = run(*COMMANDS[command](places["project"], places[kind]))
    assert "internal error" not in result.output and "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    if kind == "empty":
        assert result.exit_code == 2 and "an empty path names nothing" in result.output
