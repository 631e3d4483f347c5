"""A pull request's mkdocs.yml can make a build fail, never delete a folder: the site folder is the build's
alone (loopbook.config.folders), and the swap replaces only a folder loopbook built (its marker)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from loopbook.cli import main

pytestmark = pytest.mark.e2e


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def with_setting(project, text: str) -> int:
    """Append a setting to mkdocs.yml; the line it is on."""
    config = project / "mkdocs.yml"
    before = config.read_text()
    config.write_text(before + text + "\n")
    return before.count("\n") + 1


@pytest.mark.parametrize("site_dir", ["data", ".", "docs", "docs/built", ".git", ".."])
def test_a_site_dir_over_a_source_is_refused_at_its_line_and_nothing_is_deleted(project, site_dir):
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    line = with_setting(project, f"site_dir: {site_dir}")
    before = files(project)
    for command in ("check", "build"):
        result = run(command, "-C", str(project))
        assert result.exit_code == 1, result.output
        # loopbook's own words, or MkDocs' where it refuses the folder first (a site_dir that holds docs_dir)
        assert f"mkdocs.yml:{line}:1: error: " in result.output and "site_dir" in result.output, result.output
    assert files(project) == before


def test_a_site_dir_outside_the_project_is_refused_unless_the_configuration_allows_it(project, tmp_path):
    pages = tmp_path / "gh-pages"
    (pages / ".git").mkdir(parents=True)
    (pages / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (pages / "CNAME").write_text("handbook.example.org\n")
    line = with_setting(project, f"site_dir: {pages}")
    result = run("build", "-C", str(project))
    assert result.exit_code == 1
    assert f"mkdocs.yml:{line}:1: error: site_dir is {pages}, outside the project" in result.output
    # Allowed: the folder still holds files loopbook did not write, so the build refuses to replace it.
    with_setting(project, "extra:\n  loopbook:\n    allow_outside_project: [site_dir]")
    before = files(pages)
    result = run("build", "-C", str(project))
    assert result.exit_code == 1
    assert f"error: site_dir {pages} holds files loopbook did not write (it has no .loopbook-site)" in result.output
    assert files(pages) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".gh-pages.")]  # no staging folder left either


def test_a_site_folder_of_someone_elses_files_is_kept_and_a_site_loopbook_built_is_replaced(project):
    site = project / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine")
    result = run("build", "-C", str(project))
    assert result.exit_code == 1 and "site_dir site holds files loopbook did not write" in result.output
    assert files(site) == {"notes.txt": b"mine"}
    (site / "notes.txt").unlink()  # an empty folder is the build's to fill
    assert run("build", "-C", str(project)).exit_code == 0
    assert (site / ".loopbook-site").is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("from the last build")
    assert run("build", "-C", str(project)).exit_code == 0  # marked: replaced whole
    assert not (site / "stale.html").exists()


def test_a_site_dir_that_is_a_link_is_refused_and_its_target_kept(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("kept")
    (project / "site").symlink_to(elsewhere, target_is_directory=True)
    result = run("build", "-C", str(project))
    assert result.exit_code == 1 and "[site-dir]" in result.output
    assert files(elsewhere) == {"keep.txt": b"kept"}


def test_a_plain_mkdocs_build_refuses_a_site_dir_over_the_data_before_its_clean_step(project):
    with_setting(project, "site_dir: data")
    before = files(project / "data")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert "site_dir data is data/" in done.stderr and "[site-dir]" in done.stderr
    assert files(project / "data") == before
