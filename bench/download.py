"""The bytes a reader downloads before the first search result, read from the built site's files.

With Pagefind (the site's pagefind/ folder, see PAGEFIND below) the search files are its UI, script, worker,
WebAssembly and the index parts one word needs. Without it, Material loads, in order: the home page's HTML,
the stylesheets and scripts it links, then (on the first keystroke in the search box) the search worker named
in the page's __config and the worker's search/search_index.json. Source maps are fetched only by developer
tools, so they do not count. Sizes are as stored and as gzip would send them, since most static hosts compress.
"""

from __future__ import annotations

import gzip
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

SEARCH_INDEX = "search/search_index.json"
# Pagefind (generator/engines/search.py): the page's <script>/<link> tags bring its UI; the first search then loads
# the entry file, the search script and its worker, the WebAssembly, the metadata and filter indexes, one
# word-index chunk and one result fragment (and, for a site indexed in parts, those of each part but the
# scripts). Which chunk and fragment depends on the word, so the largest of each is counted: an upper bound
# for a one-word search that finds one page.
PAGEFIND = "pagefind"
PAGEFIND_FIXED = ("pagefind-entry.json", "pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")


@dataclass
class Download:
    files: dict[str, int] = field(default_factory=dict)  # site path -> bytes as stored
    gzipped: dict[str, int] = field(default_factory=dict)  # site path -> bytes gzip-compressed

    @property
    def total(self) -> int:
        return sum(self.files.values())

    @property
    def total_gzip(self) -> int:
        return sum(self.gzipped.values())

    def part(self, kind: str) -> int:
        """Bytes of one kind of file: html, css, js, index."""
        return sum(n for path, n in self.files.items() if _kind(path) == kind)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.urls.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"] or "")
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


def first_search(site: Path) -> Download:
    """What a reader's browser fetches from site/ to show a first search result."""
    parser = _Assets()
    parser.feed((site / "index.html").read_text("utf-8"))
    config = json.loads(parser.config) if parser.config else {}
    paths = ["index.html", *(_local(u) for u in parser.urls)]
    if (site / PAGEFIND).is_dir():
        paths += _pagefind_first_search(site)
    else:
        if config.get("search"):
            paths.append(_local(config["search"]))
        paths.append(SEARCH_INDEX)
    out = Download()
    for path in dict.fromkeys(p for p in paths if p):  # each file once, in load order
        data = (site / path).read_bytes()
        out.files[path] = len(data)
        out.gzipped[path] = len(gzip.compress(data, compresslevel=6))
    return out


def _pagefind_first_search(site: Path) -> list[str]:
    bundle = site / PAGEFIND
    found = [*(bundle / name for name in PAGEFIND_FIXED), _largest(bundle, "fragment/*")]
    # A large site is indexed in parts (pagefind/parts.json), each searched for the word: its entry file,
    # metadata, filters and one word-index chunk (the WebAssembly is the first part's).
    listed = bundle / "parts.json"  # asked for as each page loads
    found.append(listed)
    further = json.loads(listed.read_text("utf-8")) if listed.is_file() else []
    for part in (bundle, *(bundle / name for name in further)):
        found += [part / PAGEFIND_FIXED[0], *part.glob("*.pf_meta"), *part.glob("filter/*"), _largest(part, "index/*")]
    return [p.relative_to(site).as_posix() for p in dict.fromkeys(found) if p is not None and p.is_file()]


def _largest(folder: Path, pattern: str) -> Path | None:
    return max(folder.glob(pattern), key=lambda p: p.stat().st_size, default=None)


def _local(url: str) -> str:
    """The site path of a relative URL from the home page; '' for one on another host."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return ""
    return posixpath.normpath(parts.path.lstrip("/"))


def _kind(path: str) -> str:
    if path == SEARCH_INDEX or (path.startswith(PAGEFIND + "/") and not path.endswith((".js", ".css"))):
        return "index"
    return {".html": "html", ".css": "css", ".js": "js"}.get(posixpath.splitext(path)[1], "other")
