"""The shape of what was built: the largest generated pages, and how much of the HTML is navigation.

These explain the figures: a page whose size grows with the square of the data set, or a
navigation repeated into every page, makes build time and site size grow faster than the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Material lays out the primary sidebar (the site navigation) just before the secondary one (the table of contents).
_NAV_START = '<div class="md-sidebar md-sidebar--primary"'
_NAV_END = '<div class="md-sidebar md-sidebar--secondary"'
SAMPLE_PAGES = 400  # enough to estimate the share; reading every page of a 2 GB site takes minutes


@dataclass
class Shape:
    markdown_bytes: int = 0
    markdown_pages: int = 0
    largest: list[tuple[str, int]] = field(default_factory=list)  # (page under docs/, bytes), largest first
    largest_html: tuple[str, int] = ("", 0)  # the largest built page under the site folder, and its bytes
    html_pages: int = 0
    html_bytes: int = 0
    nav_share: float = 0.0  # of the HTML pages' bytes, estimated from a sample


def measure(root: Path, site: Path) -> Shape:
    shape = Shape()
    pages = [(p.relative_to(root / "docs").as_posix(), p.stat().st_size) for p in (root / "docs" / "handbook").rglob("*.md")]
    shape.markdown_pages, shape.markdown_bytes = len(pages), sum(n for _, n in pages)
    shape.largest = sorted(pages, key=lambda x: -x[1])[:5]
    html = sorted(site.rglob("*.html"))
    shape.html_pages = len(html)
    sizes = [(p, p.stat().st_size) for p in html]
    shape.html_bytes = sum(n for _, n in sizes)
    if sizes:
        page, n = max(sizes, key=lambda x: x[1])
        shape.largest_html = (page.relative_to(site).as_posix(), n)
    step = max(1, len(html) // SAMPLE_PAGES)
    total = nav = 0
    for page in html[::step]:
        text = page.read_text("utf-8", errors="replace")
        total += len(text)
        start, end = text.find(_NAV_START), text.find(_NAV_END)
        if 0 <= start < end:
            nav += end - start
    shape.nav_share = nav / total if total else 0.0
    return shape
