"""``loopbook new``: a commented YAML template for a new entry, made from its kind's schema.

Required keys are present but empty, so ``loopbook check`` names each one at its line until
it is filled in; optional keys are there as comments to uncomment. Every key carries its
schema description, so the template needs no other documentation open beside it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from loopbook.data.editor import modeline
from loopbook.data.examples import required_keys
from loopbook.data.schema import REF_KEY, resolve, schema_for
from loopbook.model import KINDS

_WIDTH = 100

# What a kind's writers need beyond the field descriptions. A runbook's commands are copied and run as
# written, so the template shows the one form that keeps any command intact: a block under `command: |`.
KIND_NOTES = {
    "runbook": [
        "# A command of several lines, or one with ': ', ' #' or quotes of both kinds, goes in a block: write",
        "# `command: |` and indent the command below it; every line is kept exactly as written:",
        "#   e.g. command: |",
        "#          kubectl -n web logs deploy/api --since=10m | grep 'status: 503' # recent errors",
        "#          echo \"checked at $(date)\"",
    ],
}


def template(kind: str, private: bool = False) -> str:
    root = schema_for(kind)
    plural = KINDS[kind].plural
    lines = [
        modeline(kind, private),
        f"# New entry ({root['title']}). {root['description']}",
        f"# The file name is the id: data/{plural}/<id>.yaml is written {kind}:<id> in references.",
        "# Keys without a '#' are required: fill each in; `loopbook check` names every one still empty.",
        "# Optional keys are commented out: delete the '# ' in front of a key and of its lines below it to use it.",
        "# Text marked Markdown may span lines: write `key: |` and indent the text on the lines below.",
        "# Quote a value that contains ': ' or ' #', or starts with one of [ ] { } > | * & ! % @ ` ' \".",
        "# Link another entry from Markdown with [[kind:id]]. Preview with `loopbook serve`.",
        *KIND_NOTES.get(kind, []),
        "",
    ]
    required = root.get("required", [])
    for key, node in root["properties"].items():
        lines += _field(key, resolve(node, root), root, key in required)
    return "\n".join(lines).rstrip("\n") + "\n"


def _field(key: str, node: dict[str, Any], root: dict[str, Any], required: bool) -> list[str]:
    status = "Required." if required else "Optional."
    comment = [f"# {line}" for line in textwrap.wrap(f"{explain(node)} {status}", _WIDTH)]
    body = [f"{key}:", *_children(node, root, "  ")]
    if required:
        return [*comment, *body, ""]
    return [*comment, *(f"# {line}" for line in body), ""]


def explain(node: dict[str, Any]) -> str:
    """The description of a value, with what the schema allows spelled out."""
    text = node.get("description", "").strip()
    if "enum" in node:
        text += f" One of: {', '.join(map(str, node['enum']))}."
    ref = node.get(REF_KEY)
    if ref in KINDS:
        text += f" An id: a file name under data/{KINDS[ref].plural}/, without .yaml."
    return text


def _children(node: dict[str, Any], root: dict[str, Any], indent: str) -> list[str]:
    """The lines below a key: a one-item list skeleton, or the keys of a mapping, each explained."""
    if node.get("type") == "array":
        item = resolve(node.get("items", {}), root)
        if item.get("type") == "object":
            return _mapping(item, root, indent, first_prefix="- ")
        return [f"{indent}-{_note(explain(item))}"]
    if node.get("type") == "object":
        return _mapping(node, root, indent, first_prefix="")
    return []


def _mapping(node: dict[str, Any], root: dict[str, Any], indent: str, first_prefix: str) -> list[str]:
    """Keys of a mapping, required ones first. Inside a list item, optional keys are commented out, so the
    required ones alone make a valid item; inside an optional mapping every key is optional and stays."""
    props = node.get("properties", {})
    required = [k for k in required_keys(node) if k in props]
    order = required + [k for k in props if k not in required]
    in_list = bool(first_prefix)
    lines = []
    for i, key in enumerate(order):
        sub = resolve(props[key], root)
        lead = first_prefix if i == 0 else " " * len(first_prefix)
        note = explain(sub) + (" Required." if key in required and in_list else "")
        comment_out = in_list and key not in required and i > 0
        mark = "# " if comment_out else ""
        lines.append(f"{indent}{lead}{mark}{key}:{_note(note)}")
        lines += [f"{indent}{' ' * len(first_prefix)}{mark}{line}" for line in _children(sub, root, "  ")]
    return lines


def _note(text: str) -> str:
    # A comment after an empty value leaves the value empty (null), which `loopbook check` reports.
    return f"  # {text}" if text else ""
