"""`loopbook check` (and plan, export, the pre-commit hook) reads mkdocs.yml without running anything: no hook
is imported, no Python tag constructed, no Markdown extension imported from the project (loopbook.config.reader)."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from loopbook.cli import main
from loopbook.config import load_project
from loopbook.diagnostics import Diagnostics


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def add(project, text: str) -> int:
    config = project / "mkdocs.yml"
    before = config.read_text()
    config.write_text(before + text)
    return before.count("\n") + 1


def test_check_imports_no_hook_and_constructs_no_python_object(project, tmp_path):
    ran = tmp_path / "ran"
    (project / "hook.py").write_text(f"open({str(ran / 'hook')!r}, 'w').close()\n")
    ran.mkdir()
    line = add(project, f"hooks:\n  - hook.py\nextra:\n  boom: !!python/object/apply:os.system ['touch {ran / 'tag'}']\n")
    for command in (["check"], ["plan", "sample-loop"], ["export", "anki", "--out", str(tmp_path / "x.apkg")]):
        result = run(*command, "-C", str(project))
        assert result.exit_code == 1, result.output
        assert f"mkdocs.yml:{line + 3}:9: error: !!python/object/apply:os.system runs Python code while mkdocs.yml is read" in result.output
    assert list(ran.iterdir()) == []


def test_the_pre_commit_hooks_command_runs_no_hook_either(project, tmp_path):
    (project / "hook.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').close()\n")
    add(project, "hooks:\n  - hook.py\n")
    done = subprocess.run([sys.executable, "-m", "loopbook", "check"], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "ran").exists()


def test_mkdocs_and_materials_harmless_tags_are_read_as_values(project, monkeypatch):
    monkeypatch.setenv("HANDBOOK_NAME", "From the environment")
    add(project, "extra:\n  who: !ENV [HANDBOOK_NAME, nobody]\n  emoji: !!python/name:material.extensions.emoji.twemoji\n"
                 "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                 "  - pymdownx.snippets:\n      base_path: !relative $config_dir\n")
    project_read = load_project(project, Diagnostics(), plugins=False)
    assert project_read is not None
    extra = project_read.mkdocs["extra"]
    assert extra["who"] == "From the environment" and extra["emoji"] == "material.extensions.emoji.twemoji"
    assert "pymdownx.emoji" in project_read.mkdocs["markdown_extensions"]
    assert "emoji_index" not in project_read.mkdocs["mdx_configs"].get("pymdownx.emoji", {})  # names code: left at its default
    assert run("check", "-C", str(project)).exit_code == 0


def test_a_markdown_extension_from_the_project_folder_is_never_imported(project, tmp_path, monkeypatch):
    (project / "localext.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').close()\n")
    monkeypatch.syspath_prepend(str(project))  # as `python -m loopbook` run in the project puts it first
    line = add(project, "markdown_extensions:\n  - localext\n")
    result = run("check", "-C", str(project))
    assert result.exit_code == 1
    assert (f"mkdocs.yml:{line + 1}:5: error: the Markdown extension localext would be imported from localext.py, "
            "in the project") in result.output
    assert not (tmp_path / "ran").exists()


def test_a_build_still_reads_mkdocs_yml_as_mkdocs_does(project, tmp_path):
    (project / "hook.py").write_text(f"open({str(tmp_path / 'ran')!r}, 'w').close()\n")
    add(project, "hooks:\n  - hook.py\n")
    result = run("build", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ran").exists()  # MkDocs imports hooks by design: the README's trust section says so
