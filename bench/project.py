"""Throw-away projects for measurement: the repository's mkdocs.yml and docs/ with synthetic data/.

Built the way tests/conftest.py make_project builds them, so the benchmark measures the same
configuration the tests and the real site use.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bench.synth import write_dataset

REPO = Path(__file__).resolve().parent.parent
BASELINE_CONFIG = "mkdocs.baseline.yml"
# The hooks: block of mkdocs.yml, up to the next top-level key or the end of the file.
_HOOKS = re.compile(r"^hooks:\n(?:[ \t]+.*\n?|\n)*", re.M)


def make_project(dest: Path, size: int, seed: int = 1) -> dict[str, list[str]]:
    """A project folder at dest holding `size` synthetic entries; their ids by kind."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(REPO / "docs", dest / "docs", ignore=shutil.ignore_patterns("handbook"))
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    (dest / BASELINE_CONFIG).write_text(baseline_config(config), "utf-8")
    return write_dataset(dest / "data", size, seed)


def baseline_config(config: str) -> str:
    """mkdocs.yml without the loopbook hook: MkDocs alone, over Markdown generated beforehand.

    The hook regenerates unless generator.build.generated_in_process is set, a module global
    that only `loopbook build` sets in its own process; there is no environment switch, so
    the baseline drops the hook from a copy of the configuration instead.
    """
    stripped, n = _HOOKS.subn("", config)
    if n != 1:
        raise ValueError("mkdocs.yml has no single hooks: block to remove for the baseline")
    return stripped
