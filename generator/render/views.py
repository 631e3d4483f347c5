"""Pages that look across kinds: coverage, practice, the cheat sheet and the quality report.

Each has a declared context, built from the graph; the templates only lay it out.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from loopbook.analysis.hints import Hint
from loopbook.analysis.measures import MIN_STORIES_PER_PRINCIPLE
from loopbook.analysis.policy import POLICY, Targets
from loopbook.data.graph import Graph, sort_key
from loopbook.model import KINDS, Entry
from loopbook.render.escape import script_json
from loopbook.render.pages import Page
from loopbook.render.sitemap import CHEAT_SHEET, COVERAGE, PRACTICE, QUALITY, SEVERITY_POLICY, entry_path, page_url


class Covered(TypedDict):
    principle: Entry
    primary: list[Entry]  # stories that show it first
    also: list[Entry]  # stories that show it among others


class CoverageContext(TypedDict):
    by_principle: list[Covered]
    stories: list[Entry]  # numbered, for the heat-map's columns
    data: str  # JSON for the heat-map the page draws, safe inside <script>
    thin: list[tuple[Entry, int]]  # principles with fewer stories than they need, and how many
    unanswered: list[Entry]  # questions no story answers
    unevidenced: list[tuple[Entry, str]]  # role items with no evidence: (role, text)


# Practice mode's clock and self-rating, which the page states and its script acts on. The template
# writes them into the page (render.py registers them as globals); the script reads them from there.
ANSWER_SECONDS = 120
ANSWER_TIME = "two minutes"  # ANSWER_SECONDS as the page says it
RATINGS = {1: "Struggled", 2: "Got there", 3: "Nailed it"}


class PracticeContext(TypedDict):
    data: str  # JSON for the practice script, safe inside <script>
    principles: list[Entry]
    loops: list[Entry]  # for the "practise a loop" choice


class CheatSheetContext(TypedDict):
    rows: list[tuple[Entry, list[Entry], str]]  # story, its principles, its headline figure


class PolicyContext(TypedDict):
    policy: dict[str, Targets]
    runbooks: Any  # the runbook kind, for the link to its index


class QualityContext(TypedDict):
    hints: list[Hint]
    on: str


def view_pages(graph: Graph, hints: list[Hint], on: date) -> list[Page]:
    return [
        Page(PRACTICE, "practice.md.j2", dict(_practice(graph))),
        Page(COVERAGE, "coverage.md.j2", dict(_coverage(graph))),
        Page(CHEAT_SHEET, "cheat-sheet.md.j2", dict(_cheat_sheet(graph))),
        Page(SEVERITY_POLICY, "severity-policy.md.j2", dict(PolicyContext(policy=POLICY, runbooks=KINDS["runbook"])), frozenset()),
        Page(QUALITY, "quality.md.j2", dict(QualityContext(hints=sorted(hints, key=lambda h: (h.code, sort_key(h.entry))), on=on.isoformat()))),
    ]


def _sorted(graph: Graph, kind: str) -> list[Entry]:
    return sorted(graph.book.of(kind), key=sort_key)


def _coverage(graph: Graph) -> CoverageContext:
    """Who shows what, in a size that grows with the citations, not with principles × stories: a list per
    principle, and the heat-map as JSON (each story's principles) that the page draws in the browser."""
    principles, stories = _sorted(graph, "principle"), _sorted(graph, "story")
    index = {p.id: i for i, p in enumerate(principles)}
    by_principle = []
    for p in principles:
        showing = graph.sources(p, "story", "principles")
        primary = [s for s in showing if s.data["principles"][0] == p.id]
        by_principle.append(Covered(principle=p, primary=primary, also=[s for s in showing if s not in primary]))
    data = script_json({
        "principles": [[p.title, page_url(entry_path(p))] for p in principles],
        "stories": [[s.title, [index[i] for i in s.data.get("principles", []) if i in index]] for s in stories],
    })
    thin = [(c["principle"], n) for c in by_principle if (n := len(c["primary"]) + len(c["also"])) < MIN_STORIES_PER_PRINCIPLE]
    unanswered = [q for q in _sorted(graph, "question") if not graph.sources(q, "story", "questions")]
    unevidenced = [(role, item["text"]) for role in _sorted(graph, "role") for item in _role_items(role) if not item.get("evidence")]
    return CoverageContext(by_principle=by_principle, stories=stories, data=data, thin=thin, unanswered=unanswered, unevidenced=unevidenced)


def _role_items(role: Entry) -> list[dict[str, Any]]:
    quals = role.data.get("qualifications", {})
    return [*role.data.get("responsibilities", []), *quals.get("basic", []), *quals.get("preferred", [])]


def _practice(graph: Graph) -> PracticeContext:
    questions = []
    for q in _sorted(graph, "question"):
        stories = graph.sources(q, "story", "questions")
        questions.append({
            "id": q.id, "text": q.title, "kind": q.data["kind"], "principles": q.data.get("principles", []),
            "url": page_url(entry_path(q)), "notes": "notes" in q.data,
            "stories": [{"id": s.id, "title": s.title, "url": page_url(entry_path(s))} for s in stories],
        })
    loops = _practice_loops(graph)
    names = {p.id: p.title for p in _sorted(graph, "principle")}
    data = script_json({"questions": questions, "loops": loops, "principles": names})
    return PracticeContext(data=data, principles=_sorted(graph, "principle"), loops=_sorted(graph, "loop"))


def _practice_loops(graph: Graph) -> list[dict[str, Any]]:
    """Each loop's rounds in order, for practising a whole loop: what each round asks, and for how long."""
    return [{"id": loop.id, "title": loop.title,
             "rounds": [{"name": r["name"], "minutes": r["minutes"], "bar_raiser": bool(r.get("bar_raiser", False)),
                         "focus": r["focus"], "kinds": r.get("question_kinds", [])} for r in loop.data["rounds"]]}
            for loop in _sorted(graph, "loop")]


def _cheat_sheet(graph: Graph) -> CheatSheetContext:
    rows = []
    for s in _sorted(graph, "story"):
        metrics = s.data.get("metrics", [])
        figure = f"{metrics[0]['value']} {metrics[0]['what']}" if metrics else s.data.get("headline", "")
        rows.append((s, graph.targets(s, "principles"), figure))
    return CheatSheetContext(rows=rows)
