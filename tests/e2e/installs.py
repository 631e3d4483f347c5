"""Installing loopbook as its users do, in processes that see nothing of this source tree: a user's
environment, git, a clone of this repository, and virtualenvs made with pip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

INSTALL_TIMEOUT = 1800


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no virtualenv active, nothing of this repository on PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


def run(*args: str | Path, cwd: Path, timeout: int = 600, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env or clean_env(), capture_output=True, text=True, timeout=timeout)


def git(folder: Path, *args: str) -> str:
    done = run("git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args, cwd=folder)
    assert done.returncode == 0, done.stderr
    return done.stdout


def make_venv(where: Path, *pip_args: str | Path) -> Path:
    """A new virtualenv at where, with `pip install pip_args` done in it; its bin folder."""
    made = run(sys.executable, "-m", "venv", where, cwd=where.parent)
    assert made.returncode == 0, made.stderr
    done = run(where / "bin" / "python", "-m", "pip", "install", "--quiet", *pip_args, cwd=where.parent, timeout=INSTALL_TIMEOUT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return where / "bin"


def commit_work_tree(clone: Path) -> None:
    """Lay this repository's working tree (tracked files and new ones git does not ignore) over the clone and
    commit it there, so that the clone is what a developer is testing; on a clean checkout it changes nothing."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO).stdout.split("\0")
    present = {rel for rel in listed if rel and os.path.lexists(REPO / rel)}
    for rel in run("git", "ls-files", "-z", cwd=clone).stdout.split("\0"):
        if rel and rel not in present:
            (clone / rel).unlink()
    for rel in present:
        target = clone / rel
        if target.is_symlink() or target.exists():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target, follow_symlinks=False)
    git(clone, "add", "-A")
    if git(clone, "status", "--porcelain").strip():
        git(clone, "commit", "-q", "-m", "the working tree under test")
