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
    # The same configuration as the repository's: loopbook arrives as the installed plugin. The bundled
    # handbook comes with its example alert sources; another data set has none, and no alerts setting.
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    if data == REPO / "data":
        shutil.copytree(REPO / "alerts", dest / "alerts")
    else:
        config = without_alert_sources(config)
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    if data is not None:
        shutil.copytree(data, dest / "data")
    else:
        (dest / "data").mkdir()
    return dest


def without_alert_sources(config: str) -> str:
    """mkdocs.yml without extra.loopbook.alerts (and without extra once it is empty), the rest as written."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(config)
    extra = data.get("extra") or {}
    (extra.get("loopbook") or {}).pop("alerts", None)
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
