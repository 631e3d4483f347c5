"""Reading a page for the link check: its links and ids from the HTML MkDocs would make (``scan``), and
the ids of a generated page worked out without converting it, remembered between runs (``Anchors``)."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path as FsPath

import markdown
from markdown.extensions.toc import unique

from loopbook.files import read_json_cache, write_json_cache

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)


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


class Anchors:
    """The ids of a generated page, read from its Markdown: each heading's id as the toc extension
    makes it, and the ids written in raw HTML. Headings of plain text (all the templates write: the
    text filter escapes every Markdown character) are slugified directly; a heading with markup is
    read by converting the headings alone. That reading finds every id the templates write; should
    a link name one it does not, `exact` converts the whole page before the link is called broken.
    Both answers are remembered by the page's text (and the Markdown settings) between runs."""

    def __init__(self, md: markdown.Markdown, settings: str, cache_file: FsPath | None) -> None:
        self.md, self.settings, self.file = md, settings, cache_file
        self.known = _ids_by_page(read_json_cache(cache_file)) if cache_file else {}
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
        if self.file is not None:
            write_json_cache(self.file, self.used)


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


def _ids_by_page(data: dict[str, object]) -> dict[str, list[str]]:
    return {str(k): [str(i) for i in v] for k, v in data.items() if isinstance(v, list)}
