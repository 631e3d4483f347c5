"""Pages that look across kinds: coverage, practice, the cheat sheet and the quality report.

Each has a declared context, built from the graph; the templates only lay it out.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, TypedDict

from loopbook.analysis import debriefs
from loopbook.analysis.hints import Hint
from loopbook.analysis.measures import MIN_STORIES_PER_PRINCIPLE
from loopbook.analysis.policy import POLICY, Targets
from loopbook.data.graph import Graph, sort_key
from loopbook.model import KINDS, Entry, Kind
from loopbook.render.brief import plain_text, star_text
from loopbook.render.escape import script_json
from loopbook.render.pages import Page
from loopbook.render.quality import quality_page
from loopbook.render.sitemap import CHEAT_SHEET, COVERAGE, PRACTICE, PRACTICE_DATA, SEVERITY_POLICY, TAGS, entry_path, page_url, tag_path


class Covered(TypedDict):
    principle: Entry
    count: int  # stories that show it
    primary: list[Entry]  # stories that show it first (at most COVERED_SHOWN, with `also`)
    also: list[Entry]  # stories that show it among others
    more: int  # stories left out of the two lists; the principle's page lists every one


# The stories named under each principle on the coverage page; the rest are counted (the principle's own page
# has them all), so that the page grows with the principles, not with the citations.
COVERED_SHOWN = 20


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
PROBE_SECONDS = 60  # a follow-up's answer in a drill: shorter than the story it follows
PROBE_TIME = "one minute"  # PROBE_SECONDS as the page says it


class PracticeContext(TypedDict):
    data: str  # JSON for the practice script, written to PRACTICE_DATA (safe inside <script> too)
    principles: list[Entry]
    loops: list[Entry]  # for the "practise a loop" choice
    asked: bool  # a debrief names a question of the bank: practice can draw "asked in a real interview"


class CheatSheetContext(TypedDict):
    rows: list[tuple[Entry, list[Entry], str]]  # story, its principles, its headline figure


class TagContext(TypedDict):
    tag: str
    count: int
    groups: list[tuple[Kind, list[Entry]]]  # the entries that carry it, by kind in reading order, each by title


class TagsContext(TypedDict):
    tags: list[tuple[str, str, int, list[tuple[Kind, int]]]]  # tag, its page, how many entries carry it, by kind


class PolicyContext(TypedDict):
    policy: dict[str, Targets]
    runbooks: Any  # the runbook kind, for the link to its index


def view_pages(graph: Graph, hints: list[Hint], on: date, quality_notes: dict[str, str] | None = None) -> list[Page]:
    # Made when rendered, as an entry page's context is: `check` renders only the pages its links look into,
    # and practice alone converts every story's brief from Markdown (most of a check at 5,000 entries).
    practice = cache(lambda: _practice(graph))  # one context for the page and the data file its script fetches
    return [
        Page(PRACTICE, "practice.md.j2", lambda: dict(practice())),
        Page(PRACTICE_DATA, "practice.json.j2", lambda: {"data": practice()["data"]}),
        Page(COVERAGE, "coverage.md.j2", lambda: dict(_coverage(graph))),
        Page(CHEAT_SHEET, "cheat-sheet.md.j2", lambda: dict(_cheat_sheet(graph))),
        Page(SEVERITY_POLICY, "severity-policy.md.j2", dict(PolicyContext(policy=POLICY, runbooks=KINDS["runbook"])), frozenset()),
        quality_page(hints, on.isoformat(), quality_notes),
        *tag_pages(graph),
    ]


def tag_pages(graph: Graph) -> list[Page]:
    """The tags index and a page per tag. One page listing every tag with every entry grew with
    tags x entries (4.4 MB at 5,000 entries); the index grows with the tags, and a tag's page with the
    entries that carry it. Any entry may take up a tag, so every tag page depends on every entry (inputs
    None); serve rewrites only the pages whose text changed."""
    carrying: dict[str, list[Entry]] = {}
    for kind in KINDS.values():
        for entry in sorted(graph.book.of(kind.name), key=sort_key):
            for tag in entry.data.get("tags", []):
                carrying.setdefault(tag, []).append(entry)
    pages, rows = [], []
    for tag in sorted(carrying):
        groups = [(k, [e for e in carrying[tag] if e.kind == k]) for k in KINDS.values()]
        groups = [(k, es) for k, es in groups if es]
        pages.append(Page(tag_path(tag), "tag.md.j2", dict(TagContext(tag=tag, count=len(carrying[tag]), groups=groups))))
        rows.append((tag, tag_path(tag), len(carrying[tag]), [(k, len(es)) for k, es in groups]))
    return [Page(TAGS, "tags.md.j2", dict(TagsContext(tags=rows))), *pages]


def _sorted(graph: Graph, kind: str) -> list[Entry]:
    return sorted(graph.book.of(kind), key=sort_key)


def _coverage(graph: Graph) -> CoverageContext:
    """Who shows what, in a size that grows with the stories, not with principles × stories: a list per
    principle (its first COVERED_SHOWN stories), and the heat-map as JSON (each story's principles) that the
    page draws in the browser."""
    principles, stories = _sorted(graph, "principle"), _sorted(graph, "story")
    index = {p.id: i for i, p in enumerate(principles)}
    by_principle = []
    for p in principles:
        showing = graph.sources(p, "story", "principles")
        primary = [s for s in showing if s.data["principles"][0] == p.id][:COVERED_SHOWN]
        also = [s for s in showing if s.data["principles"][0] != p.id][:COVERED_SHOWN - len(primary)]
        by_principle.append(Covered(principle=p, count=len(showing), primary=primary, also=also,
                                    more=len(showing) - len(primary) - len(also)))
    data = script_json({
        "principles": [[p.title, page_url(entry_path(p))] for p in principles],
        "stories": [[s.title, [index[i] for i in s.data.get("principles", []) if i in index]] for s in stories],
    })
    thin = [(c["principle"], c["count"]) for c in by_principle if c["count"] < MIN_STORIES_PER_PRINCIPLE]
    unanswered = [q for q in _sorted(graph, "question") if not graph.sources(q, "story", "questions")]
    unevidenced = [(role, item["text"]) for role in _sorted(graph, "role") for item in _role_items(role) if not item.get("evidence")]
    return CoverageContext(by_principle=by_principle, stories=stories, data=data, thin=thin, unanswered=unanswered, unevidenced=unevidenced)


def _role_items(role: Entry) -> list[dict[str, Any]]:
    quals = role.data.get("qualifications", {})
    return [*role.data.get("responsibilities", []), *quals.get("basic", []), *quals.get("preferred", [])]


def _practice(graph: Graph) -> PracticeContext:
    """What practice mode draws from and shows: each question with its stories, and what the debriefs say of
    it (how often a real interview asked it, how the last answer there went); each story in brief with its
    follow-ups; each principle's signals; the loops."""
    real = _asked_in_debriefs(graph)
    questions = []
    for q in _sorted(graph, "question"):
        stories = graph.sources(q, "story", "questions")
        questions.append({
            "id": q.id, "text": q.title, "kind": q.data["kind"], "principles": q.data.get("principles", []),
            "url": page_url(entry_path(q)), "notes": "notes" in q.data,
            "stories": [{"id": s.id, "title": s.title, "url": page_url(entry_path(s))} for s in stories],
            **real.get(q.id, {}),
        })
    principles = _sorted(graph, "principle")
    data = script_json({"questions": questions, "loops": _practice_loops(graph), "principles": {p.id: p.title for p in principles},
                        "stories": {s.id: _story_brief(graph, s) for s in _sorted(graph, "story")},
                        "signals": {p.id: [plain_text(str(x), graph.book) for x in p.data.get("signals", [])] for p in principles}})
    return PracticeContext(data=data, principles=principles, loops=_sorted(graph, "loop"), asked=bool(real))


def _story_brief(graph: Graph, story: Entry) -> dict[str, Any]:
    """A story as practice reveals it in place: headline, STAR in brief, figures, and the follow-ups to drill."""
    d = story.data
    return {"title": story.title, "url": page_url(entry_path(story)), "headline": str(d.get("headline", "")),
            "star": star_text(story, graph.book), "figures": [[str(m["value"]), str(m["what"])] for m in d.get("metrics", [])],
            "principles": [p.id for p in graph.targets(story, "principles")],
            "probes": [{"question": str(p["question"]), "answer": plain_text(str(p["answer"]), graph.book),
                        "claim": plain_text(str(p["claim"]), graph.book) if "claim" in p else ""} for p in d.get("probes", [])]}


def _asked_in_debriefs(graph: Graph) -> dict[str, dict[str, Any]]:
    """By question id: how many real rounds asked it, and the rating and date of the last one that did."""
    found: dict[str, dict[str, Any]] = {}
    for debrief in sorted(graph.book.of("debrief"), key=lambda d: (str(d.data.get("date", "")), d.id)):
        for a in debriefs.asked_in(graph, debrief):
            if a.question is None:
                continue
            seen = found.setdefault(a.question.id, {"asked": 0})
            seen["asked"] += 1
            if a.rating is not None:
                seen["debrief"] = {"rating": a.rating, "at": str(debrief.data.get("date", ""))}
    return found


def _practice_loops(graph: Graph) -> list[dict[str, Any]]:
    """Each loop's rounds in order, for practising a whole loop: what each round asks, and for how long; and the
    questions the company asked in earlier rounds (its debriefs), which loop practice asks first."""
    return [{"id": loop.id, "title": loop.title, "asked": debriefs.company_of(graph, loop).asked,
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
