"""Wall time and peak memory of one command, each run in a fresh child process.

The peak resident set size comes from os.wait4, which returns the resource usage of exactly
the child it reaps: the per-process form of getrusage(RUSAGE_CHILDREN), so one run's peak is
never mixed with another's. Reported figures are medians over the runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",  # MkDocs 1.x otherwise prints a notice on every run
    # Children run in the project folder; `python -m bench.stages` must still find this package.
    "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p),
}


class CommandFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Sample:
    wall_s: float
    cpu_s: float  # user + system: less swayed than wall time by other work on a shared machine
    peak_rss_mb: float
    output: str


@dataclass
class Measured:
    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall_s(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)

    @property
    def cpu_s(self) -> float:
        return statistics.median(s.cpu_s for s in self.samples)

    @property
    def peak_rss_mb(self) -> float:
        return statistics.median(s.peak_rss_mb for s in self.samples)


def tool(name: str) -> list[str]:
    """The console script of the running venv, or `python -m` when it has none."""
    script = BIN / name
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator" if name == "loopbook" else name]


def run_once(cmd: list[str], cwd: Path, timeout_s: float) -> Sample:
    """Run cmd to completion; its wall time, peak RSS and output. CommandFailed on a non-zero exit."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        # wait4 blocks without a timeout of its own; a timer kills a run that hangs.
        killer = threading.Timer(timeout_s, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        log.seek(0)
        output = log.read()
    if proc.returncode != 0:
        raise CommandFailed(f"{' '.join(cmd)} exited {proc.returncode} after {wall:.1f} s:\n{output[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)  # Linux reports ru_maxrss in KiB


def measure(name: str, cmd: list[str], cwd: Path, runs: int, before: Callable[[], None] | None = None,
            timeout_s: float = 1800) -> Measured:
    """`runs` fresh runs of cmd, each after `before` (untimed) has reset the state it needs."""
    result = Measured(name)
    for _ in range(runs):
        if before is not None:
            before()
        result.samples.append(run_once(cmd, cwd, timeout_s))
        last = result.samples[-1]
        print(f"    {name}: {last.wall_s:.2f} s wall, {last.cpu_s:.2f} s CPU, {last.peak_rss_mb:.0f} MB", file=sys.stderr, flush=True)
    return result
