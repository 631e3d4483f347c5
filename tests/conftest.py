"""Shared fixtures: a throw-away project folder built from the real mkdocs.yml and docs/,
with the data of a fixture (or the bundled data) copied in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_DATA = FIXTURES / "sample" / "data"


# Builds depend on "today" (runbook review dates); tests fix it so that they and their goldens are stable.
FIXED_TODAY_EPOCH = "1795392000"  # 2026-11-23


@pytest.fixture(autouse=True, scope="session")
def _fixed_build_date():
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", FIXED_TODAY_EPOCH)
    yield
    mp.undo()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite golden files and expected diagnostics from the current output.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def make_project(dest: Path, data: Path | None = SAMPLE_DATA) -> Path:
    """A project like the repository's, with its hand-written docs, whose data is a copy of `data`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs", dest / "docs", ignore=shutil.ignore_patterns("handbook"))
    # The same configuration as the repository's: loopbook arrives as the installed plugin.
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    if data is not None:
        shutil.copytree(data, dest / "data")
    else:
        (dest / "data").mkdir()
    return dest


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled handbook (the repository's data/) built once by `loopbook build` (MkDocs strict); its folder."""
    from click.testing import CliRunner

    from loopbook.cli import main

    root = make_project(tmp_path_factory.mktemp("bundled") / "project", REPO / "data")
    result = CliRunner().invoke(main, ["build", "-C", str(root)])
    assert result.exit_code == 0, result.output
    (root / "build-output.txt").write_text(result.output)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project holding the small sample data set."""
    return make_project(tmp_path / "project")
