"""The project: mkdocs.yml read once by MkDocs itself, and the folders and settings every stage uses.

``docs_dir`` and ``site_dir`` come from the configuration (MkDocs' defaults: docs/ and site/), and
every message names them as the configuration does. loopbook's own settings live under
``extra: loopbook:`` so that any engine reading mkdocs.yml accepts the file unchanged.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, Iterator

from loopbook.diagnostics import Diagnostics, shown_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

CONFIG = "mkdocs.yml"
CACHE = ".cache/loopbook"  # everything loopbook keeps between runs, under the project root


@dataclass
class Project:
    root: FsPath
    mkdocs: MkDocsConfig  # as MkDocs validated it; engines build from this very object

    @property
    def docs_dir(self) -> FsPath:
        return FsPath(self.mkdocs["docs_dir"])

    @property
    def site_dir(self) -> FsPath:
        return FsPath(self.mkdocs["site_dir"])

    @property
    def cache_dir(self) -> FsPath:
        return self.root / CACHE

    @property
    def settings(self) -> dict[str, Any]:
        """`extra: loopbook:` from mkdocs.yml, every key optional."""
        return dict((self.mkdocs.get("extra") or {}).get("loopbook") or {})

    def redactions(self, diags: Diagnostics) -> dict[str, str]:
        """`extra: loopbook: redact:`, term -> what the public site shows instead (loopbook.data.privacy);
        a malformed setting is an error at its line, and redacts nothing until fixed."""
        given = self.settings.get("redact") or {}
        line = self._line_of("redact:")
        if not isinstance(given, dict):
            diags.error(CONFIG, line, 1, "extra.loopbook.redact must map each term to what to show instead, "
                        "e.g. `NielsenIQ: a market-research firm`", "mkdocs-config")
            return {}
        terms = {}
        for term, shown in given.items():
            if not isinstance(term, str) or not term.strip() or not isinstance(shown, str):
                diags.error(CONFIG, line, 1, f"extra.loopbook.redact: {term!r}: {shown!r} is not a term and the text to show "
                            "instead; write both as text, e.g. `NielsenIQ: a market-research firm`", "mkdocs-config")
            else:
                terms[" ".join(term.split())] = shown
        return terms

    def _line_of(self, key: str) -> int:
        """The line of mkdocs.yml where a setting is written, for messages; 1 when it cannot be told."""
        try:
            text = (self.root / CONFIG).read_text("utf-8")
        except OSError:
            return 1
        return next((n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(key)), 1)

    def shown(self, path: FsPath) -> str:
        """A path as messages show it: relative to the project root when inside it."""
        return shown_path(self.root, path)

    def markdown(self) -> dict[str, Any]:
        return {"extensions": self.mkdocs["markdown_extensions"], "configs": self.mkdocs["mdx_configs"]}

    def theme_folders_in_docs(self) -> tuple[str, ...]:
        """A theme's custom_dir kept inside the docs folder holds templates, not pages."""
        custom = self.mkdocs["theme"].custom_dir
        if not custom:
            return ()
        custom_path = FsPath(custom).resolve()
        if not custom_path.is_relative_to(self.docs_dir.resolve()):
            return ()
        return (custom_path.relative_to(self.docs_dir.resolve()).as_posix() + "/",)


def load_project(root: FsPath, diags: Diagnostics, plugins: bool = True, **overrides: Any) -> Project | None:
    """MkDocs' own reading of mkdocs.yml; None, with its complaints as diagnostics, if it is invalid.
    Without `plugins`, the plugins are not loaded: commands that only read the data (check, plan)
    need none of them, and importing them (awesome-nav brings pydantic) is a tenth of a check."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not plugins:
        overrides["plugins"] = []

    with quiet_mkdocs() as log:
        try:
            cfg = load_config(str(root / CONFIG), **overrides)
        except MkDocsException as e:
            for record in log.records or [None]:
                message = " ".join((record.getMessage() if record else str(e)).split())
                diags.error(CONFIG, 1, 1, f"mkdocs: {message}", "mkdocs-config")
            return None
    return Project(root.resolve(), cfg)


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def quiet_mkdocs() -> Iterator[Collect]:
    """Route MkDocs' log to a collector, so its warnings come out as our diagnostics."""
    logger = logging.getLogger("mkdocs")
    handler = Collect()
    handlers, propagate, level = logger.handlers[:], logger.propagate, logger.level
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.handlers, logger.propagate = handlers, propagate
        logger.setLevel(level)
