"""The house reads as its pipeline: each package of generator/ imports only the stages below it
(ARCHITECTURE.md). An import that reaches up (data/ importing the site's rendering, say) fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
# The modules every stage may use: the model, the codes and diagnostics, file writing, progress.
BASICS = {"", "model", "codes", "diagnostics", "files", "progress"}
# Each layer, lowest first, with the layers it may import besides itself. Lazy imports inside
# functions count as much as the rest; so do imports made only for type checking.
ALLOWED = {
    "basics": set(),
    "config": {"basics"},
    "data": {"basics"},
    "analysis": {"basics", "data"},
    "render": {"basics", "data", "analysis"},
    "checks": {"basics", "config", "data", "analysis", "render"},
    "pipeline": {"basics", "config", "data", "analysis", "render", "checks"},
    "engines": {"basics", "config", "data", "analysis", "render", "checks", "pipeline"},
    "cli": {"basics", "config", "data", "analysis", "render", "checks", "pipeline", "engines"},
}


def layer_of(module: str) -> str:
    """loopbook.data.load -> data; loopbook.model -> basics."""
    first = module.split(".")[1] if "." in module else ""
    return "basics" if first in BASICS else first


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "loopbook":
            found |= {f"{node.module}.{a.name}" if node.module == "loopbook" else node.module for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "loopbook"}
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(GENERATOR).with_suffix("").parts
    return ".".join(("loopbook", *(p for p in parts if p != "__init__")))


MODULES = sorted(p for p in GENERATOR.rglob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(GENERATOR).as_posix())
def test_each_module_imports_only_the_layers_below_its_own(path):
    own = layer_of(module_name(path))
    assert own in ALLOWED, f"{path.name}: a top-level module outside the known layers; add it to ALLOWED and ARCHITECTURE.md"
    wrong = sorted(m for m in imports(path) if layer_of(m) not in ALLOWED[own] | {own})
    assert not wrong, f"{module_name(path)} ({own}) may not import {wrong}"


def test_the_top_level_holds_about_ten_modules_and_every_package_says_what_it_owns():
    top = sorted(p.name for p in GENERATOR.glob("*.py"))
    assert len(top) <= 10, top
    for init in GENERATOR.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
        assert "May import" in doc, f"{init.parent.name}/__init__.py: say what the package owns and may import"


def test_the_layer_check_would_catch_an_import_that_reaches_up(tmp_path):
    bad = tmp_path / "load.py"
    bad.write_text("from loopbook.render.sitemap import entry_path\n\ndef f():\n    from loopbook.cli import main\n")
    assert {layer_of(m) for m in imports(bad)} - ALLOWED["data"] == {"render", "cli"}
