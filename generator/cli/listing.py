"""``loopbook list``: the ids references can use, with their titles, kind by kind."""

from __future__ import annotations

from loopbook.data.graph import sort_key
from loopbook.diagnostics import visible
from loopbook.model import KINDS, Handbook


def id_lines(book: Handbook, kind: str | None = None) -> list[str]:
    """One line per entry, `kind:id  title`, the ids aligned, a private one marked; every kind when none is given.
    A title is shown as a terminal cannot act on it (loopbook.diagnostics.visible): data is not trusted with the terminal."""
    entries = sorted((e for k in ([kind] if kind else KINDS) for e in book.of(k)), key=sort_key)
    width = max((len(e.ref) for e in entries), default=0)
    return [f"{e.ref.ljust(width)}  {visible(' '.join(e.title.split()))}{'  (private)' if e.private else ''}" for e in entries]
