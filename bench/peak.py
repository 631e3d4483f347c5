"""Peak memory of loopbook's process and of Pagefind, apart, and the time a build spends generating.
One JSON line on stderr, at exit.

    python -m bench.peak loopbook ARGS...   # `loopbook ARGS...` in this process: its own peak (RUSAGE_SELF),
                                            # and the seconds in importing loopbook, the pipeline and rendering
    python -m bench.peak pagefind SITE      # Pagefind as the build runs it, over a built site; its peak

os.wait4 in bench.measure sees one figure for a process and what it ran together, and the kernel
counts a child's peak from the moment it was forked, at the size of its parent: Pagefind run from
loopbook's process is counted at least as large as that process. Run from this small process
instead, Pagefind's figure is its own.
"""

from __future__ import annotations

import atexit
import json
import resource
import sys
import time
from pathlib import Path

from bench.stages import TIMES, timed

PREFIX = '{"peak_mb"'


def _print(mb: float, **more: float) -> None:
    print(json.dumps({"peak_mb": round(mb, 1), **more}), file=sys.stderr, flush=True)


def parse(output: str, key: str = "peak_mb") -> float | None:
    """A figure a run printed (the peak, in MB, or generation_s); None if it printed none."""
    lines = [line for line in output.splitlines() if line.startswith(PREFIX)]
    return json.loads(lines[-1]).get(key) if lines else None


def loopbook(args: list[str]) -> None:
    """loopbook's generation inside the build is what a clock around these counts: importing loopbook
    (with click and what it imports: more than generation alone), checking, and rendering every page.
    MkDocs, Pagefind and publishing are the rest of the build."""
    start = time.perf_counter()
    from loopbook import pipeline
    from loopbook.cli import main

    imported = time.perf_counter() - start
    for owner, name in ((pipeline.Pipeline, "run"), (pipeline.Result, "site")):
        setattr(owner, name, timed("generation", getattr(owner, name)))
    atexit.register(lambda: _print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: KiB
                                   generation_s=round(imported + TIMES["generation"], 3)))
    main(args, prog_name="loopbook")


def pagefind(site: Path) -> None:
    """Pagefind's peak as the build runs it: the largest of its runs (one per part of a large site), which
    RUSAGE_CHILDREN reports on Linux (the peak of the largest child waited for, not of this process)."""
    from loopbook.diagnostics import Diagnostics
    from loopbook.engines.search import index_site

    diags = Diagnostics()
    if not index_site(site, diags):
        raise SystemExit(f"pagefind failed: {[d.message for d in diags.errors]}")
    _print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


if __name__ == "__main__":
    if sys.argv[1:2] == ["pagefind"]:
        pagefind(Path(sys.argv[2]))
    else:
        loopbook(sys.argv[2:])
