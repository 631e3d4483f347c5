"""The files loopbook writes besides the site: each replaced whole or not at all, and caches that are
only ever a speed-up (a cache that cannot be read is an empty one, never an error).

Every writer goes through ``atomic_write``: the bytes go to a hidden file beside the target, which is
then renamed over it, so a reader (MkDocs' watcher, the browser, a second run) never sees half a file.
It refuses to write through a symbolic link, so a planted link cannot send a write outside the project,
and, given the folder a write belongs in (``inside``), to write anywhere else whatever links lie on the way.
The one exception is ``write_new``, for files that must not exist yet (``loopbook init``): replacing
is exactly what it must never do, so it creates the file exclusively instead.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def atomic_write(path: Path, data: bytes | str, inside: Path | None = None) -> None:
    """Write data (text as UTF-8) to path, replacing what was there in one rename; OSError, writing nothing,
    when path is a symbolic link or (given `inside`) would land outside that folder."""
    if path.is_symlink():
        raise OSError(f"{path} is a symbolic link; loopbook does not write through links")
    if inside is not None:
        _within(path, inside.resolve())
    path.parent.mkdir(parents=True, exist_ok=True)
    if inside is not None:
        _within(path, inside.resolve())
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_new(path: Path, data: bytes | str, inside: Path | None = None) -> None:
    """Write a file that must not exist yet (`loopbook init`): one that appeared since it was looked for,
    a link among them, is never replaced (FileExistsError), and a write that fails leaves no half file
    behind; given `inside`, nothing is written outside that folder."""
    if inside is not None:
        _within(path, inside.resolve())
    with open(path, "xb") as f:
        try:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise


def _within(path: Path, root: Path) -> None:
    """OSError unless the folder path is written into (its nearest existing part, followed) lies inside root,
    or on the way to it (a root still to be made)."""
    folder = path.parent.absolute()
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        folder = folder.parent
    if not (folder.resolve().is_relative_to(root) or root.is_relative_to(folder.resolve())):
        raise OSError(f"{path} would be written at {folder.resolve()}, outside {root}; loopbook does not write through links")


def read_json_cache(path: Path) -> dict[str, Any]:
    """A JSON object written by write_json_cache; an empty one when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json_cache(path: Path, data: dict[str, Any]) -> None:
    atomic_write(path, json.dumps(data, sort_keys=True, separators=(",", ":")))
