"""What editors need: the schemas exported to schemas/, and a first line in each data file naming its schema.

The canonical schemas ship inside the package (generator/schemas/), because validation must work
from an installed wheel. Editors find a schema through a relative path written in the file itself,
``# yaml-language-server: $schema=../../schemas/story.schema.json``, so the repository keeps a
byte-identical copy at the top level; ``loopbook schemas --export schemas`` writes it and
``loopbook schemas --check schemas`` (and a test) fail when it is out of date.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path as FsPath

from loopbook.files import atomic_write
from loopbook.model import KINDS

EXPORT_DIR = "schemas"  # at the project root, beside data/
MODELINE_PREFIX = "# yaml-language-server: $schema="


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def canonical_schema(kind: str) -> bytes:
    """The schema exactly as the package ships it: the copy must match it byte for byte."""
    return resources.files("loopbook").joinpath("schemas", schema_file(kind)).read_bytes()


def modeline(kind: str, private: bool = False) -> str:
    """The first line of a data file of this kind; data/<kinds>/<id>.yaml is two folders below the root,
    data/private/<kinds>/<id>.yaml three."""
    up = "../../../" if private else "../../"
    return f"{MODELINE_PREFIX}{up}{EXPORT_DIR}/{schema_file(kind)}"


def export(dest: FsPath) -> list[FsPath]:
    """Write every kind's schema into dest, and remove schema files of kinds that no longer exist.

    Returns the files written or removed; unchanged files are left alone, so mtimes stay meaningful.
    """
    dest.mkdir(parents=True, exist_ok=True)
    changed = []
    for kind in KINDS:
        target = dest / schema_file(kind)
        data = canonical_schema(kind)
        if not target.is_file() or target.read_bytes() != data:
            atomic_write(target, data)
            changed.append(target)
    for stale in sorted(dest.glob("*.schema.json")):
        if stale.name.removesuffix(".schema.json") not in KINDS:
            stale.unlink()
            changed.append(stale)
    return changed


