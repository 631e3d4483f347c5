"""Validate each entry against its kind's JSON Schema (draft 2020-12), errors at their YAML position.

The schemas in generator/schemas/ are the single definition of every field: validation uses
them, editors use them for completion, and the schema reference page is generated from them.
Two annotations of our own ride along (validators ignore unknown keywords):
``x-loopbook-ref`` marks an id that must resolve, ``contentMediaType: text/markdown`` marks prose.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterator

import jsonschema_rs

from loopbook.diagnostics import Diagnostics, did_you_mean, shown_id
from loopbook.model import DataPath, Entry, slug

if TYPE_CHECKING:
    import jsonschema

REF_KEY = "x-loopbook-ref"
_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
               "object": "a mapping of keys to values", "boolean": "true or false", "null": "nothing"}


@cache
def schema_for(kind: str) -> dict[str, Any]:
    text = resources.files("loopbook").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _verdict(kind: str) -> jsonschema_rs.Validator:
    """The compiled validator that only says yes or no: about 40 times faster than jsonschema on our
    schemas (see BENCHMARKS.md), so the valid entries, nearly all of them, cost almost nothing."""
    return jsonschema_rs.validator_for(schema_for(kind), validate_formats=True)


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    """jsonschema's validator, for the entries that fail: every message and position comes from it."""
    from jsonschema import Draft202012Validator, FormatChecker, validators

    whole = validators.extend(Draft202012Validator, {"pattern": _pattern})
    return whole(schema_for(kind), format_checker=FormatChecker())


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    """`pattern` as JSON Schema reads it (ECMA-262), and so jsonschema-rs and the editor: `$` ends the text.
    Python's `$` also matches before a final line break, which would let 'ownership\\n' pass as an id."""
    from jsonschema import ValidationError

    ecma = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if validator.is_type(instance, "string") and not re.search(ecma, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _surely_valid(kind: str, data: Any) -> bool:
    try:
        return bool(_verdict(kind).is_valid(data))
    except (ValueError, TypeError, OverflowError):  # a value JSON cannot hold (NaN, a huge integer): ask jsonschema
        return False


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow a local $ref (#/$defs/name), the only kind our schemas use."""
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


@dataclass(frozen=True)
class _Plan:
    """The part of a kind's schema that leads to nodes with given keywords: what `fields` enters."""

    node: dict[str, Any]
    marked: bool  # this node has one of the keywords
    props: dict[str, _Plan]
    items: _Plan | None


def fields(value: Any, kind: str, keywords: tuple[str, ...]) -> Iterator[tuple[DataPath, Any, dict[str, Any]]]:
    """What walk yields, for the schema nodes that have one of `keywords` only (in walk's order),
    without entering the parts of the data whose schema holds none: the stages that look for
    references, prose or URLs read a small part of each entry."""
    plan = _plan_for(kind, keywords)
    stack = [((), value, plan)] if plan is not None else []
    while stack:
        path, value, plan = stack.pop()
        if plan.marked:
            yield path, value, plan.node
        if isinstance(value, dict) and plan.props:
            stack.extend(reversed([((*path, key), sub, plan.props[key]) for key, sub in value.items() if key in plan.props]))
        elif isinstance(value, list) and plan.items is not None:
            stack.extend(((*path, i), value[i], plan.items) for i in range(len(value) - 1, -1, -1))


@cache
def _plan_for(kind: str, keywords: tuple[str, ...]) -> _Plan | None:
    root = schema_for(kind)
    return _plan(root, root, keywords)


def _plan(node: dict[str, Any], root: dict[str, Any], keywords: tuple[str, ...]) -> _Plan | None:
    node = resolve(node, root)  # our schemas do not refer to themselves, so this ends
    props = {key: p for key, sub in node.get("properties", {}).items() if (p := _plan(sub, root, keywords)) is not None}
    items = _plan(node["items"], root, keywords) if "items" in node else None
    marked = any(k in node for k in keywords)
    return _Plan(node, marked, props, items) if marked or props or items else None


def validate(entry: Entry, diags: Diagnostics) -> bool:
    """Report every schema problem of one entry; True when it is valid.

    Values are validated as loaded, never converted: an unquoted 2023 is a number here as it is to
    check-jsonschema and to the editor, so all three give the same verdict on every file.
    A file the compiled validator passes has no problem to report; any other is read by jsonschema,
    whose errors the messages below explain (tests/contrib/test_verdicts_agree.py holds both to one verdict).
    """
    if _surely_valid(entry.kind.name, entry.data):
        return True
    ok = True
    for error in _validator(entry.kind.name).iter_errors(entry.data):
        for path, key, message, code in _explain(error, entry.source.plain):
            span = entry.source.at(path, key=key)
            diags.error(entry.source.path, span.line, span.col, message, code)
            ok = False
    return ok


def _explain(e: jsonschema.ValidationError, plain: dict[DataPath, str]) -> Iterator[tuple[DataPath, bool, str, str]]:
    """(path, point-at-key, message, code) for one jsonschema error, in words a contributor knows;
    plain holds the unquoted values as written, for the hint to quote them."""
    path: DataPath = tuple(e.absolute_path)
    name = _name(path)
    v, schema, inst = e.validator, e.schema, e.instance
    if v == "additionalProperties":
        known = list(schema.get("properties", {}))
        for key in (k for k in inst if k not in known):
            hint = did_you_mean(key, known) or f"allowed keys: {', '.join(known)}"
            if key == "id" and not path:
                hint = "the id is the file name"
            yield path + (key,), True, f"unknown key '{key}'; {hint}", "unknown-key"
    elif v == "required":
        for key in (k for k in e.validator_value if k not in inst):
            where = f" in {name}" if path else ""
            yield path, False, f"missing required key '{key}'{where}: {_describe(schema, key)}", "missing-key"
    elif v == "oneOf" and isinstance(inst, dict) and all(set(alt) == {"required"} for alt in e.validator_value):
        yield from _one_of_keys(path, name, schema, inst, [k for alt in e.validator_value for k in alt["required"]])
    elif v == "type":
        want = _TYPE_WORDS.get(str(e.validator_value), str(e.validator_value))
        got = "nothing" if inst is None else _TYPE_WORDS.get(_json_type(inst), "something else")
        hint = "; give it a value" if inst is None else ""
        if e.validator_value == "string" and isinstance(inst, dict):
            hint = "; an unquoted ': ' starts a mapping, so quote the whole value"
        elif e.validator_value == "string" and inst is not None and path in plain:
            read = "a true/false value" if isinstance(inst, bool) else got
            hint = f"; YAML reads {plain[path]} as {read}: quote it, as in {_quoted(path, plain[path])}"
        yield path, False, f"{name} must be {want}, not {got}{hint}", "wrong-type"
    elif v == "enum":
        options = [str(o) for o in e.validator_value]
        if inst is None:
            yield path, False, f"{name} has no value; use one of: {', '.join(options)}", "bad-value"
            return
        hint = did_you_mean(str(inst), options) or f"use one of: {', '.join(options)}"
        yield path, False, f"{name} is '{inst}', which is not allowed; {hint}", "bad-value"
    elif v == "format" and e.validator_value == "date":
        yield path, False, f"{name} is '{inst}', which is not a real date; write it as YYYY-MM-DD, e.g. 2026-01-31", "bad-date"
    elif v == "pattern" and REF_KEY in schema:
        hint = did_you_mean(inst, [_as_id(inst)])
        yield (path, False, f"{name} is '{shown_id(inst)}', which is not an id: ids are lower-case words joined by hyphens"
                            f"{'; ' + hint if hint else ''}", "bad-value")
    elif v == "pattern":
        yield path, False, f"{name} is '{inst}', which is not valid: {schema.get('description', 'see the schema')}", "bad-value"
    elif v in ("minItems", "minLength"):
        yield path, False, f"{name} must not be empty", "empty-value"
    elif v in ("maxLength", "maxItems"):
        size = len(inst)
        yield path, False, f"{name} is too long ({size}; at most {e.validator_value})", "too-long"
    elif v == "uniqueItems":
        yield path, False, f"{name} lists the same item twice", "duplicate-item"
    else:
        yield path, False, f"{name}: {e.message}", "invalid"


def _one_of_keys(path: DataPath, name: str, schema: dict[str, Any], inst: dict[str, Any],
                 keys: list[str]) -> Iterator[tuple[DataPath, bool, str, str]]:
    """An item that takes one key of several (a debrief's asked question: question or text) has none or more than one."""
    given = [k for k in keys if k in inst]
    listed = " or ".join(f"'{k}'" for k in keys)
    if not given:
        described = "; ".join(f"'{k}' for {_describe(schema, k).split('(')[0].strip().rstrip('.,').lower()}" for k in keys)
        yield path, False, f"{name} needs one of {listed}: {described}", "missing-key"
    else:
        both = " and ".join(f"'{k}'" for k in given)
        yield (*path, given[1]), True, f"{name} has {both}; keep one of them", "conflicting-keys"


def _as_id(text: str) -> str:
    """What a malformed id most likely meant: 'Ownership' -> 'ownership', keeping a 'kind:' in front."""
    kind, sep, id_ = text.rpartition(":")
    return f"{slug(kind)}{sep}{slug(id_)}" if slug(id_) else ""


def _quoted(path: DataPath, text: str) -> str:
    quoted = "'" + text + "'"
    return f"{path[-1]}: {quoted}" if isinstance(path[-1], str) else f"- {quoted}"


def _name(path: DataPath) -> str:
    keys = [str(p) for p in path if isinstance(p, str)]
    if not path:
        return "the entry"
    if isinstance(path[-1], int):
        return f"item {path[-1] + 1} of '{keys[-1]}'" if keys else f"item {path[-1] + 1}"
    return f"'{keys[-1]}'"


def _describe(schema: dict[str, Any], key: str) -> str:
    return schema.get("properties", {}).get(key, {}).get("description", "see the schema")


def _json_type(value: Any) -> str:
    for name, types in (("boolean", bool), ("integer", int), ("number", float), ("string", str), ("array", list), ("object", dict)):
        if isinstance(value, types):
            return name
    return "null"

