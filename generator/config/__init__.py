"""The project: mkdocs.yml read once, and the folders and settings every stage uses.

A build reads mkdocs.yml as MkDocs does (its loader, its plugins and hooks: a build runs them by MkDocs'
design); every other command reads it without running anything (``reader``). Either way the folders it
names are held to one policy before anything is read or written (``folders``): the site folder is the
build's alone, and nothing from outside the project is read or published.

``docs_dir`` and ``site_dir`` come from the configuration (MkDocs' defaults: docs/ and site/), and
every message names them as the configuration does. loopbook's own settings live under
``extra: loopbook:`` so that any engine reading mkdocs.yml accepts the file unchanged.

May import: the basics (model, codes, diagnostics, files, progress).
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, Iterator

from loopbook.config.reader import CONFIG, ConfigFile, PythonName, Where, read_config
from loopbook.diagnostics import Diagnostics, shown_path

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["CACHE", "CONFIG", "Project", "Where", "load_project", "quiet_mkdocs"]
CACHE = ".cache/loopbook"  # everything loopbook keeps between runs, under the project root


@dataclass
class Project:
    root: FsPath
    mkdocs: MkDocsConfig  # as MkDocs validated it; engines build from this very object
    positions: dict[str, Where] = field(default_factory=dict)  # where mkdocs.yml writes each setting

    def where(self, setting: str) -> Where:
        """Where a setting is written, for a message about it; the file's start when it is not written."""
        return self.positions.get(setting, Where(CONFIG, 1, 1))

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
        where = self.where("extra.loopbook.redact")
        if not isinstance(given, dict):
            diags.error(*where, "extra.loopbook.redact must map each term to what to show instead, "
                        "e.g. `NielsenIQ: a market-research firm`", "mkdocs-config")
            return {}
        terms = {}
        for term, shown in given.items():
            if not isinstance(term, str) or not term.strip() or not isinstance(shown, str):
                at = self.positions.get(f"extra.loopbook.redact.{term}", where)
                diags.error(*at, f"extra.loopbook.redact: {term!r}: {shown!r} is not a term and the text to show "
                            "instead; write both as text, e.g. `NielsenIQ: a market-research firm`", "mkdocs-config")
            else:
                terms[" ".join(term.split())] = shown
        return terms

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
    """mkdocs.yml read and its folders checked; None, with every complaint as a diagnostic, if either fails.

    With `plugins` (a build), MkDocs reads it, with its plugins and hooks. Without (check, plan, export, the
    watch), it is read safely (loopbook.config.reader): no tag constructs anything, hooks and plugins stay
    unloaded (importing them, awesome-nav brings pydantic, would also be a tenth of a check), and a Markdown
    extension is imported only from outside the project. A `site_dir` given in `overrides` comes from the
    command line, the operator's own choice, so it may lie outside the project."""
    from mkdocs.config.defaults import MkDocsConfig

    from loopbook.config import folders

    root = root.resolve()
    config = None if plugins else MkDocsConfig(config_file_path=str(root / CONFIG))
    read = read_config(root, diags, config)
    if read is None:
        return None
    cfg = _mkdocs_load(root, read, overrides, diags) if plugins else _safe_load(root, read, config, overrides, diags)
    if cfg is None:
        return None
    project = Project(root, cfg, read.positions)
    return project if folders.check(project, diags, site_from_command_line="site_dir" in overrides) else None


def _mkdocs_load(root: FsPath, read: ConfigFile, overrides: dict[str, Any], diags: Diagnostics) -> MkDocsConfig | None:
    from mkdocs.config import load_config

    with _reported(diags, read.positions):
        return load_config(str(root / CONFIG), **overrides)


def _safe_load(root: FsPath, read: ConfigFile, config: MkDocsConfig, overrides: dict[str, Any], diags: Diagnostics) -> MkDocsConfig | None:
    """The values read safely, validated by MkDocs' own schema, without its plugins and hooks."""
    from loopbook.config.folders import local_extensions

    data = dict(read.data or {})
    data.pop("hooks", None)
    data["plugins"] = []
    data["markdown_extensions"] = _without_python_names(data.get("markdown_extensions"))
    if not local_extensions(root, data["markdown_extensions"], read.positions, diags):
        return None
    config.load_dict(data)
    config.load_dict({k: v for k, v in overrides.items() if v is not None})
    with _reported(diags, read.positions):
        errors, warnings = config.validate()
        for name, problem in [*errors, *(warnings if config.strict else [])]:
            logging.getLogger("mkdocs").error(f"Config value '{name}': {problem}")
        if errors or (config.strict and warnings):
            from mkdocs.exceptions import Abort

            raise Abort("Aborted with a configuration error!")
        return config


def _without_python_names(extensions: Any) -> Any:
    """Markdown extensions with every option that names Python code (`!!python/name:`, which check never
    imports) left out, so the extension keeps its default there: such options (an emoji index, a fence
    formatter, a slugify function) change neither a link nor, but for slugify, an anchor."""
    if not isinstance(extensions, list):
        return extensions
    out: list[Any] = []
    for item in extensions:
        if isinstance(item, dict) and len(item) == 1:
            (name, options), = item.items()
            if isinstance(options, dict):
                options = {k: v for k, v in options.items() if not _names_code(v)}
            item = {name: options}
        out.append(item)
    return out


def _names_code(value: Any) -> bool:
    if isinstance(value, PythonName):
        return True
    if isinstance(value, dict):
        return any(_names_code(v) for v in value.values())
    return isinstance(value, list) and any(_names_code(v) for v in value)


# The settings whose complaints MkDocs makes are reported at their line: the folders (loopbook.config.folders).
_FOLDER_SETTINGS = re.compile(r"Config value '(site_dir|docs_dir|theme)'")


@contextmanager
def _reported(diags: Diagnostics, positions: dict[str, Where]) -> Iterator[None]:
    """MkDocs' complaints about the configuration as diagnostics; MkDocsException ends the reading."""
    from mkdocs.exceptions import MkDocsException

    with quiet_mkdocs() as log:
        try:
            yield
        except MkDocsException as e:
            for record in log.records or [None]:
                message = " ".join((record.getMessage() if record else str(e)).split())
                setting = _FOLDER_SETTINGS.match(message)
                where = positions.get(setting[1], Where(CONFIG, 1, 1)) if setting else Where(CONFIG, 1, 1)
                diags.error(*where, f"mkdocs: {message}", "mkdocs-config")


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
