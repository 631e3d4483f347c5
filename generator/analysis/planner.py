"""The loop planner: which story to tell in which round, so that no story is told twice in one loop.

Each (round, principle) pair of a loop is a slot; a story can fill a slot when it shows the
principle. Filling as many slots as possible, each story at most once, is an assignment problem:
a maximum-cardinality, maximum-weight matching on the bipartite graph slots x stories, which
networkx solves exactly. Weights only break ties between matchings of the same size: a story
whose main (first-listed) principle is the one asked for is worth more than every other
preference together, then a story that lists the principle earlier. A second matching over the
stories left over gives each slot a backup, so no story appears twice in the plan, as main or
backup. A story the loop's company heard in an earlier round (loopbook.analysis.debriefs) is worth less
than any other, so it is planned only where nothing else fills the slot, and flagged where it is. Nodes
and edges are added in a fixed order (rounds in order, stories by id), so the same handbook always gives
the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from loopbook.analysis.consistency import figure_clashes, told_differently
from loopbook.analysis.debriefs import Company, Recall, Telling, company_of, recall, recall_json
from loopbook.analysis.measures import speaking_seconds
from loopbook.data.graph import Graph
from loopbook.model import Entry

Slot = tuple[int, str]  # (round index, principle id)


def assign(slots: list[Slot], shows: dict[str, list[str]], exclude: Iterable[str] = (), told: Iterable[str] = ()) -> dict[Slot, str]:
    """The best assignment of stories to slots: as many slots filled as possible, each story once.

    shows maps a story id to the principle ids it shows, main principle first. Stories in exclude
    are not used; stories in told (told to the company in an earlier round) are used only where no
    other story can fill the slot. Returns the story id chosen for each slot that can be filled.
    """
    import networkx as nx  # here, not at the top: only pages and commands that plan a loop pay its import

    excluded = set(exclude)
    stories = sorted(s for s in shows if s not in excluded)
    longest = max((len(shows[s]) for s in stories), default=0)
    # Worth of a primary match: more than every positional preference of a whole plan together; worth of a
    # story the company has not heard: more than every other preference of a whole plan together.
    primary = longest * len(slots) + 1
    fresh = (primary + longest) * len(slots) + 1
    heard = set(told)
    g = nx.Graph()
    g.add_nodes_from(("slot", i) for i in range(len(slots)))
    g.add_nodes_from(("story", s) for s in stories)
    for i, (_, principle) in enumerate(slots):
        weights = {s: (primary if shows[s].index(principle) == 0 else 0) + longest - shows[s].index(principle)
                   + (0 if s in heard else fresh) for s in stories if principle in shows[s]}
        # A slot never needs more candidates than there are slots: of its best len(slots), the other
        # slots can take at most len(slots) - 1, so some optimal matching uses only these edges.
        for s in sorted(weights, key=lambda s: (-weights[s], s))[:len(slots)]:
            g.add_edge(("slot", i), ("story", s), weight=weights[s])
    matching = nx.max_weight_matching(g, maxcardinality=True, weight="weight")
    chosen: dict[Slot, str] = {}
    for a, b in matching:
        slot_node, story_node = (a, b) if a[0] == "slot" else (b, a)
        chosen[slots[slot_node[1]]] = story_node[1]
    return chosen


@dataclass
class Told:
    """A story as the plan shows it: how long it takes to tell and its figures at a glance."""

    story: Entry
    seconds: int
    figures: list[dict[str, str]]  # the story's metrics: value and what
    told_before: list[Telling] = field(default_factory=list)  # to this loop's company, in earlier rounds (debriefs)


@dataclass
class PlannedSlot:
    principle: Entry
    main: Told | None
    backup: Told | None


@dataclass
class PlannedRound:
    number: int  # 1-based, as the page and the terminal say it
    name: str
    minutes: int
    bar_raiser: bool
    question_kinds: list[str]
    slots: list[PlannedSlot]


@dataclass(frozen=True)
class Finding:
    message: str  # plain text
    stories: list[Entry]


@dataclass
class Plan:
    loop: Entry
    role: Entry | None
    rounds: list[PlannedRound]
    gaps: list[tuple[PlannedRound, Entry]]  # (round, principle) pairs no unused story can cover
    # What a Bar Raiser comparing the rounds could catch among the planned stories: a figure credited
    # differently, or one event told two ways (loopbook.analysis.consistency). The page shows it when not empty.
    consistency: list[Finding] = field(default_factory=list)
    company: Company | None = None  # the loop's company, its debriefs and what they told and asked
    recall: Recall | None = None  # of this loop's own debriefs
    company_recall: Recall | None = None  # of every debrief of the company, when it has other loops

    def stories_used(self) -> list[Entry]:
        return [t.story for r in self.rounds for s in r.slots for t in (s.main, s.backup) if t is not None]


def plan_loop(graph: Graph, loop: Entry) -> Plan:
    book = graph.book
    rounds = loop.data.get("rounds", [])
    slots: list[Slot] = [(i, p) for i, r in enumerate(rounds) for p in r.get("focus", [])]
    stories = {s.id: s for s in book.of("story")}
    shows = {s.id: [str(p) for p in s.data.get("principles", [])] for s in stories.values()}
    company = company_of(graph, loop)
    mains = assign(slots, shows, told=company.told)
    backups = assign([s for s in slots if s in mains], shows, exclude=mains.values(), told=company.told)

    def told(story_id: str | None) -> Told | None:
        if story_id is None:
            return None
        story = stories[story_id]
        figures = [{"value": str(m["value"]), "what": str(m["what"])} for m in story.data.get("metrics", [])]
        return Told(story, speaking_seconds(story), figures, company.told.get(story_id, []))

    planned = []
    for i, r in enumerate(rounds):
        cells = [PlannedSlot(book.get("principle", p), told(mains.get((i, p))), told(backups.get((i, p))))
                 for p in r.get("focus", []) if book.get("principle", p) is not None]
        planned.append(PlannedRound(i + 1, str(r["name"]), int(r["minutes"]), bool(r.get("bar_raiser", False)),
                                    list(r.get("question_kinds", [])), cells))
    gaps = [(r, s.principle) for r in planned for s in r.slots if s.main is None]
    role = book.get("role", str(loop.data.get("role", "")))
    result = Plan(loop, role, planned, gaps, company=company)
    result.consistency = findings(list({s.id: s for s in result.stories_used()}.values()))
    result.recall = recall(graph, loop.title, graph.sources(loop, "debrief", "loop"))
    if len(company.loops) > 1:
        result.company_recall = recall(graph, company.name, company.debriefs)
    return result


def findings(stories: list[Entry]) -> list[Finding]:
    """Figures credited differently, and events told two ways, among the stories of one plan."""
    found = []
    for group in figure_clashes(stories):
        causes = "; ".join(f"{c.story.id}: {c.cause}" for c in group)
        found.append(Finding(f"{group[0].figure} is credited differently: {causes}", [c.story for c in group]))
    for story, other, _ in told_differently(stories):
        found.append(Finding(f"{story.id} and {other.id} tell the same event two ways; their story pages say how to tell "
                             "them consistently", [story, other]))
    return found


def as_json(plan: Plan) -> dict[str, Any]:
    """The plan as `loopbook plan --format json` prints it."""
    def told(t: Told | None) -> dict[str, Any] | None:
        return None if t is None else {"id": t.story.id, "title": t.story.title, "seconds": t.seconds, "figures": t.figures,
                                       "private": t.story.private, "told_before": [_telling(x) for x in t.told_before]}

    return {
        "loop": plan.loop.id, "title": plan.loop.title, "example": bool(plan.loop.data.get("example", False)),
        "role": plan.role.id if plan.role else None,
        "rounds": [{"number": r.number, "name": r.name, "minutes": r.minutes, "bar_raiser": r.bar_raiser,
                    "question_kinds": r.question_kinds,
                    "slots": [{"principle": s.principle.id, "story": told(s.main), "backup": told(s.backup)} for s in r.slots]}
                   for r in plan.rounds],
        "gaps": [{"round": r.number, "name": r.name, "principle": p.id} for r, p in plan.gaps],
        "consistency": [{"message": c.message, "stories": [s.id for s in c.stories]} for c in plan.consistency],
        "recall": recall_json(plan.recall) if plan.recall else None,
        "company_recall": recall_json(plan.company_recall) if plan.company_recall else None,
        "asked_before": plan.company.asked if plan.company else [],
    }


def _telling(t: Telling) -> dict[str, Any]:
    return {"debrief": t.debrief.id, "round": t.round, "date": t.date}


def as_text(plan: Plan) -> str:
    """The plan as a terminal table: round, principle, story and backup, then the gaps."""
    loop = plan.loop
    lines = [f"{loop.title} ({loop.id})" + (" — an example loop" if loop.data.get("example") else "")]
    width = max((len(s.principle.id) for r in plan.rounds for s in r.slots), default=0)
    for r in plan.rounds:
        badge = ", Bar Raiser" if r.bar_raiser else ""
        lines += ["", f"Round {r.number}: {r.name} ({r.minutes} min{badge})"]
        for s in r.slots:
            main = _told_text(s.main) if s.main else "GAP: no unused story shows it"
            backup = f"   backup: {s.backup.story.id}" if s.backup else ("   no backup" if s.main else "")
            lines.append(f"  {s.principle.id:<{width}}  {main}{backup}")
    lines += ["", f"Gaps ({len(plan.gaps)}):" if plan.gaps else "Gaps: none; every principle of every round has a story."]
    lines += [f"  round {r.number} ({r.name}): {p.id}" for r, p in plan.gaps]
    if plan.consistency:
        lines += ["", f"Consistency ({len(plan.consistency)}):", *(f"  {c.message}" for c in plan.consistency)]
    for r in (plan.recall, plan.company_recall):
        if r is not None and r.debriefs:
            lines += ["", _recall_text(r)]
    return "\n".join(lines)


def _recall_text(r: Recall) -> str:
    """Recall as the terminal says it: the total, by kind and by principle, then what to add to the bank."""
    kinds = ", ".join(f"{k} {s.had}/{s.asked}" for k, s in r.by_kind)
    principles = ", ".join(f"{p.id} {s.had}/{s.asked}" for p, s in r.by_principle)
    lines = [f"Recall, {r.name} ({len(r.debriefs)} debrief{'s' if len(r.debriefs) != 1 else ''}): the bank had "
             f"{r.total.had} of the {r.total.asked} questions asked ({r.total.percent})", f"  by kind: {kinds}"]
    if principles:
        lines.append(f"  by principle: {principles}")
    lines += [f"  missing: {a.text}\n    {command}" for a, command in r.missing]
    return "\n".join(lines)


def _told_text(t: Told) -> str:
    minutes, seconds = divmod(t.seconds, 60)
    figures = f", {len(t.figures)} figure{'s' if len(t.figures) != 1 else ''}" if t.figures else ""
    private = ", private" if t.story.private else ""
    before = f", told before: {'; '.join(f'{x.round} {x.date}' for x in t.told_before)}" if t.told_before else ""
    return f"{t.story.id} ({minutes}:{seconds:02d}{figures}{private}{before})"
