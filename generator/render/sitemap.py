"""The site map: where every generated page lives, its URL, the navigation order, and the
relative-URL arithmetic that rendering and the link check share.

Paths are relative to the docs folder ("handbook/stories/x.md"); URLs are what MkDocs makes of
them with directory URLs, a folder per page ("handbook/stories/x/"). Like MkDocs' own ``File``,
this is the one place that turns one into the other.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from typing import Any

from loopbook.model import KINDS, Entry, Kind

GENERATED = "handbook"  # the folder under the docs folder that loopbook owns

HOME = f"{GENERATED}/index.md"
PRACTICE = f"{GENERATED}/practice.md"
# What practice draws from, fetched by its script: inside the page it grew with every story (10 MB at 5,000 entries).
PRACTICE_DATA = f"{GENERATED}/practice.json"
COVERAGE = f"{GENERATED}/coverage.md"
CHEAT_SHEET = f"{GENERATED}/cheat-sheet.md"
QUALITY = f"{GENERATED}/quality.md"
SCHEMA_REFERENCE = f"{GENERATED}/schema-reference.md"
DIAGNOSTIC_CODES = f"{GENERATED}/diagnostic-codes.md"
SEVERITY_POLICY = f"{GENERATED}/severity-policy.md"
ALERTS = f"{GENERATED}/alerts/index.md"  # the alerts of the alert sources, and a page per alert below it
TAGS = f"{GENERATED}/tags/index.md"  # every tag with its count, and a page per tag below it (tag_path)

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


def tag_path(tag: str) -> str:
    """A tag's page. Tags are slugs (the schemas' pattern), so a tag is its own file name."""
    return f"{GENERATED}/tags/{tag}.md"


def is_generated(path: str) -> bool:
    return path.startswith(GENERATED + "/")


def is_entry_page(path: str) -> bool:
    """An entry's own page, or a tag's: reached from its index, from the pages that link to it and by
    search, not listed in the sidebar."""
    parts = path.split("/")
    return (len(parts) == 3 and parts[0] == GENERATED and parts[1] in {"tags", *(k.plural for k in KINDS.values())}
            and parts[2] != "index.md")


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


# An alert name that is its own URL segment: what `alerts/{{ $labels.alertname }}/` in a rule gives as it is.
_PLAIN_ALERT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


def alert_segment(name: str) -> str:
    """The folder of an alert's page under alerts/. A name of letters, digits, '_', '.' and '-' (as
    Prometheus and CloudWatch names mostly are) is its own folder, so a rule can template its URL from
    the name. Any other name (Prometheus allows any text) gets a readable part, '~', and 8 hex digits of
    the SHA-256 of the name: only the name decides it, so the address never moves, and no plain name
    holds '~', so a hashed folder never takes a plain name's place."""
    if _PLAIN_ALERT.fullmatch(name):
        return name
    readable = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:60].strip("-") or "alert"
    return f"{readable}~{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def alert_page(name: str) -> str:
    """The file of an alert's page: a small HTML page that leads to its runbook (loopbook.render.alerts)."""
    return f"{GENERATED}/alerts/{alert_segment(name)}/index.html"


def alert_url(name: str) -> str:
    return f"{GENERATED}/alerts/{alert_segment(name)}/"


def navigation(alerts: bool = False) -> dict[str, dict[str, Any]]:
    """The .nav.yml of each generated folder (read by awesome-nav): the views, then the kinds in
    reading order. A kind's sidebar entry is its index page, which lists, groups and filters its
    entries; the entry pages stay out of the sidebar: a sidebar of hundreds of links would be
    rendered into every page and find nothing that search does not."""
    def name(path: str) -> str:
        return path.removeprefix(GENERATED + "/")

    order = ["index.md", *map(name, _LEADING_VIEWS), *(k.plural for k in KINDS.values()), *(["alerts"] if alerts else []),
             "tags", *map(name, _TRAILING_VIEWS)]
    navs: dict[str, dict[str, Any]] = {f"{GENERATED}/.nav.yml": {"nav": order},
                                       f"{GENERATED}/tags/.nav.yml": {"title": "Tags", "nav": ["index.md"]}}
    for kind in KINDS.values():
        navs[f"{GENERATED}/{kind.plural}/.nav.yml"] = {"title": kind.label, "nav": ["index.md"]}
    if alerts:  # the Alerts page; the alerts' own pages lead to runbooks and stay out of the sidebar
        navs[f"{GENERATED}/alerts/.nav.yml"] = {"title": "Alerts", "nav": ["index.md"]}
    return navs
