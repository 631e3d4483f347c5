"""``loopbook serve``: what one save rebuilds, what the browser shows while the data has errors,
and a server that never leaves a request waiting.

MkDocs' dirty build rebuilds only the files that report themselves modified. The plugin asks this
session which generated pages changed since the previous build (their text differs), gives back
the nav titles of the pages a dirty build does not read, and removes the pages of deleted entries.
While the data has errors the last good pages stay served, and every page shows the problems,
one `path:line:col` line each, from a small JSON file the page fetches (generator/theme).
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from pathlib import Path as FsPath
from typing import Any

from loopbook.diagnostics import Diagnostics, format_report
from loopbook.engines.search import index_site
from loopbook.files import atomic_write
from loopbook.pipeline import Result, Site
from loopbook.render.sitemap import page_url

log = logging.getLogger("mkdocs.plugins.loopbook")
PROBLEMS_FILE = "loopbook-problems.json"  # at the root of the served site; see generator/theme/main.html


class Session:
    def __init__(self) -> None:
        self.good: Site | None = None  # the pages of the last run without errors
        self.given_before: dict[str, str] = {}  # what the previous build was given, by path
        self.removed: set[str] = set()
        self.titles: dict[str, str] = {}
        self.problems: list[str] = []
        self._last_report = ""
        self._indexer = _Indexer()

    def accept(self, result: Result) -> Site:
        """The pages to serve: this run's, or the last good ones while this run has errors."""
        report = format_report(result.diags)
        if report and report != self._last_report:
            for line in report.splitlines():
                (log.error if ": error: " in line else log.warning if ": warning: " in line else log.info)(line)
        self._last_report = report
        self.problems = [d.text() for d in result.diags.sorted() if d.severity == "error"]
        if not result.diags.errors:
            self.good = result.site()
            return self.good
        if self.good is not None:
            log.error("the data has errors: serving the last good pages until they are fixed")
            return self.good
        return result.site()  # nothing good yet: the pages of the entries without errors

    def changed(self, path: str, text: str) -> bool:
        return self.given_before.get(path) != text

    def given(self, texts: dict[str, str]) -> None:
        self.removed = set(self.given_before) - set(texts)
        self.given_before = dict(texts)

    def remember_title(self, page: Any) -> None:
        if page.title:
            self.titles[page.file.src_uri] = page.title

    def restore_titles(self, files: Any) -> None:
        """A dirty build does not read unchanged pages, so their nav titles would be missing."""
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.markdown is None and file.src_uri in self.titles:
                page.markdown, page.meta = "", {"title": self.titles[file.src_uri]}

    def after_build(self, site_dir: FsPath) -> None:
        for path in self.removed:  # the page of a deleted entry must not be served on
            folder = site_dir / page_url(path)
            if page_url(path) and folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
        self.write_problems(site_dir)
        self._indexer.request(site_dir)

    def write_problems(self, site_dir: FsPath, extra: tuple[str, ...] = ()) -> None:
        atomic_write(site_dir / PROBLEMS_FILE, json.dumps({"problems": [*self.problems, *extra]}, ensure_ascii=False))

    def guard(self, server: Any) -> None:
        """MkDocs' server holds every request until a build succeeds; a build that fails must
        still count as done, or one bad save would leave every page waiting."""
        build = server.builder

        def builder(*args: Any, **kwargs: Any) -> None:
            try:
                build(*args, **kwargs)
            except Exception as e:  # noqa: BLE001 - anything a build raises is shown, never left hanging
                message = " ".join(str(e).split()) or type(e).__name__
                log.error(f"the build failed: {message}; serving the last pages built")
                self.write_problems(FsPath(server.root), (f"mkdocs.yml:1:1: error: the build failed: {message} [mkdocs]",))

        server.builder = builder


class _Indexer:
    """Search indexing under serve, off the path from a save to its page: the page is served as soon
    as it is built, and its search entry follows when Pagefind is done. One run at a time; saves
    made meanwhile are covered by one more run."""

    def __init__(self) -> None:
        self._wanted: FsPath | None = None
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def request(self, site_dir: FsPath) -> None:
        with self._cond:
            self._wanted = site_dir
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="loopbook-search-index", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._wanted is not None)
                site_dir, self._wanted = self._wanted, None
            diags = Diagnostics()
            if index_site(site_dir, diags):
                log.info("search index updated")
            else:
                for line in format_report(diags).splitlines():
                    log.error(line)


