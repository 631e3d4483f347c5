"""Characters no entry may hold, reported where they are written.

- **Control characters** other than tab and line break (ESC, BEL, NUL, ...): YAML lets a double-quoted value
  make them from escapes (``"\\e[31m"``, ``"\\a"``, ``"\\0"``); a page, a terminal (``loopbook list``) or Anki
  would act on them instead of showing them. YAML's own reader refuses them written raw.
- **Bidirectional controls** (the embeddings, overrides and isolates, U+202A-U+202E and U+2066-U+2069): they
  reorder how the text around them is shown, so a title or a command can read differently from what it
  says (the "Trojan Source" trick). They are errors anywhere in a file, comments included, raw or escaped.
  The marks right-to-left text needs (LRM U+200E, RLM U+200F, ALM U+061C) reorder nothing and are fine.

Either makes the file's entry one with errors: its page is not made until it is fixed.
"""

from __future__ import annotations

import re
import unicodedata

from loopbook.diagnostics import Diagnostics
from loopbook.model import Source, line_col

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# The escapes of a YAML double-quoted scalar (YAML 1.2, 5.7), each read whole so that `\\` is one.
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_SINGLE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
           "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def check_characters(source: Source, diags: Diagnostics) -> bool:
    """Report every forbidden character of the file at its line and column; True when there is none."""
    found = [(i, source.text[i], source.text[i]) for i in (m.start() for m in _BIDI.finditer(source.text))]
    for span in source.escaped:  # double-quoted scalars the loader saw make a forbidden character
        for m in _ESCAPE.finditer(source.text, span.start, span.end):
            char = _decoded(m)
            if char and FORBIDDEN.fullmatch(char):
                found.append((m.start(), char, m.group(0)))
    for index, char, written in sorted(found):
        line, col = line_col(source.text, index)
        diags.error(source.path, line, col, *_explain(char, written))
    return not found


def _decoded(m: re.Match[str]) -> str:
    number = m.group(1) or m.group(2) or m.group(3)
    if number:
        code = int(number, 16)
        return chr(code) if code <= 0x10FFFF else ""
    return _SINGLE.get(m.group(4), m.group(4))


def _explain(char: str, written: str) -> tuple[str, str]:
    name = unicodedata.name(char, "")
    what = f"U+{ord(char):04X}{f' ({name})' if name else ''}"
    how = f", written as {written}," if written != char else ""
    if _BIDI.fullmatch(char):
        return (f"character {what}{how} reorders how the text around it is shown (the Trojan Source trick), so readers would "
                "not see what is written; remove it", "bidi-control")
    return (f"control character {what}{how} would act instead of showing on a page, a terminal or a card; remove it "
            "(a line break is written as one, a tab as \\t)", "control-character")
