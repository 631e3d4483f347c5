"""Build the site with Zensical, the successor of Material for MkDocs, with the MkDocs path's guarantees.

Zensical reads mkdocs.yml but runs no MkDocs hooks, so the handbook Markdown must exist before it
starts: ``loopbook build`` generates it first, for either engine. Zensical has no option for the
output folder, so a throw-away config beside mkdocs.yml inherits it (``INHERIT``) and sets
``site_dir`` to a temporary folder; the result is swapped into place only when Zensical succeeded,
and on any failure the previous site is left exactly as it was.

Zensical is an optional extra (``pip install 'loopbook[zensical]'``); it runs as
``python -m zensical`` in a subprocess of this interpreter, so it is the one installed beside loopbook.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path as FsPath

from generator.diagnostics import Diagnostics
from generator.publish import publish, staging

ENGINES = ("mkdocs", "zensical")
CONFIG = "mkdocs.yml"
TIMEOUT_S = 900
# Zensical 0.1 imports its theme from zensical-ui; without it, it cannot start.
_MODULES = ("zensical", "zensical_ui")
# An error or warning line, or the last line of a traceback ("RuntimeError: ...").
_PROBLEM = re.compile(r"^(?:[\w.]*(?:Error|Exception)|warning|error)\b", re.I)
_FRAME = re.compile(r"\[ ?([^\s\]]+):(\d+):(\d+) ?\]")  # ╭─[ guide/x.md:7:10 ]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def unavailable() -> str | None:
    """Why Zensical cannot run here, or None when it can."""
    missing = [m for m in _MODULES if find_spec(m) is None]
    if not missing:
        return None
    return (f"Zensical is not installed (missing Python module{'s' if len(missing) > 1 else ''} {', '.join(missing)}); "
            f"install the extra: pip install 'loopbook[zensical]' (or make zensical)")


def command(config: FsPath) -> list[str]:
    """The Zensical command line; tests replace it to exercise the failure paths without Zensical."""
    return [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config)]


def build_site(root: FsPath, site_dir: FsPath, diags: Diagnostics) -> bool:
    """Zensical-build the generated docs into a temporary folder, then swap it in; False on failure."""
    reason = unavailable()
    if reason:
        diags.error(CONFIG, 1, 1, reason, "zensical")
        return False
    root, site_dir = root.resolve(), site_dir.resolve()
    if not site_dir.is_relative_to(root) or site_dir == root:
        # Zensical refuses a site_dir outside the project; say so before it does, in our words.
        diags.error(CONFIG, 1, 1, f"Zensical writes the site only inside the project folder; pass a --site-dir below {root}", "zensical")
        return False
    try:
        with staging(site_dir) as tmp, _inheriting_config(root, tmp) as config:
            if not _run(command(config), root, diags):
                return False
            if not (tmp / "index.html").is_file():
                diags.error(CONFIG, 1, 1, "zensical: the build reported success but wrote no index.html", "zensical")
                return False
            if not publish(tmp, site_dir, diags):
                return False
    except OSError as e:  # a folder that cannot be written, a full disk
        diags.error(CONFIG, 1, 1, f"zensical: {e}", "zensical")
        return False
    return True


def _run(cmd: list[str], root: FsPath, diags: Diagnostics) -> bool:
    try:
        done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, errors="replace", timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        diags.error(CONFIG, 1, 1, f"zensical: no result after {TIMEOUT_S} s; the build was stopped", "zensical")
        return False
    except OSError as e:
        diags.error(CONFIG, 1, 1, f"zensical: cannot start it: {e}", "zensical")
        return False
    if done.returncode == 0:
        return True
    for path, line, col, message in problems(done.stdout + "\n" + done.stderr):
        diags.error(path, line, col, f"zensical: {message}", "zensical")
    return False


def problems(output: str) -> list[tuple[str, int, int, str]]:
    """(path, line, col, message) for each problem of a failed Zensical run.

    Zensical prints a problem as a coloured "Warning: message" followed by a frame whose first line
    names the place, "╭─[ guide/x.md:7:10 ]" (relative to docs/). Without such lines, the last line
    of a Python traceback (the exception) is the message, never the traceback itself.
    """
    lines = [_ANSI.sub("", line).strip() for line in output.splitlines()]
    lines = [line for line in lines if line]
    found = []
    for i, line in enumerate(lines):
        if _PROBLEM.match(line):
            where = next((m for m in map(_FRAME.search, lines[i + 1:i + 3]) if m), None)
            if where:
                found.append((f"docs/{where[1]}", int(where[2]), int(where[3]), line.split(":", 1)[1].strip()))
            else:
                found.append((CONFIG, 1, 1, line))
    located = [f for f in found if f[0] != CONFIG]
    if located:  # then the exception only says that strict mode stopped the build
        return list(dict.fromkeys(located))
    if not found and lines:
        found = [(CONFIG, 1, 1, lines[-1])]
    return list(dict.fromkeys(found)) or [(CONFIG, 1, 1, "the build failed and printed nothing")]


@contextmanager
def _inheriting_config(root: FsPath, site_dir: FsPath) -> Iterator[FsPath]:
    """mkdocs.yml with only site_dir changed. It must sit beside mkdocs.yml: Zensical takes the
    project folder, and so docs_dir and theme.custom_dir, from the config file's location."""
    fd, name = tempfile.mkstemp(prefix=".loopbook-zensical-", suffix=".yml", dir=root)
    config = FsPath(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"INHERIT: {CONFIG}\nsite_dir: {_yaml_string(str(site_dir))}\n")
        yield config
    finally:
        config.unlink(missing_ok=True)


def _yaml_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
