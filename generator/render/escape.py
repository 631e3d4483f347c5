"""Escaping for the pages: data shown as written in Markdown and HTML, and prose that can never carry
raw HTML (see README, HTML policy). Every template filter that escapes comes from here."""

from __future__ import annotations

import json
import re
from typing import Any

from loopbook.data.prose import CODE, may_hold_code

# Characters Python-Markdown gives meaning to inside a line of plain text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|{}!])")


def text(value: Any) -> str:
    """Plain text made safe for Markdown and HTML: shown exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", _escape_html(str(value)))


def no_html(markdown_text: str) -> str:
    """Prose as Markdown without raw HTML or attribute lists: outside code and autolinks every '<'
    is escaped, and so is every brace, since `{: onclick=...}` would put attributes on an element."""
    if not may_hold_code(markdown_text):
        return _inert(markdown_text)
    out, last = [], 0
    for m in CODE.finditer(markdown_text):  # code and autolinks are left as written
        out.append(_inert(markdown_text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_inert(markdown_text[last:]))
    return "".join(out)


def _inert(s: str) -> str:
    return s.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")


def _escape_html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def code_block(value: Any, language: str = "") -> str:
    """Text in a fenced block whose fence is longer than any backtick run inside, so no value can
    close the fence early and carry on as Markdown."""
    body = str(value).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body}\n{fence}"


def cell(value: Any) -> str:
    """Plain text for one table cell: one line."""
    return " ".join(text(value).split())


def script_json(value: Any) -> str:
    """JSON for a <script type="application/json"> element: '<' escaped, so that no text in the data can
    close the element."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
