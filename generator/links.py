"""Check every internal link and anchor of the site without building it.

Each page (generated, in memory, and hand-written) is converted with the same Markdown
extensions MkDocs uses; the HTML then gives every href (raw HTML links included) and every
id. A broken link is reported where it was written: in the YAML entry when it came from the
data, else in the hand-written page.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown

from generator.diagnostics import Diagnostics
from generator.external import Found
from generator.graph import PROSE_MEDIA
from generator.model import Entry, Handbook, line_col
from generator.pages import GENERATED, entry_path
from generator.schema import schema_for, walk

SAFE_SCHEMES = {"http", "https", "mailto"}
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
            if name == "id" and value:
                self.found.ids.add(value)
            elif (name == "href" and tag == "a") or (name == "src" and tag in ("img", "iframe", "script")):
                if value is not None:
                    self.found.hrefs.append(value)
            elif name == "name" and tag == "a" and value:
                self.found.ids.add(value)


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


def check_links(docs_dir: FsPath, generated: dict[str, str], book: Handbook, md_config: dict[str, Any], diags: Diagnostics) -> None:
    pages = {**handwritten_pages(docs_dir), **{p: t for p, t in generated.items() if p.endswith(".md")}}
    md = markdown.Markdown(extensions=md_config["extensions"], extension_configs=md_config["configs"])
    found = {path: scan(md, text) for path, text in pages.items()}
    owners = {entry_path(e): e for e in book.all()}
    for path, links in found.items():
        for href in links.hrefs:
            problem = _problem(path, href, found, docs_dir)
            if problem:
                message, code = problem
                where, line, col = _position(path, href, pages[path], owners.get(path))
                diags.error(where, line, col, message, code)


# Link targets written in Markdown prose: [text](url), ![alt](url) and [id]: url. Autolinks need no rule:
# prose carries no raw '<' (see render.no_html), so only <http(s)://...> ones stay links.
_MD_URL = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M)


def check_prose_schemes(book: Handbook, diags: Diagnostics) -> None:
    """Unsafe link schemes in the data's prose, found in the YAML itself: no valid page is needed."""
    for entry in book.all():
        root = schema_for(entry.kind.name)
        for path, value, node in walk(entry.data, root, root):
            if node.get("contentMediaType") != PROSE_MEDIA or not isinstance(value, str):
                continue
            for m in _MD_URL.finditer(value):
                url = m.group(1) or m.group(2)
                problem = _unsafe(url)
                if problem:
                    diags.error(entry.source.path, *entry.source.locate(path, url), *problem)


# An http(s) URL in link position: [text](url), [id]: url, <url>, or href="url" in raw HTML.
# Bare URLs (say, in a code block) are text, not links, and are not checked.
_LINKED_HTTP = re.compile(
    r"""\]\(\s*<?(https?://(?:[^()\s>]|\([^()\s]*\))+)"""
    r"""|^\s{0,3}\[[^\]]+\]:\s*<?(https?://[^\s>]+)"""
    r"""|<(https?://[^\s<>]+)>"""
    r"""|\bhref=["'](https?://[^"'\s]+)["']""",
    re.M,
)


def external_urls(docs_dir: FsPath, book: Handbook) -> list[Found]:
    """Every http(s) URL the data (prose and URL fields) and the hand-written pages link to, where
    it is written."""
    found = []
    for entry in book.all():
        root = schema_for(entry.kind.name)
        for path, value, node in walk(entry.data, root, root):
            if not isinstance(value, str):
                continue
            if node.get("contentMediaType") == PROSE_MEDIA:
                urls = [next(g for g in m.groups() if g) for m in _LINKED_HTTP.finditer(value)]
            elif node.get("pattern", "").startswith("^https?://"):
                urls = [value]
            else:
                continue
            found += [Found(url, entry.source.path, *entry.source.locate(path, url)) for url in urls]
    for page, text in handwritten_pages(docs_dir).items():
        for m in _LINKED_HTTP.finditer(text):
            found.append(Found(next(g for g in m.groups() if g), f"docs/{page}", *line_col(text, m.start(m.lastindex or 0))))
    return found


def _unsafe(href: str) -> tuple[str, str] | None:
    scheme = urlsplit(href).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return f"link '{href}': the {scheme}: scheme is not allowed; use http, https, mailto or a relative link", "unsafe-link"
    return None


def _problem(page: str, href: str, found: dict[str, PageLinks], docs_dir: FsPath) -> tuple[str, str] | None:
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if _unsafe(href):
        return _unsafe(href)
    if scheme or parts.netloc or href.startswith("/"):
        return None  # external, or absolute and so outside what the site can check
    target = _target(page, unquote(parts.path), found)
    if target not in found:
        if target.endswith(".md") or not (docs_dir / target).exists():
            return f"link '{href}': no page {target} in the site", "broken-link"
        return None
    anchor = unquote(parts.fragment)
    if anchor and anchor not in found[target].ids:
        close = difflib.get_close_matches(anchor, sorted(found[target].ids), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"link '{href}': no anchor '{anchor}' on that page{hint}", "broken-anchor"
    return None


def _target(page: str, path: str, found: dict[str, PageLinks]) -> str:
    """The docs file a link points to. Markdown links name files (../runbooks/x.md), relative to the
    page's file; raw HTML links name URLs (../x/), relative to the page's URL (a folder per page)."""
    if not path:
        return page
    if not path.endswith("/"):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return posixpath.join(target, "index.md") if f"{target}/index.md" in found else target
    url = page.removesuffix("index.md") if page.endswith("index.md") else page.removesuffix(".md") + "/"
    folder = posixpath.normpath(posixpath.join(url, path))
    folder = "" if folder == "." else folder + "/"
    return f"{folder}index.md" if f"{folder}index.md" in found or not folder else folder.rstrip("/") + ".md"


def _position(page: str, href: str, text: str, owner: Entry | None) -> tuple[str, int, int]:
    """Where the link was written: the entry's YAML if its text is there, else the page."""
    if owner is not None:
        # A [[kind:id#anchor]] reference shows in the YAML by its anchor, a written link by itself.
        fragment = urlsplit(href).fragment
        for needle in (href, f"#{fragment}]]" if fragment else None):
            i = owner.source.text.find(needle) if needle else -1
            if i >= 0:
                return owner.source.path, *line_col(owner.source.text, i)
    i = text.find(href)
    where = f"docs/{page}"
    return (where, *line_col(text, i)) if i >= 0 else (where, 1, 1)

