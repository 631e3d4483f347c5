"""Throw-away projects for measurement: the repository's mkdocs.yml and docs/ with a data set of a given size:
synthetic entries (bench.synth) or copies of the bundled stories and runbooks (bench.copied).

Built the way tests/conftest.py make_project builds them, so the benchmark measures the same
configuration the tests and the real site use.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bench.copied import write_copies
from bench.synth import write_dataset
from loopbook.engines.assets import EXTRA_CSS, THEME_DIR

REPO = Path(__file__).resolve().parent.parent
BASELINE_CONFIG = "mkdocs.baseline.yml"


DATA_SETS = ("synthetic", "copied")


def make_project(dest: Path, size: int, seed: int = 1, data: str = "synthetic") -> dict[str, list[str]]:
    """A project folder at dest holding `size` entries of the named data set; their ids by kind."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(REPO / "docs", dest / "docs", ignore=shutil.ignore_patterns("handbook"))
    config = synthetic_config((REPO / "mkdocs.yml").read_text("utf-8"))
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    (dest / BASELINE_CONFIG).write_text(baseline_config(config), "utf-8")
    return write_copies(dest / "data", size) if data == "copied" else write_dataset(dest / "data", size, seed)


def synthetic_config(config: str) -> str:
    """The repository's mkdocs.yml without its example alert sources: the measured runbooks answer no alert."""
    settings = yaml.safe_load(config)  # the repository's mkdocs.yml uses no MkDocs-only tags
    extra = settings.get("extra") or {}
    (extra.get("loopbook") or {}).pop("alerts", None)
    if "loopbook" in extra and not extra["loopbook"]:
        del extra["loopbook"]
    if "extra" in settings and not extra:
        del settings["extra"]
    return yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)


def baseline_config(config: str) -> str:
    """mkdocs.yml without the loopbook plugin: MkDocs alone, over Markdown written out beforehand
    (write_markdown), with what the plugin would otherwise add: loopbook's theme folder (whose main.html
    loads its JavaScript), its CSS, and entry pages kept out of the sidebar."""
    settings = yaml.safe_load(config)  # the repository's mkdocs.yml uses no MkDocs-only tags
    plugins = [p for p in settings.get("plugins", []) if p != "loopbook"]
    if len(plugins) == len(settings.get("plugins", [])):
        raise ValueError("mkdocs.yml does not load the loopbook plugin; nothing to remove for the baseline")
    settings["plugins"] = plugins
    settings["theme"] = {**settings["theme"], "custom_dir": str(THEME_DIR)}
    settings["extra_css"] = [*settings.get("extra_css", []), *EXTRA_CSS]
    settings["not_in_nav"] = "/handbook/*/*.md\n!/handbook/*/index.md\n"
    return yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)


def write_markdown(root: Path) -> int:
    """The generated pages written under docs/handbook, for the baseline to build; how many."""
    from loopbook import pipeline
    from loopbook.engines.zensical import write_pages

    result = pipeline.check_folder(root)
    pages = result.pages()
    write_pages(root / "docs", pages)
    return len(pages)
