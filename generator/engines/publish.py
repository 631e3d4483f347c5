"""Atomic publish, for every engine: build into a temporary folder beside the site folder, look at
the result (loopbook.checks.guard, and loopbook.checks.leaks for a public site), and only then swap it
into place with two renames. On any failure the previous site is left exactly as it was and the
temporary folder is gone.

The swap deletes the folder it replaces, so it replaces only one the build may delete: missing, empty, or
carrying ``.loopbook-site``, the marker loopbook writes into every site it builds. A folder of anyone
else's files (a gh-pages worktree, ``data/`` named by a pull request's mkdocs.yml) is refused, whatever
mkdocs.yml says, and nothing is built.

A build that is killed (a closed laptop, a cancelled CI job) cannot clean up after itself, so the
staging folders carry the id of the process that made them, and the next build removes those
whose process is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FsPath

from loopbook.checks.guard import check_site
from loopbook.checks.leaks import check_leaks
from loopbook.data.privacy import Secrets
from loopbook.diagnostics import Diagnostics
from loopbook.files import atomic_write

MARKER = ".loopbook-site"
MARKER_TEXT = "A site built by loopbook, which replaces this folder whole at every build: keep nothing else in it.\n"


def not_replaceable(site_dir: FsPath) -> str | None:
    """Why a build must not replace site_dir, or None when it may: missing, empty, or a site loopbook built."""
    if site_dir.is_symlink():
        return "is a symbolic link; loopbook replaces only a folder of its own"
    if not site_dir.exists():
        return None
    if not site_dir.is_dir():
        return "is a file, not a folder"
    marker = site_dir / MARKER
    if (marker.is_file() and not marker.is_symlink()) or not any(site_dir.iterdir()):
        return None
    return (f"holds files loopbook did not write (it has no {MARKER}), and a build replaces the folder whole: move them, "
            "or delete the folder if it is a site built by an older loopbook")


def mark(site: FsPath) -> None:
    """Mark a folder as a site loopbook built, which a later build may replace."""
    atomic_write(site / MARKER, MARKER_TEXT)


@contextmanager
def staging(site_dir: FsPath) -> Iterator[FsPath]:
    """A readable temporary folder beside site_dir, removed on the way out whatever happened."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clear_stale(site_dir)
    tmp = FsPath(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-{os.getpid()}-", dir=site_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; a published site is readable like any folder
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def clear_stale(site_dir: FsPath) -> list[FsPath]:
    """Remove staging and swap folders beside site_dir left by builds whose process is gone."""
    pattern = re.compile(rf"^\.{re.escape(site_dir.name)}\.(?:new|old)-(\d+)(?:-|$)")
    removed = []
    for path in site_dir.parent.glob(f".{site_dir.name}.*"):
        m = pattern.match(path.name)
        if m and path.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def publish(new: FsPath, site_dir: FsPath, diags: Diagnostics, shown: str = "site", where: tuple[str, int, int] = ("mkdocs.yml", 1, 1),
            secrets: Secrets = Secrets()) -> bool:
    """Swap a finished build in, unless it failed, its output is unsafe, it shows what is private or the folder
    is not the build's to replace; True when published. `where` is the site_dir setting, where a refusal is reported."""
    check_site(new, diags, shown)
    check_leaks(new, secrets, diags, shown)
    if diags.errors:
        return False
    reason = not_replaceable(site_dir)
    if reason:  # asked before the build too; asked again, as the folder may have changed meanwhile
        diags.error(*where, f"site_dir {shown} {reason}", "site-dir")
        return False
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new, site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return True
