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
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions.toc import unique

from generator.diagnostics import Diagnostics
from generator.graph import PROSE_MEDIA, PROSE_REF
from generator.model import Entry, Handbook, line_col
from generator.render import Renderer, without_code
from generator.schema import fields
from generator.sitemap import entry_path, is_generated, link_target, rel

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


def handwritten_pages(docs_dir: FsPath, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """The Markdown pages written by hand, by path under docs_dir; folders in `skip` (a theme's
    custom_dir kept inside the docs folder) and the generated folder are not pages."""
    out = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if not is_generated(rel) and not rel.startswith(skip):
            out[rel] = path.read_text("utf-8")
    return out


def prose_fields(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for path, value, node in fields(entry.data, entry.kind.name, ("contentMediaType",)):
        if node.get("contentMediaType") == PROSE_MEDIA and isinstance(value, str):
            yield path, value


def data_links(book: Handbook) -> Iterator[Link]:
    """Every link written in the data's prose, resolved from the page its entry becomes."""
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


def check_links(docs: Docs, render: Renderer, data: list[Link], md_config: dict[str, Any], diags: Diagnostics,
                cache_file: FsPath | None = None, skip_targets: set[str] = frozenset()) -> None:
    """Every internal link of the site, reported where it is written: the hand-written pages', and
    `data` (data_links) of the entries whose pages are made. Links into pages in skip_targets
    (entries with errors, whose pages are not made) are left to those errors."""
    configs = dict(md_config["configs"])
    if "pymdownx.highlight" in configs:  # colouring code changes no link and no id, and is most of the cost
        configs["pymdownx.highlight"] = {**configs["pymdownx.highlight"], "use_pygments": False}
    md = markdown.Markdown(extensions=md_config["extensions"], extension_configs=configs)
    hand = handwritten_pages(docs.path, docs.skip)
    found = {path: scan(md, text) for path, text in hand.items()}
    pages = set(hand) | {p for p in render.paths() if p.endswith(".md")} | skip_targets
    links = [Link(page, href, _position(f"{docs.shown}/{page}", href, hand[page])) for page, f in found.items() for href in f.hrefs]
    made = render.paths()
    links += [link for link in data if link.page in made]  # an entry with errors has no page to link from
    anchors = _Anchors(md, repr((md_config["extensions"], configs)), cache_file)

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


class _Anchors:
    """The ids of a generated page, read from its Markdown: each heading's id as the toc extension
    makes it, and the ids written in raw HTML. Headings of plain text (all the templates write: the
    text filter escapes every Markdown character) are slugified directly; a heading with markup is
    read by converting the headings alone. That reading finds every id the templates write; should
    a link name one it does not, `exact` converts the whole page before the link is called broken.
    Both answers are remembered by the page's text (and the Markdown settings) between runs."""

    def __init__(self, md: markdown.Markdown, settings: str, cache_file: FsPath | None) -> None:
        self.md, self.settings, self.file = md, settings, cache_file
        self.known: dict[str, list[str]] = _read_json(cache_file) if cache_file else {}
        self.used: dict[str, list[str]] = {}

    def of(self, text: str) -> set[str]:
        return self._remembered("quick", text, self._quick)

    def exact(self, text: str) -> set[str]:
        return self._remembered("exact", text, lambda t: scan(self.md, t).ids)

    def _remembered(self, how: str, text: str, read: Callable[[str], set[str]]) -> set[str]:
        key = how + ":" + hashlib.sha256((self.settings + "\0" + text).encode("utf-8")).hexdigest()
        if key not in self.known:
            self.known[key] = sorted(read(text))
        self.used[key] = self.known[key]
        return set(self.used[key])

    def _quick(self, text: str) -> set[str]:
        headings, raw_ids = _headings(text)
        ids = _plain_heading_ids(headings, self.md)
        if ids is None:  # a heading with markup: let Markdown read the headings
            ids = scan(self.md, "\n\n".join(headings)).ids
        return ids | raw_ids

    def save(self) -> None:
        """Keep what this run used, so the cache holds no page that is gone."""
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.used, sort_keys=True), "utf-8")
        tmp.replace(self.file)


_ESCAPED = re.compile(r"\\(.)")
_MARKUP = re.compile(r"[\\`*_\[\]<>!]|&(?![a-z]+;|#\d+;)")  # what Markdown would read as more than text
_ATTRS = re.compile(r"\s*(?<!\\)\{([^{}]*)(?<!\\)\}\s*$")  # attr_list, not braces the text filter escaped
_EXPLICIT_ID = re.compile(r"(?:^|\s)#([^\s}]+)")


def _plain_heading_ids(headings: list[str], md: markdown.Markdown) -> set[str] | None:
    """The ids toc gives these headings, worked out without converting them; None when one holds
    markup (past the backslash escapes and entities the text filter writes)."""
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
    if toc is None:
        return set()  # no toc extension: headings get no ids
    # As toc does: ids written on headings ({#id}) are taken first, the others made unique against them.
    explicit: set[str] = set()
    plain: list[str] = []
    for line in headings:
        text = line.strip().lstrip("#").strip().rstrip("#").strip()
        attrs = _ATTRS.search(text)
        given = _EXPLICIT_ID.search(attrs.group(1)) if attrs else None
        if given:
            explicit.add(given.group(1))
            continue
        text = text[:attrs.start()] if attrs else text
        if _MARKUP.search(_ESCAPED.sub("", text)):
            return None
        plain.append(html.unescape(_ESCAPED.sub(r"\1", text)))
    ids = set(explicit)
    for text in plain:
        unique(toc.slugify(text, toc.sep), ids)  # adds the id it returns to ids
    return ids


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_RAW_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]+)\"")


def _headings(text: str) -> tuple[list[str], set[str]]:
    """A page's ATX headings, in order, outside code fences (a `# comment` in a command is no
    heading), and the ids its raw HTML writes."""
    text = _FRONT_MATTER.sub("", text, count=1)
    lines, raw, fence = [], set(), ""
    for line in text.splitlines():
        m = _FENCE.match(line)
        if m and (not fence or m.group(1).startswith(fence)):
            fence = "" if fence else m.group(1)
            continue
        if fence:
            continue
        if _HEADING.match(line):
            lines.append(line)
        raw.update(_RAW_ID.findall(line))
    return lines, raw


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
        close = difflib.get_close_matches(anchor, sorted(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"no anchor '{anchor}' on that page{hint}", "broken-anchor"
    return None


def _position(shown: str, href: str, text: str) -> tuple[str, int, int]:
    i = text.find(href)
    return (shown, *line_col(text, i)) if i >= 0 else (shown, 1, 1)
