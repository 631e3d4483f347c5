"""Guards over the code itself: no unsafe YAML loading, no template built from data."""

from __future__ import annotations

import re
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
SOURCES = sorted(GENERATOR.rglob("*.py"))

UNSAFE_YAML = re.compile(r"yaml\.(load|load_all|unsafe_load|unsafe_load_all|full_load|full_load_all)\("
                         r"|Loader\s*=\s*yaml\.(Loader|FullLoader|UnsafeLoader)|yaml\.(FullLoader|UnsafeLoader)\b"
                         r"|import\s+(Loader|FullLoader|UnsafeLoader)\b"
                         # ruamel.yaml (alerts --fix) only in its round-trip or safe modes, which build no object from a tag
                         r"|\bYAML\((?![^)]*typ=\"(?:rt|safe)\")")
TEMPLATE_FROM_DATA = re.compile(r"\.from_string\(|jinja2\.Template\(|\bTemplate\("
                                r"|Environment\([^)]*loader\s*=\s*jinja2\.(DictLoader|FunctionLoader)")


def offending(pattern: re.Pattern[str]) -> list[str]:
    return [f"{p.relative_to(GENERATOR.parent)}:{n}: {line.strip()}"
            for p in SOURCES for n, line in enumerate(p.read_text().splitlines(), 1) if pattern.search(line)]


def test_the_guards_see_the_code():
    assert len(SOURCES) >= 10 and any("yaml.SafeLoader" in p.read_text() for p in SOURCES)


def test_yaml_is_never_loaded_with_an_unsafe_loader():
    assert offending(UNSAFE_YAML) == []


def test_templates_come_only_from_the_template_folder():
    assert offending(TEMPLATE_FROM_DATA) == []
    assert "PackageLoader(\"loopbook\", \"templates\")" in (GENERATOR / "render" / "renderer.py").read_text()


def test_the_guards_would_catch_what_they_are_for():
    assert UNSAFE_YAML.search("data = yaml.load(text)") and UNSAFE_YAML.search("yaml.load(t, Loader=yaml.FullLoader)")
    assert UNSAFE_YAML.search("x = yaml.unsafe_load(s)") and not UNSAFE_YAML.search("yaml.safe_load(s)")
    assert UNSAFE_YAML.search('YAML(typ="unsafe")') and UNSAFE_YAML.search("YAML()") and not UNSAFE_YAML.search('YAML(typ="rt")')
    assert TEMPLATE_FROM_DATA.search("env.from_string(entry.data['title'])") and TEMPLATE_FROM_DATA.search("jinja2.Template(s)")
