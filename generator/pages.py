"""Which pages the handbook has, and what each page template receives.

Every template has a declared context (a TypedDict), built here from the graph, so that
templates only lay out what they are given and never reach into the data on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from generator.graph import Graph, sort_key
from generator.model import KINDS, Entry, Kind

GENERATED = "handbook"  # the folder under docs/ that the generator owns


def entry_path(entry: Entry) -> str:
    return f"{GENERATED}/{entry.kind.plural}/{entry.id}.md"


def index_path(kind: Kind) -> str:
    return f"{GENERATED}/{kind.plural}/index.md"


@dataclass(frozen=True)
class Page:
    path: str  # under docs/
    template: str
    context: dict[str, Any]


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


class QuestionContext(EntryContext):
    principles: list[Entry]
    stories: list[Entry]


class RunbookContext(EntryContext):
    related: list[Entry]
    roles: list[Entry]


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


class IndexContext(TypedDict):
    kind: Kind
    entries: list[Entry]
    groups: list[tuple[str, list[Entry]]]  # headed groups, where the kind is grouped


class HomeContext(TypedDict):
    counts: list[tuple[Kind, int]]


def all_pages(graph: Graph) -> list[Page]:
    pages = [Page(f"{GENERATED}/index.md", "handbook.md.j2", dict(HomeContext(counts=[(k, len(graph.book.entries[k.name])) for k in KINDS.values()])))]
    for kind in KINDS.values():
        entries = sorted(graph.book.of(kind.name), key=sort_key)
        pages.append(Page(index_path(kind), "index.md.j2", dict(IndexContext(kind=kind, entries=entries, groups=_groups(kind, entries)))))
        for entry in entries:
            pages.append(Page(entry_path(entry), f"{kind.name}.md.j2", dict(_CONTEXT[kind.name](graph, entry))))
    return pages


def navigation(graph: Graph) -> dict[str, dict[str, Any]]:
    """The .nav.yml of each generated folder (read by awesome-nav): kinds in reading order,
    principles by their order, other entries by title."""
    navs: dict[str, dict[str, Any]] = {f"{GENERATED}/.nav.yml": {"nav": ["index.md", *(k.plural for k in KINDS.values())]}}
    for kind in KINDS.values():
        entries = sorted(graph.book.of(kind.name), key=sort_key)
        navs[f"{GENERATED}/{kind.plural}/.nav.yml"] = {"title": kind.label, "nav": ["index.md", *(f"{e.id}.md" for e in entries)]}
    return navs


def _groups(kind: Kind, entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    field = {"question": "kind", "runbook": "service", "metric": "tier"}.get(kind.name)
    if field is None:
        return []
    keys = sorted({str(e.data.get(field, "")) for e in entries})
    return [(k, [e for e in entries if str(e.data.get(field, "")) == k]) for k in keys]


def _base(entry: Entry) -> EntryContext:
    return EntryContext(entry=entry, source=entry.source.path)


def _principle(g: Graph, e: Entry) -> PrincipleContext:
    return PrincipleContext(**_base(e), stories=g.sources(e, "story", "principles"), questions=g.sources(e, "question", "principles"))


def _story(g: Graph, e: Entry) -> StoryContext:
    project = g.targets(e, "project")
    return StoryContext(**_base(e), principles=g.targets(e, "principles"), questions=g.targets(e, "questions"),
                        project=project[0] if project else None, related=g.related(e))


def _question(g: Graph, e: Entry) -> QuestionContext:
    return QuestionContext(**_base(e), principles=g.targets(e, "principles"), stories=g.sources(e, "story", "questions"))


def _runbook(g: Graph, e: Entry) -> RunbookContext:
    return RunbookContext(**_base(e), related=g.related(e), roles=_roles_citing(g, e))


def _metric(g: Graph, e: Entry) -> MetricContext:
    return MetricContext(**_base(e), related=g.related(e))


def _project(g: Graph, e: Entry) -> ProjectContext:
    return ProjectContext(**_base(e), stories=g.sources(e, "story", "project"))


def _role(g: Graph, e: Entry) -> RoleContext:
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


_CONTEXT = {"principle": _principle, "story": _story, "question": _question, "runbook": _runbook,
            "metric": _metric, "project": _project, "role": _role}
