"""The privacy half of the output guard: before a public site is published, no file of it may hold a
redacted term, or the id or title of a private entry (loopbook.data.privacy.Secrets).

The public build renders from the redacted public entries, so its generated pages should hold none; this
proves it on the output, whatever put it there: a hand-written page under docs/, a setting of
mkdocs.yml, a tag, an id, a template. Every file is read (pages, sitemap.xml and its .gz, JSON, scripts,
Pagefind's index), gzip-compressed ones decompressed (Pagefind writes ``pagefind/**/*.pf_*`` compressed,
their text behind a ``pagefind_dcd`` header), and each is looked at as written, with HTML entities decoded
and with JSON's and JavaScript's string escapes decoded, so that an escaped title is still found.
Pagefind's word index (CBOR) holds only words of the fragments, which are read in full here.
"""

from __future__ import annotations

import gzip
import html
import re
import zlib
from pathlib import Path

from loopbook.data.privacy import Secrets
from loopbook.diagnostics import Diagnostics
from loopbook.model import line_col

PAGEFIND_HEADER = b"pagefind_dcd"
_JS_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|([\"'\\/])|[nrt])")


def check_leaks(site_dir: Path, secrets: Secrets, diags: Diagnostics, shown: str = "site") -> None:
    """An error for each secret found in each file of the built site, at its first place in the file."""
    if not secrets:
        return
    needles = secrets.needles()
    pattern = re.compile("|".join(f"({p})" for p, _ in needles), re.I)
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and not path.is_symlink():
            where = f"{shown}/{path.relative_to(site_dir).as_posix()}"
            for what, (line, col), packed in _hits(path, pattern, needles):
                inside = " (decompressed)" if packed else ""
                diags.error(where, line, col, f"{what} is in this file{inside}; the public site may not show it, so it was not "
                            "published and the previous site is kept", "privacy-leak")


def _hits(path: Path, pattern: re.Pattern[str], needles: list[tuple[str, str]]) -> list[tuple[str, tuple[int, int], bool]]:
    """Each secret the file holds once: what it is, where it first stands, and whether the file was compressed."""
    raw = path.read_bytes()
    text, packed = _text(raw)
    found: dict[int, tuple[int, int]] = {}
    for reading in _readings(text):
        for m in pattern.finditer(reading):
            where = line_col(reading, m.start()) if reading is text and not packed else (1, 1)
            found.setdefault(m.lastindex or 1, where)
    return [(needles[i - 1][1], where, packed) for i, where in sorted(found.items(), key=lambda kv: kv[1])]


def _text(raw: bytes) -> tuple[str, bool]:
    """The file's text, decompressed when it is gzip (sitemap.xml.gz, Pagefind's files), without Pagefind's header."""
    packed = raw[:2] == b"\x1f\x8b"
    if packed:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):  # not gzip after all: read as it is
            packed = False
    return raw.removeprefix(PAGEFIND_HEADER).decode("utf-8", errors="replace"), packed


def _readings(text: str) -> list[str]:
    """The text as written, with HTML entities decoded, and with string escapes decoded too."""
    readings = [text]
    if "&" in text:
        readings.append(html.unescape(text))
    if "\\" in text:
        readings.append(_JS_ESCAPE.sub(_unescape, readings[-1]))
    return readings


def _unescape(m: re.Match[str]) -> str:
    if m.group(1):
        return chr(int(m.group(1), 16))
    return m.group(2) or " "
