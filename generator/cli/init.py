"""``loopbook init DIR``: a new handbook repository that builds with the installed loopbook.

It holds what a team needs and no copy of loopbook itself: ``mkdocs.yml`` naming the ``loopbook``
plugin, one valid example entry per kind under ``data/`` (or a starter set of principles), the schemas
for editors, a home page, a pre-commit hook and a CI workflow that run the same check, and a
``requirements.txt`` naming the loopbook that made it (``loopbook.cli.skeleton``, ``loopbook.cli.origin``).

DIR may hold files already (a fresh repository's README, LICENSE and ``.git``), as long as none of the
files init would write is among them: init writes all of its files or none, and never replaces one.
It also makes ``data/private/`` for the entries that must stay out of git and off the public site
(``.gitignore`` lists it).
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path as FsPath

import yaml

from loopbook.cli import skeleton
from loopbook.cli.origin import Origin
from loopbook.data import editor
from loopbook.data.examples import EXAMPLE_DATE, example_ref, example_yaml
from loopbook.data.schema import schema_for
from loopbook.files import write_new
from loopbook.model import KINDS

# Sets of principles init can start from: "example" is one placeholder to rewrite; the others are
# package data (loopbook/starters/<name>/principles/), copied from the bundled handbook's data/.
PRINCIPLE_SETS = ("example", "amazon")

CODEOWNERS = """\
# The files below are code, not data: a change to them can run code in CI (mkdocs.yml's hooks and tags,
# the workflows, the pinned requirements) or change what the site publishes (docs/, the theme). data/ is
# data: loopbook checks it as hostile, and it can never run code, write outside the site or leak a file.
# Name the people who must review a change to the code files (replace @your-org/handbook-maintainers),
# uncomment the lines, and turn on "Require review from Code Owners" for the main branch.
# mkdocs.yml                @your-org/handbook-maintainers
# docs/                     @your-org/handbook-maintainers
# .github/                  @your-org/handbook-maintainers
# .pre-commit-config.yaml   @your-org/handbook-maintainers
# requirements.txt          @your-org/handbook-maintainers
"""


class Clash(Exception):
    """DIR holds files init would write: their paths, relative to DIR."""

    def __init__(self, dest: FsPath, paths: list[str]) -> None:
        super().__init__(dest, paths)
        self.dest, self.paths = dest, paths


def plan(title: str, principles: str, on: date, origin: Origin) -> dict[str, str]:
    """Every file of a new handbook, by its path in the repository."""
    out = skeleton.texts(title, origin)
    starter = _starter(principles)
    ids = {"principle": _first_id(starter)} if starter else {}
    replace = {example_ref(kind): id_ for kind, id_ in ids.items()} | {EXAMPLE_DATE: on.isoformat()}
    for kind, k in KINDS.items():
        if kind in ids:
            continue
        header = (f"{editor.modeline(kind)}\n"
                  f"# An example entry ({schema_for(kind)['title']}): edit it, or delete it once you have your own.\n"
                  f"# `loopbook new {kind} <id>` writes a template with every field explained.\n")
        out[f"data/{k.plural}/{example_ref(kind)}.yaml"] = header + example_yaml(kind, replace)
    out |= {f"data/principles/{name}": text for name, text in starter.items()}
    for kind in KINDS:  # the schemas editors read, as each data file's first line says
        out[f"{editor.EXPORT_DIR}/{editor.schema_file(kind)}"] = editor.canonical_schema(kind).decode("utf-8")
    return out


def _starter(name: str) -> dict[str, str]:
    """The principle files of a starter set, by file name; none for the example."""
    if name == "example":
        return {}
    folder = resources.files("loopbook").joinpath("starters", name, "principles")
    return {f.name: f.read_text("utf-8") for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".yaml")}


def _first_id(starter: dict[str, str]) -> str:
    """The principle the examples cite: the set's first in its own order."""
    name = min(starter, key=lambda n: (yaml.safe_load(starter[n]).get("order", 0), n))
    return name.removesuffix(".yaml")


def clashes(dest: FsPath, paths: list[str]) -> list[str]:
    """The paths that exist under dest already, or that a file stands in the way of (a file named docs)."""
    found = []
    for path in paths:
        target = dest / path
        blocked = [p for p in target.relative_to(dest).parents if p != FsPath(".") and (dest / p).exists() and not (dest / p).is_dir()]
        if target.exists() or target.is_symlink() or blocked:
            found.append(path if not blocked else f"{path} ({blocked[-1].as_posix()} is a file)")
    return found


def write(dest: FsPath, files: dict[str, str]) -> None:
    """Write every file into dest, or none: on the first that fails, the ones written are removed again."""
    clash = clashes(dest, list(files))
    if clash:
        raise Clash(dest, clash)
    made: list[FsPath] = []  # files and folders this call created, in order
    try:
        for path, text in files.items():
            target = dest / path
            for folder in reversed(target.parents):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            write_new(target, text, inside=dest)
            made.append(target)
    except OSError:
        for p in reversed(made):
            p.rmdir() if p.is_dir() else p.unlink()
        raise


def default_title(dest: FsPath) -> str:
    """my-prep -> "My prep": the site's name when none is given."""
    words = dest.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Handbook"
