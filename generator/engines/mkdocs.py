"""The MkDocs engine: MkDocs builds the site, and the loopbook plugin (loopbook.engines.plugin) hands it
the pipeline's pages as virtual files, so that nothing is written into the docs folder.

The CLI has run the pipeline already (every problem is reported with its position before any
engine runs); it gives the pages to this run's plugin instance, which then does not run it again.
"""

from __future__ import annotations

import logging
from pathlib import Path as FsPath
from typing import TYPE_CHECKING

from loopbook.config import CONFIG, quiet_mkdocs
from loopbook.diagnostics import Diagnostics
from loopbook.progress import Progress

if TYPE_CHECKING:
    from loopbook.config import Project
    from loopbook.pipeline import Site


class MkDocsEngine:
    name = "mkdocs"

    def unavailable(self) -> str | None:
        return None

    def build(self, project: Project, site: Site, out: FsPath, diags: Diagnostics, progress: Progress) -> bool:
        from mkdocs.commands.build import build
        from mkdocs.exceptions import MkDocsException

        from loopbook.engines.plugin import Drive, LoopbookPlugin

        config = project.mkdocs
        plugin = config.plugins.get("loopbook")
        if not isinstance(plugin, LoopbookPlugin):
            diags.error(CONFIG, 1, 1, "mkdocs.yml does not load the loopbook plugin; add it: plugins: [loopbook]", "mkdocs-config")
            return False
        plugin.drive(Drive(site, progress))
        site_dir = config["site_dir"]
        config["site_dir"], config["strict"] = str(out), True
        with quiet_mkdocs() as log:
            try:
                build(config)
            except (MkDocsException, OSError) as e:
                if not log.records:
                    diags.error(CONFIG, 1, 1, f"mkdocs: {e}", "mkdocs")
            finally:
                config["site_dir"] = site_dir  # the project's own, for whatever names it after the build
        for record in log.records:
            message = " ".join(record.getMessage().split())  # one line, like every diagnostic
            diags.error(_record_path(project, record), 1, 1, f"mkdocs: {message}", "mkdocs")
        return not log.records


def _record_path(project: Project, record: logging.LogRecord) -> str:
    """The docs file a MkDocs message names, if any ("Doc file 'x.md' contains ...")."""
    message = record.getMessage()
    if message.startswith("Doc file '"):
        return f"{project.shown(project.docs_dir)}/{message.split(chr(39), 2)[1]}"
    return CONFIG


ENGINE = MkDocsEngine
