"""What the public site may not show: private entries, and the terms a candidate redacts.

A candidate's own stories name employers, clients, people, team sizes and figures. Two settings keep
them off the site one deploys (``loopbook build``):

- ``private: true`` on any entry, or its file under ``data/private/`` (kept out of git by
  ``.gitignore``): the entry is left out of every page, list, view, search index and export.
- ``extra: loopbook: redact:`` in mkdocs.yml (read by loopbook.config): term -> what to show instead,
  matched case-insensitively on word boundaries.

``public_book`` is what a public build renders from: the public entries, each a copy whose every text is
redacted and whose references to private entries are gone. Doing it here, where the data becomes the
model every page is made from, means no template, view, search field or export can miss one.
``Secrets`` is what the leak guard (loopbook.checks.leaks) then looks for in every file of the built site,
to prove it: the redacted terms, and each private entry's id and title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from loopbook.data.examples import required_keys
from loopbook.data.prose import PROSE_REF
from loopbook.data.schema import REF_KEY, resolve, schema_for
from loopbook.model import Entry, Handbook

_DROP = object()  # a value that goes with the private entry it names


def term_pattern(term: str) -> str:
    """A term as a pattern: whole words only, any run of spaces or line breaks between its words."""
    return r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)"


@dataclass(frozen=True)
class Redactions:
    """Terms and what the public site shows instead; the longest term wins where two overlap."""

    terms: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        order = sorted(self.terms, key=len, reverse=True)
        pattern = re.compile("|".join(f"({term_pattern(t)})" for t in order), re.I) if order else None
        object.__setattr__(self, "_order", order)
        object.__setattr__(self, "_pattern", pattern)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def _sub(self, text: str) -> str:
        return self._pattern.sub(lambda m: self.terms[self._order[m.lastindex - 1]], text)  # type: ignore[attr-defined]

    def apply(self, text: str) -> str:
        """The text with every term replaced; in a `[[kind:id|label]]` link only the label, since the id
        names a file and the page it links to shows its own, redacted, title."""
        if self._pattern is None or not self._pattern.search(text):  # type: ignore[attr-defined]
            return text
        out, last = [], 0
        for m in PROSE_REF.finditer(text):
            out.append(self._sub(text[last:m.start()]))
            label = m.group(4)
            out.append(m.group(0) if label is None else text[m.start():m.start(4)] + self._sub(label) + "]]")
            last = m.end()
        out.append(self._sub(text[last:]))
        return "".join(out)


@dataclass(frozen=True)
class Secrets:
    """What no file of a public site may hold: each redacted term, and each private entry's id and title."""

    terms: tuple[str, ...] = ()
    private: tuple[Entry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.terms or self.private)

    def needles(self) -> list[tuple[str, str]]:
        """(pattern, what it is, as a message says it), terms first; terms and titles match in any case. An id
        is matched as written (ids are lower case, and so are the URLs made of them) and whole, hyphens
        included, so a private `alb` is not found in a public `alb-outage`, nor in the word "Alb"."""
        found = [(term_pattern(t), f"the redacted term '{t}'") for t in self.terms]
        for e in self.private:
            found.append((rf"(?-i:(?<![a-z0-9-]){re.escape(e.id)}(?![a-z0-9-]))", f"'{e.id}', the id of the private {e.kind.name} {e.ref}"))
            if e.title.strip():
                found.append((term_pattern(e.title), f"'{e.title}', the title of the private {e.kind.name} {e.ref}"))
        return found


def secrets_of(book: Handbook, redactions: Redactions) -> Secrets:
    return Secrets(tuple(redactions.terms), tuple(e for e in book.all() if e.private))


def needs_public_view(book: Handbook, redactions: Redactions) -> bool:
    """Whether the public site differs from the whole one: something is private or redacted."""
    return bool(redactions) or any(e.private for e in book.all())


def public_book(book: Handbook, redactions: Redactions) -> Handbook:
    """The public entries, each with its texts redacted and its references to private entries left out."""
    public = Handbook(broken=set(book.broken))
    for entry in book.all():
        if not entry.private:
            root = schema_for(entry.kind.name)
            data = _public(entry.data, root, root, book, redactions, top=True)
            public.add(Entry(entry.kind, entry.id, entry.source, data))
    return public


def _public(value: Any, node: dict[str, Any], root: dict[str, Any], book: Handbook, redactions: Redactions, top: bool = False) -> Any:
    """A value of an entry as the public site shows it, or _DROP when it names a private entry.
    An item that cannot stand without the reference (a consistency note without its story) goes with it."""
    node = resolve(node, root)
    if isinstance(value, dict):
        props, needed = node.get("properties", {}), set() if top else set(required_keys(node))
        out = {}
        for key, sub in value.items():
            shown = _public(sub, props[key], root, book, redactions) if key in props else sub
            if shown is _DROP and key in needed:
                return _DROP
            if shown is not _DROP:
                out[key] = shown
        return out
    if isinstance(value, list):
        items = node.get("items", {})
        return [shown for v in value if (shown := _public(v, items, root, book, redactions)) is not _DROP]
    if isinstance(value, str) and REF_KEY in node:
        return value if _visible(book, node[REF_KEY], value) else _DROP
    if isinstance(value, str):
        return redactions.apply(value)
    return value


def _visible(book: Handbook, kind: str, value: str) -> bool:
    if kind == "*":
        kind, _, value = value.partition(":")
    target = book.get(kind, value)
    return target is None or not target.private
