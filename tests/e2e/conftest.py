"""loopbook as a user gets it: this repository cloned, installed with pip into a virtualenv of its own,
and a handbook made by that copy with a virtualenv of its own. Each is made once per session (pip
installs take minutes), without this source tree on any of their paths."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.installs import commit_work_tree, git, make_venv, run


@pytest.fixture(scope="session")
def loopbook_clone(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("cloning needs git")
    clone = tmp_path_factory.mktemp("clone") / "loopbook"
    git(clone.parent, "clone", "-q", str(REPO), str(clone))
    commit_work_tree(clone)
    return clone


@pytest.fixture(scope="session")
def tool(loopbook_clone: Path, tmp_path_factory) -> Path:
    """`pip install <clone>` into a virtualenv of its own, as README's install says; its bin folder."""
    return make_venv(tmp_path_factory.mktemp("tool") / "venv", loopbook_clone)


@pytest.fixture(scope="session")
def my_prep(tool: Path, tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """`loopbook init my-prep --principles amazon` by that tool, then the handbook's own virtualenv from its
    requirements.txt: the handbook, its virtualenv's bin folder, and what init printed."""
    home = tmp_path_factory.mktemp("user")
    made = run(tool / "loopbook", "init", "my-prep", "--principles", "amazon", cwd=home)
    assert made.returncode == 0, made.stdout + made.stderr
    book = home / "my-prep"
    return book, make_venv(book / ".venv", "-r", book / "requirements.txt"), made
