"""Resolve every reference between entries and keep the graph for the pages.

Content is a graph, not a tree (stories <-> principles <-> questions <-> runbooks), so this
runs only after everything is loaded. References come from two places: fields the schema
marks with x-loopbook-ref, and ``[[kind:id]]`` links written inside Markdown prose.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from loopbook.data.prose import PROSE_MEDIA, PROSE_REF
from loopbook.data.schema import REF_KEY, fields
from loopbook.diagnostics import Diagnostics, did_you_mean, shown_id
from loopbook.model import KINDS, DataPath, Entry, Handbook, is_id

# [[kind:id]], [[kind:id#anchor]], [[kind:id|link text]]


@dataclass(frozen=True)
class Edge:
    src: Entry
    field: str  # the top-level key the reference is written under
    dst: Entry


@dataclass
class Graph:
    book: Handbook
    out: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    into: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))

    def add(self, edge: Edge) -> None:
        self.out[edge.src.ref].append(edge)
        self.into[edge.dst.ref].append(edge)

    def targets(self, entry: Entry, field: str) -> list[Entry]:
        """Entries this one names under field, in the order written."""
        return _unique(e.dst for e in self.out[entry.ref] if e.field == field)

    def sources(self, entry: Entry, kind: str, field: str) -> list[Entry]:
        """Entries of a kind that name this one under field, sorted by title."""
        found = _unique(e.src for e in self.into[entry.ref] if e.src.kind.name == kind and e.field == field)
        return sorted(found, key=sort_key)

    def neighbourhood(self, entry: Entry) -> frozenset[str]:
        """The entry and every entry linked to it either way: what its page can show."""
        refs = {entry.ref}
        refs.update(e.dst.ref for e in self.out[entry.ref])
        refs.update(e.src.ref for e in self.into[entry.ref])
        return frozenset(refs)

    def related(self, entry: Entry) -> list[Entry]:
        """Entries linked either way through 'related', by kind then title."""
        both = self.targets(entry, "related") + [e.src for e in self.into[entry.ref] if e.field == "related"]
        return sorted(_unique(e for e in both if e is not entry), key=sort_key)


def sort_key(entry: Entry) -> tuple[int, int, str, str]:
    """Principles by their order, questions by id (ids carry the bank's numbering), the rest by title."""
    kind = entry.kind.name
    order = entry.data.get("order", 0) if kind == "principle" else 0
    title = entry.id if kind == "question" else entry.title.casefold()
    return list(KINDS).index(kind), order if isinstance(order, int) else 0, title, entry.id


def _unique(entries) -> list[Entry]:
    seen: dict[str, Entry] = {}
    for e in entries:
        seen.setdefault(e.ref, e)
    return list(seen.values())


def build_graph(book: Handbook, diags: Diagnostics) -> Graph:
    graph = Graph(book)
    for entry in book.all():
        for path, value, node in fields(entry.data, entry.kind.name, (REF_KEY, "contentMediaType")):
            if REF_KEY in node and isinstance(value, str):
                _field_ref(graph, entry, path, value, node[REF_KEY], diags)
            elif node.get("contentMediaType") == PROSE_MEDIA and isinstance(value, str):
                for m in PROSE_REF.finditer(value):
                    _prose_ref(graph, entry, path, m, diags)
    return graph


def _field_ref(graph: Graph, entry: Entry, path: DataPath, value: str, kind: str, diags: Diagnostics) -> None:
    if kind == "*":
        kind, _, value = value.partition(":")
    if kind not in KINDS or not is_id(value):
        return  # the schema stage has reported the malformed value already
    target = graph.book.get(kind, value)
    if target is None and f"{kind}:{value}" in graph.book.broken:
        return  # it exists; its own errors are reported at its file
    if target is None:
        span = entry.source.at(path)
        diags.error(entry.source.path, span.line, span.col, _unknown(graph.book, kind, value), "missing-ref")
        return
    if target is entry:
        span = entry.source.at(path)
        diags.error(entry.source.path, span.line, span.col, f"'{path[0]}' names this {kind} itself; an entry cannot cite itself, "
                    "so remove it", "self-reference")
        return
    graph.add(Edge(entry, str(path[0]), target))


def _prose_ref(graph: Graph, entry: Entry, path: DataPath, m: re.Match[str], diags: Diagnostics) -> None:
    kind, id_ = m.group(1), m.group(2)
    line, col = entry.source.locate(path, m.group(0))
    if kind not in KINDS:
        hint = did_you_mean(kind, KINDS) or f"use one of: {', '.join(KINDS)}"
        diags.error(entry.source.path, line, col, f"unknown kind '{kind}' in '{m.group(0)}'; {hint}", "missing-ref")
        return
    target = graph.book.get(kind, id_)
    if target is None and f"{kind}:{id_}" in graph.book.broken:
        return
    if target is None:
        diags.error(entry.source.path, line, col, _unknown(graph.book, kind, id_), "missing-ref")
        return
    if target.private and not entry.private:
        diags.error(entry.source.path, line, col,
                    f"'{m.group(0)}' links the private {kind} '{id_}' from a public {entry.kind.name}: the public "
                    f"site leaves that {kind} out, so the link would lead nowhere and show its name; remove the link, or make this "
                    f"{entry.kind.name} private too", "private-link")
    if target is entry:
        # A link to a heading of the same page is a table of contents; one to the page itself goes nowhere.
        if not m.group(3):
            diags.error(entry.source.path, line, col, f"'{m.group(0)}' links this {kind} to itself; link a heading of it with "
                        f"[[{kind}:{id_}#anchor]], or remove the link", "self-reference")
        return
    graph.add(Edge(entry, str(path[0]), target))


def _unknown(book: Handbook, kind: str, id_: str) -> str:
    """A misspelling suggests the closest id; the start of an id ('b23') the one id it begins."""
    hint = did_you_mean(id_, book.entries[kind])
    where = f"no file data/{KINDS[kind].plural}/{shown_id(id_)}.yaml (loopbook list {kind} shows the ids)"
    return f"unknown {kind} '{shown_id(id_)}'; {hint or where}"
