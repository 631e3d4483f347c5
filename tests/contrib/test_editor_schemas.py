"""The schemas editors and other validators use: schemas/ is the package's copy, every data file
names its schema on its first line, and an independent validator accepts the bundled data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.data import editor
from loopbook.model import KIND_BY_PLURAL, KINDS
from tests.conftest import BUNDLED_DATA, REPO

EXPORTED = REPO / "schemas"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("kind", list(KINDS))
def test_schemas_folder_is_a_byte_identical_copy_of_the_package_schemas(kind):
    exported = EXPORTED / editor.schema_file(kind)
    assert exported.is_file(), f"{exported} is missing; run: make schemas"
    assert exported.read_bytes() == editor.canonical_schema(kind), f"{exported} is out of date; run: make schemas"


def test_schemas_folder_holds_nothing_but_the_kinds_schemas():
    assert sorted(p.name for p in EXPORTED.iterdir()) == sorted(editor.schema_file(k) for k in KINDS)


def test_export_writes_every_schema_then_check_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("schemas", "--export", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(editor.schema_file(k) for k in KINDS)
    assert run("schemas", "--check", "out").exit_code == 0
    assert editor.export(tmp_path / "out") == []  # unchanged files are left alone


def test_check_names_a_changed_a_missing_and_a_left_over_schema(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    editor.export(tmp_path / "out")
    (tmp_path / "out" / "story.schema.json").write_text("{}")
    (tmp_path / "out" / "role.schema.json").unlink()
    (tmp_path / "out" / "gone.schema.json").write_text("{}")
    result = run("schemas", "--check", "out")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "[stale-schema]" in line]
    assert [line.split(":", 1)[0] for line in lines] == ["out/gone.schema.json", "out/role.schema.json", "out/story.schema.json"]
    assert "Traceback" not in result.output


def test_schemas_command_wants_exactly_one_of_export_and_check():
    assert run("schemas").exit_code == 2
    assert run("schemas", "--export", "a", "--check", "b").exit_code == 2


def test_every_bundled_data_file_starts_with_the_line_naming_its_schema():
    wrong = []
    for file in sorted(BUNDLED_DATA.glob("*/*.y*ml")):
        kind = KIND_BY_PLURAL[file.parent.name].name
        if file.read_text("utf-8").split("\n", 1)[0] != editor.modeline(kind):
            wrong.append(file.relative_to(BUNDLED_DATA.parent).as_posix())
    assert not wrong, f"first line is not '# yaml-language-server: $schema=../../schemas/<kind>.schema.json': {wrong}"


def test_the_line_points_at_an_existing_schema_file_from_the_data_folder():
    for kind in KINDS:  # from where the repository's data files are (its layout, not its content)
        relative = editor.modeline(kind).removeprefix(editor.MODELINE_PREFIX)
        assert (REPO / "data" / KINDS[kind].plural / relative).resolve() == (EXPORTED / editor.schema_file(kind)).resolve()


def test_check_warns_about_a_missing_or_misdirected_schema_line_when_the_project_keeps_schemas(project):
    editor.export(project / "schemas")
    stories = project / "data" / "stories"
    quiet = stories / "quiet-win.yaml"
    quiet.write_text("# yaml-language-server: $schema=../../schemas/runbook.schema.json\n" + quiet.read_text())
    result = run("check", "-C", str(project))
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "[schema-comment]" in line]
    misdirected = "data/stories/quiet-win.yaml:1:1: warning: the first line points editors at ../../schemas/runbook.schema.json"
    assert any(line.startswith(misdirected) for line in warned)
    assert any(line.startswith("data/stories/alb-outage.yaml:1:1: warning: editors cannot find the schema") for line in warned)
    assert run("check", "-C", str(project), "--strict").exit_code == 1


def test_check_says_nothing_about_schema_lines_in_a_project_without_schemas(project):
    result = run("check", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert "[schema-comment]" not in result.output


def test_new_writes_the_schema_line_first(project):
    assert run("new", "runbook", "disk-full", "-C", str(project)).exit_code == 0
    text = (project / "data" / "runbooks" / "disk-full.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/runbook.schema.json"


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert exe, "check-jsonschema is not installed: it is pinned in requirements-dev.txt (make setup)"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("kind", list(KINDS))
def test_check_jsonschema_accepts_the_bundled_data_against_the_exported_schemas(kind):
    # Its YAML parser reads timestamps as text, so dates need no flag; quoted or not, they validate as format: date.
    files = sorted(str(p) for p in (BUNDLED_DATA / KINDS[kind].plural).glob("*.y*ml"))
    if not files:
        return  # the handbook holds none of this kind today: nothing to validate
    done = _check_jsonschema("--schemafile", str(EXPORTED / editor.schema_file(kind)), *files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_jsonschema_rejects_a_date_that_does_not_exist(tmp_path):
    """The control for the test above: the independent validator does check formats."""
    runbook = sorted((BUNDLED_DATA / "runbooks").glob("*.yaml"))[0].read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text("\n".join("last_reviewed: 2024-02-30" if line.startswith("last_reviewed:") else line for line in runbook.splitlines()))
    done = _check_jsonschema("--schemafile", str(EXPORTED / "runbook.schema.json"), str(bad))
    assert done.returncode == 1
    assert "last_reviewed" in done.stdout
