"""Shared fixtures: a throw-away project folder built from the real mkdocs.yml and docs/,
with the data of a fixture (or the bundled data) copied in.

Two handbooks of real size: the bundled one (BUNDLED_DATA, `bundled_site`), whose content contributors change, so
its tests assert only what holds for any valid content; and the fixture handbook (HANDBOOK_DATA, `handbook_site`),
a frozen copy of it, for the tests that name what a handbook holds (ids, titles, counts, warnings, search results)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_DATA = FIXTURES / "sample" / "data"
# The bundled handbook's data folder, with its alert sources in alerts/ beside it. LOOPBOOK_TEST_HANDBOOK_DATA names
# another one: tests/e2e/test_contributions_keep_the_suite_green.py runs the tests of the bundled handbook on a copy
# with a contributor's entries added, to prove that they do not depend on what the bundled content says today.
BUNDLED_DATA = Path(os.environ.get("LOOPBOOK_TEST_HANDBOOK_DATA") or REPO / "data").resolve()
# A frozen copy of the bundled handbook (tests/fixtures/handbook/README.md): what tests that name content build.
HANDBOOK_DATA = FIXTURES / "handbook" / "data"


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
    # The same configuration as the repository's: loopbook arrives as the installed plugin. A handbook's data
    # folder (the bundled one, a copy of it, the fixture handbook) comes with the alert sources in alerts/ beside
    # it; another data set has none, and no alerts setting.
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    if data is not None and (data.parent / "alerts").is_dir():
        shutil.copytree(data.parent / "alerts", dest / "alerts")
    else:
        config = without_alert_sources(config)
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    if data is not None:
        shutil.copytree(data, dest / "data")
    else:
        (dest / "data").mkdir()
    return dest


def without_alert_sources(config: str) -> str:
    """mkdocs.yml without the settings that belong to the bundled data (extra.loopbook.alerts, its alert sources,
    and quality_notes, why its warnings stay; extra goes once it is empty), the rest as written."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(config)
    extra = data.get("extra") or {}
    for own in ("alerts", "quality_notes"):
        (extra.get("loopbook") or {}).pop(own, None)
    if "loopbook" in extra and not extra["loopbook"]:
        del extra["loopbook"]
    if "extra" in data and not extra:
        del data["extra"]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def with_loopbook_setting(config: str, setting: str) -> str:
    """mkdocs.yml text with one more key under extra.loopbook (`setting` is its line, e.g. 'strict: [x]'), beside
    the settings already there (the bundled handbook's alert sources)."""
    if "\nextra:\n  loopbook:\n" in config:
        return config.replace("\nextra:\n  loopbook:\n", f"\nextra:\n  loopbook:\n    {setting}\n", 1)
    return config + f"\nextra:\n  loopbook:\n    {setting}\n"


def built_project(root: Path) -> Path:
    """A project built by `loopbook build` (MkDocs strict), which must pass; its output kept in build-output.txt."""
    from click.testing import CliRunner

    from loopbook.cli import main

    result = CliRunner().invoke(main, ["build", "-C", str(root)])
    assert result.exit_code == 0, result.output
    (root / "build-output.txt").write_text(result.output)
    return root


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled handbook (BUNDLED_DATA) built once; its project folder. Assert only what holds for any valid content."""
    return built_project(make_project(tmp_path_factory.mktemp("bundled") / "project", BUNDLED_DATA))


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory) -> Path:
    """The fixture handbook (HANDBOOK_DATA, a frozen copy of the bundled one) built once; its project folder."""
    return built_project(make_project(tmp_path_factory.mktemp("handbook") / "project", HANDBOOK_DATA))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project holding the small sample data set."""
    return make_project(tmp_path / "project")
