"""The theme's JavaScript: one file per feature and loopbook.js for what they share, all loaded by
main.html from one list with loopbook.js first; no helper written twice; no function longer than
can be read at a glance."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from loopbook.engines.assets import THEME_DIR
from loopbook.render.alerts import STANDALONE

SCRIPTS = THEME_DIR / "assets" / "javascripts"
SHARED = "loopbook.js"
MAX_LINES = 50
_LOADED = re.compile(r"{%\s*for feature in \[([^\]]*)\]\s*%}")
_NAMED = re.compile(r"\bfunction\s+(\w+)\s*\(")


def loaded() -> list[str]:
    found = _LOADED.search((THEME_DIR / "main.html").read_text("utf-8"))
    assert found, "main.html no longer loads the scripts from one list"
    return [f"{name}.js" for name in re.findall(r'"([\w-]+)"', found.group(1))]


def code_only(text: str) -> str:
    """The script with its strings and comments blanked (newlines kept), so braces in them do not count."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("//", i) or text.startswith("/*", i):
            end = text.find("\n" if text[i + 1] == "/" else "*/", i + 2)
            end = len(text) if end < 0 else end + (0 if text[i + 1] == "/" else 2)
        elif text[i] in "\"'":
            end = i + 1
            while end < len(text) and text[end] != text[i]:
                end += 2 if text[end] == "\\" else 1
            end += 1
        else:
            out.append(text[i])
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", text[i:end]))
        i = end
    return "".join(out)


def functions(text: str) -> list[tuple[str, str]]:
    """(name, body) of each named function."""
    code, found = code_only(text), []
    for m in _NAMED.finditer(code):
        start, depth = code.index("{", m.end()), 0
        for end in range(start, len(code)):
            depth += {"{": 1, "}": -1}.get(code[end], 0)
            if depth == 0:
                break
        found.append((m.group(1), code[start:end + 1]))
    return found


ALL = sorted(SCRIPTS.glob("*.js"))


def test_main_html_loads_every_script_once_the_shared_one_first():
    names = loaded()
    assert names[0] == SHARED
    assert sorted(names) == sorted(p.name for p in ALL if p.name not in STANDALONE) and len(set(names)) == len(names)


@pytest.mark.parametrize("script", ALL, ids=lambda p: p.name)
def test_no_function_is_longer_than_a_glance(script):
    long = [(name, body.count("\n") + 1) for name, body in functions(script.read_text("utf-8")) if body.count("\n") + 1 > MAX_LINES]
    assert long == []


def test_no_helper_is_written_twice():
    shared = {name for name, _ in functions((SCRIPTS / SHARED).read_text("utf-8"))}
    for script in ALL:
        if script.name != SHARED:
            again = shared & {name for name, _ in functions(script.read_text("utf-8"))}
            assert not again, f"{script.name} defines {again} again; use window.loopbook's"
    bodies = Counter(re.sub(r"\s+", " ", body) for p in ALL for _, body in functions(p.read_text("utf-8")))
    assert [b for b, n in bodies.items() if n > 1] == []


def test_the_measure_sees_a_long_function_and_a_brace_in_a_string():
    long = "function f() {\n" + "  x();\n" * MAX_LINES + "}\n"
    assert [(n, b.count("\n") + 1) for n, b in functions(long)] == [("f", MAX_LINES + 2)]
    assert functions('function g() { var s = "}"; // }\n  return s; }')[0][1].count("\n") == 1
