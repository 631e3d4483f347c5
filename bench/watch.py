"""The time from saving one YAML file to its report under `loopbook check --watch`.

The watcher's stderr goes to a log; each run ends with one status line. An edit is timed from the
write until the next status line; every wait is bounded, and a missing figure says why.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.measure import ENV, tool
from bench.serve import stop
from bench.synth import dump

STATUS = "watching for changes"  # the last line of every run (generator/cli/__init__.py)
POLL_S = 0.02


@dataclass
class WatchResult:
    edits_s: list[float] = field(default_factory=list)
    error: str = ""

    def median(self) -> float | None:
        edits = sorted(self.edits_s)
        return edits[len(edits) // 2] if edits else None


def recheck_latency(root: Path, story_id: str, runs: int, timeout_s: float) -> WatchResult:
    """Start `loopbook check --watch`, then `runs` times retitle one story and time until its report."""
    path = root / "data" / "stories" / f"{story_id}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    result = WatchResult()
    log = root.parent / f"watch-{root.name}.log"
    with log.open("w", encoding="utf-8") as out:
        watcher = subprocess.Popen([*tool("loopbook"), "check", "--watch", "-C", str(root)], cwd=root, env=ENV,
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            if _wait_for_runs(log, 1, timeout_s) is None:
                result.error = f"the first check did not end within {timeout_s:.0f} s"
                return result
            for i in range(runs):
                time.sleep(0.5)  # apart from the run before, as saves are
                data["title"] = f"Watched edit {i + 1} of {story_id}"
                start = time.monotonic()
                path.write_text(dump(data), "utf-8")
                if _wait_for_runs(log, i + 2, timeout_s) is None:
                    result.error = f"edit {i + 1} was not checked within {timeout_s:.0f} s"
                    break
                result.edits_s.append(time.monotonic() - start)
        finally:
            stop(watcher)
    return result


def _wait_for_runs(log: Path, runs: int, timeout_s: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        if log.read_text("utf-8", errors="replace").count(STATUS) >= runs:
            return time.monotonic() - start
        time.sleep(POLL_S)
    return None
