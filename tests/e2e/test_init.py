"""`loopbook init`: a handbook repository with no copy of loopbook in it, checked and built by the
installed package from outside this source tree, and accepted by pre-commit with this repository's hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.model import KINDS
from tests.conftest import REPO

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, str]:
    """loopbook built as a wheel and installed into a folder of its own: the environment a process
    needs to run that copy, and not the source tree, as `loopbook`."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(REPO)], check=True,
                   capture_output=True, timeout=300)
    wheel = next((work / "dist").glob("loopbook-*.whl"))
    target = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)], check=True,
                   capture_output=True, timeout=300)
    return {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": "1"}


def loopbook(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loopbook", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_init_writes_a_handbook_that_checks_and_builds_with_the_installed_package(tmp_path, installed):
    book = tmp_path / "team-book"
    made = loopbook(installed, tmp_path, "init", str(book), "--title", "Team book")
    assert made.returncode == 0, made.stderr
    assert not (book / "generator").exists()
    for kind in KINDS.values():
        assert list((book / "data" / kind.plural).glob("*.yaml")), kind.plural
    where = subprocess.run([sys.executable, "-c", "import loopbook; print(loopbook.__file__)"], cwd=book, env=installed,
                           capture_output=True, text=True, check=True).stdout
    assert Path(where).is_relative_to(installed["PYTHONPATH"]), where  # the wheel's copy, not this source tree
    check = loopbook(installed, book, "check")
    assert check.returncode == 0 and "0 errors" in check.stderr, check.stderr
    build = loopbook(installed, book, "build")
    assert build.returncode == 0, build.stderr
    site = book / "site"
    assert "Team book" in (site / "index.html").read_text()
    for kind in KINDS.values():
        assert (site / "handbook" / kind.plural / f"example-{kind.name}" / "index.html").is_file()
    assert (site / "pagefind" / "pagefind-ui.js").is_file() and (site / "assets" / "stylesheets" / "loopbook.css").is_file()
    assert not (book / "docs" / "handbook").exists()


def test_init_refuses_a_folder_that_holds_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not empty; choose a new folder" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_runs_this_repositorys_hook_on_a_new_handbook(tmp_path):
    """As the hook's users run it: `pre-commit try-repo <loopbook> loopbook-check` in their repository,
    which installs loopbook from this repository into pre-commit's own environment."""
    book = tmp_path / "book"
    assert CliRunner().invoke(main, ["init", str(book)]).exit_code == 0
    git = ["git", "-C", str(book), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "loopbook-check", "--all-files"]
    good = subprocess.run(pre_commit, cwd=book, env=env, capture_output=True, text=True, timeout=1200)
    assert good.returncode == 0, good.stdout[-3000:] + good.stderr[-3000:]
    assert "loopbook check" in good.stdout and "Passed" in good.stdout
    story = book / "data" / "stories" / "example-story.yaml"
    story.write_text(story.read_text().replace("example-principle", "no-such-principle"))
    subprocess.run([*git, "add", "-A"], check=True)
    bad = subprocess.run(pre_commit, cwd=book, env=env, capture_output=True, text=True, timeout=600)
    assert bad.returncode == 1
    assert "data/stories/example-story.yaml" in bad.stdout and "[missing-ref]" in bad.stdout


def test_every_page_renders_for_entries_that_hold_only_their_required_fields(tmp_path):
    """The examples `init` writes have the required fields alone: every template must take them."""
    from loopbook import pipeline

    book = tmp_path / "book"
    assert CliRunner().invoke(main, ["init", str(book)]).exit_code == 0
    result = pipeline.check_folder(book)
    assert not result.diags.errors, [d.text() for d in result.diags.errors]
    pages = result.pages()
    assert {f"handbook/{k.plural}/example-{k.name}.md" for k in KINDS.values()} <= set(pages)
