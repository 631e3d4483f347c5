"""Check every internal link and anchor of the site without building it.

Links are checked where they are written, so each broken one is reported there:
- hand-written pages are converted with the same Markdown extensions MkDocs uses, and their HTML
  gives every href (raw HTML links included) and every id;
- the data's links are read from its Markdown prose ([text](url), [id]: url, [[kind:id#anchor]]),
  resolved from the page the entry becomes, and reported at their YAML line;
- a page's ids are worked out only when some link points at one of its anchors.
Links the templates write are made from resolved ids; the golden files and MkDocs' strict build
cover them, so `check` spends no time converting every generated page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown

from loopbook.checks.anchors import Anchors, PageLinks, scan
from loopbook.config import Project
from loopbook.data.prose import PROSE_REF, SAFE_SCHEMES, links_in, prose_fields, unsafe_scheme, without_code
from loopbook.diagnostics import Diagnostics, did_you_mean
from loopbook.model import Handbook, line_col
from loopbook.render.renderer import Renderer
from loopbook.render.sitemap import entry_path, is_generated, link_target, rel


@dataclass(frozen=True)
class Link:
    page: str  # the docs page it is on
    href: str
    where: tuple[str, int, int]  # file, line, column where it is written
    written: str = ""  # how the author wrote it, when that is not the href ([[kind:id#anchor]])


def handwritten_pages(docs_dir: FsPath, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """The Markdown pages written by hand, by path under docs_dir; folders in `skip` (a theme's
    custom_dir kept inside the docs folder) and the generated folder are not pages."""
    out = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if not is_generated(rel) and not rel.startswith(skip):
            out[rel] = path.read_text("utf-8")
    return out


def data_links(book: Handbook) -> Iterator[Link]:
    """Every link written in the data's prose, resolved from the page its entry becomes."""
    for entry in book.all():
        page = entry_path(entry)
        for path, value in prose_fields(entry):
            for url, _ in links_in(value):
                yield Link(page, url, (entry.source.path, *entry.source.locate(path, url)))
            for m in PROSE_REF.finditer(without_code(value) if "[[" in value else ""):
                target = book.get(m.group(1), m.group(2))
                if target is not None and m.group(3):  # the graph stage reports unknown entries
                    href = rel(page, entry_path(target)) + m.group(3)
                    yield Link(page, href, (entry.source.path, *entry.source.locate(path, m.group(0))), m.group(0))


def check_prose_schemes(links: list[Link], diags: Diagnostics) -> None:
    """Unsafe link schemes in the data's prose, found in the YAML itself: no valid page is needed."""
    for link in links:
        problem = _unsafe(link.href)
        if problem:
            diags.error(*link.where, f"link '{link.written or link.href}': {problem[0]}", problem[1])


@dataclass(frozen=True)
class Docs:
    """The hand-written side of the site: the docs folder, how messages name it, what is not a page."""

    path: FsPath
    shown: str = "docs"  # relative to the project root, as messages show it
    skip: tuple[str, ...] = ()  # folders inside it that hold no pages (a theme's custom_dir)

    @classmethod
    def of(cls, project: Project) -> Docs:
        return cls(project.docs_dir, project.shown(project.docs_dir), project.theme_folders_in_docs())


def check_links(docs: Docs, render: Renderer, data: list[Link], md_config: dict[str, Any], diags: Diagnostics,
                cache_file: FsPath | None = None, skip_targets: set[str] = frozenset(), aside: set[str] = frozenset()) -> None:
    """Every internal link of the site, reported where it is written: the hand-written pages', and
    `data` (data_links) of the entries whose pages are made or in `aside` (the pages of entries set aside
    for schema errors: resolved from where the page will be, so a wrong link shows with those errors, not
    after their fix). Links into pages in skip_targets (entries with errors, whose pages are not made) are
    left to those errors."""
    md, settings = markdown_for(md_config)
    hand = handwritten_pages(docs.path, docs.skip)
    found = {path: scan(md, text) for path, text in hand.items()}
    pages = set(hand) | set(render.paths()) | skip_targets  # generated data files (practice.json) too
    links = _links_of(docs, hand, found)
    made = render.paths()
    links += [link for link in data if link.page in made or link.page in aside]  # not those of a private entry a public site leaves out
    anchors = Anchors(md, settings, cache_file)

    def ids(page: str, exact: bool = False) -> set[str] | None:
        if page in skip_targets:
            return None  # the page of an entry with errors: its anchors are unknown until it is fixed
        if page in found:  # a hand-written page, converted in full above
            return found[page].ids
        return anchors.exact(render(page)) if exact else anchors.of(render(page))  # a generated page a link points into

    for link in links:
        problem = _problem(link.page, link.href, pages, ids, docs.path)
        if problem:
            diags.error(*link.where, f"link '{link.written or link.href}': {problem[0]}", problem[1])
    anchors.save()


def _links_of(docs: Docs, hand: dict[str, str], found: dict[str, PageLinks]) -> list[Link]:
    return [Link(page, href, position(f"{docs.shown}/{page}", href, hand[page])) for page, f in found.items() for href in f.hrefs]


def markdown_for(md_config: dict[str, Any]) -> tuple[markdown.Markdown, str]:
    """The converter MkDocs would use, without code colouring, and the settings as a cache key."""
    configs = dict(md_config["configs"])
    if "pymdownx.highlight" in configs:  # colouring code changes no link and no id, and is most of the cost
        configs["pymdownx.highlight"] = {**configs["pymdownx.highlight"], "use_pygments": False}
    md = markdown.Markdown(extensions=md_config["extensions"], extension_configs=configs)
    return md, repr((md_config["extensions"], configs))


def _unsafe(href: str) -> tuple[str, str] | None:
    scheme = unsafe_scheme(href)
    if scheme:
        return f"the {scheme}: scheme is not allowed; use {', '.join(sorted(SAFE_SCHEMES))} or a relative link", "unsafe-link"
    return None


def _problem(page: str, href: str, pages: set[str], ids, docs_dir: FsPath) -> tuple[str, str] | None:
    try:
        parts = urlsplit(href)
    except ValueError as e:  # 'https://[oops/a': urlsplit refuses it, and so would a browser
        return f"not a valid URL ({e}); write it out in full, or as a relative link", "broken-link"
    if _unsafe(href):
        return _unsafe(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None  # external, or absolute and so outside what the site can check
    target = link_target(page, unquote(parts.path), pages)
    if target not in pages:
        if target.endswith(".md") or not (docs_dir / target).exists():
            return f"no page {target} in the site", "broken-link"
        return None
    anchor = unquote(parts.fragment)
    known = ids(target) if anchor else None
    if known is not None and anchor not in known:
        known = ids(target, exact=True)  # the quick reading missed it: convert the page before calling it broken
    if known is not None and anchor not in known:
        hint = did_you_mean(anchor, sorted(known))
        hint = f"; {hint}" if hint else ""
        return f"no anchor '{anchor}' on that page{hint}", "broken-anchor"
    return None


def position(shown: str, href: str, text: str) -> tuple[str, int, int]:
    i = text.find(href)
    return (shown, *line_col(text, i)) if i >= 0 else (shown, 1, 1)
