"""Each folder under tests/cases/ is one scenario of bad input: its data/ files (and any other files of
the project it needs, such as alert sources) are laid over the sample data set, `mkdocs.append.yml` is
added to the end of mkdocs.yml, and `loopbook check` must print exactly the lines of its expected.txt,
and exit 1 when they hold an error (a scenario of warnings only, such as YAML that parses into something
its writer did not mean, exits 0). Refresh expected.txt with --update-goldens, then review the diff."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from tests.conftest import HANDBOOK_DATA, make_project

CASES = Path(__file__).parent / "cases"
SCENARIOS = sorted(p.name for p in CASES.iterdir() if p.is_dir())
FAILING = [name for name in SCENARIOS if " error: " in (CASES / name / "expected.txt").read_text("utf-8")]


CONFIG_APPEND = "mkdocs.append.yml"


def run_case(root: Path, name: str, command: str) -> tuple[int, str]:
    case = CASES / name
    shutil.copytree(case, root, dirs_exist_ok=True, symlinks=True, ignore=shutil.ignore_patterns("expected.txt", CONFIG_APPEND))
    if (case / CONFIG_APPEND).is_file():
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write("\n" + (case / CONFIG_APPEND).read_text("utf-8"))
    result = CliRunner().invoke(main, [command, "-C", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", SCENARIOS)
def test_bad_input_is_reported_exactly(tmp_path, name, update_goldens):
    code, output = run_case(make_project(tmp_path / name), name, "check")
    expected = CASES / name / "expected.txt"
    if update_goldens:
        expected.write_text(output, "utf-8")
    assert "Traceback" not in output
    assert code == (1 if " error: " in output else 0)
    assert output == expected.read_text("utf-8")


@pytest.mark.parametrize("name", FAILING)
def test_bad_input_fails_the_build_and_leaves_the_previous_site_and_docs_untouched(tmp_path, name):
    root = make_project(tmp_path / name)
    (root / "site" / "handbook").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<h1>the previous site</h1>")
    (root / "site" / "handbook" / "page.html").write_text("kept")
    site_before, docs_before = tree(root / "site"), tree(root / "docs")
    code, output = run_case(root, name, "build")
    assert code == 1 and "Traceback" not in output
    assert output == (CASES / name / "expected.txt").read_text("utf-8")
    assert tree(root / "site") == site_before
    assert tree(root / "docs") == docs_before
    case_files = {p.name for p in (CASES / name).iterdir()} - {"expected.txt", CONFIG_APPEND}
    assert {p.name for p in root.iterdir()} <= {".cache", "data", "docs", "mkdocs.yml", "site"} | case_files
    assert all(p.is_relative_to(root / ".cache" / "loopbook") for p in (root / ".cache").rglob("*") if p.is_file())


def test_check_in_a_real_process_exits_1_with_positions_and_no_traceback(tmp_path):
    """On the fixture handbook (a handbook of real size): a story with a misspelled key citing a missing principle (its
    suggestion is a principle the handbook holds), and a syntax error."""
    root = make_project(tmp_path / "p", HANDBOOK_DATA)
    shutil.copytree(CASES / "misspelled-key-and-unknown-principle" / "data", root / "data", dirs_exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "loopbook", "check", "-C", str(root)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.splitlines()
    assert any("data/stories/typo-story.yaml:3:1: error: unknown key 'situaton'; did you mean 'situation'?" in l for l in lines)
    assert any("data/stories/typo-story.yaml:2:25: error: unknown principle 'ownershp'; did you mean 'ownership'?" in l for l in lines)
    assert any(l.startswith("data/questions/broken-syntax.yaml:3:13: error: YAML syntax error") for l in lines)
