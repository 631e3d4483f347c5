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

from generator.diagnostics import Diagnostics
from generator.model import KINDS, Entry

EXPORT_DIR = "schemas"  # at the project root, beside data/
MODELINE_PREFIX = "# yaml-language-server: $schema="


def schema_file(kind: str) -> str:
    return f"{kind}.schema.json"


def canonical_schema(kind: str) -> bytes:
    """The schema exactly as the package ships it: the copy must match it byte for byte."""
    return resources.files("generator").joinpath("schemas", schema_file(kind)).read_bytes()


def modeline(kind: str) -> str:
    """The first line of a data file of this kind; data/<kinds>/<id>.yaml is two folders below the root."""
    return f"{MODELINE_PREFIX}../../{EXPORT_DIR}/{schema_file(kind)}"


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
            target.write_bytes(data)
            changed.append(target)
    for stale in sorted(dest.glob("*.schema.json")):
        if stale.name.removesuffix(".schema.json") not in KINDS:
            stale.unlink()
            changed.append(stale)
    return changed


def check_export(root: FsPath, dest: FsPath, diags: Diagnostics) -> None:
    """An error for every exported schema that is missing, differs from the package's, or is left over."""
    shown = _shown(root, dest)
    for kind in KINDS:
        target = dest / schema_file(kind)
        if not target.is_file():
            diags.error(f"{shown}/{target.name}", 1, 1, f"missing; run: loopbook schemas --export {shown}", "stale-schema")
        elif target.read_bytes() != canonical_schema(kind):
            diags.error(f"{shown}/{target.name}", 1, 1,
                        f"differs from generator/schemas/{target.name}; edit that one, then run: loopbook schemas --export {shown}",
                        "stale-schema")
    for extra in sorted(dest.glob("*.schema.json")):
        if extra.name.removesuffix(".schema.json") not in KINDS:
            diags.error(f"{shown}/{extra.name}", 1, 1, "no kind has this schema; delete it", "stale-schema")


def _shown(root: FsPath, path: FsPath) -> str:
    path = path.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def check_modeline(root: FsPath, entry: Entry, diags: Diagnostics) -> None:
    """Warn where a data file does not start with the line that points editors at its schema.

    Only where the project keeps exported schemas (a schemas/ folder): elsewhere the line would
    point at nothing, so its absence is no problem.
    """
    if not (root / EXPORT_DIR).is_dir():
        return
    want = modeline(entry.kind.name)
    first = entry.source.text.split("\n", 1)[0].rstrip("\r")
    if first == want:
        return
    if first.startswith(MODELINE_PREFIX):
        message = f"the first line points editors at {first.removeprefix(MODELINE_PREFIX)}; make it: {want}"
    else:
        message = f"editors cannot find the schema; make the first line: {want}"
    diags.warning(entry.source.path, 1, 1, message, "schema-comment")
