"""Handbooks grown the way a team grows one: the bundled stories and runbooks copied under new ids.

The synthetic data of bench.synth shares no figures, so it never showed what real handbooks do: copies
of one story repeat its figures ("within 30 minutes", "99.9 %"), its principles and its questions, and a
cross-entry hint that compares every story with every other grows with the square of the copies. Each
copy keeps its original's text and references and gets a new id and a new title, as a contributor's
near-duplicate story would; stories and runbooks are copied in turn until the handbook holds `total`
entries. The runbooks' `alerts` are dropped: the copied handbook has no alert sources (one alert named
by two runbooks is a finding of its own, measured by the tests, not here).
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import yaml

from bench.synth import PLANTED_WORD, dump

REPO = Path(__file__).resolve().parent.parent
COPIED = ("stories", "runbooks")
KIND_OF = {"stories": "story", "runbooks": "runbook", "principles": "principle", "questions": "question",
           "metrics": "metric", "projects": "project", "roles": "role", "loops": "loop", "debriefs": "debrief"}


def write_copies(data_dir: Path, total: int, source: Path = REPO / "data") -> dict[str, list[str]]:
    """data_dir holds the bundled data plus copies of its stories and runbooks, `total` entries in all;
    the ids by kind, a copied story first (it holds PLANTED_WORD, for the first-search measurement)."""
    shutil.copytree(source, data_dir)
    ids: dict[str, list[str]] = {}
    for folder in sorted(data_dir.iterdir()):
        for file in sorted(folder.glob("*.yaml")):
            ids.setdefault(KIND_OF.get(folder.name, folder.name), []).append(file.stem)
            if folder.name == "runbooks":
                _without_alerts(file)
    originals = {name: sorted((data_dir / name).glob("*.yaml")) for name in COPIED}
    missing = total - sum(len(v) for v in ids.values())
    in_turn = [(name, file) for pair in itertools.zip_longest(*originals.values()) for name, file in zip(COPIED, pair) if file]
    turns = itertools.cycle(in_turn)
    copies: dict[str, list[str]] = {"story": [], "runbook": []}
    for n, (name, file) in zip(range(1, missing + 1), turns):
        copies[KIND_OF[name]].append(_copy(file, n, planted=n == 1))
    for kind, new in copies.items():
        ids[kind] = [*new, *ids.get(kind, [])]
    return ids


def _copy(file: Path, n: int, planted: bool) -> str:
    data = yaml.safe_load(file.read_text("utf-8"))
    data.pop("alerts", None)
    data["title"] = f"{data['title']} (copy {n})"
    if planted and "situation" in data:
        data["situation"] = f"{data['situation']} {PLANTED_WORD}."
    new_id = f"{file.stem}-copy-{n}"
    (file.parent / f"{new_id}.yaml").write_text(dump(data), "utf-8")
    return new_id


def _without_alerts(file: Path) -> None:
    data = yaml.safe_load(file.read_text("utf-8"))
    if data.pop("alerts", None) is not None:
        file.write_text(dump(data), "utf-8")
