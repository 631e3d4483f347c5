"""The repository a handbook lives in, for the header link and the edit button.

``repo_url`` and ``edit_uri`` from mkdocs.yml win. When they are unset, the git remote ``origin``
gives them if it is a GitHub or GitLab URL; with neither, the site has no repository link and no
edit button, and so makes no request to any hosting service.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path as FsPath

# git@github.com:owner/name.git, https://gitlab.com/group/sub/name.git, ssh://git@github.com/owner/name
_REMOTE = re.compile(r"^(?:https?://(?:[^@/]+@)?|ssh://(?:[^@/]+@)?|[^@/:]+@)(?P<host>(?:github|gitlab)\.com)[:/](?P<path>[\w.-]+(?:/[\w.-]+)+)/?$")


@dataclass(frozen=True)
class Repository:
    url: str  # https://github.com/owner/name
    name: str  # owner/name
    edit_uri: str  # relative to url, ending in the docs folder: edit/main/docs/

    @classmethod
    def from_remote(cls, remote: str, branch: str, docs: str) -> Repository | None:
        m = _REMOTE.match(remote.strip())
        if not m:
            return None
        host, path = m["host"], m["path"].removesuffix(".git")
        edit = "edit" if host == "github.com" else "-/edit"
        return cls(f"https://{host}/{path}", path, f"{edit}/{branch}/{docs.strip('/')}/")


def _git(root: FsPath, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def detect(root: FsPath, docs: str) -> Repository | None:
    """The repository of origin, with the branch origin calls its default (or the one checked out)."""
    remote = _git(root, "config", "--get", "remote.origin.url")
    if not remote:
        return None
    head = _git(root, "symbolic-ref", "--short", "refs/remotes/origin/HEAD").removeprefix("origin/")
    branch = head or _git(root, "symbolic-ref", "--short", "HEAD") or "main"
    return Repository.from_remote(remote, branch, docs)
