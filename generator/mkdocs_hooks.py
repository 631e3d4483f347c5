"""MkDocs hook: regenerate the handbook Markdown before every build, so that ``mkdocs serve``
(and ``loopbook serve``) rebuild when anything under data/ or the templates changes.

``loopbook build`` generates before it calls MkDocs and says so, and then this does nothing.
Engines that run no MkDocs hooks (Zensical) get their Markdown from ``loopbook build`` alone.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import build as pipeline
from generator.diagnostics import Diagnostics, format_report
from generator.search import index_site


def on_pre_build(config, **kwargs) -> None:
    if pipeline.generated_in_process:
        return
    result = pipeline.generate(Path(config.config_file_path).parent)
    if result.diags.errors:
        raise PluginError("the handbook data has errors:\n" + format_report(result.diags))


def on_post_build(config, **kwargs) -> None:
    # `loopbook build` indexes the staged site when it publishes it; `mkdocs serve` has no publish step.
    if pipeline.generated_in_process:
        return
    diags = Diagnostics()
    if not index_site(Path(config.site_dir), diags):
        raise PluginError("search could not be indexed:\n" + format_report(diags))
