"""The last look before a site is published: no page may carry an event handler, a link with an
unsafe scheme, or a script the theme did not put there.

Escaping in the render stage is what keeps data out of the HTML; this check proves it on the
output, so that a gap anywhere (a template, an extension, the theme) fails the build instead of
reaching readers.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from loopbook.data.prose import SAFE_SCHEMES, unsafe_scheme
from loopbook.diagnostics import Diagnostics

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
# Inline scripts Material for MkDocs writes itself; JSON data blocks are not scripts.
THEME_SCRIPT_PREFIXES = ("__md_scope=", "var palette=", "var tabs=", "var target=")
# Pagefind's UI, which the theme loads from the site's own pagefind/ folder (generator/engines/search.py), by a
# path on the same host (relative, or from the root on the 404 page) and nothing else: no other file
# of that folder, no scheme, no host, no query.
PAGEFIND_UI = re.compile(r"(?!//)(?:[\w.~-]*/)*pagefind/pagefind-ui\.js")


# A fast first look, made to match a superset of what the parser below reports: an on* attribute,
# a URL attribute whose value starts with a scheme the link policy refuses or holds an entity,
# an embedding element, or a script that is neither loaded from assets/ nor one of the theme's
# inline ones nor JSON. Pages it does not match need no parsing, which is most of the cost.
_SUSPECT = re.compile(
    r"""<[^>]*[\s/"']on[a-z]+\s*="""
    r"""|\b(?:href|src|action|formaction|poster|data)\s*=\s*\\?["']?\s*"""
    rf"""(?:(?!(?:{'|'.join(sorted(SAFE_SCHEMES))}):)[a-z][a-z0-9+.\-]*:|[^"'\s>]*&)"""
    r"""|<(?:iframe|object|embed)\b"""
    r"""|<script\b(?![^>]*\bsrc=)(?![^>]*type=\\?["']application/json)[^>]*>"""
    rf"""(?!\s*(?:{'|'.join(map(re.escape, THEME_SCRIPT_PREFIXES))}))"""
    r"""|<script\b[^>]*\bsrc=(?!\\?["']?[^"'>\\\s:]*assets/javascripts/)"""
    rf"""(?!\\?["']?{PAGEFIND_UI.pattern}\\?["'\s>])""",
    re.I,
)


def suspect(text: str) -> bool:
    return _SUSPECT.search(text) is not None


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler ({name})")
            elif name in URL_ATTRS and value and unsafe_scheme(value):
                self.problems.append(f"<{tag} {name}> uses the {urlsplit(value.strip()).scheme}: scheme")
        if tag == "script":
            kinds = dict(attrs)
            if kinds.get("type") == "application/json":
                self._script = None
            elif kinds.get("src"):
                self._script = None
                if not _theme_script(kinds["src"]):
                    self.problems.append(f"<script src> loads {kinds['src']}")
            else:
                self._script = ""
        elif tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}> element")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if not self._script.strip().startswith(THEME_SCRIPT_PREFIXES):
                self.problems.append(f"an inline <script> the theme did not write: {self._script.strip()[:60]!r}")
            self._script = None


def _theme_script(src: str) -> bool:
    return (not urlsplit(src).scheme and "assets/javascripts/" in src) or PAGEFIND_UI.fullmatch(src) is not None


def scan_html(text: str) -> list[str]:
    scanner = _Scan()
    scanner.feed(text)
    scanner.close()
    return scanner.problems


def check_site(site_dir: Path, diags: Diagnostics, shown: str = "site") -> None:
    """Report every unsafe piece of the built site, page by page, and in the search index."""
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text("utf-8")
        for problem in scan_html(text) if suspect(text) else []:
            diags.error(f"{shown}/{page.relative_to(site_dir).as_posix()}", 1, 1, f"unsafe output: {problem}", "unsafe-output")
    # Material's search plugin writes search/search_index.json (loopbook's mkdocs.yml no longer enables it) and
    # Zensical writes search.json whatever the config. Pagefind's index (pagefind/) is not read: its fragments
    # are compressed, and it is made from the very pages checked above, so it holds nothing they do not.
    for index in (site_dir / "search" / "search_index.json", site_dir / "search.json"):
        if not index.is_file():
            continue
        for doc in json.loads(index.read_text("utf-8")).get("docs", []):
            html = str(doc.get("title", "")) + str(doc.get("text", ""))
            for problem in scan_html(html) if suspect(html) else []:
                where = f"{shown}/{index.relative_to(site_dir).as_posix()}"
                diags.error(where, 1, 1, f"unsafe output in '{doc.get('location', '')}': {problem}", "unsafe-output")
