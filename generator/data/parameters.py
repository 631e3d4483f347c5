"""A runbook's parameters: values an engineer fills into its commands, from a form on the page or the
page's URL (``?namespace=payments``, which is how an alert's labels arrive).

A command names a parameter as ``<name>``. Where a placeholder stands decides how a value must be
quoted there: bare in the command line, inside '...' or inside "..."; the page's script quotes each value
for its place (theme/assets/javascripts/runbook-parameters.js), so here each placeholder is found with
its place. Text such as ``<first bad time>`` is free text for the reader, not a parameter: a name has no
space.

A value must match its parameter's pattern before it reaches a command. The default pattern allows
letters, digits and ``_ . : / = @ -``, at most 128 of them, and no leading ``-`` (a value such as ``--all`` would be an option
to the command, which no quoting prevents), and nothing that a shell reads as code.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from loopbook.diagnostics import Diagnostics
from loopbook.model import Entry

DEFAULT_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.:/=@-]{0,127}$"
NAME = r"[A-Za-z_][A-Za-z0-9_-]{0,63}"
_PLACEHOLDER = re.compile(rf"<({NAME})>")
# Refused whatever the pattern, as the page's script refuses them: control characters (a newline ends a command)
# and invisible formatting ones (a bidirectional override can hide what is run); and values over 1,000 characters.
_REFUSED = re.compile("[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
LONGEST = 1000
# Query names the site itself reads from a page's address, which a parameter cannot take.
RESERVED = {"q": "the search's words"}
# What a step list holds a command in: steps, verify and rollback, each a list of steps.
STEP_LISTS = ("steps", "verify", "rollback")

Quoting = Literal["bare", "single", "double"]


@dataclass(frozen=True)
class Slot:
    """One placeholder in a command: where it is (character offsets), what it names, how it is quoted."""

    start: int
    end: int
    name: str
    quoting: Quoting


@functools.lru_cache(maxsize=4096)  # the check, the page and its list of parameters read each command
def placeholders(command: str) -> tuple[Slot, ...]:
    """Every <name> in a command, with the quoting in force where it stands. A small POSIX shell reader:
    quotes, backslashes, and $( ... ) or `...` opening a bare context again inside double quotes."""
    if "<" not in command:
        return ()  # no placeholder: most commands, and the reader need not walk them
    slots: list[Slot] = []
    stack: list[str] = ["bare"]  # "bare", "sub" (inside $( or `), "single", "double"
    i = 0
    while i < len(command):
        state, c = stack[-1], command[i]
        if c == "<" and (m := _PLACEHOLDER.match(command, i)):
            where: Quoting = "single" if state == "single" else "double" if state == "double" else "bare"
            slots.append(Slot(m.start(), m.end(), m.group(1), where))
            i = m.end()
            continue
        if state == "single":
            if c == "'":
                stack.pop()
        elif c == "\\":
            i += 1  # the next character is literal
        elif state == "double" and c == '"':
            stack.pop()
        elif command.startswith("$(", i):
            stack.append("sub")
            i += 1
        elif c == "`":
            if stack[-1] == "`":
                stack.pop()
            else:
                stack.append("`")
        elif c == ")" and state == "sub":
            stack.pop()
        elif state != "double" and c in "'\"":
            stack.append("single" if c == "'" else "double")
        i += 1
    return tuple(slots)


def declared(runbook: Entry) -> list[dict[str, Any]]:
    return list(runbook.data.get("parameters", []))


def pattern_of(parameter: dict[str, Any]) -> str:
    return str(parameter.get("pattern", DEFAULT_PATTERN))


def commands(runbook: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each command of the runbook's steps, verification and rollback, with its path in the data."""
    for field in STEP_LISTS:
        for i, step in enumerate(runbook.data.get(field, [])):
            if isinstance(step, dict) and isinstance(step.get("command"), str):
                yield (field, i, "command"), step["command"]


def check_parameters(runbook: Entry, diags: Diagnostics) -> None:
    """Errors in the declarations themselves: a name given twice, a pattern no engine can read, an example
    its own pattern refuses (the page would refuse every value a reader copies from the example)."""
    seen: set[str] = set()
    for i, p in enumerate(declared(runbook)):
        name = str(p.get("name", ""))
        if name in seen:
            _error(runbook, ("parameters", i, "name"), f"parameter '{name}' is declared twice; keep one", diags)
        if name in RESERVED:
            _error(runbook, ("parameters", i, "name"),
                   f"'{name}' names {RESERVED[name]} in a page's address; give the parameter another name", diags)
        seen.add(name)
        problem = _pattern_problem(pattern_of(p))
        if problem:
            _error(runbook, ("parameters", i, "pattern"), f"the pattern of '{name}' {problem}", diags)
        elif "example" in p and not matches(p, str(p["example"])):
            _error(runbook, ("parameters", i, "example"),
                   f"the example {str(p['example'])!r} does not match the pattern of '{name}' ({pattern_of(p)}); "
                   "change one of them", diags)


def matches(parameter: dict[str, Any], value: str) -> bool:
    """What the page's script decides, in Python: the whole value matches, with no character refused above."""
    if _REFUSED.search(value) or len(value) > LONGEST:
        return False
    return re.fullmatch(pattern_of(parameter), value) is not None


def _pattern_problem(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as e:
        return f"is not a regular expression: {e}"
    # Python and JavaScript agree on the common syntax; these read differently or not at all in one of them.
    if re.search(r"\(\?[PaiLmsux<>]|\\[AZz]|\[\[:", pattern):
        return "uses syntax the browser reads differently; keep to classes, groups, | and quantifiers"
    return None


def slot_warnings(runbook: Entry) -> Iterator[tuple[tuple[str | int, ...], str, str, str]]:
    """(path, placeholder, message, code) for a placeholder that names no declared parameter, when the
    runbook declares parameters, and for a parameter no command uses."""
    params = declared(runbook)
    if not params:
        return
    names = [str(p.get("name")) for p in params]
    used: set[str] = set()
    for path, command in commands(runbook):
        for slot in placeholders(command):
            used.add(slot.name)
            if slot.name not in names:
                close = difflib.get_close_matches(slot.name, names, n=1)
                hint = (f"did you mean <{close[0]}>?" if close
                        else "declare it under parameters, or write it with a space if it is free text")
                yield path, f"<{slot.name}>", f"<{slot.name}> names no declared parameter; {hint}", "undeclared-parameter"
    for i, name in enumerate(names):
        if name not in used:
            yield (("parameters", i, "name"), name,
                   f"parameter '{name}' is used by no command; write <{name}> in one, or remove it", "unused-parameter")


def _error(runbook: Entry, path: tuple[str | int, ...], message: str, diags: Diagnostics) -> None:
    span = runbook.source.at(path)
    diags.error(runbook.source.path, span.line, span.col, message, "bad-parameter")
