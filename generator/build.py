"""The pipeline end to end: load -> validate -> graph -> render -> links -> site.

``check`` stops before writing anything; ``generate`` writes the Markdown; ``build_site``
runs MkDocs into a temporary folder and swaps it into place only when it succeeded.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, Iterator

from generator import editor, quality, reference
from generator.diagnostics import Diagnostics
from generator.graph import Graph, build_graph
from generator.links import check_links, check_prose_schemes
from generator.load import load_handbook
from generator.model import Handbook
from generator.pages import all_pages, navigation
from generator.publish import publish, staging
from generator.quality import today
from generator.render import Renderer, nav_files, write_pages
from generator.schema import validate
from generator.views import view_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CONFIG = "mkdocs.yml"
ANCHOR_CACHE = ".cache/loopbook/anchors.json"


@dataclass
class Checked:
    """What a clean check leaves for the later stages."""

    diags: Diagnostics
    book: Handbook = field(default_factory=Handbook)
    graph: Graph | None = None
    paths: list[str] = field(default_factory=list)  # every generated file, by its path under docs/
    pages: dict[str, str] = field(default_factory=dict)  # their text, when rendered in full


def check(root: FsPath, links: bool = True, render_all: bool = False) -> Checked:
    """Load, validate, resolve and check internal links; write nothing (but the anchor cache).
    Pages are rendered only as far as the link check needs them, or all with render_all."""
    diags = Diagnostics()
    book = load_handbook(root, diags)
    editor.check_modelines(root, book, diags)
    for entry in book.all():
        validate(entry, diags)
    graph = build_graph(book, diags)
    check_prose_schemes(book, diags)
    result = Checked(diags, book, graph)
    if diags.errors:
        return result  # pages of invalid data would only repeat the same problems
    on = today()
    hints = quality.report(graph, diags, on)
    files = nav_files(navigation(graph))
    files.update(reference.pages())
    renderer = Renderer(all_pages(graph, on) + view_pages(graph, hints, on), book, files)
    result.paths = sorted(renderer.paths())
    if render_all:
        result.pages = renderer.all()
    if links:
        cfg = load_mkdocs_config(root, diags)
        if cfg is not None:
            md = {"extensions": cfg["markdown_extensions"], "configs": cfg["mdx_configs"]}
            check_links(root / "docs", renderer, book, md, diags, root / ANCHOR_CACHE)
    return result


def generate(root: FsPath) -> Checked:
    """check, then write the generated Markdown when there is no error."""
    result = check(root, render_all=True)
    if not result.diags.errors:
        write_pages(root / "docs", result.pages)
    return result


def load_mkdocs_config(root: FsPath, diags: Diagnostics, **overrides: Any) -> MkDocsConfig | None:
    """MkDocs' own reading of mkdocs.yml; None, with its complaints as diagnostics, if it is invalid."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _quiet_mkdocs() as log:
        try:
            return load_config(str(root / CONFIG), **overrides)
        except MkDocsException as e:
            for record in log.records or [None]:
                message = " ".join((record.getMessage() if record else str(e)).split())
                diags.error(CONFIG, 1, 1, f"mkdocs: {message}", "mkdocs-config")
            return None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _quiet_mkdocs() -> Iterator[_Collect]:
    """Route MkDocs' log to a collector, so its warnings come out as our diagnostics."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    handlers, propagate, level = logger.handlers[:], logger.propagate, logger.level
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.handlers, logger.propagate = handlers, propagate
        logger.setLevel(level)


# Set while the CLI has generated already, so the MkDocs hook does not do it twice.
generated_in_process = False


def build_site(root: FsPath, site_dir: FsPath, diags: Diagnostics) -> bool:
    """MkDocs-build into a temporary folder beside site_dir, then publish it; False on failure."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    global generated_in_process
    generated_in_process = True
    try:
        with staging(site_dir.resolve()) as tmp:
            cfg = load_mkdocs_config(root, diags, site_dir=str(tmp), strict=True)
            if cfg is None:
                return False
            with _quiet_mkdocs() as log:
                try:
                    build(cfg)
                except (MkDocsException, OSError) as e:
                    if not log.records:
                        diags.error(CONFIG, 1, 1, f"mkdocs: {e}", "mkdocs")
            for record in log.records:
                message = " ".join(record.getMessage().split())  # one line, like every diagnostic
                diags.error(_record_path(record), 1, 1, f"mkdocs: {message}", "mkdocs")
            return not diags.errors and publish(tmp, site_dir.resolve(), diags)
    finally:
        generated_in_process = False


def _record_path(record: logging.LogRecord) -> str:
    """The docs file a MkDocs message names, if any ("Doc file 'x.md' contains ...")."""
    message = record.getMessage()
    if message.startswith("Doc file '"):
        return "docs/" + message.split("'", 2)[1]
    return CONFIG
