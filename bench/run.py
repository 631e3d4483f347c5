"""One benchmark run over one data set size: every measured command, in a project of its own."""

from __future__ import annotations

import itertools
import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench import peak, shape
from bench.browser import BrowserSearch, first_search_in_chromium
from bench.download import Download, first_search
from bench.measure import Measured, measure, run_once, tool
from bench.project import BASELINE_CONFIG, make_project, write_markdown
from bench.serve import ServeResult, edit_latency
from bench.synth import PLANTED_WORD, dump
from bench.watch import WatchResult, recheck_latency


@dataclass
class SizeResult:
    size: int
    data: str  # the data set: bench.project.DATA_SETS
    runs: int
    counts: dict[str, int]
    check: Measured
    generate: Measured
    build: Measured
    warm_check: Measured  # after a one-file edit, with what the runs before kept in .cache/
    baseline: Measured
    serve: ServeResult
    download: Download
    shape: shape.Shape
    browser: BrowserSearch = field(default_factory=BrowserSearch)  # the first search measured in Chromium
    generate_stages: dict[str, Any] = field(default_factory=dict)  # bench.stages output of the median generate run
    mkdocs_stages: dict[str, Any] = field(default_factory=dict)  # the same for one MkDocs build, where measured
    validators: dict[str, Any] = field(default_factory=dict)  # bench.validators output, where measured
    pagefind_peak_mb: float | None = None  # Pagefind alone over the built site (bench.peak pagefind)
    watch: WatchResult = field(default_factory=WatchResult)  # save -> report under `loopbook check --watch`

    @property
    def label(self) -> str:
        return f"{self.size:,}" + ("" if self.data == "synthetic" else f" {self.data}")

    def check_output_bytes(self) -> int:
        """What `loopbook check` printed (stdout and stderr) in its first run."""
        return len(self.check.samples[0].output.encode("utf-8"))

    def build_own_peak_mb(self) -> float | None:
        """loopbook's process alone in the median build, without the programs it ran (bench.peak)."""
        return self._build_median("peak_mb")

    def build_generation_s(self) -> float | None:
        """The seconds the median build spent importing loopbook, checking and rendering (bench.peak)."""
        return self._build_median("generation_s")

    def _build_median(self, key: str) -> float | None:
        values = sorted(v for v in (peak.parse(s.output, key) for s in self.build.samples) if v is not None)
        return values[len(values) // 2] if values else None


def run_size(work: Path, size: int, runs: int, serve_edits: int, mkdocs_stages: bool, data: str = "synthetic") -> SizeResult:
    root = work / f"{data}-{size}"
    print(f"== {size:,} {data} entries, {runs} run(s): writing the data set into {root}", file=sys.stderr, flush=True)
    ids = make_project(root, size, data=data)
    handbook, site, base_site = root / "docs" / "handbook", root / "site", root / "site-baseline"

    def cold() -> None:
        # Every check, generation and build starts from a fresh clone's state: no generated Markdown,
        # no site, and no .cache/ (the generator keeps an anchor cache there; all three are git-ignored).
        for folder in (handbook, site, root / ".cache"):
            shutil.rmtree(folder, ignore_errors=True)

    loopbook = tool("loopbook")
    check = measure("loopbook check", [*loopbook, "check", "-C", str(root)], root, runs, before=cold)
    if "ok:" not in check.samples[0].output:
        raise RuntimeError(f"loopbook check did not print ok: on the {size}-entry set:\n{check.samples[0].output[-3000:]}")
    # The pipeline and every page rendered, in a fresh process, with a clock on each stage it calls (bench.stages).
    # The check a contributor runs again after saving one file: the .cache/ of the check before is kept.
    story = root / "data" / "stories" / f"{ids['story'][0]}.yaml"
    warm = measure("loopbook check, one file edited", [*loopbook, "check", "-C", str(root)], root, runs, before=lambda: _edit(story))
    generate = measure("generate", [sys.executable, "-m", "bench.stages", "generate", str(root)], root, runs, before=cold)
    # Run through bench.peak, which is loopbook itself, to report its own memory apart from Pagefind's.
    build = measure("loopbook build", [sys.executable, "-m", "bench.peak", "loopbook", "build", "-C", str(root), "--site-dir", str(site)],
                    root, runs, before=cold)
    pagefind_peak = peak.parse(run_once([sys.executable, "-m", "bench.peak", "pagefind", str(site)], root, timeout_s=1800).output)
    # The baseline builds the same pages, written out as Markdown into docs/handbook, with MkDocs alone.
    write_markdown(root)
    baseline = measure("mkdocs build (baseline)", [*tool("mkdocs"), "build", "--strict", "-f", BASELINE_CONFIG, "-d", str(base_site)],
                       root, runs, before=lambda: shutil.rmtree(base_site, ignore_errors=True))
    shutil.rmtree(base_site, ignore_errors=True)
    result = SizeResult(size, data, runs, {k: len(v) for k, v in ids.items()}, check, generate, build, warm, baseline, ServeResult(),
                        first_search(site), shape.measure(root, site), generate_stages=_median_stages(generate),
                        pagefind_peak_mb=pagefind_peak)
    result.browser = first_search_in_chromium(site, PLANTED_WORD, f"handbook/stories/{ids['story'][0]}/")
    print(f"    first search in Chromium: {result.browser.total:,} bytes {result.browser.error}", file=sys.stderr, flush=True)
    if mkdocs_stages:
        sample = run_once([sys.executable, "-m", "bench.stages", "mkdocs", str(root)], root, timeout_s=3600)
        result.mkdocs_stages = _stages(sample.output)
        shutil.rmtree(root / "site-stages", ignore_errors=True)
        result.validators = _stages(run_once([sys.executable, "-m", "bench.validators", str(root)], root, timeout_s=600).output)
    shutil.rmtree(handbook, ignore_errors=True)  # the baseline's Markdown; loopbook itself never writes it
    if serve_edits:
        result.watch = recheck_latency(root, ids["story"][0], serve_edits, timeout_s=max(60, 2 * build.wall_s))
        print(f"    check --watch: edits {result.watch.edits_s} {result.watch.error}", file=sys.stderr, flush=True)
        # Bounds on waiting, not measures of speed: generous multiples of this size's build time.
        result.serve = edit_latency(root, ids["story"][0], serve_edits, startup_timeout_s=max(120, 4 * build.wall_s),
                                    edit_timeout_s=max(60, 3 * build.wall_s))
        print(f"    serve: first page after {result.serve.startup_s} s, edits {result.serve.edits_s} {result.serve.error}",
              file=sys.stderr, flush=True)
    else:
        result.serve.error = "not measured at this size (no target asks for it, and the server's first build alone takes minutes)"
    shutil.rmtree(site, ignore_errors=True)  # a 5,000-entry site is gigabytes
    return result


def _edit(file: Path) -> None:
    """One saved change to one entry: its title, changed at every run, written as bench.serve writes it."""
    data = yaml.safe_load(file.read_text("utf-8"))
    data["title"] = f"Checked edit {next(_EDITS)}"
    file.write_text(dump(data), "utf-8")


_EDITS = itertools.count(1)


def _stages(output: str) -> dict[str, Any]:
    """The JSON line bench.stages prints last (the generator may print warnings before it)."""
    lines = [line for line in output.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def _median_stages(m: Measured) -> dict[str, Any]:
    ordered = sorted(m.samples, key=lambda s: s.wall_s)
    return _stages(ordered[len(ordered) // 2].output)
