"""Running another program for a build (Pagefind, Zensical): with a time limit, its output captured,
and any way it can fail to run (not starting, not finishing) turned into one diagnostic."""

from __future__ import annotations

import subprocess
from pathlib import Path

from loopbook.diagnostics import Diagnostics


def run_tool(name: str, cmd: list[str], diags: Diagnostics, where: str, code: str, *, timeout: int,
             cwd: Path | None = None) -> subprocess.CompletedProcess[str] | None:
    """The finished run (whatever its exit status), or None with an error at `where` when the
    program could not start or did not finish within `timeout` seconds (it is stopped then)."""
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        diags.error(where, 1, 1, f"{name}: no result after {timeout} s; it was stopped", code)
    except OSError as e:
        diags.error(where, 1, 1, f"{name}: cannot start it: {e}", code)
    return None
