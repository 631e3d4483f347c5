"""`python -m bench`: measure loopbook on synthetic handbooks and on copies of the bundled one, and write BENCHMARKS.md.

    python -m bench                          # synthetic at 100, 1,000 and 5,000 entries; copied at 1,000 and 5,000
    python -m bench --sizes 100 --copied-sizes --runs 1     # a quick run, synthetic only
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import machine, report
from bench.project import REPO
from bench.run import SizeResult, run_size

# Runs per size when --runs is not given: fewer where one build takes minutes (bench/method.md says why).
DEFAULT_RUNS = {100: 5, 1000: 5, 5000: 3}
DEFAULT_EDITS = {100: 3, 1000: 3, 5000: 0}
# The copied data set makes the largest pages and the most warnings; one run at 5,000, where a build takes minutes.
COPIED_RUNS = {1000: 3, 5000: 1}
STAGES_AT = 1000  # the one size whose MkDocs build is also broken into stages (it costs one more build)


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000], help="data set sizes, in entries")
    p.add_argument("--copied-sizes", type=int, nargs="*", default=[1000, 5000],
                   help="sizes of the copied data set (bench.copied), in entries; none to leave it out")
    p.add_argument("--runs", type=int, default=None, help="runs per measured command (default: 5 at 100 and 1,000 entries, 3 at 5,000)")
    p.add_argument("--serve-edits", type=int, default=None, help="edits timed under loopbook serve (default: 3, none at 5,000)")
    p.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md", help="where to write the report")
    p.add_argument("--work", type=Path, default=None, help="folder for the projects (default: a temporary one, removed after)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="loopbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results: list[SizeResult] = []
    notes: list[str] = []
    sizes = sorted(args.sizes)
    stages_at = STAGES_AT if STAGES_AT in sizes else max(s for s in sizes if s <= STAGES_AT) if min(sizes) <= STAGES_AT else sizes[0]
    notes.append(f"load average (1, 5, 15 min) at the start: {_load()}")
    try:
        for size in sizes:
            runs = args.runs or DEFAULT_RUNS.get(size, 5 if size < 5000 else 3)
            edits = args.serve_edits if args.serve_edits is not None else min(runs, DEFAULT_EDITS.get(size, 3 if size < 5000 else 0))
            results.append(run_size(work, size, runs, edits, mkdocs_stages=size == stages_at))
            _serve_note(results[-1], edits, notes)
        for size in sorted(args.copied_sizes):
            runs = args.runs or COPIED_RUNS.get(size, 1)
            edits = args.serve_edits if args.serve_edits is not None else min(runs, DEFAULT_EDITS.get(size, 0))
            results.append(run_size(work, size, runs, edits, mkdocs_stages=False, data="copied"))
            _serve_note(results[-1], edits, notes)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    notes.append(f"load average at the end: {_load()}; the whole run took {(time.monotonic() - started) / 60:.1f} minutes")
    args.out.write_text(report.render(results, machine.describe(), notes), "utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _serve_note(result: SizeResult, edits: int, notes: list[str]) -> None:
    serve, size = result.serve, result.label
    if serve.rebuilds_per_edit is not None:
        notes.append(f"serve at {size} entries: {serve.rebuilds_per_edit:.1f} MkDocs builds per saved file "
                     "(\"Building documentation\" in the server's log); the first page was served "
                     f"{serve.startup_s:.1f} s after the server started")
    elif edits:
        notes.append(f"serve at {size} entries: {serve.error}")


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
