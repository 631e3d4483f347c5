"""Where the running loopbook was installed from, so that a handbook made by ``loopbook init`` installs
the same one: in its ``requirements.txt`` and in pre-commit's environment.

pip records it in the distribution's ``direct_url.json`` (PEP 610): a VCS URL with the commit it
checked out, a local folder (editable or not), or an archive (a wheel or an sdist, local or not). A
distribution without that file came from a package index.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import loopbook

HOOKS_FILE = ".pre-commit-hooks.yaml"  # at the root of loopbook's repository: what pre-commit reads from a `repo:`


@dataclass(frozen=True)
class Origin:
    requirement: str  # the requirements.txt line that installs this loopbook
    source: str  # where it came from, said in the comments of the files init writes
    repo: str | None = None  # a git repository pre-commit can clone, with loopbook's hooks file at its root
    rev: str | None = None  # the commit of repo to take the hooks from
    portable: bool = True  # False when the requirement names a file on this machine (a CI runner cannot reach it)


def running() -> Origin:
    """The origin of the loopbook this process runs."""
    try:
        dist = distribution("loopbook")
    except PackageNotFoundError:  # imported from a source tree that was never installed
        return _unrecorded()
    return from_direct_url(dist.read_text("direct_url.json"), dist.version)


def from_direct_url(text: str | None, version: str) -> Origin:
    """The origin a PEP 610 record says (None when there is none: an index install)."""
    try:
        info = json.loads(text) if text else {}
        url = info.get("url") if isinstance(info, dict) else None
    except ValueError:
        url = None
    if not isinstance(url, str) or not url:
        return Origin(f"loopbook=={version}", f"version {version} from the package index")
    subdirectory = info.get("subdirectory")
    if isinstance(info.get("vcs_info"), dict):
        return _vcs(url, info["vcs_info"], subdirectory)
    if "dir_info" in info and not subdirectory and url.startswith("file:"):
        return _folder(Path(url2pathname(unquote(urlparse(url).path))), url)
    fragment = f"#subdirectory={subdirectory}" if subdirectory else ""
    return Origin(f"loopbook @ {url}{fragment}", f"the archive {url}", portable=not url.startswith("file:"))


def _vcs(url: str, vcs_info: dict, subdirectory: str | None) -> Origin:
    vcs, commit = str(vcs_info.get("vcs", "git")), vcs_info.get("commit_id")
    pin = f"@{commit}" if commit else ""
    fragment = f"#subdirectory={subdirectory}" if subdirectory else ""
    requirement = f"loopbook @ {vcs}+{url}{pin}{fragment}"
    source = f"the {vcs} repository {url}" + (f" at commit {commit}" if commit else "")
    # pre-commit clones git repositories only, and reads the hooks file at the repository's root.
    hooks = vcs == "git" and bool(commit) and not subdirectory
    return Origin(requirement, source, url if hooks else None, commit if hooks else None, portable=not url.startswith("file:"))


def _folder(path: Path, url: str) -> Origin:
    """A local folder (pip install PATH, or -e PATH): installed from that path, its hooks from its git HEAD."""
    commit = _git_head(path) if (path / HOOKS_FILE).is_file() else None
    return Origin(f"loopbook @ {url}", f"the folder {path}", str(path) if commit else None, commit, portable=False)


def _git_head(path: Path) -> str | None:
    """The commit checked out in path when path is the top of a git work tree; None otherwise (or without git)."""
    try:
        top, head = _git(path, "--show-toplevel"), _git(path, "HEAD")
    except (OSError, subprocess.SubprocessError):
        return None
    return head if Path(top).resolve() == path.resolve() else None


def _git(path: Path, what: str) -> str:
    return subprocess.run(["git", "-C", str(path), "rev-parse", what],
                          capture_output=True, text=True, timeout=30, check=True).stdout.strip()


def _unrecorded() -> Origin:
    """Run from a source tree on sys.path: that tree, when it is loopbook's own (its pyproject beside the package)."""
    root = Path(loopbook.__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file():
        return _folder(root, root.as_uri())
    return Origin(f"loopbook=={loopbook.__version__}", f"version {loopbook.__version__}")
