"""The "Schema reference" page, generated from the same JSON Schemas that validate the data.

Per kind: a table of every field (type, required, description, allowed values, pattern or
format) and a minimal valid example, built from the required fields alone. Nothing here is
written by hand, so the page cannot drift from what ``loopbook check`` enforces; the template
``schema-reference.md.j2`` lays it out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypedDict

from loopbook.codes import CODES
from loopbook.data.editor import EXPORT_DIR, modeline, schema_file
from loopbook.data.examples import example_yaml
from loopbook.data.prose import PROSE_MEDIA
from loopbook.data.schema import REF_KEY, resolve, schema_for
from loopbook.model import KINDS
from loopbook.render.escape import cell as escape
from loopbook.render.pages import Page
from loopbook.render.sitemap import DIAGNOSTIC_CODES, SCHEMA_REFERENCE


@dataclass(frozen=True)
class Row:
    name: str  # as a contributor writes it: steps[].action
    node: dict[str, Any]
    required: bool


class KindSection(TypedDict):
    name: str  # the kind, as in references: story
    title: str  # the schema's title, escaped
    description: str  # escaped
    folder: str  # data/<kinds>/
    schema: str  # the exported schema file, for editors
    rows: list[list[str]]  # the table's cells, already Markdown
    example: str  # a minimal valid entry, YAML with its schema line


class ReferenceContext(TypedDict):
    export_dir: str
    kinds: list[KindSection]


def reference_page() -> Page:
    """The reference page; it depends on no entry, only on the schemas."""
    kinds = [_kind_section(kind) for kind in KINDS]
    return Page(SCHEMA_REFERENCE, "schema-reference.md.j2", dict(ReferenceContext(export_dir=EXPORT_DIR, kinds=kinds)), frozenset())


class CodesContext(TypedDict):
    errors: list[tuple[str, str, str]]  # code, meaning, fix (Markdown)
    warnings: list[tuple[str, str, str]]


def codes_page() -> Page:
    """Every diagnostic code with its meaning and fix, from the registry that reports them."""
    rows = {sev: [(code, c.meaning, c.fix) for code, c in CODES.items() if c.severity == sev] for sev in ("error", "warning")}
    return Page(DIAGNOSTIC_CODES, "diagnostic-codes.md.j2", dict(CodesContext(errors=rows["error"], warnings=rows["warning"])), frozenset())


def _kind_section(kind: str) -> KindSection:
    root = schema_for(kind)
    return KindSection(name=kind, title=escape(root["title"]), description=escape(root["description"]),
                       folder=f"data/{KINDS[kind].plural}/", schema=f"{EXPORT_DIR}/{schema_file(kind)}",
                       rows=[_cells(row) for row in rows(root)], example=f"{modeline(kind)}\n{example_yaml(kind).rstrip()}")


def rows(root: dict[str, Any]) -> Iterator[Row]:
    yield from _rows(root, root, "")


def _rows(node: dict[str, Any], root: dict[str, Any], prefix: str) -> Iterator[Row]:
    required = node.get("required", [])
    for key, sub in node.get("properties", {}).items():
        sub = resolve(sub, root)
        name = f"{prefix}{key}"
        if "items" in sub:  # a row stands alone: its items' $ref resolved
            sub = {**sub, "items": resolve(sub["items"], root)}
        yield Row(name, sub, key in required)
        if sub.get("type") == "object":
            yield from _rows(sub, root, f"{name}.")
        elif sub.get("items", {}).get("type") == "object":
            yield from _rows(sub["items"], root, f"{name}[].")


def _cells(row: Row) -> list[str]:
    node = row.node
    scalar = node
    if node.get("type") == "array":
        scalar = node.get("items", {})
    return [f"`{row.name}`", type_words(node), "yes" if row.required else "no",
            escape(node.get("description", "")), _allowed(scalar), _pattern(scalar)]


def type_words(node: dict[str, Any]) -> str:
    """What kind of value a field takes, with its size limits, in a contributor's words."""
    kind = node.get("type")
    if kind == "array":
        item = node.get("items", {})
        words = f"list of {_plural(_scalar_word(item))}" if item.get("type") != "object" else "list of mappings"
        limits = []
        if "minItems" in node:
            limits.append(f"at least {node['minItems']}")
        if "maxItems" in node:
            limits.append(f"at most {node['maxItems']}")
        if node.get("uniqueItems"):
            limits.append("no repeats")
        if _size(item):
            limits.append("each" + _size(item).removeprefix(","))
        return ", ".join([words, *limits])
    if kind == "object":
        return "mapping"
    return _scalar_word(node) + _size(node)


def _scalar_word(node: dict[str, Any]) -> str:
    ref = node.get(REF_KEY)
    if ref == "*":
        return "reference"
    if ref in KINDS:
        return f"{ref} id"
    if "enum" in node:
        return "one of the allowed values"
    if node.get("contentMediaType") == PROSE_MEDIA:
        return "Markdown"
    if node.get("format") == "date":
        return "date"
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false"}.get(node.get("type", ""), "value")


def _plural(word: str) -> str:
    if word in ("text", "Markdown", "one of the allowed values"):
        return word
    return word + "s"


def _size(node: dict[str, Any]) -> str:
    if "minimum" in node and "maximum" in node:
        return f", {node['minimum']} to {node['maximum']}"
    if "minimum" in node:
        return f", at least {node['minimum']}"
    if "maxLength" in node:
        return f", at most {node['maxLength']} characters"
    return ""


def _allowed(node: dict[str, Any]) -> str:
    ref = node.get(REF_KEY)
    if "enum" in node:
        return ", ".join(f"`{v}`" for v in node["enum"])
    if ref in KINDS:
        return f"an id under `data/{KINDS[ref].plural}/`"
    if ref == "*":
        return "`kind:id` of an existing entry"
    return ""


def _pattern(node: dict[str, Any]) -> str:
    if node.get("format") == "date":
        return "date: `YYYY-MM-DD`, a real day"
    if "pattern" in node:
        return f"`{node['pattern']}`"
    return ""


