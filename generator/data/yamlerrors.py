"""PyYAML's syntax errors, told as where the mistake is and what it most likely is.

The parser reports where it gave up, which is often far from the mistake: an unclosed quote is
found at the end of the file, a list item indented one space too far one line later. It also
keeps where the broken construct began (the *context mark*). So an error is reported where the
construct begins, with the place the parser gave up as a second piece of the message, and the
indentation mistakes contributors make most are named, with the column that was expected.
"""

from __future__ import annotations

import re

import yaml

_KEY_LINE = re.compile(r"^(\s*)(- +)?([^\s#'\"-][^:#]*?):(\s|$)")
_BLOCK_START = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")

# Constructs that begin at the context mark, and what a contributor calls the missing end.
_UNCLOSED = {
    "while scanning a quoted scalar": "a quoted value starts here and its closing quote is missing",
    "while parsing a flow sequence": "a list in brackets starts here and its closing ] is missing (or an item in it needs quotes)",
    "while parsing a flow mapping": "a mapping in braces starts here and its closing } is missing (or a value in it needs quotes)",
    "while scanning a block scalar": "the text of this block value (| or >) is not indented under its key",
}

# Hints for the other parser messages contributors meet (libyaml's wording, then PyYAML's).
HINTS = {
    "found character that cannot start any token": "indent with spaces, not tabs, and quote values that start with @ or `",
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "found a tab character that violates indentation": "indent with spaces, not tabs",
}


# The line breaks YAML counts (YAML 1.1, as libyaml reads it): marks are numbered by these.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def explain(e: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """1-based line, column and message for a parser error in text."""
    lines = _LINE_BREAK.split(text)  # YAML's line breaks, so that lines agree with the parser's marks
    problem, context = e.problem or "", e.context or ""
    at, start = e.problem_mark, e.context_mark
    if start is not None and context in _UNCLOSED:
        return _at(start, f"{_UNCLOSED[context]}{_gave_up(at, start)}")
    if at is not None and problem.startswith("mapping values are not allowed"):
        return _colon(lines, at.line, at.column)
    if at is not None and context in ("while parsing a block mapping", "while parsing a block collection"):
        return _indentation(lines, at.line, at.column, start)
    if start is not None and context == "while scanning a simple key":
        return _no_colon(lines, start, at)
    mark = at or start
    hint = HINTS.get(problem)
    message = f"{problem or context or 'invalid YAML'}" + (f" ({hint})" if hint else "")
    return (mark.line + 1, mark.column + 1, message) if mark else (1, 1, message)


def _at(mark: yaml.Mark, message: str) -> tuple[int, int, str]:
    return mark.line + 1, mark.column + 1, message


def _gave_up(at: yaml.Mark | None, start: yaml.Mark) -> str:
    if at is None or at.line == start.line:
        return ""
    return f"; the parser gave up at line {at.line + 1}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: list[str], row: int) -> int | None:
    """The row of the last line above row that holds something other than a comment."""
    for r in range(row - 1, -1, -1):
        stripped = lines[r].strip()
        if stripped and not stripped.startswith("#"):
            return r
    return None


def _colon(lines: list[str], row: int, col: int) -> tuple[int, int, str]:
    """': ' where no mapping may start: inside a value, or a key indented under a key that has a value."""
    line = lines[row]
    key = _KEY_LINE.match(line)
    prev = _previous(lines, row)
    if key and key.end(3) == col and not key.group(2) and prev is not None:
        if not _KEY_LINE.match(lines[prev]) and not lines[prev].lstrip().startswith("-"):
            return (prev + 1, _indent(lines[prev]) + 1,
                    f"this line has no ':' after its key, so it runs on into line {row + 1}; write 'key: value'")
        if _indent(line) > _indent(lines[prev]) and not lines[prev].rstrip().endswith(":"):
            above = _KEY_LINE.match(lines[prev])
            return (row + 1, _indent(line) + 1,
                    f"the key '{key.group(3)}' is indented further than '{above.group(3)}' on line {prev + 1}, which already has a value: "
                    f"a key of the same mapping starts at column {_indent(lines[prev]) + 1 + len(above.group(2) or '')}")
    return row + 1, col + 1, "a value that contains ': ' must be quoted, e.g. title: \"Cause: a typo\""


def _indentation(lines: list[str], row: int, col: int, start: yaml.Mark | None) -> tuple[int, int, str]:
    """A line whose indentation fits none of the blocks it could belong to."""
    line = lines[row]
    prev = _previous(lines, row)
    is_item = line.lstrip().startswith("- ") or line.strip() == "-"
    if prev is not None and _BLOCK_START.search(lines[prev].rstrip()):
        return row + 1, col + 1, f"the text of the block value on line {prev + 1} must be indented more than its key"
    if is_item:
        sibling = _nearest(lines, row, lambda s: s.lstrip().startswith("- "))
        if sibling is not None and _indent(lines[sibling]) != col:
            return (row + 1, col + 1, f"this list item's '-' is at column {col + 1}, but the item above it on line {sibling + 1} has its "
                    f"'-' at column {_indent(lines[sibling]) + 1}: line up the items of one list")
    open_ = [(r, c) for r, c in _open_columns(lines, row) if c != col]
    choices = " or ".join(f"column {c + 1} (like line {r + 1})" for r, c in open_)
    return (row + 1, col + 1, f"this line is indented to column {col + 1}, which lines it up with nothing above it; "
            f"indentation says which key a line belongs to: indent it to {choices}")


def _open_columns(lines: list[str], row: int) -> list[tuple[int, int]]:
    """(row, column) of the blocks still open above row, innermost first: the columns a line may start at."""
    found: list[tuple[int, int]] = []
    limit = 10**6
    for r in range(row - 1, -1, -1):
        stripped = lines[r].lstrip(" ")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        indent = _indent(lines[r])
        if indent >= limit:
            continue
        item = re.match(r"- +", stripped)
        if item and _KEY_LINE.match(lines[r]):
            found.append((r, indent + item.end()))
        found.append((r, indent))
        limit = indent
    return sorted(set(found), key=lambda rc: -rc[1])[:3]


def _nearest(lines: list[str], row: int, test) -> int | None:
    for r in range(row - 1, -1, -1):
        if lines[r].strip() and not lines[r].lstrip().startswith("#") and test(lines[r]):
            return r
    return None


def _no_colon(lines: list[str], start: yaml.Mark, at: yaml.Mark | None) -> tuple[int, int, str]:
    """A line the parser took for a key, but with no ':' after it."""
    prev = _previous(lines, start.line)
    if prev is not None and _BLOCK_START.search(lines[prev].rstrip()):
        return _at(start, f"the text of the block value on line {prev + 1} must be indented more than its key{_gave_up(at, start)}")
    word = lines[start.line].strip()
    return _at(start, f"'{word[:40]}' stands where a key is expected but has no ':' after it; write 'key: value', or indent it "
               f"under the key whose value it continues{_gave_up(at, start)}")
