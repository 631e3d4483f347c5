"""Debriefs: what the real interviews asked, held against what the handbook prepared.

A debrief (data/debriefs/) records one round: its loop (and so the company), what was asked, each item a
question of the bank or text the bank lacked, the story told, the follow-ups and a self-rating. From them:

- prediction recall, per loop and per company: the share of the asked questions the bank had, by kind and
  by principle, and the questions it lacked, each with the command that adds it;
- ``story-retold``: a story told to the same company in two rounds, because the Bar Raiser compares them;
- what planning and practice take from a company's earlier rounds: the stories told there (the planner
  plans them last, and flags them), and the questions asked there (loop practice asks them first).

A company is the loops' ``company`` (compared without case); a loop that names none is a company of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from loopbook.data.graph import Graph, sort_key
from loopbook.model import ID_MAX, Entry, slug


@dataclass(frozen=True)
class Asked:
    """One question asked in a round, as recall counts it."""

    debrief: Entry
    index: int  # its place in the debrief's `asked`
    question: Entry | None  # the bank's question, when the bank had it
    text: str
    kind: str  # "unclassified" when a question the bank lacked was given none
    principles: tuple[str, ...]
    story: Entry | None
    rating: int | None

    @property
    def path(self) -> tuple[str | int, ...]:
        return ("asked", self.index)


@dataclass(frozen=True)
class Share:
    """How much of what was asked the bank had."""

    asked: int
    had: int

    @property
    def recall(self) -> float | None:
        return round(self.had / self.asked, 4) if self.asked else None

    @property
    def percent(self) -> str:
        return "—" if not self.asked else f"{round(100 * self.had / self.asked)} %"


@dataclass
class Recall:
    name: str  # the loop's title, or the company's name
    debriefs: list[Entry]
    total: Share
    by_kind: list[tuple[str, Share]]
    by_principle: list[tuple[Entry, Share]]
    missing: list[tuple[Asked, str]]  # a question the bank lacked, and the command that adds it


@dataclass(frozen=True)
class Telling:
    """A story told in a round."""

    story: Entry
    debrief: Entry
    index: int  # its place in the debrief's `asked`

    @property
    def round(self) -> str:
        return str(self.debrief.data.get("round", ""))

    @property
    def date(self) -> str:
        return str(self.debrief.data.get("date", ""))


@dataclass
class Company:
    """A company's loops and debriefs, as planning and practice use them."""

    name: str
    loops: list[Entry]
    debriefs: list[Entry]  # by date
    told: dict[str, list[Telling]] = field(default_factory=dict)  # story id -> every telling, by date
    asked: list[str] = field(default_factory=list)  # ids of the bank's questions asked there, most recent first


def asked_in(graph: Graph, debrief: Entry) -> list[Asked]:
    book, out = graph.book, []
    for i, item in enumerate(debrief.data.get("asked", [])):
        question = book.get("question", str(item.get("question", ""))) if "question" in item else None
        source = question.data if question is not None else item
        story = book.get("story", str(item.get("story", ""))) if "story" in item else None
        rating = item.get("rating")
        out.append(Asked(debrief, i, question, question.title if question is not None else str(item.get("text", "")),
                         str(source.get("kind", "unclassified")), tuple(map(str, source.get("principles", []))), story,
                         rating if isinstance(rating, int) else None))
    return out


def _dated(debriefs: list[Entry]) -> list[Entry]:
    return sorted(debriefs, key=lambda d: (str(d.data.get("date", "")), d.id))


def company_key(loop: Entry) -> str:
    company = str(loop.data.get("company", "")).strip()
    return company.casefold() if company else f"loop:{loop.id}"


def company_of(graph: Graph, loop: Entry) -> Company:
    """The loop's company: every loop naming it, their debriefs, the stories told and questions asked there."""
    key = company_key(loop)
    loops = sorted((x for x in graph.book.of("loop") if company_key(x) == key), key=sort_key)
    debriefs = _dated([d for x in loops for d in graph.sources(x, "debrief", "loop")])
    found = Company(str(loop.data.get("company", "")).strip() or loop.title, loops, debriefs)
    for d in debriefs:
        for a in asked_in(graph, d):
            if a.story is not None:
                found.told.setdefault(a.story.id, []).append(Telling(a.story, d, a.index))
    recent_first = [a.question.id for d in reversed(debriefs) for a in asked_in(graph, d) if a.question is not None]
    found.asked = list(dict.fromkeys(recent_first))
    return found


def recall(graph: Graph, name: str, debriefs: list[Entry]) -> Recall:
    items = [a for d in _dated(debriefs) for a in asked_in(graph, d)]
    kinds: dict[str, list[Asked]] = defaultdict(list)
    principles: dict[str, list[Asked]] = defaultdict(list)
    for a in items:
        kinds[a.kind].append(a)
        for p in a.principles:
            principles[p].append(a)
    known = [(p, graph.book.get("principle", p)) for p in principles]
    by_principle = sorted(((e, _share(principles[p])) for p, e in known if e is not None), key=lambda pe: sort_key(pe[0]))
    taken = set(graph.book.entries["question"])
    missing = []
    for a in items:
        if a.question is None:
            command = f"loopbook new question {_free_id(a.text, taken)}"
            missing.append((a, command))
    return Recall(name, _dated(debriefs), _share(items), sorted((k, _share(v)) for k, v in kinds.items()), by_principle, missing)


def _share(items: list[Asked]) -> Share:
    return Share(len(items), sum(1 for a in items if a.question is not None))


def _free_id(text: str, taken: set[str]) -> str:
    """An id for a new question from its text, one no question has yet (nor an earlier suggestion)."""
    words, base = slug(text).split("-"), ""
    for word in words:  # whole words only, as many as an id holds with room for a "-2"
        if base and len(base) + 1 + len(word) > ID_MAX - 4:
            break
        base = f"{base}-{word}" if base else word
    base = base or "new-question"
    id_, n = base, 2
    while id_ in taken:
        id_, n = f"{base}-{n}", n + 1
    taken.add(id_)
    return id_


def retold(graph: Graph) -> list[tuple[Telling, Telling, str]]:
    """Each later telling of a story to a company that heard it in another round: (later, first, company)."""
    found, seen = [], set()
    for loop in sorted(graph.book.of("loop"), key=sort_key):
        key = company_key(loop)
        if key in seen:
            continue
        seen.add(key)
        company = company_of(graph, loop)
        for tellings in company.told.values():
            first = tellings[0]
            found += [(t, first, company.name) for t in tellings[1:] if t.debrief is not first.debrief]
    return found


def recall_json(r: Recall) -> dict[str, Any]:
    def share(s: Share) -> dict[str, Any]:
        return {"asked": s.asked, "had": s.had, "recall": s.recall}

    return {"name": r.name, "debriefs": [d.id for d in r.debriefs], **share(r.total),
            "by_kind": {k: share(s) for k, s in r.by_kind}, "by_principle": {p.id: share(s) for p, s in r.by_principle},
            "missing": [{"debrief": a.debrief.id, "text": a.text, "kind": a.kind, "command": c} for a, c in r.missing]}
