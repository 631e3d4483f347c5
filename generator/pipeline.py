"""The pipeline: load -> validate -> graph -> pages -> links, returning the pages in memory.

Nothing here writes the site or knows an engine: ``loopbook check`` stops at the result, the
MkDocs plugin hands the pages to MkDocs as virtual files, and the Zensical engine writes them out.
Every problem a run can find is reported: an entry with errors is set aside (its file is named in
the errors) and the later stages go on without it, so one broken file never hides another's
problems. Kept between runs (``serve``), a Pipeline reloads only the files that changed and
re-renders only the pages those changes can reach.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from loopbook.analysis import hints as quality
from loopbook.analysis.alerts import AlertIndex, index_alerts
from loopbook.analysis.measures import today
from loopbook.checks.alerts import check_runbook_urls
from loopbook.checks.links import Docs, Link, check_links, check_prose_schemes, data_links
from loopbook.checks.modeline import check_modeline
from loopbook.config import Project
from loopbook.data.alerts import read_alerts
from loopbook.data.graph import Graph, build_graph
from loopbook.data.load import data_files, load_entry, load_handbook, ref_of
from loopbook.data.parameters import check_parameters
from loopbook.data.privacy import Redactions, Secrets, needs_public_view, public_book, secrets_of
from loopbook.data.schema import validate
from loopbook.diagnostics import Diagnostic, Diagnostics, format_report
from loopbook.model import Entry, Handbook
from loopbook.progress import NONE, Progress
from loopbook.render.alerts import alert_pages
from loopbook.render.pages import Page, all_pages
from loopbook.render.reference import codes_page, reference_page
from loopbook.render.renderer import Renderer, nav_files
from loopbook.render.sitemap import entry_path, navigation, ref_path
from loopbook.render.views import view_pages

ANCHOR_CACHE = "anchors.json"


@dataclass(frozen=True)
class Site:
    """What an engine builds from: every generated file's text by its path under the docs folder, and
    the YAML file each entry page was made from (for its edit button). Nothing of the data is kept, so
    the loaded handbook can be let go before the engine runs."""

    pages: dict[str, str]
    sources: dict[str, str]
    # What no file of a public site may hold (loopbook.checks.leaks); empty when the site is the whole handbook.
    secrets: Secrets = Secrets()


@dataclass
class Result:
    """What one run found and made."""

    diags: Diagnostics
    book: Handbook
    graph: Graph  # every entry: what check reports on, and what serve shows
    renderer: Renderer
    alerts: AlertIndex  # the alerts of the alert sources, with the runbook each leads to
    shown: Graph  # what the pages were made from: the graph, or for a public site its public part
    secrets: Secrets = Secrets()

    @property
    def paths(self) -> list[str]:
        """Every generated file, by its path under the docs folder."""
        return sorted(self.renderer.paths())

    def pages(self) -> dict[str, str]:
        """Every generated file's text, rendered now if it was not yet."""
        with _no_cycle_collection():
            return self.renderer.all()

    def site(self, progress: Progress = NONE) -> Site:
        stage = progress.begin("render", len(self.renderer.pages))
        with _no_cycle_collection():
            pages = self.renderer.all(stage.tick)
        stage.end()
        sources = {p.path: p.source for p in self.renderer.pages.values() if p.source}
        return Site(pages, sources, self.secrets)


@dataclass
class _Loaded:
    key: tuple[int, int]  # mtime in ns and size: a file whose stat is unchanged is not read again
    entry: Entry | None  # None when it could not be read
    valid: bool  # read, and valid against its schema
    found: list[Diagnostic] = field(default_factory=list)


class Pipeline:
    """`public`: the pages of the site one deploys, without the private entries and with the redactions
    applied (loopbook.data.privacy); otherwise every entry, the private ones marked (serve, build --private).
    Problems are found in every entry either way."""

    def __init__(self, project: Project, public: bool = False) -> None:
        self.project = project
        self.public = public
        self._memo: dict[str, _Loaded] = {}
        self._previous: Renderer | None = None

    def run(self, links: bool = True, progress: Progress = NONE) -> Result:
        with _no_cycle_collection():
            return self._run(links, progress)

    def _run(self, links: bool, progress: Progress) -> Result:
        diags = Diagnostics()
        changed: set[str] = set()
        visited: set[str] = set()
        files = data_files(self.project.root)
        stage = progress.begin("load", len(files))

        def read(file: FsPath, rel: str, found: Diagnostics) -> Entry | None:
            stage.tick()
            return self._read(file, rel, found, changed, visited)

        book = load_handbook(self.project.root, diags, read=read, files=files)
        stage.end()
        for gone in set(self._memo) - visited:  # deleted since the previous run
            changed.add(ref_of(gone))
            del self._memo[gone]
        # References, link schemes and (after the pages) links are checked in every entry that loaded, valid or
        # not; the entries with schema errors are set aside, and the pages are made from the others.
        graph = build_graph(book, diags)
        prose_links = list(data_links(book))  # read once: their schemes now, where they point after the pages
        check_prose_schemes(prose_links, diags)
        invalid = [e for e in book.all() if not self._memo[e.source.path].valid]
        for entry in invalid:
            book.set_aside(entry)
        if invalid:  # the graph again without them; its problems were all reported by the first pass
            graph = build_graph(book, Diagnostics())
        on = today()
        hints = quality.report(graph, diags, on)
        alerts = self._alerts(book, diags)
        shown, secrets = graph, Secrets()
        redactions = Redactions(self.project.redactions(diags))
        if self.public and needs_public_view(book, redactions):
            shown, secrets = public_graph(book, redactions), secrets_of(book, redactions)
            hints = quality.report(shown, Diagnostics(), on)  # the Quality page of the public site, of its entries
        pages: list[Page] = [*all_pages(shown, on), *view_pages(shown, hints, on, self.project.quality_notes(diags)),
                             reference_page(), codes_page(), *alert_pages(alerts)]
        renderer = Renderer(pages, shown.book, nav_files(navigation(alerts.present)), self._previous, frozenset(changed))
        if links:
            stage = progress.begin("check links")
            self._check_links(book, shown.book, renderer, prose_links, diags)
            stage.end()
        self._previous = renderer
        return Result(diags, book, graph, renderer, alerts, shown, secrets)

    def _alerts(self, book: Handbook, diags: Diagnostics) -> AlertIndex:
        """The alert sources, read again at every run (they are small), joined with the runbooks and checked."""
        alerts = index_alerts(book, read_alerts(self.project.root, self.project.settings, diags), diags)
        check_runbook_urls(alerts, self.project.mkdocs.get("site_url"), diags)
        return alerts

    def _read(self, file: FsPath, rel: str, diags: Diagnostics, changed: set[str], visited: set[str]) -> Entry | None:
        """Load and validate one file, or take both from the previous run when the file is unchanged."""
        visited.add(rel)
        try:
            stat = file.lstat()
            key = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = (-1, -1)
        known = self._memo.get(rel)
        if known is None or known.key != key or key == (-1, -1):
            found = Diagnostics()
            entry = load_entry(file, rel, found)
            valid = entry is not None and validate(entry, found)
            if valid and entry.kind.name == "runbook":
                check_parameters(entry, found)
            if entry is not None:
                check_modeline(self.project.root, entry, found)
            known = self._memo[rel] = _Loaded(key, entry, valid, found.items)
            changed.add(ref_of(rel))
        for d in known.found:
            diags.add(d)
        return known.entry

    def _check_links(self, book: Handbook, shown: Handbook, renderer: Renderer, prose_links: list[Link], diags: Diagnostics) -> None:
        project = self.project
        docs = Docs.of(project)
        # The pages of entries with errors, and those a public site leaves out: a link into them is reported
        # as those errors, or as private-link, where it is written.
        broken_pages = {ref_path(ref) for ref in book.broken} | {entry_path(e) for e in book.all() if shown.get(e.kind.name, e.id) is None}
        # An entry with schema errors has no page, but its prose is read as the schema says (a string where
        # prose belongs, anything else passed over), so its links are checked from where its page will be.
        aside = {entry_path(e) for e in book.aside.values()}
        check_links(docs, renderer, prose_links, project.markdown(), diags, project.cache_dir / ANCHOR_CACHE, broken_pages, aside)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for one run. Loading and rendering make tens of thousands of small
    objects (a span per YAML node) and no cycles worth collecting mid-run, yet the collector walks the
    growing heap again and again: 6 % of a check at 1,000 entries. Reference counting still frees
    what is dropped; the collector, back on after the run, takes care of any cycle left."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def public_graph(book: Handbook, redactions: Redactions) -> Graph:
    """The graph of the public entries, redacted (its problems were reported on the whole handbook)."""
    return build_graph(public_book(book, redactions), Diagnostics())


def check(project: Project, links: bool = True, progress: Progress = NONE, public: bool = False) -> Result:
    """One run, from nothing."""
    return Pipeline(project, public).run(links=links, progress=progress)


def check_folder(root: FsPath) -> Result:
    """One run over the project in root (for tools and tests); ValueError if mkdocs.yml is invalid."""
    from loopbook.config import load_project

    diags = Diagnostics()
    project = load_project(root, diags, plugins=False)  # a check builds nothing: the plugins are not needed
    if project is None:
        raise ValueError(format_report(diags))
    return check(project)
