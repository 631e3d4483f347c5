"""Where the time goes, without a profiler's distortion: wall time per stage of one real run.

A profiler inflates pure-Python code (PyYAML's scanner, Python-Markdown) several times over and
so misstates the shares; wrapping the stage functions with a clock costs nothing measurable.

    python -m bench.stages generate ROOT   # the pipeline and every page rendered, per function pipeline.py calls
    python -m bench.stages mkdocs ROOT     # MkDocs alone (the baseline config), per build step and plugin event

Prints one JSON object: {"total": s, "peak_mb": MB, "stages": {label: [s, peak MB when it returned], ...}}.
Stages can nest: plugin events marked ↳ run inside the page steps.
"""

from __future__ import annotations

import functools
import inspect
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

# Data structures whose methods run once per reference or problem: a clock on each call would cost more than they do.
_DATA_MODULES = {"loopbook.model", "loopbook.diagnostics", "loopbook.data.graph"}
_PAGE_EVENTS = {"pre_page", "page_markdown", "page_content", "page_context", "post_page"}
TIMES: dict[str, float] = defaultdict(float)
PEAK_MB: dict[str, float] = {}  # the process's peak RSS when the stage last returned: where memory grows


def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[label] += time.perf_counter() - start
            PEAK_MB[label] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return wrapper


def generate(root: Path) -> float:
    """Time every generator function pipeline.py calls by name, and the public methods of the generator
    classes it uses (a lazy Renderer, say), whatever the pipeline's stages are today: reading mkdocs.yml,
    the checks, and every page rendered, which is what the plugin hands MkDocs."""
    from loopbook import config, pipeline

    config.load_project = timed("config.load_project", config.load_project)
    for name, value in list(vars(pipeline).items()):
        module = getattr(value, "__module__", "") or ""
        if not module.startswith("loopbook.") or name in ("check", "check_folder"):  # what the whole run is
            continue
        label = f"{module.removeprefix('loopbook.')}.{name}"
        if inspect.isfunction(value):
            setattr(pipeline, name, timed(label, value))
        elif inspect.isclass(value) and not issubclass(value, BaseException) and module not in _DATA_MODULES:
            for attr, method in list(vars(value).items()):
                if inspect.isfunction(method) and not attr.startswith("_"):
                    setattr(value, attr, timed(f"{label}.{attr}", method))
    start = time.perf_counter()
    result = pipeline.check_folder(root)
    result.pages()
    elapsed = time.perf_counter() - start
    if result.diags.errors:
        raise SystemExit(f"generate found {len(result.diags.errors)} errors in {root}")
    return elapsed


def mkdocs(root: Path) -> float:
    from mkdocs.commands import build as mk
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from bench.project import BASELINE_CONFIG

    steps = {"get_files": "list the files", "get_navigation": "build the navigation",
             "_populate_page": "pages: read + Markdown to HTML", "_build_page": "pages: theme template (with the nav) + write",
             "_build_theme_template": "theme templates (404, sitemap)"}
    for name, label in steps.items():
        setattr(mk, name, timed(label, getattr(mk, name)))
    Page.validate_anchor_links = timed("pages: validate anchor links", Page.validate_anchor_links)
    Files.copy_static_files = timed("copy theme assets", Files.copy_static_files)
    config = load_config(str(root / BASELINE_CONFIG), site_dir=str(root / "site-stages"))
    for event, methods in config.plugins.events.items():
        inside = "↳ " if event in _PAGE_EVENTS else ""  # runs inside one of the page steps above
        for i, method in enumerate(methods):
            origin = config.plugins._event_origins.get(method, "?")
            methods[i] = timed(f"{inside}plugin {origin}: on_{event}", method)
            config.plugins._event_origins[methods[i]] = origin
    start = time.perf_counter()
    mk.build(config)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    mode, root = argv[0], Path(argv[1]).resolve()
    total = {"generate": generate, "mkdocs": mkdocs}[mode](root)
    stages = {label: [seconds, PEAK_MB[label]] for label, seconds in sorted(TIMES.items(), key=lambda kv: -kv[1])}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"total": total, "peak_mb": peak, "stages": stages}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
