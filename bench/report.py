"""BENCHMARKS.md: the machine, the figures of one run, their ratios to the baseline, and the targets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from bench.measure import Measured
from bench.run import SizeResult

MB = 1_000_000
METHOD = Path(__file__).with_name("method.md")  # how each figure is taken; copied into the report as written


@dataclass(frozen=True)
class Target:
    text: str
    size: int
    limit: float
    higher_is_better: bool
    unit: str
    figure: Callable[[SizeResult], float | None]
    unmeasured: Callable[[SizeResult], str] = lambda r: r.serve.error  # why figure gave None
    data: str = "synthetic"  # the data set it is measured on (bench.project.DATA_SETS)


def serve_median(r: SizeResult) -> float | None:
    edits = sorted(r.serve.edits_s)
    return edits[len(edits) // 2] if edits else None


TARGETS = [
    Target("`loopbook check` at least 10× faster than `loopbook build`", 1000, 10, True, "×", lambda r: r.build.wall_s / r.check.wall_s),
    Target("`loopbook check` after a one-file edit within 1/20 of `loopbook build` (cold)", 1000, 5, False, " %",
           lambda r: 100 * r.warm_check.wall_s / r.build.wall_s),
    Target("`loopbook check --watch`: a one-file edit re-checked within 1/20 of `loopbook build` (cold)", 1000, 5, False, " %",
           lambda r: None if r.watch.median() is None else 100 * r.watch.median() / r.build.wall_s,
           lambda r: r.watch.error or r.serve.error),
    Target("generation + validation at most 10 % of `loopbook build`, clocked inside the build", 1000, 10, False, " %",
           lambda r: None if r.build_generation_s() is None else 100 * r.build_generation_s() / r.build.wall_s,
           lambda r: "bench.peak printed no generation time"),
    Target("the same, as a fresh process of its own (generate)", 1000, 10, False, " %", lambda r: 100 * r.generate.wall_s / r.build.wall_s),
    Target("one-file edit to rebuilt page under `loopbook serve` within 1/6 of `loopbook build`", 1000, 100 / 6, False, " %",
           lambda r: None if serve_median(r) is None else 100 * serve_median(r) / r.build.wall_s),
    Target("`loopbook build` peak memory under 500 MB", 5000, 500, False, " MB", lambda r: r.build.peak_rss_mb),
    Target("the same, loopbook's process alone (Pagefind apart)", 5000, 500, False, " MB", lambda r: r.build_own_peak_mb(),
           lambda r: "bench.peak printed no peak"),
    Target("first-search download under 1 MB, in Chromium", 5000, 1, False, " MB",
           lambda r: r.browser.total / MB if r.browser.total else None, lambda r: r.browser.error),
]
# Issue 22's targets, on both data sets: a handbook of copies shares figures, principles and events, which
# the synthetic one never does.
for data in ("synthetic", "copied"):
    TARGETS += [
        Target("`loopbook check` under 5 s", 5000, 5, False, " s", lambda r: r.check.wall_s, data=data),
        Target("`loopbook check` peak memory under 300 MB", 5000, 300, False, " MB", lambda r: r.check.peak_rss_mb, data=data),
        Target("`loopbook check` output under 2 MB", 5000, 2, False, " MB", lambda r: r.check_output_bytes() / MB, data=data),
        Target("no built page over 1 MB", 5000, 1, False, " MB", lambda r: r.shape.largest_html[1] / MB, data=data),
        Target("`loopbook build`: loopbook's own process under 300 MB", 5000, 300, False, " MB", lambda r: r.build_own_peak_mb(),
               lambda r: "bench.peak printed no peak", data=data),
        Target("`loopbook build`: the whole build, Pagefind included, under 1 GB", 5000, 1000, False, " MB",
               lambda r: r.build.peak_rss_mb, data=data),
    ]
TARGETS.append(Target("one-file edit to rebuilt page under `loopbook serve` within 1/6 of `loopbook build`", 1000, 100 / 6,
                      False, " %", lambda r: None if serve_median(r) is None else 100 * serve_median(r) / r.build.wall_s,
                      data="copied"))


def render(results: list[SizeResult], machine: dict[str, str], notes: list[str]) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [_HEADER.format(stamp=stamp), _targets(results), _machine(machine), _times(results), _cpu(results), _memory(results),
             _downloads(results), _shape(results), _validators(results), _stages(results), METHOD.read_text("utf-8")]
    if notes:
        parts.append("## Notes from this run\n\n" + "\n".join(f"- {n}" for n in notes) + "\n")
    return "\n".join(parts)


_HEADER = """# Benchmarks

Written by `make bench` (`python -m bench`) on {stamp}; every figure below is from that one run.
Each command ran in a fresh process on two kinds of data set: synthetic ones generated from the JSON Schemas
(seeded, so every run measures the same data), and "copied" ones, the bundled stories and runbooks copied under
new ids (bench/copied.py), which share figures, principles and events as a growing team's handbook does.
Times are medians over the runs; memory is the median peak resident set size of the measured process.
Ratios are to the baseline of the same run: a plain `mkdocs build --strict` of the same pages, written out as
Markdown, without the loopbook plugin.
"""


def _table(title: str, head: list[str], rows: list[list[str]], intro: str = "", numeric: bool = True) -> str:
    rule = ["---"] + ["---:" if numeric else "---"] * (len(head) - 1)
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return f"## {title}\n\n" + (intro + "\n\n" if intro else "") + "\n".join(lines) + "\n"


def _machine(machine: dict[str, str]) -> str:
    return _table("Machine", ["", ""], [[k, v] for k, v in machine.items()], numeric=False)


def _ratio(m: Measured, base: Measured, cpu: bool = False) -> str:
    value, ref = (m.cpu_s, base.cpu_s) if cpu else (m.wall_s, base.wall_s)
    return f"{value:.2f} s ({value / ref:.2f}×)"


def _times(results: list[SizeResult]) -> str:
    head = ["Entries (runs)", "`loopbook check`", "`loopbook check`, one file edited", "generate (check + render every page)",
            "`loopbook build`", "of which generation", "baseline: `mkdocs build --strict`", "`check --watch`: save → report (median)",
            "serve: save → page (median)"]
    rows = []
    for r in results:
        inside = r.build_generation_s()
        rows.append([f"{r.label} ({r.runs})", _ratio(r.check, r.baseline), _ratio(r.warm_check, r.baseline),
                     _ratio(r.generate, r.baseline), _ratio(r.build, r.baseline),
                     "not measured" if inside is None else f"{inside:.2f} s ({100 * inside / r.build.wall_s:.1f} %)",
                     f"{r.baseline.wall_s:.2f} s (1.00×)",
                     _edits(r.watch.edits_s, r, r.watch.error or r.serve.error), _edits(r.serve.edits_s, r, r.serve.error)])
    return _table("Wall time (ratio to the baseline)", head, rows)


def _edits(edits_s: list[float], r: SizeResult, missing: str) -> str:
    """The median of timed edits, and its share of the same size's build."""
    if not edits_s:
        return missing
    median, n = sorted(edits_s)[len(edits_s) // 2], len(edits_s)
    return f"{median:.2f} s (of {n} edit{'s' if n != 1 else ''}; {100 * median / r.build.wall_s:.0f} % of the build)"


def _cpu(results: list[SizeResult]) -> str:
    rows = [[r.label, _ratio(r.check, r.baseline, True), _ratio(r.generate, r.baseline, True), _ratio(r.build, r.baseline, True),
             f"{r.baseline.cpu_s:.2f} s (1.00×)"] for r in results]
    return _table("CPU time, user + system (ratio to the baseline)",
                  ["Entries", "`loopbook check`", "generate", "`loopbook build`", "baseline"],
                  rows, "Less swayed than wall time by other work on a shared machine; compare the two to see how busy it was.")


def _memory(results: list[SizeResult]) -> str:
    rows = []
    for r in results:
        own, pagefind = r.build_own_peak_mb(), r.pagefind_peak_mb
        own, pagefind = (f"{x:.0f} MB" if x is not None else "not measured" for x in (own, pagefind))
        rows.append([r.label, f"{r.check.peak_rss_mb:.0f} MB", f"{r.generate.peak_rss_mb:.0f} MB", f"{r.build.peak_rss_mb:.0f} MB",
                     own, pagefind, f"{r.baseline.peak_rss_mb:.0f} MB"])
    return _table("Peak memory (RSS of the measured process)", ["Entries", "`loopbook check`", "generate", "`loopbook build`",
                                                                "loopbook's process alone", "Pagefind alone", "baseline"], rows,
                  "The build's figure counts the programs it runs: it is the larger of loopbook's Python process (load, render, "
                  "MkDocs) and Pagefind, each measured apart by `bench.peak`.")


def _validators(results: list[SizeResult]) -> str:
    rows = []
    for r in results:
        for name, v in r.validators.items():
            if "error" in v:
                rows.append([r.label, f"`{name}`", v["error"], "", ""])
                continue
            rows.append([r.label, f"`{name}`", f"{1000 * v['compile_s']:.0f} ms", f"{1000 * v['validate_s']:.0f} ms",
                         f"{1e6 * v['validate_s'] / max(v['entries'], 1):.0f} µs"])
    if not rows:
        return ""
    return _table("JSON Schema validators",
                  ["Entries", "Validator", "import + compile the schemas", "judge every entry", "per entry"], rows,
                  "`python -m bench.validators`, in a fresh process over the same data set: a yes or no per entry. `loopbook check` "
                  "asks jsonschema-rs first and jsonschema only for an entry that fails, for its messages and positions "
                  "(generator/data/schema.py).")


def _downloads(results: list[SizeResult]) -> str:
    rows = []
    for r in results:
        d = r.download
        b = r.browser
        seen = b.error or f"**{_bytes(b.total)}** ({_bytes(b.search)} of it search, {b.responses} responses)"
        rows.append([r.label, seen, _bytes(d.part("html")), _bytes(d.part("css")), _bytes(d.part("js")), _bytes(d.part("index")),
                     _bytes(d.total), _bytes(d.total_gzip)])
    return _table("Bytes before the first search result", ["Entries", "in Chromium", "home page HTML", "CSS", "JS (bundle + search)",
                                                           "search index (upper bound)", "from the files", "from the files, gzip"], rows)


def _bytes(n: int) -> str:
    if n >= 1000 * MB:
        return f"{n / (1000 * MB):.2f} GB"
    return f"{n / MB:.2f} MB" if n >= MB else f"{n / 1000:.0f} kB"


def _shape(results: list[SizeResult]) -> str:
    rows = []
    for r in results:
        s = r.shape
        largest = ", ".join(f"`{p.removeprefix('handbook/')}` {_bytes(n)}" for p, n in s.largest[:3])
        page, n = s.largest_html
        rows.append([r.label, f"{s.markdown_pages:,} pages, {_bytes(s.markdown_bytes)}", largest,
                     f"{s.html_pages:,} pages, {_bytes(s.html_bytes)}", f"`{page}` {_bytes(n)}", f"{100 * s.nav_share:.0f} %",
                     _bytes(r.check_output_bytes())])
    return _table("What was built", ["Entries", "generated Markdown", "largest generated pages", "built HTML", "largest built page",
                                     "share of the HTML that is the site navigation", "`loopbook check` output"], rows)


def _stages(results: list[SizeResult]) -> str:
    out = ["## Where the time goes\n",
           "Wall time per stage from `python -m bench.stages` (a clock around each function, no profiler overhead),",
           "with the process's peak RSS when the stage returned. Times are inclusive, so a stage called from another",
           "(a `Renderer` method from the link check; plugin events marked ↳ inside MkDocs' page steps) counts in both.\n"]
    for r in results:
        out.append(_stage_table(f"generate, {r.label} entries", r.generate_stages))
        if r.mkdocs_stages:
            out.append(_stage_table(f"MkDocs alone (baseline config), {r.label} entries", r.mkdocs_stages))
    return "\n".join(out)


def _stage_table(title: str, data: dict[str, Any], top: int = 10) -> str:
    if not data:
        return f"**{title}**: not measured\n"
    total = data["total"]
    rows = [[label, f"{seconds:.2f} s", f"{100 * seconds / total:.0f} %", f"{peak:.0f} MB"]
            for label, (seconds, peak) in list(data["stages"].items())[:top]]
    head = "| Stage | Time | Share | Peak RSS after |\n| --- | ---: | ---: | ---: |"
    return (f"**{title}**: {total:.2f} s, peak {data['peak_mb']:.0f} MB\n\n{head}\n"
            + "\n".join("| " + " | ".join(x) + " |" for x in rows) + "\n")


def _targets(results: list[SizeResult]) -> str:
    by_size = {(r.data, r.size): r for r in results}
    rows = []
    for t in TARGETS:
        of_data = [x for x in results if x.data == t.data]
        if not of_data:
            continue
        r = by_size.get((t.data, t.size)) or max(of_data, key=lambda x: x.size)
        at = r.label + ("" if r.size == t.size else f" (the target is for {t.size:,}, not measured)")
        value = t.figure(r)
        if value is None:
            rows.append([t.text, at, "not measured", f"{_limit(t.limit)}{t.unit}", f"**missed**: {t.unmeasured(r)}"])
        else:
            rows.append([t.text, at, f"{value:.2f}{t.unit}", f"{_limit(t.limit)}{t.unit}", _verdict(t, value)])
    return _table("Targets", ["Target", "At entries", "Measured", "Limit", "Verdict"], rows, numeric=False)


def _limit(limit: float) -> str:
    # ".3g" alone prints 1000 as "1e+03".
    return f"{limit:,.0f}" if limit >= 1000 else f"{limit:.3g}"


def _verdict(t: Target, value: float) -> str:
    met = value >= t.limit if t.higher_is_better else value <= t.limit
    if not value:
        return "met" if met else "**missed**"
    factor = value / t.limit if t.higher_is_better == met else t.limit / value
    if met:
        return f"met ({factor:.1f}× margin)"
    return f"**missed** ({factor:.1f}× {'short' if t.higher_is_better else 'over'})"
