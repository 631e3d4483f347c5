"""Synthetic handbooks of any size, filled in from the JSON Schemas' own shapes so that they validate.

The schemas decide which keys exist, which are required, the enums, patterns, formats, length
limits and which strings are references or Markdown prose; the tables below only say how big a
realistic entry is (a story ~600 words over situation/task/action/result, a runbook 8-12 steps
with commands) and how entries cite each other. A schema change therefore shows up here as new
keys being filled, or as an error for a pattern this module cannot produce, never as invalid data.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.prose import Prose

SCHEMAS = Path(__file__).resolve().parent.parent / "generator" / "schemas"
KINDS = {"principle": "principles", "story": "stories", "question": "questions", "runbook": "runbooks",
         "metric": "metrics", "project": "projects", "role": "roles"}

# Share of each kind in a handbook of many authors: mostly stories, questions and runbooks.
PROPORTIONS = {"principle": 0.05, "story": 0.25, "question": 0.30, "runbook": 0.20, "metric": 0.10, "project": 0.07, "role": 0.03}

# List lengths by (kind, path), '*' standing for any index; default (1, 3).
ITEMS = {("story", "action"): (5, 8), ("story", "probes"): (2, 4), ("story", "metrics"): (1, 3), ("story", "principles"): (1, 3),
         ("story", "questions"): (1, 3), ("runbook", "steps"): (8, 12), ("runbook", "verify"): (2, 3), ("runbook", "rollback"): (1, 2),
         ("runbook", "escalation"): (2, 3), ("runbook", "triggers"): (2, 3), ("role", "responsibilities"): (5, 9),
         ("project", "sections"): (3, 6), ("principle", "signals"): (2, 4), ("question", "principles"): (1, 2)}
# Words of Markdown prose by (kind, path); default (20, 45).
WORDS = {("story", "situation"): (130, 170), ("story", "task"): (50, 70), ("story", "action.*"): (35, 50),
         ("story", "result"): (70, 100), ("runbook", "summary"): (60, 110), ("runbook", "steps.*.action"): (15, 35),
         ("runbook", "steps.*.expect"): (10, 25), ("project", "sections.*.body"): (80, 150), ("principle", "description"): (60, 100)}
# How likely an optional key is to be written, by (kind, path); default 0.6.
PRESENT = {("runbook", "steps.*.command"): 0.9, ("runbook", "steps.*.expect"): 0.8, ("story", "headline"): 0.9,
           ("story", "context"): 0.9, ("story", "related"): 0.7, ("runbook", "related"): 0.8, ("role", "responsibilities.*.evidence"): 0.8,
           # The synthetic handbook has no alert sources, so a runbook naming alerts would name unknown ones.
           ("runbook", "alerts"): 0.0,
           # A handbook measured whole: no entry kept out of the site.
           **{(kind, "private"): 0.0 for kind in KINDS},
           # Synthetic commands write no <name> of a parameter, and a phrase is no pattern: no parameters.
           ("runbook", "parameters"): 0.0}
# Which kinds a "kind:id" reference field names, by the kind that writes it.
ANY_REF = {"story": ("story", "runbook"), "runbook": ("runbook", "story", "metric"), "metric": ("metric", "runbook"),
           "role": ("story", "runbook")}
# Headings every page of a kind has, so prose links with these anchors always resolve.
ANCHORS = {"story": ("situation", "task", "action", "result"), "runbook": ("steps",), "principle": ("stories", "questions")}

_PATTERNS = {
    r"^https?://[^\s]+$": lambda p: p.url(),
    r"^[1-9][0-9]{0,3}(d|w)$": lambda p: p.rng.choice(["30d", "90d", "180d", "26w"]),
    r"^[1-9][0-9]{0,3}(m|h|d)$": lambda p: p.rng.choice(["15m", "30m", "1h", "4h", "1d"]),
    r"^[a-z0-9]+(-[a-z0-9]+)*$": lambda p: p.tag(),
    r"^(?!index$)[a-z0-9]+(-[a-z0-9]+)*$": lambda p: p.tag(),  # a tag
}


def counts(total: int) -> dict[str, int]:
    """Entries per kind adding up to total exactly (largest remainder), at least one of each."""
    raw = {k: total * share for k, share in PROPORTIONS.items()}
    out = {k: max(1, int(v)) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - int(raw[k]), reverse=True)[: max(0, total - sum(out.values()))]:
        out[k] += 1
    return out


def load_schemas() -> dict[str, dict[str, Any]]:
    return {kind: json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8")) for kind in KINDS}


@dataclass
class Filler:
    """Fills one entry at a time from its kind's schema, citing ids from the whole plan."""

    prose: Prose
    ids: dict[str, list[str]]
    kind: str = ""
    id: str = ""

    @property
    def rng(self) -> random.Random:
        return self.prose.rng

    def entry(self, kind: str, id_: str, schema: dict[str, Any]) -> dict[str, Any]:
        self.kind, self.id = kind, id_
        return self.value(schema, schema, ())

    def value(self, node: dict[str, Any], root: dict[str, Any], path: tuple[str, ...]) -> Any:
        while "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if "enum" in node:
            return self.rng.choice(node["enum"])
        kind = node.get("type")
        if kind == "object":
            return self.mapping(node, root, path)
        if kind == "array":
            return self.array(node, root, path)
        if kind == "integer":
            return self.rng.randint(node.get("minimum", 0), node.get("maximum", 100))
        if kind == "string":
            return self.string(node, path)
        if kind == "boolean":
            return False
        raise ValueError(f"{self.kind} {'.'.join(path)}: no rule to fill a {kind!r} node")

    def mapping(self, node: dict[str, Any], root: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
        required = set(node.get("required", []))
        out = {}
        for key, sub in node.get("properties", {}).items():
            if key in required or self.rng.random() < PRESENT.get((self.kind, _pattern(path + (key,))), 0.6):
                out[key] = self.value(sub, root, path + (key,))
        return out

    def array(self, node: dict[str, Any], root: dict[str, Any], path: tuple[str, ...]) -> list[Any]:
        lo, hi = ITEMS.get((self.kind, _pattern(path)), (1, 3))
        n = self.rng.randint(max(lo, node.get("minItems", 0)), hi)
        items: list[Any] = []
        for _ in range(n * 3):  # unique lists may draw the same value twice; a few spare tries
            if len(items) == n:
                break
            item = self.value(node["items"], root, path + ("*",))
            if not node.get("uniqueItems") or item not in items:
                items.append(item)
        return items

    def string(self, node: dict[str, Any], path: tuple[str, ...]) -> str:
        limit = node.get("maxLength")
        if "x-loopbook-ref" in node:
            return self.ref(node["x-loopbook-ref"])
        if node.get("format") == "date":
            return self.prose.date()
        if "pattern" in node:
            if node["pattern"] not in _PATTERNS:
                raise ValueError(f"{self.kind} {'.'.join(path)}: no rule for pattern {node['pattern']}")
            return _PATTERNS[node["pattern"]](self.prose)
        if node.get("contentMediaType") == "text/markdown":
            return self.markdown(WORDS.get((self.kind, _pattern(path)), (20, 45)))
        if path[-1] == "command":
            return self.prose.script()
        return self.prose.phrase(2, 12 if limit is None or limit > 60 else 4, limit)

    def ref(self, target: str) -> str:
        if target != "*":
            return self.rng.choice(self.others(target))
        kind = self.rng.choice(ANY_REF.get(self.kind, ("story", "runbook")))
        return f"{kind}:{self.rng.choice(self.others(kind))}"

    def others(self, kind: str) -> list[str]:
        """The ids of a kind this entry may cite: an entry citing itself is an error (self-reference)."""
        ids = self.ids[kind]
        return [i for i in ids if i != self.id] or ids if kind == self.kind else ids

    def markdown(self, words: tuple[int, int]) -> str:
        """Prose with, now and then, a [[kind:id]] reference or a Markdown link to an anchor."""
        sentences = self.prose.paragraph(self.rng.randint(*words))
        for _ in range(max(1, len(sentences) // 4)):
            if self.rng.random() < 0.3:
                i = self.rng.randrange(len(sentences))
                sentences[i] = sentences[i][:-1] + f", see {self.link()}."
        return " ".join(sentences)

    def link(self) -> str:
        kind = self.rng.choice([k for k in KINDS if self.ids[k]])
        id_ = self.rng.choice(self.others(kind))
        anchor = self.rng.choice(ANCHORS[kind]) if kind in ANCHORS and self.rng.random() < 0.5 else None
        roll = self.rng.random()
        if roll < 0.6:
            return f"[[{kind}:{id_}{'#' + anchor if anchor else ''}]]"
        if roll < 0.8:
            return f"[[{kind}:{id_}|{self.prose.phrase(2, 4).lower()}]]"
        # A written Markdown link, relative to the generated page (handbook/<kinds>/<id>.md).
        return f"[{self.prose.phrase(2, 4).lower()}](../{KINDS[kind]}/{id_}.md{'#' + anchor if anchor else ''})"


_WE = re.compile(r"\b(we|our|us)\b", re.I)
_MINE = {"we": "I", "our": "my", "us": "me"}


def _story_voice(story: dict[str, Any], prose: Prose) -> None:
    """Actions in the first person and a result with a figure, as the quality hints ask of a real story;
    the length stays at ~600 words (the hints call that long, and the benchmark wants the size)."""
    story["action"] = [_WE.sub(lambda m: _MINE[m.group(0).lower()], a) for a in story["action"]]
    if not re.search(r"\d", story["result"]):
        story["result"] += f" Errors fell by {prose.rng.randint(10, 90)} %."


def _pattern(path: tuple[str, ...]) -> str:
    return ".".join(path)


class _Dumper(yaml.SafeDumper):
    """The loader refuses anchors and aliases, so never write one."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Multi-line commands as literal blocks, the way people write them.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def plan(total: int, prose: Prose) -> dict[str, list[str]]:
    """The ids of every entry, by kind, before any entry is written, so that entries can cite each other."""
    ids: dict[str, list[str]] = {}
    for kind, n in counts(total).items():
        ids[kind] = [f"{prose.slug(3)}-{i:04d}" for i in range(n)]
    return ids


PLANTED_WORD = "zanzibarquux"  # in no vocabulary the filler draws from


def write_dataset(data_dir: Path, total: int, seed: int = 1) -> dict[str, list[str]]:
    """Write total entries under data_dir/<kinds>/<id>.yaml; the ids by kind."""
    prose = Prose(random.Random(f"loopbook-bench-{seed}-{total}"))
    ids = plan(total, prose)
    filler = Filler(prose, ids)
    for kind, schema in load_schemas().items():
        folder = data_dir / KINDS[kind]
        folder.mkdir(parents=True, exist_ok=True)
        for order, id_ in enumerate(ids[kind], start=1):
            data = filler.entry(kind, id_, schema)
            if kind == "principle":
                data["order"] = min(order, 999)  # principles are read in order; keep it a real sequence
            if kind == "story":
                _story_voice(data, prose)
                if order == 1:  # the one entry that holds the word the first-search measurement types
                    data["situation"] = f"{data['situation']} {PLANTED_WORD}."
            (folder / f"{id_}.yaml").write_text(dump(data), "utf-8")
    return ids
