"""The contributor's guide: docs/contributing.md is the one source, CONTRIBUTING.md repeats only its
essentials, and every diagnostic code the generator can report is explained there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

GUIDE = REPO / "docs" / "contributing.md"
POINTER = REPO / "CONTRIBUTING.md"
_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Calls whose last positional argument (or code=) is a diagnostic code; classes with a `code` field join them.
_REPORTERS = {"error", "warning", "LoadProblem", "Diagnostic"}


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _hands_on_a_problem(node: ast.AST) -> bool:
    """`yield ..., message, code` or `return message, code`, as schema.py and links.py pass problems on."""
    if not isinstance(node, (ast.Yield, ast.Return)) or not isinstance(node.value, ast.Tuple) or len(node.value.elts) < 2:
        return False
    message = node.value.elts[-2]
    return isinstance(message, ast.JoinedStr) or bool(_strings(message))


def _code_classes(tree: ast.Module) -> set[str]:
    """Classes that carry a code: a `code: str` field, or `code` among __init__'s parameters."""
    found = set()
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for item in cls.body:
            if isinstance(item, ast.AnnAssign) and getattr(item.target, "id", "") == "code":
                found.add(cls.name)
            if isinstance(item, ast.FunctionDef) and item.name == "__init__" and "code" in [a.arg for a in item.args.args]:
                found.add(cls.name)
    return found


def codes_in_generator() -> dict[str, str]:
    """Every diagnostic code written in generator/*.py, with a file that uses it."""
    trees = {p: ast.parse(p.read_text("utf-8")) for p in sorted((REPO / "generator").rglob("*.py"))}
    reporters = _REPORTERS.union(*(_code_classes(t) for t in trees.values()))
    found: dict[str, str] = {}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            candidates: list[str] = []
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in reporters:
                    candidates = _strings(node.args[-1]) if node.args else []
                    candidates += [s for kw in node.keywords if kw.arg == "code" for s in _strings(kw.value)]
            elif _hands_on_a_problem(node):
                candidates = _strings(node.value.elts[-1])
            for code in candidates:
                if _CODE.match(code):
                    found.setdefault(code, path.relative_to(REPO).as_posix())
    return found


def codes_in_guide() -> set[str]:
    """Codes in the first column of the tables under 'Read a diagnostic'."""
    text = GUIDE.read_text("utf-8")
    part = text.split("## Read a diagnostic", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in part.splitlines() if line.startswith("| `")]
    return {code for row in rows for code in re.findall(r"`([a-z0-9-]+)`", row.split(" | ")[0])}


def test_the_scan_finds_codes_of_every_reporting_style():
    found = codes_in_generator()
    assert {"yaml-tag", "wrong-type", "missing-ref", "broken-link", "schema-comment", "zensical"} <= set(found)


def test_every_code_the_generator_reports_is_explained_in_the_guide():
    missing = {code: where for code, where in codes_in_generator().items() if code not in codes_in_guide()}
    assert not missing, f"add these codes to the tables under 'Read a diagnostic' in docs/contributing.md: {missing}"


def test_the_guide_explains_no_code_the_generator_does_not_have():
    stale = codes_in_guide() - set(codes_in_generator())
    assert not stale, f"docs/contributing.md explains codes nothing reports any more: {sorted(stale)}"


def _code_blocks(path: Path) -> list[str]:
    return re.findall(r"(?ms)^```[a-z]*\n.*?^```$", path.read_text("utf-8"))


def test_contributing_md_points_to_the_guide_and_repeats_it_word_for_word():
    pointer = POINTER.read_text("utf-8")
    assert "(docs/contributing.md)" in pointer
    guide = GUIDE.read_text("utf-8")
    blocks = _code_blocks(POINTER)
    assert blocks, "CONTRIBUTING.md should show the essential commands"
    for block in blocks:
        assert block in guide, f"CONTRIBUTING.md has a command block the guide does not:\n{block}"


def test_the_guide_tells_how_to_add_a_story_and_a_runbook_check_and_preview():
    guide = GUIDE.read_text("utf-8")
    for needed in ("loopbook new story", "loopbook new runbook", "loopbook check", "make serve", "make test"):
        assert needed in guide, needed
