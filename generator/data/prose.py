"""Prose: the Markdown text fields of an entry, the links written in them, and the one link policy.

Every stage that meets a link applies the policy here: the check of internal links and of the data's
prose, the check of external URLs, the output guard looking at the built site, and the Anki export.

- ``SAFE_SCHEMES``: the schemes a link may have (a relative link has none).
- ``CODE``: what Python-Markdown reads as code (equal runs of backticks, not after a backslash, within
  one paragraph) and autolinks, left as written; nothing written in code is a link.
- ``links_in``: the link targets written in a piece of prose, outside code: ``[text](url)``,
  ``![alt](url)``, ``[id]: url`` and ``<http(s)://...>``. Prose carries no raw HTML (the render stage
  escapes every '<' outside code), so an ``href`` in prose is text, not a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from loopbook.data.schema import fields
from loopbook.model import Entry

PROSE_MEDIA = "text/markdown"  # the contentMediaType of a prose field in the schemas
# [[kind:id]], [[kind:id#anchor]] and [[kind:id|label]]: a link to an entry by its id.
PROSE_REF = re.compile(r"\[\[([a-z]+):([^\]|#\s]+)(#[^\]|\s]+)?(?:\|([^\]]+))?\]\]")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# A backtick fence is such a span too, whether or not it is taken as a fence, so kept text is code in
# any context.
CODE = re.compile(r"(?<![\\`])(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)|<https?://[^\s<>]+>", re.S)
_LINK = re.compile(r"\]\(\s*<?(?P<inline>(?:[^()\s>]|\([^()\s]*\))+)"
                   r"|^\s{0,3}\[[^\]]+\]:\s*<?(?P<ref>[^\s>]+)"
                   r"|<(?P<auto>https?://[^\s<>]+)>", re.M)


def prose_fields(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each prose field of the entry: its path in the entry's data, and its text."""
    for path, value, node in fields(entry.data, entry.kind.name, ("contentMediaType",)):
        if node.get("contentMediaType") == PROSE_MEDIA and isinstance(value, str):
            yield path, value


def may_hold_code(text: str) -> bool:
    """Whether CODE can match at all: most prose has no backtick and no '<', and the pattern's
    look-behinds make it slow to rule out position by position."""
    return "`" in text or "<" in text


def without_code(text: str) -> str:
    """Prose with its code spans and fences blanked out (autolinks kept): what is written there is not
    a link. Offsets into the result are offsets into the text."""
    if not may_hold_code(text):
        return text
    return CODE.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " " * len(m.group(0)), text)


def links_in(text: str) -> Iterator[tuple[str, int]]:
    """Every link target written in the prose, outside code, with its offset in the text."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return  # what each form of link must hold: most prose has none, and is not scanned further
    for m in _LINK.finditer(without_code(text)):
        yield m.group(m.lastgroup), m.start(m.lastgroup)


def unsafe_scheme(href: str) -> str | None:
    """The link's scheme when the policy refuses it, else None."""
    scheme = urlsplit(href.strip()).scheme.lower()
    return scheme if scheme and scheme not in SAFE_SCHEMES else None


# The end of a sentence: . ! or ? then white space and what starts a sentence (a capital, a digit, a link or code).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\[`*_])")


def first_sentence(text: str) -> tuple[str, str]:
    """The prose's first sentence and the rest ("" when it is one sentence): a page can lead with one
    line and fold the rest. A full stop inside code, a link's text or its URL does not end a sentence."""
    blanked = without_code(text)
    for m in _SENTENCE_END.finditer(blanked):
        before = blanked[:m.start()]
        if before.count("[") == before.count("]") and before.count("(") == before.count(")"):
            return text[:m.start()].strip(), text[m.end():].strip()
    return text.strip(), ""
