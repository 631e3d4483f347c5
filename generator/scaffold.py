"""``loopbook new``: a commented YAML template for a new entry, made from its kind's schema.

Required keys are present but empty, so ``loopbook check`` names each one at its line until
it is filled in; optional keys are there as comments to uncomment.
"""

from __future__ import annotations

import textwrap
from typing import Any

from generator.schema import resolve, schema_for


def template(kind: str) -> str:
    root = schema_for(kind)
    lines = [f"# New entry ({root['title']}). {root['description']}",
             "# Fill in every key below; `loopbook check` names each one still missing.",
             "# The file name is the id. Prose fields are Markdown; link an entry with [[kind:id]].", ""]
    required = root.get("required", [])
    for key, node in root["properties"].items():
        lines += _field(key, resolve(node, root), root, key in required)
    return "\n".join(lines) + "\n"


def _field(key: str, node: dict[str, Any], root: dict[str, Any], required: bool) -> list[str]:
    comment = [f"# {line}" for line in textwrap.wrap(_explain(node), 100)]
    body = f"{key}:{_placeholder(node, root)}".splitlines()
    if required:
        return [*comment, *body, ""]
    return [*comment, *(f"# {line}" for line in body), ""]


def _explain(node: dict[str, Any]) -> str:
    text = node.get("description", "")
    if "enum" in node:
        text += f" One of: {', '.join(map(str, node['enum']))}."
    return text


def _placeholder(node: dict[str, Any], root: dict[str, Any]) -> str:
    """What follows the colon: empty for a value still to write, a skeleton for a list."""
    if node.get("type") == "array":
        item = resolve(node.get("items", {}), root)
        if item.get("type") == "object":
            keys = list(item.get("properties", {}))[:3]
            first, *rest = keys or ["value"]
            return "\n  - " + f"{first}:" + "".join(f"\n    {k}:" for k in rest)
        return "\n  -"
    if node.get("type") == "object":
        return "".join(f"\n  {k}:" for k in node.get("properties", {}))
    return ""
