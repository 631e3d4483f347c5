"""YAML that parses, but most likely not into what its writer meant.

The loader keeps the text of every unquoted value and where it stands, so these checks can read
the source around a value, which no schema can:

- ``merged-list-item``: a ``- item`` indented one level too far is not an item; it joins the text
  of the item above (``...installs. - I added a cache...``).
- ``comment-in-value``: in ``title: CI speed-up #2``, `` #`` starts a comment, so the title is
  ``CI speed-up``. A comment written as ``# text`` (a space after the ``#``) is taken as meant.
- ``ambiguous-number``: a spelling of a number that YAML readers disagree on (generator/data/scalars.py).
"""

from __future__ import annotations

import re

from loopbook.data.scalars import disputed, resolve_plain
from loopbook.diagnostics import Diagnostics
from loopbook.model import DataPath, Source, line_col, unpack

_COMMENT_AFTER = re.compile(r"[ \t]+#(?=\S)")
_MERGED_ITEM = re.compile(r"\n([ \t]*)- ")


def check_source(source: Source, diags: Diagnostics) -> None:
    """Warn about each unquoted value whose text the writer most likely did not mean."""
    for path, text in source.plain.items():
        span = unpack(source.spans[path])
        if disputed(text):
            diags.error(source.path, span.line, span.col, _ambiguous(text), "ambiguous-number")
        _merged_items(source, path, span.start, span.end, diags)
        if text:
            _comment(source, path, text, span.end, diags)


def _ambiguous(text: str) -> str:
    value = resolve_plain(text)
    kind = "a number" if isinstance(value, int | float) else "text"
    other = "text" if kind == "a number" else "a number"
    plain = f", or write the number as {value}" if kind == "a number" else ""
    return (f"check-jsonschema reads {text} as {kind} and the editor's YAML 1.2 reads it as {other}; "
            f"quote it ('{text}'){plain} so that every tool agrees")


def _merged_items(source: Source, path: DataPath, start: int, end: int, diags: Diagnostics) -> None:
    """Only a list item's own text: elsewhere a wrapped line may well begin with a minus ('- interval')."""
    parent = source.span(path[:-1]) if path and isinstance(path[-1], int) else None
    if parent is None:
        return
    for m in _MERGED_ITEM.finditer(source.text, start, end):
        line, col = line_col(source.text, m.end() - 2)
        diags.warning(source.path, line, col, f"this '- ' line does not start a new list item: it is indented further than the "
                      f"item above, so it joins that item's text; move its '-' to column {parent.col}, under the other items",
                      "merged-list-item")


def _comment(source: Source, path: DataPath, text: str, end: int, diags: Diagnostics) -> None:
    m = _COMMENT_AFTER.match(source.text, end)  # blanks then '#': it cannot run past the line's end
    if not m:
        return
    at = m.end() - 1
    line_end = source.text.find("\n", at)
    comment = source.text[at:line_end if line_end >= 0 else len(source.text)].rstrip()
    line, col = line_col(source.text, at)
    whole = f"{text} {comment}"
    quote = "'" if '"' in whole else '"'
    key = f"{path[-1]}: " if path and isinstance(path[-1], str) else "- "
    diags.warning(source.path, line, col, f"'{comment}' is read as a comment, so the value is only '{text}'; if it belongs to the value, "
                  f"quote the whole value: {key}{quote}{whole}{quote}", "comment-in-value")
