"""`loopbook build --engine zensical`: the same generated docs, built by Zensical into a temporary
folder and swapped in only on success, the previous site untouched on any failure."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.engines import zensical as engine

FAKE = Path(__file__).with_name("fake_zensical.py")
ENTRY_PAGES = [("principles", "ownership"), ("stories", "alb-outage"), ("questions", "q-root-cause"), ("runbooks", "alb-503"),
               ("metrics", "error-rate"), ("projects", "sample-project"), ("roles", "support-engineer")]


def build(root: Path, *args: str):
    return CliRunner().invoke(main, ["build", "-C", str(root), "--engine", "zensical", *args])


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site.", ".loopbook-zensical-")))


@pytest.fixture
def fake(monkeypatch):
    """Zensical replaced by fake_zensical.py in the given mode."""
    def use(mode: str) -> None:
        monkeypatch.setattr(engine, "unavailable", lambda: None)
        monkeypatch.setattr(engine, "command", lambda config: [sys.executable, str(FAKE), mode, "--config-file", str(config)])
    return use


def test_the_generated_docs_are_built_and_swapped_into_site(project, fake):
    fake("ok")
    result = build(project)
    assert result.exit_code == 0, result.output
    assert "with zensical" in result.output
    for kind, entry in ENTRY_PAGES:
        assert (project / "site" / "handbook" / kind / entry / "index.html").is_file()
    assert leftovers(project) == []


def test_a_failing_build_leaves_the_previous_site_exactly_as_it_was(project, fake):
    fake("ok")
    assert build(project).exit_code == 0
    before = digest(project / "site")
    fake("fail")
    result = build(project)
    assert result.exit_code == 1
    assert "mkdocs.yml:1:1: error: zensical: RuntimeError: could not render include: boom [zensical]" in result.output
    assert "Traceback" not in result.output
    assert digest(project / "site") == before
    assert leftovers(project) == []


def test_the_output_guard_stops_an_unsafe_zensical_site_too(project, fake):
    fake("ok")
    assert build(project).exit_code == 0
    before = digest(project / "site")
    fake("unsafe")
    result = build(project)
    assert result.exit_code == 1
    assert "site/index.html:1:1: error: unsafe output: <h1> has an event handler (onmouseover) [unsafe-output]" in result.output
    assert digest(project / "site") == before
    assert leftovers(project) == []


def test_a_build_that_writes_no_site_is_a_failure(project, fake):
    fake("empty")
    result = build(project)
    assert result.exit_code == 1
    assert "wrote no index.html [zensical]" in result.output
    assert not (project / "site").exists()


def test_bad_data_stops_before_zensical_runs(project, fake):
    fake("ok")
    story = project / "data" / "stories" / "alb-outage.yaml"
    story.write_text(story.read_text().replace("situation:", "situaton:"))
    result = build(project)
    assert result.exit_code == 1 and "[unknown-key]" in result.output
    assert not (project / "site").exists()


def test_without_zensical_the_build_says_how_to_install_it(project, monkeypatch):
    monkeypatch.setattr(engine, "MODULE", "zensical_not_here")
    result = build(project)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "[zensical]" in line]
    assert lines == ["mkdocs.yml:1:1: error: Zensical is not installed (missing Python module zensical_not_here); "
                     "install it: pip install zensical==0.0.73 (make setup does) [zensical]"]


def test_a_site_dir_outside_the_project_is_refused_before_zensical_runs(project, fake, tmp_path):
    fake("ok")
    result = build(project, "--site-dir", str(tmp_path / "elsewhere"))
    assert result.exit_code == 1
    assert "Zensical writes the site only inside the project folder" in result.output


def test_a_site_dir_that_cannot_be_made_is_one_error_line(project, fake):
    fake("ok")
    (project / "a-file").write_text("not a folder")
    result = build(project, "--site-dir", str(project / "a-file" / "site"))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert next(line for line in result.output.splitlines() if "[zensical]" in line).startswith("mkdocs.yml:1:1: error: zensical: ")


def test_problems_are_the_exception_never_the_traceback():
    output = "Build started\nTraceback (most recent call last):\n  File \"x.py\", line 1\nRuntimeError: boom\n"
    assert engine.problems(output) == [("mkdocs.yml", 1, 1, "RuntimeError: boom")]
    missing = "Error: Missing required setting: site_name"
    assert engine.problems(missing + "\n") == [("mkdocs.yml", 1, 1, missing)]
    assert engine.problems("something odd\n") == [("mkdocs.yml", 1, 1, "something odd")]
    assert engine.problems("") == [("mkdocs.yml", 1, 1, "the build failed and printed nothing")]


# What Zensical 0.1.1 prints for a broken link in strict mode (colours included, the frame shortened).
ZENSICAL_STRICT_OUTPUT = (
    "Build started\n"
    "\x1b[33mWarning:\x1b[0m page does not exist\n"
    "   \x1b[38;5;246m╭─\x1b[0m\x1b[38;5;246m[\x1b[0m tags.md:7:10 \x1b[38;5;246m]\x1b[0m\n"
    "   \x1b[38;5;246m│\x1b[0m\n"
    " \x1b[38;5;246m7 │\x1b[0m [broken](nowhere.md)\n"
    "\x1b[38;5;246m───╯\x1b[0m\n"
    "1 issues found\n"
    "Traceback (most recent call last):\n"
    "RuntimeError: Aborted because --strict flag is set\n"
)


def test_a_zensical_warning_is_reported_at_the_place_its_frame_names():
    assert engine.problems(ZENSICAL_STRICT_OUTPUT) == [("docs/tags.md", 7, 10, "page does not exist")]


def test_mkdocs_stays_the_default_engine():
    option = next(p for p in main.commands["build"].params if p.name == "engine_name")
    assert option.default == "mkdocs"


@pytest.mark.e2e
def test_real_zensical_builds_the_sample_project(project):
    """Zensical is pinned and installed by `make setup`: this build runs for real, never skipped."""
    assert engine.unavailable() is None
    result = build(project)
    assert result.exit_code == 0, result.output
    site = project / "site"
    assert (site / "index.html").is_file()
    for kind, entry in ENTRY_PAGES:
        assert (site / "handbook" / kind / entry / "index.html").is_file(), f"{kind}/{entry}"
    assert leftovers(project) == []
    assert not (project / "docs" / "handbook").exists()  # the pages were staged under .cache/loopbook
