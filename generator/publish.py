"""Atomic publish, for every engine: build into a temporary folder beside site/, look at the result
(generator.safety), and only then swap it into place with two renames. On any failure the previous
site is left exactly as it was and the temporary folder is gone."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FsPath

from generator.diagnostics import Diagnostics
from generator.safety import check_site
from generator.search import index_site


@contextmanager
def staging(site_dir: FsPath) -> Iterator[FsPath]:
    """A readable temporary folder beside site_dir, removed on the way out whatever happened."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = FsPath(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; a published site is readable like any folder
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def publish(new: FsPath, site_dir: FsPath, diags: Diagnostics) -> bool:
    """Swap a finished build in, unless it failed or its output is unsafe; True when published."""
    if not index_site(new, diags):  # search over the HTML either engine wrote, before the guard reads it
        return False
    check_site(new, diags)
    if diags.errors:
        return False
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(new, site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return True
