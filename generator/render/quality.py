"""The Quality page: the hints of `loopbook check`, grouped by code, of a size that does not grow with them.

Each code gets a section with its count and meaning, then rows: one per file for most codes (how many
hints of that code it has, and the first), one per figure group for ``figure-reused`` (the figure, what
it measures and the stories that credit it: each group once, where `check` warns at every credit).
A section shows at most ``SHOWN_PER_CODE`` rows, as the text report does, and counts the rest, which
``loopbook check --all`` lists.

Growth: grouping is one pass over the hints, O(hints); the page holds at most SHOWN_PER_CODE rows per
code and NAMED stories per figure group, so its size is O(codes) however large the handbook grows.
"""

from __future__ import annotations

from typing import TypedDict

from loopbook.analysis.consistency import NAMED, FigureCredit, short
from loopbook.analysis.hints import Hint
from loopbook.codes import CODES
from loopbook.data.graph import sort_key
from loopbook.diagnostics import SHOWN_PER_CODE
from loopbook.model import Entry
from loopbook.render.pages import Page
from loopbook.render.sitemap import QUALITY

FIGURE_CODE = "figure-reused"


class FileRow(TypedDict):
    entry: Entry
    count: int  # hints of this code in the entry's file
    message: str  # the first of them


class FigureRow(TypedDict):
    figure: str  # normalised, e.g. "45 %"
    measured: str  # what the first credit says it measures
    stories: list[Entry]  # the first NAMED stories crediting it
    more: int  # the other stories crediting it


class Section(TypedDict):
    code: str
    meaning: str  # Markdown, from loopbook.codes
    hints: int
    files: int
    rows: list[FileRow] | list[FigureRow]  # FigureRow for figure-reused
    figures: bool  # the rows are FigureRows
    more: int  # rows not shown
    note: str  # why the hints of this code stay, from extra.loopbook.quality_notes; empty when none


class QualityContext(TypedDict):
    on: str
    total: int
    sections: list[Section]
    shown: int  # SHOWN_PER_CODE, which the page states


def quality_page(hints: list[Hint], on: str, notes: dict[str, str] | None = None) -> Page:
    """The page; `notes` (extra.loopbook.quality_notes) say, by code, why the hints that remain stay."""
    notes = notes or {}
    by_code: dict[str, list[Hint]] = {}
    for h in hints:
        by_code.setdefault(h.code, []).append(h)
    sections = [_section(code, by_code[code], notes.get(code, "")) for code in sorted(by_code)]
    return Page(QUALITY, "quality.md.j2", dict(QualityContext(on=on, total=len(hints), sections=sections, shown=SHOWN_PER_CODE)))


def _section(code: str, hints: list[Hint], note: str) -> Section:
    files = {h.entry.source.path for h in hints}
    rows: list[FileRow] | list[FigureRow] = _figure_rows(hints) if code == FIGURE_CODE else _file_rows(hints)
    return Section(code=code, meaning=CODES[code].meaning, hints=len(hints), files=len(files), rows=rows[:SHOWN_PER_CODE],
                   figures=code == FIGURE_CODE, more=max(0, len(rows) - SHOWN_PER_CODE), note=note)


def _file_rows(hints: list[Hint]) -> list[FileRow]:
    rows: dict[str, FileRow] = {}
    for h in hints:
        row = rows.get(h.entry.source.path)
        if row is None:
            rows[h.entry.source.path] = FileRow(entry=h.entry, count=1, message=h.message)
        else:
            row["count"] += 1
    return sorted(rows.values(), key=lambda r: sort_key(r["entry"]))


def _figure_rows(hints: list[Hint]) -> list[FigureRow]:
    """One row per clash: the hints of one clash share its group."""
    groups: dict[int, tuple[FigureCredit, ...]] = {}
    for h in hints:
        if h.group:
            groups.setdefault(id(h.group), h.group)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].figure, g[0].story.id))
    return [FigureRow(figure=g[0].figure, measured=short(g[0].cause), stories=[c.story for c in g[:NAMED]], more=max(0, len(g) - NAMED))
            for g in ordered]
