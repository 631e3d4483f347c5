"""What editors need, checked: each data file's first line naming its schema, and an export of the
schemas that matches the ones loopbook validates with."""

from __future__ import annotations

from pathlib import Path as FsPath

from loopbook.data.editor import EXPORT_DIR, MODELINE_PREFIX, canonical_schema, modeline, schema_file
from loopbook.diagnostics import Diagnostics, shown_path
from loopbook.model import KINDS, PRIVATE_FOLDER, Entry


def check_export(root: FsPath, dest: FsPath, diags: Diagnostics) -> None:
    """An error for every exported schema that is missing, differs from the package's, or is left over."""
    shown = shown_path(root, dest)
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


def check_modeline(root: FsPath, entry: Entry, diags: Diagnostics) -> None:
    """Warn where a data file does not start with the line that points editors at its schema.

    Only where the project keeps exported schemas (a schemas/ folder): elsewhere the line would
    point at nothing, so its absence is no problem.
    """
    if not (root / EXPORT_DIR).is_dir():
        return
    want = modeline(entry.kind.name, entry.source.path.startswith(PRIVATE_FOLDER))
    first = entry.source.text.split("\n", 1)[0].rstrip("\r")
    if first == want:
        return
    if first.startswith(MODELINE_PREFIX):
        message = f"the first line points editors at {first.removeprefix(MODELINE_PREFIX)}; make it: {want}"
    else:
        message = f"editors cannot find the schema; make the first line: {want}"
    diags.warning(entry.source.path, 1, 1, message, "schema-comment")
