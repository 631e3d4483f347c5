"""The small typed model every stage shares: kinds of entry, one entry, the whole handbook."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# An id is the whole name: matched with fullmatch, so that no line break (which `$` lets through at the
# end) and nothing after it passes; the schemas' `^...$` mean the same in JSON Schema's regex dialect.
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_MAX = 64
# A kind's index page is handbook/<kinds>/index.md, beside its entries' <id>.md: an entry of that name
# would take the index's place.
RESERVED_ID = "index"
# data/private/<kinds>/<id>.yaml: entries kept out of the repository (loopbook init lists the folder in
# .gitignore) and out of the public site, whatever they say of themselves.
PRIVATE_FOLDER = "data/private/"


def is_id(text: object) -> bool:
    """Whether text is an id: lower-case words of a-z and 0-9 joined by hyphens, at most ID_MAX characters."""
    return isinstance(text, str) and len(text) <= ID_MAX and ID_RE.fullmatch(text) is not None


# Letters of other scripts that look like Latin ones, as an id typed with the wrong keyboard layout or
# pasted from a document holds them (Unicode's confusables, for the letters an id can have).
_LOOKALIKES = str.maketrans({
    **dict.fromkeys("аα", "a"), "в": "b", **dict.fromkeys("сϲ", "c"), "ԁ": "d", **dict.fromkeys("еε", "e"),
    "ғ": "f", "ɡ": "g", "һ": "h", **dict.fromkeys("іιı", "i"), "ј": "j", **dict.fromkeys("κк", "k"), "ӏ": "l",
    "м": "m", **dict.fromkeys("ηп", "n"), **dict.fromkeys("оοσ", "o"), **dict.fromkeys("рρ", "p"), "ԛ": "q",
    "г": "r", "ѕ": "s", **dict.fromkeys("тτ", "t"), **dict.fromkeys("υս", "u"), **dict.fromkeys("νѵ", "v"),
    **dict.fromkeys("ԝω", "w"), **dict.fromkeys("хχ", "x"), **dict.fromkeys("уγ", "y"), "ᴢ": "z",
})


def fold(text: str) -> str:
    """Text as its reader sees it: compatibility forms unified (NFKC), accents dropped, case folded, invisible
    characters (zero-width spaces, joiners, direction marks) removed and look-alike letters of other scripts
    made Latin. Two ids that look the same fold to the same text."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    kept = (c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return "".join(kept).translate(_LOOKALIKES)


def slug(text: str) -> str:
    """What an id written as text would most likely be: 'My-Story' -> 'my-story', 'Dive Deep' -> 'dive-deep',
    an 'o' typed in Cyrillic or a zero-width space pasted in -> the plain id."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:ID_MAX].strip("-")


# A path into an entry's data: keys and list indexes, as jsonschema reports them.
DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Kind:
    name: str  # singular, as in code and in "kind:id" references
    plural: str  # the folder under data/ and under the generated docs
    title_field: str  # the plain-text field a link to the entry shows
    label: str  # how a reader calls a group of them

    def title_of(self, data: dict[str, Any]) -> str:
        return str(data.get(self.title_field, ""))


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("principle", "principles", "name", "Principles"),
        Kind("story", "stories", "title", "Stories"),
        Kind("question", "questions", "text", "Questions"),
        Kind("runbook", "runbooks", "title", "Runbooks"),
        Kind("metric", "metrics", "name", "Metrics"),
        Kind("project", "projects", "title", "Projects"),
        Kind("role", "roles", "title", "Roles"),
        Kind("loop", "loops", "title", "Loops"),
        Kind("debrief", "debriefs", "title", "Debriefs"),
    )
}
KIND_BY_PLURAL: dict[str, Kind] = {k.plural: k for k in KINDS.values()}


def line_col(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset into text."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


class Span(NamedTuple):
    """Where a YAML node stands: 1-based line and column, and character offsets into the source."""

    line: int
    col: int
    start: int
    end: int


# A Source keeps its spans packed, a field of SPAN_BITS bits each in one int: the loader records one per
# node, and at 5,000 entries a named tuple per node (with its two offsets as ints of their own) was a
# third of check's memory. A file is at most 256 KiB, so every field fits in 20 bits.
SPAN_BITS = 20
_FIELD = (1 << SPAN_BITS) - 1


def pack(line: int, col: int, start: int, end: int) -> int:
    return (((line << SPAN_BITS | col) << SPAN_BITS | start) << SPAN_BITS) | end


def unpack(packed: int) -> Span:
    return Span(packed >> 3 * SPAN_BITS, packed >> 2 * SPAN_BITS & _FIELD, packed >> SPAN_BITS & _FIELD, packed & _FIELD)


FILE_START = pack(1, 1, 0, 0)


@dataclass
class Source:
    """What the loader keeps of a file, so that any later stage can point into it."""

    path: str  # as shown to the user, relative to the project root, with forward slashes
    text: str
    spans: dict[DataPath, int] = field(default_factory=dict)  # value nodes, packed (span() reads one)
    key_spans: dict[DataPath, int] = field(default_factory=dict)  # mapping keys, by the path of their value, packed
    plain: dict[DataPath, str] = field(default_factory=dict)  # unquoted scalars, as written
    # Double-quoted scalars whose escapes make a character no entry may hold (loopbook.data.characters).
    escaped: list[Span] = field(default_factory=list)

    def span(self, path: DataPath, key: bool = False) -> Span | None:
        """The span of the node (or of the key) at exactly path; None if there is none."""
        packed = (self.key_spans if key else self.spans).get(path)
        return None if packed is None else unpack(packed)

    def at(self, path: DataPath, key: bool = False) -> Span:
        """The span of the node at path, or of its nearest ancestor; the file start if none."""
        table = self.key_spans if key else self.spans
        p = tuple(path)
        while p:
            if p in table:
                return unpack(table[p])
            if not key and p in self.key_spans:
                return unpack(self.key_spans[p])
            p = p[:-1]
        return unpack(self.spans.get((), FILE_START))

    def locate(self, path: DataPath, needle: str) -> tuple[int, int]:
        """Line and column of needle written inside the scalar at path; the scalar's own if not found."""
        span = self.at(path)
        i = self.text.find(needle, span.start, max(span.end, span.start + len(needle)))
        return (span.line, span.col) if i < 0 else line_col(self.text, i)


@dataclass
class Entry:
    kind: Kind
    id: str
    source: Source
    data: dict[str, Any]

    @property
    def ref(self) -> str:
        return f"{self.kind.name}:{self.id}"

    @property
    def title(self) -> str:
        return self.kind.title_of(self.data)

    @property
    def private(self) -> bool:
        """Kept out of the public site: marked `private: true`, or kept in the private folder."""
        return self.data.get("private") is True or self.source.path.startswith(PRIVATE_FOLDER)


@dataclass
class Handbook:
    """All entries, by kind then id, as loaded; the graph stage adds the links between them."""

    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {k: {} for k in KINDS})
    # Refs of entries whose file exists but has errors: references to them are not "unknown", and
    # the stages after the one that failed skip them instead of the whole run.
    broken: set[str] = field(default_factory=set)
    # The entries that loaded but failed their schema, by ref: out of the pages, but what they say can
    # still keep a hint truthful (a principle's stories count one that only waits for a fix).
    aside: dict[str, Entry] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        self.entries[entry.kind.name][entry.id] = entry

    def set_aside(self, entry: Entry) -> None:
        """Take an entry with errors out of the later stages, remembering that it exists."""
        self.entries[entry.kind.name].pop(entry.id, None)
        self.broken.add(entry.ref)
        self.aside[entry.ref] = entry

    def get(self, kind: str, id_: str) -> Entry | None:
        return self.entries.get(kind, {}).get(id_)

    def of(self, kind: str) -> list[Entry]:
        return list(self.entries[kind].values())

    def all(self) -> list[Entry]:
        return [e for by_id in self.entries.values() for e in by_id.values()]
