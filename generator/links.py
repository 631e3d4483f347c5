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

import difflib
import hashlib
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown

from generator.diagnostics import Diagnostics
from generator.graph import PROSE_MEDIA, PROSE_REF
from generator.model import Entry, Handbook, line_col
from generator.pages import GENERATED, entry_path
from generator.render import Renderer, without_code
from generator.schema import schema_for, walk

SAFE_SCHEMES = {"http", "https", "mailto"}
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
# Link targets written in Markdown prose: [text](url), ![alt](url) and [id]: url. Autolinks need no rule:
# prose carries no raw '<' (see render.no_html), so only <http(s)://...> ones stay links.
_MD_URL = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M)


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    page: str  # the docs page it is on
    href: str
    where: tuple[str, int, int]  # file, line, column where it is written
    written: str = ""  # how the author wrote it, when that is not the href ([[kind:id#anchor]])


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (name == "id" or (name == "name" and tag == "a")) and value:
                self.found.ids.add(value)
            elif (name == "href" and tag == "a") or (name == "src" and tag in ("img", "iframe", "script")):
                if value is not None:
                    self.found.hrefs.append(value)


def scan(md: markdown.Markdown, text: str) -> PageLinks:
    html = md.reset().convert(_FRONT_MATTER.sub("", text, count=1))
    scanner = _Scanner()
    scanner.feed(html)
    return scanner.found


def handwritten_pages(docs_dir: FsPath) -> dict[str, str]:
    out = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if not rel.startswith(GENERATED + "/") and not rel.startswith("overrides/"):
            out[rel] = path.read_text("utf-8")
    return out


def prose_fields(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    root = schema_for(entry.kind.name)
    for path, value, node in walk(entry.data, root, root):
        if node.get("contentMediaType") == PROSE_MEDIA and isinstance(value, str):
            yield path, value


def _data_links(book: Handbook) -> Iterator[Link]:
    for entry in book.all():
        page = entry_path(entry)
        for path, value in prose_fields(entry):
            text = without_code(value)
            for m in _MD_URL.finditer(text):
                url = m.group(1) or m.group(2)
                yield Link(page, url, (entry.source.path, *entry.source.locate(path, url)))
            for m in PROSE_REF.finditer(text):
                target = book.get(m.group(1), m.group(2))
                if target is not None and m.group(3):  # the graph stage reports unknown entries
                    href = posixpath.relpath(entry_path(target), posixpath.dirname(page)) + m.group(3)
                    yield Link(page, href, (entry.source.path, *entry.source.locate(path, m.group(0))), m.group(0))


def check_prose_schemes(book: Handbook, diags: Diagnostics) -> None:
    """Unsafe link schemes in the data's prose, found in the YAML itself: no valid page is needed."""
    for link in _data_links(book):
        problem = _unsafe(link.href)
        if problem:
            diags.error(*link.where, f"link '{link.written or link.href}': {problem[0]}", problem[1])


def check_links(docs_dir: FsPath, render: Renderer, book: Handbook, md_config: dict[str, Any], diags: Diagnostics,
                cache_file: FsPath | None = None) -> None:
    configs = dict(md_config["configs"])
    if "pymdownx.highlight" in configs:  # colouring code changes no link and no id, and is most of the cost
        configs["pymdownx.highlight"] = {**configs["pymdownx.highlight"], "use_pygments": False}
    md = markdown.Markdown(extensions=md_config["extensions"], extension_configs=configs)
    hand = handwritten_pages(docs_dir)
    found = {path: scan(md, text) for path, text in hand.items()}
    pages = set(hand) | {p for p in render.paths() if p.endswith(".md")}
    links = [Link(page, href, _position(page, href, hand[page])) for page, f in found.items() for href in f.hrefs]
    links += _data_links(book)
    anchors = _Anchors(md, repr((md_config["extensions"], configs)), cache_file)

    def ids(page: str) -> set[str]:
        if page not in found:  # a generated page some link points into
            found[page] = PageLinks(ids=anchors.of(render(page)))
        return found[page].ids

    for link in links:
        problem = _problem(link.page, link.href, pages, ids, docs_dir)
        if problem:
            diags.error(*link.where, f"link '{link.written or link.href}': {problem[0]}", problem[1])
    anchors.save()


class _Anchors:
    """The ids of a page's HTML, remembered by the page's text (and the Markdown settings) between
    runs, so that a check after a small edit converts only the pages that changed."""

    def __init__(self, md: markdown.Markdown, settings: str, cache_file: FsPath | None) -> None:
        self.md, self.settings, self.file = md, settings, cache_file
        self.known: dict[str, list[str]] = _read_json(cache_file) if cache_file else {}
        self.used: dict[str, list[str]] = {}

    def of(self, text: str) -> set[str]:
        key = hashlib.sha256((self.settings + "\0" + text).encode("utf-8")).hexdigest()
        if key not in self.known:
            self.known[key] = sorted(scan(self.md, text).ids)
        self.used[key] = self.known[key]
        return set(self.used[key])

    def save(self) -> None:
        """Keep what this run used, so the cache holds no page that is gone."""
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.used, sort_keys=True), "utf-8")
        tmp.replace(self.file)


def _read_json(path: FsPath) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text("utf-8"))
        return {str(k): [str(i) for i in v] for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def _unsafe(href: str) -> tuple[str, str] | None:
    scheme = urlsplit(href).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return f"the {scheme}: scheme is not allowed; use http, https, mailto or a relative link", "unsafe-link"
    return None


def _problem(page: str, href: str, pages: set[str], ids, docs_dir: FsPath) -> tuple[str, str] | None:
    parts = urlsplit(href)
    if _unsafe(href):
        return _unsafe(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None  # external, or absolute and so outside what the site can check
    target = _target(page, unquote(parts.path), pages)
    if target not in pages:
        if target.endswith(".md") or not (docs_dir / target).exists():
            return f"no page {target} in the site", "broken-link"
        return None
    anchor = unquote(parts.fragment)
    if anchor and anchor not in ids(target):
        close = difflib.get_close_matches(anchor, sorted(ids(target)), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"no anchor '{anchor}' on that page{hint}", "broken-anchor"
    return None


def _target(page: str, path: str, pages: set[str]) -> str:
    """The docs file a link points to. Markdown links name files (../runbooks/x.md), relative to the
    page's file; raw HTML links name URLs (../x/), relative to the page's URL (a folder per page)."""
    if not path:
        return page
    if not path.endswith("/"):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return posixpath.join(target, "index.md") if f"{target}/index.md" in pages else target
    url = page.removesuffix("index.md") if page.endswith("index.md") else page.removesuffix(".md") + "/"
    folder = posixpath.normpath(posixpath.join(url, path))
    folder = "" if folder == "." else folder + "/"
    return f"{folder}index.md" if f"{folder}index.md" in pages or not folder else folder.rstrip("/") + ".md"


def _position(page: str, href: str, text: str) -> tuple[str, int, int]:
    i = text.find(href)
    return (f"docs/{page}", *line_col(text, i)) if i >= 0 else (f"docs/{page}", 1, 1)
