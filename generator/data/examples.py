"""A minimal valid entry of each kind, made from its schema: shown on the schema reference page and
written by ``loopbook init``, so neither can drift from what ``loopbook check`` accepts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

import yaml

from loopbook.data.schema import REF_KEY, resolve, schema_for
from loopbook.model import KINDS

_EXAMPLE = re.compile(r"\be\.g\. (.+?)(?: or |\. |\.$|$)")


EXAMPLE_DATE = "2026-01-31"  # every date of an example; `loopbook init` replaces it with the day it runs


def example_ref(kind: str) -> str:
    """The id of the example of a kind, which the other examples' references name."""
    return f"example-{kind}"


def example_yaml(kind: str, replace: Mapping[str, str] | None = None) -> str:
    """A minimal valid entry of the kind, written as the data files are; its references name
    `example-<kind>` entries, so one example of each kind makes a handbook that checks clean.
    replace swaps whole values (an example id for a real one, the example date for today)."""
    data = _replaced(minimal_example(kind), replace or {})
    return yaml.dump(data, Dumper=_DataStyle, sort_keys=False, allow_unicode=True, width=100)


def _replaced(value: Any, replace: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: _replaced(v, replace) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, replace) for v in value]
    return replace.get(value, value) if isinstance(value, str) else value


class _DataStyle(yaml.SafeDumper):
    """YAML as the data files are written: list items indented under their key, dates unquoted
    (loopbook and editors read a plain 2026-01-31 as text, so the quotes would only be noise)."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def minimal_example(kind: str) -> dict[str, Any]:
    """The required fields of a kind, each with a value the schema accepts."""
    root = schema_for(kind)
    return _example(root, root, "")


def _example(node: dict[str, Any], root: dict[str, Any], key: str) -> Any:
    node = resolve(node, root)
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        return {k: _example(props[k], root, k) for k in required_keys(node) if k in props}
    if kind == "array":
        return [_example(node.get("items", {}), root, key)]
    if kind in ("integer", "number"):
        return node.get("minimum", 1)
    if kind == "boolean":
        return False
    return _text_example(node, key)


def required_keys(node: dict[str, Any]) -> list[str]:
    """The keys an object needs: its required ones, and the first of the keys it takes one of (oneOf)."""
    first = node.get("oneOf", [{}])[0].get("required", [])
    return [*node.get("required", []), *first]


def _text_example(node: dict[str, Any], key: str) -> str:
    ref = node.get(REF_KEY)
    if node.get("format") == "date":
        return EXAMPLE_DATE
    if ref in KINDS:
        return example_ref(ref)
    if ref == "*":
        return f"story:{example_ref('story')}"
    found = _EXAMPLE.search(node.get("description", ""))
    if found and _fits(found.group(1), node):
        return found.group(1)
    return f"Your {key.replace('_', ' ')}" if key else "Your text"


def _fits(value: str, node: dict[str, Any]) -> bool:
    if len(value) > node.get("maxLength", len(value)) or "..." in value:
        return False
    return "pattern" not in node or re.search(node["pattern"], value) is not None
