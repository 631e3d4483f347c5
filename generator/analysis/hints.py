"""Quality hints: what makes a story or a runbook weaker, reported as warnings, never errors.

The same hints feed `loopbook check` (as diagnostics at the YAML position) and the Quality
page of the site. The measures they judge by (speaking time, review dates, today) are in
``loopbook.analysis.measures``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from loopbook.analysis import consistency, debriefs, policy
from loopbook.analysis.measures import MIN_STORIES_PER_PRINCIPLE, SPEAKING_RANGE, review_due, speaking_seconds
from loopbook.data import parameters
from loopbook.data.graph import Graph
from loopbook.diagnostics import Diagnostics
from loopbook.model import DataPath, Entry, Handbook

_NUMBER = re.compile(r"\d")
_WE = re.compile(r"\b(we|our|us)\b", re.I)
_I = re.compile(r"\b(I|my|me)\b")


@dataclass(frozen=True)
class Hint:
    entry: Entry
    path: DataPath  # where in the entry the hint points
    message: str
    code: str
    key: bool = False  # point at the key's line (`sla:`) rather than at its value
    at: tuple[int, int] | None = None  # line and column when finer than the path's, e.g. a figure inside prose
    # figure-reused: every credit of the clash, shared by its hints, so that the Quality page shows each clash once.
    group: tuple[consistency.FigureCredit, ...] = field(default=(), compare=False)


def hints(graph: Graph, on: date) -> list[Hint]:
    found: list[Hint] = []
    for story in graph.book.of("story"):
        found += _story_hints(story)
    found += figure_hints(graph.book.of("story"))
    found += _principle_hints(graph)
    found += retold_hints(graph)
    for runbook in graph.book.of("runbook"):
        due = review_due(runbook)
        if due < on:
            found.append(Hint(runbook, ("last_reviewed",),
                              f"review was due on {due.isoformat()}; review the runbook and update last_reviewed", "review-overdue"))
        found += _sla_hints(runbook)
        found += _parameter_hints(runbook)
    return found


def _parameter_hints(runbook: Entry) -> list[Hint]:
    out = []
    for path, needle, message, code in parameters.slot_warnings(runbook):
        out.append(Hint(runbook, path, message, code, at=runbook.source.locate(path, needle)))
    return out


def _principle_hints(graph: Graph) -> list[Hint]:
    """few-stories. A story set aside for its errors still counts (it is one fix away), and a principle
    short of stories says which of its stories are waiting, so that it never reads "no story" misleadingly."""
    waiting = _stories_with_errors(graph.book)
    out = []
    for principle in graph.book.of("principle"):
        n, held = len(graph.sources(principle, "story", "principles")), waiting.get(principle.id, [])
        if n + len(held) < MIN_STORIES_PER_PRINCIPLE:
            out.append(Hint(principle, ("name",), _few_stories(n, held), "few-stories"))
    return out


def _few_stories(n: int, held: list[str]) -> str:
    shows = "no story shows this principle yet" if n == 0 else f"only {n} {'story shows' if n == 1 else 'stories show'} this principle"
    if held:
        shows += f" ({', '.join(held)} will, once {'its' if len(held) == 1 else 'their'} errors are fixed)"
    return f"{shows}; prepare at least {MIN_STORIES_PER_PRINCIPLE}"


def _stories_with_errors(book: Handbook) -> dict[str, list[str]]:
    """The files of the stories set aside for schema errors, by each principle id they name."""
    by_principle: dict[str, list[str]] = {}
    for entry in sorted(book.aside.values(), key=lambda e: e.source.path):
        named = entry.data.get("principles") if entry.kind.name == "story" else None
        for id_ in dict.fromkeys(p for p in (named if isinstance(named, list) else []) if isinstance(p, str)):
            by_principle.setdefault(id_, []).append(entry.source.path)
    return by_principle


def _sla_hints(runbook: Entry) -> list[Hint]:
    """An SLA may depart from the severity policy, but then the runbook says why (sla.reason)."""
    off = policy.departures(runbook)
    if not off or policy.reason(runbook):
        return []
    given = " and ".join(f"{name} {value}" for name, value, _ in off)
    wanted = ", ".join(f"{name} {value}" for name, _, value in off)
    verb = "departs" if len(off) == 1 else "depart"
    message = f"{given} {verb} from the {runbook.data['severity']} policy ({wanted}); follow the policy or say why in sla.reason"
    return [Hint(runbook, ("sla",), message, "sla-policy", key=True)]


def _story_hints(story: Entry) -> list[Hint]:
    out = []
    if not _NUMBER.search(str(story.data.get("result", ""))):
        out.append(Hint(story, ("result",), "the result has no number; say what changed, by how much", "result-without-number"))
    seconds = speaking_seconds(story)
    low, high = SPEAKING_RANGE
    if not low <= seconds <= high:
        side = "short" if seconds < low else "long"
        out.append(Hint(story, ("situation",), f"takes about {seconds} s to tell, too {side} (aim for {low}-{high} s)", "speaking-time"))
    actions = " ".join(map(str, story.data.get("action", [])))
    we, i = len(_WE.findall(actions)), len(_I.findall(actions))
    if we > i:
        out.append(Hint(story, ("action",), f"the actions say 'we' {we} times and 'I' {i} times; say what you did", "we-not-i"))
    return out


def retold_hints(graph: Graph) -> list[Hint]:
    """story-retold: a story told to a company that heard it in an earlier round, at the later telling's line."""
    found = []
    for later, first, company in debriefs.retold(graph):
        at = first.debrief.source.at(("asked", first.index, "story"))
        message = (f"'{later.story.id}' was told to {company} in an earlier round too ({first.round}, {first.date}: "
                   f"{first.debrief.source.path}:{at.line}); the Bar Raiser compares rounds, so tell each story to a company once "
                   f"and plan another for the rounds to come")
        found.append(Hint(later.debrief, ("asked", later.index, "story"), message, "story-retold"))
    return found


def figure_hints(stories: list[Entry]) -> list[Hint]:
    """figure-reused: one warning per story credit of a figure that other stories credit to other causes."""
    clashes = consistency.figure_clashes(stories)
    group_of = {id(c): group for group in map(tuple, clashes) for c in group}
    return [Hint(c.story, c.path, message, "figure-reused", at=consistency.position(c), group=group_of[id(c)])
            for c, message in consistency.clash_messages(clashes, stories)]


def report(graph: Graph, diags: Diagnostics, on: date) -> list[Hint]:
    """Add every hint as a warning at its YAML position; the hints, for the Quality page."""
    found = hints(graph, on)
    for h in found:
        span = h.entry.source.at(h.path, key=h.key)
        line, col = h.at or (span.line, span.col)
        diags.warning(h.entry.source.path, line, col, h.message, h.code)
    return found
