"""The handbook's entry and index pages, and what each page template receives.

Every template has a declared context (a TypedDict), built here from the graph, so that
templates only lay out what they are given and never reach into the data on their own. Every
page producer (here, loopbook.render.views and loopbook.render.reference) returns the same ``Page`` value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, TypedDict

from loopbook.analysis import debriefs
from loopbook.analysis.consistency import counterparts
from loopbook.analysis.debriefs import Asked, Share, Telling
from loopbook.analysis.measures import review_due, speaking_seconds
from loopbook.analysis.planner import Plan, plan_loop
from loopbook.data.graph import Graph, sort_key
from loopbook.model import KINDS, PRIVATE_FOLDER, Entry, Kind
from loopbook.render.runbook import Lead, lead, page_data, used_parameters
from loopbook.render.sitemap import HOME, entry_path, index_path


@dataclass(frozen=True)
class Page:
    path: str  # under the docs folder, from loopbook.render.sitemap
    template: str
    # What the template receives; an entry page's is made only when the page is rendered, since
    # `check` renders only the pages its links look into.
    context: dict[str, Any] | Callable[[], dict[str, Any]]
    # The entries (by ref) whose change can change this page; None when any change can. `serve`
    # re-renders only the pages an edit can reach.
    inputs: frozenset[str] | None = None
    source: str | None = None  # an entry page's YAML file, for its edit button

    def values(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


class EntryContext(TypedDict):
    entry: Entry
    source: str  # the YAML file, for the edit button


class PrincipleContext(EntryContext):
    stories: list[Entry]
    questions: list[Entry]


class StoryContext(EntryContext):
    principles: list[Entry]
    questions: list[Entry]
    project: Entry | None
    related: list[Entry]
    seconds: int  # speaking time of the STAR answer
    told_with: list[tuple[Entry, str]]  # another story telling the same event, and how to tell the two consistently
    told_more: int  # how many more do, beyond the TOLD_SHOWN on the page


class QuestionContext(EntryContext):
    principles: list[Entry]
    stories: list[Entry]


class RunbookContext(EntryContext):
    related: list[Entry]
    roles: list[Entry]
    review_due: str  # YYYY-MM-DD
    overdue_days: int  # 0 when the review is not yet due, on the build's date (the page's script counts again)
    lead: Lead  # the summary's first sentence, and the rest that the page folds
    parameters: list[dict[str, Any]]  # the declared parameters some command uses: the page's form
    data: str  # JSON for the page's scripts, safe inside <script> (loopbook.render.runbook)


class MetricContext(EntryContext):
    related: list[Entry]


class ProjectContext(EntryContext):
    stories: list[Entry]


class Evidenced(TypedDict):
    text: str
    evidence: list[Entry]


class RoleContext(EntryContext):
    responsibilities: list[Evidenced]
    basic: list[Evidenced]
    preferred: list[Evidenced]


class LoopContext(EntryContext):
    plan: Plan  # rounds, their stories and backups, and the gaps (generator/analysis/planner.py)


class DebriefContext(EntryContext):
    loop: Entry | None
    company: str
    asked: list[Asked]
    retold: dict[int, Telling]  # by place in `asked`: the earlier round the company heard the story in
    missing: dict[int, str]  # by place in `asked`: the command that adds the question the bank lacked
    share: Share  # of this round's questions, those the bank had


class IndexContext(TypedDict):
    kind: Kind
    entries: list[Entry]


class QuestionBankContext(IndexContext):
    rows: list[tuple[Entry, list[Entry], list[Entry]]]  # question, its principles, the stories answering it
    principles: list[Entry]  # for the filter


class RunbookIndexContext(IndexContext):
    severities: list[tuple[str, list[Entry]]]  # by severity, most severe first, each by title
    services: list[tuple[str, int]]  # each service, for the filter, with how many runbooks it has


class MetricGlossaryContext(IndexContext):
    tiers: list[tuple[str, list[Entry]]]


class HomeContext(TypedDict):
    counts: list[tuple[Kind, int]]


def all_pages(graph: Graph, on: date) -> list[Page]:
    counts = [(k, len(graph.book.entries[k.name])) for k in KINDS.values()]
    pages = [Page(HOME, "handbook.md.j2", dict(HomeContext(counts=counts)))]
    for kind in KINDS.values():
        entries = sorted(graph.book.of(kind.name), key=sort_key)
        template, context = _index(graph, kind, entries)
        pages.append(Page(index_path(kind), template, dict(context)))
        for entry in entries:
            # A loop's plan weighs every story against every other, and a debrief is read against the company's
            # other rounds, so any change can move either.
            inputs = None if kind.name in ("loop", "debrief") else graph.neighbourhood(entry)
            context = partial(_CONTEXT[kind.name], graph, entry, on)
            pages.append(Page(entry_path(entry), f"{kind.name}.md.j2", context, inputs, _edit_source(entry) or None))
    return pages


def _index(graph: Graph, kind: Kind, entries: list[Entry]) -> tuple[str, IndexContext]:
    base = IndexContext(kind=kind, entries=entries)
    if kind.name == "question":
        rows = [(q, graph.targets(q, "principles"), graph.sources(q, "story", "questions")) for q in entries]
        principles = sorted(graph.book.of("principle"), key=sort_key)
        return "question-bank.md.j2", QuestionBankContext(**base, rows=rows, principles=principles)
    if kind.name == "runbook":
        by_service = sorted(Counter(str(e.data["service"]) for e in entries).items())
        levels = sorted({str(e.data["severity"]) for e in entries})
        by_severity = [(v, sorted((e for e in entries if e.data["severity"] == v), key=lambda e: e.title)) for v in levels]
        return "runbook-index.md.j2", RunbookIndexContext(**base, severities=by_severity, services=by_service)
    if kind.name == "metric":
        tiers = [(t, [e for e in entries if e.data["tier"] == t]) for t in ("primary", "secondary", "additional")]
        return "metric-glossary.md.j2", MetricGlossaryContext(**base, tiers=[(t, es) for t, es in tiers if es])
    return "index.md.j2", base


def _base(entry: Entry) -> EntryContext:
    return EntryContext(entry=entry, source=_edit_source(entry))


def _edit_source(entry: Entry) -> str:
    """The YAML file the edit button opens; none for a file of the private folder, which the repository never holds."""
    return "" if entry.source.path.startswith(PRIVATE_FOLDER) else entry.source.path


def _principle(g: Graph, e: Entry, on: date) -> PrincipleContext:
    return PrincipleContext(**_base(e), stories=g.sources(e, "story", "principles"), questions=g.sources(e, "question", "principles"))


# A story's page names at most this many others that tell its event, and counts the rest: a story copied
# for every round of every loop would otherwise carry every copy's note, and the site grow with the square.
TOLD_SHOWN = 5


def _story(g: Graph, e: Entry, on: date) -> StoryContext:
    project = g.targets(e, "project")
    told = counterparts(e, _consistency_links(g, e))
    return StoryContext(**_base(e), principles=g.targets(e, "principles"), questions=g.targets(e, "questions"),
                        project=project[0] if project else None, related=g.related(e), seconds=speaking_seconds(e),
                        told_with=told[:TOLD_SHOWN], told_more=max(0, len(told) - TOLD_SHOWN))


def _consistency_links(g: Graph, e: Entry) -> list[Entry]:
    return [x.dst for x in g.out[e.ref] if x.field == "consistency"] + [x.src for x in g.into[e.ref] if x.field == "consistency"]


def _question(g: Graph, e: Entry, on: date) -> QuestionContext:
    return QuestionContext(**_base(e), principles=g.targets(e, "principles"), stories=g.sources(e, "story", "questions"))


def _runbook(g: Graph, e: Entry, on: date) -> RunbookContext:
    due = review_due(e)
    return RunbookContext(**_base(e), related=g.related(e), roles=_roles_citing(g, e), review_due=due.isoformat(),
                          overdue_days=max(0, (on - due).days), lead=lead(e), parameters=used_parameters(e), data=page_data(e))


def _metric(g: Graph, e: Entry, on: date) -> MetricContext:
    return MetricContext(**_base(e), related=g.related(e))


def _project(g: Graph, e: Entry, on: date) -> ProjectContext:
    return ProjectContext(**_base(e), stories=g.sources(e, "story", "project"))


def _role(g: Graph, e: Entry, on: date) -> RoleContext:
    quals = e.data.get("qualifications", {})
    return RoleContext(**_base(e), responsibilities=_evidenced(g, e.data.get("responsibilities", [])),
                       basic=_evidenced(g, quals.get("basic", [])), preferred=_evidenced(g, quals.get("preferred", [])))


def _evidenced(g: Graph, items: list[dict[str, Any]]) -> list[Evidenced]:
    out = []
    for item in items:
        refs = [r.partition(":") for r in item.get("evidence", [])]
        found = [g.book.get(kind, id_) for kind, _, id_ in refs]
        out.append(Evidenced(text=item["text"], evidence=[x for x in found if x is not None]))
    return out


def _roles_citing(g: Graph, e: Entry) -> list[Entry]:
    return sorted({x.src.ref: x.src for x in g.into[e.ref] if x.src.kind.name == "role"}.values(), key=sort_key)


def _loop(g: Graph, e: Entry, on: date) -> LoopContext:
    return LoopContext(**_base(e), plan=plan_loop(g, e))


def _debrief(g: Graph, e: Entry, on: date) -> DebriefContext:
    loops = g.targets(e, "loop")
    loop = loops[0] if loops else None
    company = str(loop.data.get("company", "")).strip() if loop else ""
    retold = {later.index: first for later, first, _ in debriefs.retold(g) if later.debrief is e}
    found = debriefs.recall(g, e.title, [e])
    missing = {a.index: command for a, command in found.missing}
    return DebriefContext(**_base(e), loop=loop, company=company, asked=debriefs.asked_in(g, e), retold=retold, missing=missing,
                          share=found.total)


_CONTEXT = {"principle": _principle, "story": _story, "question": _question, "runbook": _runbook,
            "metric": _metric, "project": _project, "role": _role, "loop": _loop, "debrief": _debrief}
