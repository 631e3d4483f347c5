"""The time from saving one YAML file to its rebuilt page under `loopbook serve`.

Every wait is bounded: the server is stopped, and the figure reported as missing, rather than
letting a hung rebuild hang the benchmark.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.measure import ENV, tool
from bench.synth import dump

POLL_S = 0.05  # fine enough for a figure judged against 2 s


@dataclass
class ServeResult:
    startup_s: float | None = None  # from starting the server to the first page served
    edits_s: list[float] = field(default_factory=list)
    rebuilds_per_edit: float | None = None  # "Building documentation" lines in the log per edit
    error: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, needle: str, seconds: float) -> float | None:
    """Seconds until the page at url holds needle; None if it did not within `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if needle in fetch(url):
            return time.monotonic() - start
        time.sleep(POLL_S)
    return None


def edit_latency(root: Path, story_id: str, runs: int, startup_timeout_s: float, edit_timeout_s: float) -> ServeResult:
    """Start `loopbook serve`, then `runs` times retitle one story and time until its page shows it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/handbook/stories/{story_id}/"
    path = root / "data" / "stories" / f"{story_id}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    result = ServeResult()
    # The server writes its log through its own file handle; reading it by path never moves its offset.
    log = root.parent / f"serve-{root.name}.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([*tool("loopbook"), "serve", "-C", str(root), "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=root, env=ENV, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            result.startup_s = wait_for(url, data["title"], startup_timeout_s)
            if result.startup_s is None:
                result.error = f"the page was not served within {startup_timeout_s:.0f} s"
                return result
            _settle(log)
            before = _builds(log)
            for i in range(runs):
                data["title"] = f"Benchmark edit {i + 1} of {story_id}"
                path.write_text(dump(data), "utf-8")
                seconds = wait_for(url, data["title"], edit_timeout_s)
                if seconds is None:
                    result.error = f"edit {i + 1} did not show within {edit_timeout_s:.0f} s"
                    break
                result.edits_s.append(seconds)
                _settle(log)  # a rebuild still running would delay the next edit's
            if result.edits_s:
                result.rebuilds_per_edit = (_builds(log) - before) / len(result.edits_s)
        finally:
            stop(server)
    return result


def stop(process: subprocess.Popen) -> None:
    """Ask a server to stop; kill it if it has not within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _builds(log: Path) -> int:
    return log.read_text("utf-8", errors="replace").count("Building documentation")


def _settle(log: Path, quiet_s: float = 1.5, limit_s: float = 900) -> None:
    """Wait until no rebuild is under way: every build started has finished, and the log has been
    quiet for quiet_s (a save can start one more build shortly after the last one ended)."""
    start = time.monotonic()
    size, since = -1, time.monotonic()
    while time.monotonic() - start < limit_s:
        text = log.read_text("utf-8", errors="replace")
        if len(text) != size:
            size, since = len(text), time.monotonic()
        idle = text.count("Building documentation") <= text.count("Documentation built")
        if idle and time.monotonic() - since >= quiet_s:
            return
        time.sleep(0.1)
