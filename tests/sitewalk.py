"""An independent walk over a built site's HTML: every internal link and anchor, whichever engine wrote it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if tag == "a" and name == "href" and value:
                self.hrefs.append(value)


def broken_links(site: Path) -> tuple[list[str], int]:
    """(broken links as 'page -> href', how many internal links were followed)."""
    pages: dict[Path, _Links] = {}
    for html in site.rglob("*.html"):
        if html.name == "404.html":  # served at any depth, so it is written with root-relative links
            continue
        parser = _Links()
        parser.feed(html.read_text("utf-8"))
        pages[html] = parser
    broken, checked = [], 0
    for html, links in pages.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            checked += 1
            target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html.relative_to(site)} -> {href}")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{html.relative_to(site)} -> {href} (anchor)")
    return broken, checked
