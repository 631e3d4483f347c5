"""The site map: where every generated page lives, its URL, the navigation order, and the
relative-URL arithmetic that rendering and the link check share.

Paths are relative to the docs folder ("handbook/stories/x.md"); URLs are what MkDocs makes of
them with directory URLs, a folder per page ("handbook/stories/x/"). Like MkDocs' own ``File``,
this is the one place that turns one into the other.
"""

from __future__ import annotations

import posixpath
from typing import Any

from loopbook.model import KINDS, Entry, Kind

GENERATED = "handbook"  # the folder under the docs folder that loopbook owns

HOME = f"{GENERATED}/index.md"
PRACTICE = f"{GENERATED}/practice.md"
COVERAGE = f"{GENERATED}/coverage.md"
CHEAT_SHEET = f"{GENERATED}/cheat-sheet.md"
QUALITY = f"{GENERATED}/quality.md"
SCHEMA_REFERENCE = f"{GENERATED}/schema-reference.md"
DIAGNOSTIC_CODES = f"{GENERATED}/diagnostic-codes.md"
SEVERITY_POLICY = f"{GENERATED}/severity-policy.md"

# The handbook's sidebar, in reading order: the views a reader practises with, the kinds, then the
# pages about the handbook itself.
_LEADING_VIEWS = (PRACTICE, COVERAGE, CHEAT_SHEET)
_TRAILING_VIEWS = (SEVERITY_POLICY, QUALITY, SCHEMA_REFERENCE, DIAGNOSTIC_CODES)


def entry_path(entry: Entry) -> str:
    return ref_path(entry.ref)


def ref_path(ref: str) -> str:
    """The page of `kind:id`, whether or not the entry made it through the checks."""
    kind, _, id_ = ref.partition(":")
    return f"{GENERATED}/{KINDS[kind].plural}/{id_}.md"


def index_path(kind: Kind) -> str:
    return f"{GENERATED}/{kind.plural}/index.md"


def is_generated(path: str) -> bool:
    return path.startswith(GENERATED + "/")


def is_entry_page(path: str) -> bool:
    """An entry's own page: reached from its kind's index and by search, not listed in the sidebar."""
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == GENERATED and parts[1] in {k.plural for k in KINDS.values()} and parts[2] != "index.md"


def page_url(page: str) -> str:
    """A page's URL under the site root, as MkDocs makes it with directory URLs (a folder per page)."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def rel(from_page: str, to_page: str) -> str:
    """A Markdown link from one page's file to another's (MkDocs turns it into the URL).
    Both are clean paths under the docs folder, so this is posixpath.relpath without its calls to
    the file system (abspath, getcwd): pages link to each other thousands of times per build."""
    here, there = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def link_target(page: str, path: str, pages: set[str]) -> str:
    """The docs file a link on `page` points to. Markdown links name files (../runbooks/x.md),
    relative to the page's file; raw HTML links name URLs (../x/), relative to the page's URL."""
    if not path:
        return page
    if not path.endswith("/"):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return posixpath.join(target, "index.md") if f"{target}/index.md" in pages else target
    folder = posixpath.normpath(posixpath.join(page_url(page), path))
    folder = "" if folder == "." else folder + "/"
    return f"{folder}index.md" if f"{folder}index.md" in pages or not folder else folder.rstrip("/") + ".md"


def navigation() -> dict[str, dict[str, Any]]:
    """The .nav.yml of each generated folder (read by awesome-nav): the views, then the kinds in
    reading order. A kind's sidebar entry is its index page, which lists, groups and filters its
    entries; the entry pages stay out of the sidebar: a sidebar of hundreds of links would be
    rendered into every page and find nothing that search does not."""
    def name(path: str) -> str:
        return path.removeprefix(GENERATED + "/")

    order = ["index.md", *map(name, _LEADING_VIEWS), *(k.plural for k in KINDS.values()), *map(name, _TRAILING_VIEWS)]
    navs: dict[str, dict[str, Any]] = {f"{GENERATED}/.nav.yml": {"nav": order}}
    for kind in KINDS.values():
        navs[f"{GENERATED}/{kind.plural}/.nav.yml"] = {"title": kind.label, "nav": ["index.md"]}
    return navs



