"""The engines: site builders behind one interface, each turning the pipeline's pages into a site in
a folder, and what surrounds a build (the MkDocs plugin, serve, search, publishing, the repository link,
the theme's files).

``build_site`` is the same for every engine: build into a staging folder beside the site folder,
index it for search (``engines.search``), let the output guard look at the result (``checks.guard``;
``checks.leaks`` for a public site, with the secrets the pipeline put in the Site),
and only then swap it into place (``engines.publish``). An engine only builds; it never publishes and
never touches the previous site.

May import: everything but ``loopbook.cli``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

from loopbook.config import CONFIG
from loopbook.diagnostics import Diagnostics
from loopbook.engines.publish import mark, not_replaceable, publish, staging
from loopbook.engines.search import index_site
from loopbook.progress import NONE, Progress

if TYPE_CHECKING:
    from pathlib import Path as FsPath

    from loopbook.config import Project
    from loopbook.pipeline import Site


class Engine(Protocol):
    name: str

    def unavailable(self) -> str | None:
        """Why the engine cannot run here, or None when it can."""

    def build(self, project: Project, site: Site, out: FsPath, diags: Diagnostics, progress: Progress) -> bool:
        """Build the site into the empty folder `out`; False, with diagnostics, on failure."""


# Each is the module loopbook.engines.<name>, whose ENGINE is its class: imported only when chosen.
NAMES = ("mkdocs", "zensical")


def engine(name: str) -> Engine:
    return importlib.import_module(f"loopbook.engines.{name}").ENGINE()


def build_site(project: Project, site: Site, name: str, diags: Diagnostics, progress: Progress = NONE) -> bool:
    """Build with the named engine and publish into the project's site folder; False on failure."""
    builder = engine(name)
    reason = builder.unavailable()
    if reason:
        diags.error(CONFIG, 1, 1, reason, name)
        return False
    site_dir, where = project.site_dir.resolve(), project.where("site_dir")
    shown = project.shown(site_dir)
    reason = not_replaceable(project.root / project.site_dir)  # as written: a link is refused, not followed
    if reason:
        diags.error(*where, f"site_dir {shown} {reason}", "site-dir")
        return False
    try:
        with staging(site_dir) as tmp:
            # Search indexes the HTML either engine wrote, before the output guard reads the site.
            if not builder.build(project, site, tmp, diags, progress) or diags.errors:
                return False
            mark(tmp)
            stage = progress.begin("search index")
            indexed = index_site(tmp, diags, shown)
            stage.end()
            return indexed and publish(tmp, site_dir, diags, shown, where, site.secrets)
    except OSError as e:  # a folder that cannot be written, a full disk
        diags.error(CONFIG, 1, 1, f"{name}: {e}", name)
        return False
