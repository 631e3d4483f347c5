"""The MkDocs plugin (``plugins: [loopbook]``): the handbook's pages as virtual files, loopbook's theme,
and a ``serve`` that rebuilds only what a save changed and never hangs.

Event handlers only, as Material's plugins keep them; the work is in loopbook.pipeline (the pages),
loopbook.engines.serve (what a save rebuilds, the problems shown in the browser) and loopbook.engines.repo.
Nothing is written into the docs folder. The plugin object lives for a whole ``serve`` (it has
``on_startup``), which is what lets a save reuse everything the previous build made.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from loopbook.checks.leaks import check_leaks
from loopbook.config import Project, folders
from loopbook.config.reader import read_config
from loopbook.data.alerts import source_folders
from loopbook.data.privacy import Secrets
from loopbook.diagnostics import Diagnostics, format_report
from loopbook.engines import repo
from loopbook.engines.assets import EXTRA_CSS, THEME_DIR
from loopbook.engines.publish import mark, not_replaceable
from loopbook.engines.search import index_site
from loopbook.engines.serve import Session
from loopbook.pipeline import Pipeline, Site
from loopbook.progress import NONE, Progress, Stage
from loopbook.render.sitemap import is_entry_page, is_generated

log = logging.getLogger("mkdocs.plugins.loopbook")

# What the templates write, and so what any handbook's Markdown needs; a configuration may add more.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences")


class _Generated(File):
    """A page loopbook made. MkDocs' dirty build rebuilds a file only when it is modified: here,
    when its text differs from what the previous build of this serve was given."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


@dataclass(frozen=True)
class Drive:
    """What `loopbook build` hands the plugin for the one build it drives: the pages it has prepared
    (so the plugin runs no pipeline of its own) and its progress. The CLI indexes and publishes that
    site itself; a build without a Drive (a plain `mkdocs build`) is the plugin's to index."""

    site: Site
    progress: Progress = NONE


class LoopbookPlugin(BasePlugin):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session: Session | None = None  # set for `serve`
        self._pipeline: Pipeline | None = None
        self._drive: Drive | None = None
        self._stage: Stage | None = None
        self._secrets = Secrets()  # what a plain `mkdocs build` must not show (loopbook.checks.leaks)

    def drive(self, drive: Drive) -> None:
        """The next build is the CLI's (loopbook.engines.mkdocs)."""
        self._drive = drive

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":
            self.session = Session()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._drive is None:  # a plain `mkdocs build` or `mkdocs serve`: nobody checked the folders
            _check_folders(config, serving=self.session is not None)
        _add_theme(config)
        for name in MARKDOWN_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        _add_repository(config)
        if self.session is not None:
            config.extra["loopbook_serve"] = True
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self._site(config)
        for stale in [f for f in files if is_generated(f.src_uri)]:  # a docs/handbook/ left on disk by an old version
            files.remove(stale)
        docs = os.path.relpath(config.docs_dir, FsPath(config.config_file_path).parent)
        for path, text in site.pages.items():
            files.append(self._file(config, site, path, text, docs))
        if self.session is not None:
            self.session.given(site.pages)
        # Each page is read and converted, then laid out and written: two steps a page.
        progress = self._drive.progress if self._drive else NONE
        self._stage = progress.begin("build pages", 2 * len(files.documentation_pages()))
        return files

    def on_page_markdown(self, markdown: str, **kwargs: Any) -> str:
        if self._stage is not None:
            self._stage.tick()
        return markdown

    def on_post_page(self, output: str, **kwargs: Any) -> str:
        if self._stage is not None:
            self._stage.tick()
        return output

    def _site(self, config: MkDocsConfig) -> Site:
        """The pages the CLI prepared, or a run of the pipeline: under serve the last good one while the
        data has errors; otherwise errors stop the build."""
        if self._drive is not None:
            return self._drive.site
        project = Project(FsPath(config.config_file_path).parent.resolve(), config)
        if self._pipeline is None or self._pipeline.project.root != project.root:
            # serve shows the candidate everything; a plain `mkdocs build` (or gh-deploy) makes the public site.
            self._pipeline = Pipeline(project, public=self.session is None)
        self._pipeline.project = project  # serve reads mkdocs.yml again for every build
        result = self._pipeline.run()
        if self.session is not None:
            return self.session.accept(result)
        if result.diags.errors:
            raise PluginError("the handbook data has errors:\n" + format_report(result.diags))
        site = result.site()
        self._secrets = site.secrets
        return site

    def _file(self, config: MkDocsConfig, site: Site, path: str, text: str, docs: str) -> File:
        file = _Generated.generated(config, path, content=text)
        if self.session is not None:
            file.modified = self.session.changed(path, text)
        if is_entry_page(path):
            file.inclusion = InclusionLevel.NOT_IN_NAV
        source = site.sources.get(path)
        # The edit button opens the YAML the page is made from; edit_uri ends at the docs folder.
        file.edit_uri = os.path.relpath(source, docs).replace(os.sep, "/") if source else None
        return file

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.session is not None:
            self.session.restore_titles(files)
        return env

    def on_page_context(self, context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if self.session is not None:
            self.session.remember_title(page)
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._stage is not None:
            self._stage.end()
            self._stage = None
        driven, self._drive = self._drive is not None, None
        site_dir = FsPath(config.site_dir)
        if self.session is not None:
            self.session.after_build(site_dir)  # and search is indexed in the background
        elif not driven:  # a plain `mkdocs build`: nobody else indexes the site, nor looks for what is private
            diags = Diagnostics()
            if not index_site(site_dir, diags):
                raise PluginError("search could not be indexed:\n" + format_report(diags))
            check_leaks(site_dir, self._secrets, diags, os.path.relpath(site_dir))
            if diags.errors:  # MkDocs wrote into the site folder itself: stop gh-deploy, say what to remove
                raise PluginError(f"{site_dir} shows what is private; delete it and use `loopbook build`, which keeps the "
                                  "previous site:\n" + format_report(diags))
            mark(site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        self._drive, self._stage = None, None  # a failed build leaves nothing for the next one

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        root = FsPath(config.config_file_path).parent
        server.watch(str(root / "data"))
        for folder in sorted(source_folders(root, Project(root, config).settings)):  # the alert sources
            server.watch(str(folder))
        if self.session is not None:
            self.session.guard(server)
        return server


def _check_folders(config: MkDocsConfig, serving: bool) -> None:
    """The folder policy (loopbook.config.folders) for a build MkDocs runs itself, before its clean step
    empties the site folder; serve builds into a temporary folder of its own, which is left alone."""
    root = FsPath(config.config_file_path).parent.resolve()
    diags = Diagnostics()
    read = read_config(root, Diagnostics())  # composed only: the positions of the settings
    project = Project(root, config, read.positions if read else {})
    if folders.check(project, diags, site=not serving) and not serving:
        reason = not_replaceable(FsPath(config.site_dir))
        if reason:
            diags.error(*project.where("site_dir"), f"site_dir {project.shown(project.site_dir)} {reason}", "site-dir")
    if diags.errors:
        raise PluginError("the configuration names folders a build must not use:\n" + format_report(diags))


def _add_theme(config: MkDocsConfig) -> None:
    """loopbook's overrides and CSS, below the project's own custom_dir (which wins); its main.html loads the JavaScript."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    for css in EXTRA_CSS:
        if css not in config.extra_css:
            config.extra_css.append(css)


def _add_repository(config: MkDocsConfig) -> None:
    if config.repo_url:
        return
    root = FsPath(config.config_file_path).parent
    found = repo.detect(root, os.path.relpath(config.docs_dir, root))
    config.edit_uri = found.edit_uri if found else None
    if found:
        config.repo_url, config.repo_name = found.url, found.name

