"""`loopbook new` writes a template that explains every field, and `loopbook check` names each
required field until it is filled in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.cli.scaffold import template
from loopbook.data.examples import required_keys
from loopbook.data.load import parse
from loopbook.data.schema import resolve, schema_for, validate
from loopbook.diagnostics import Diagnostics
from loopbook.model import KINDS, Entry
from loopbook.render.reference import rows

_KEYLIKE = re.compile(r"^\s*(-(\s|$)|[a-z_]+:(\s|$))")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def required_names(kind: str) -> set[str]:
    """The names check must report for an empty template: required keys, or the required keys of
    the one skeleton item of a required list of mappings."""
    root = schema_for(kind)
    names = set()
    for key in root["required"]:
        node = resolve(root["properties"][key], root)
        item = resolve(node.get("items", {}), root)
        names |= set(required_keys(item)) if item.get("type") == "object" else {key}
    return names


@pytest.mark.parametrize("kind", list(KINDS))
def test_check_names_every_required_field_of_a_new_entry_and_nothing_else(project, kind):
    assert run("new", kind, "fresh", "-C", str(project)).exit_code == 0
    result = run("check", "-C", str(project))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "/fresh.yaml:" in line]
    assert {line.split("'")[1] for line in lines} == required_names(kind)
    assert all(line.endswith(("[wrong-type]", "[bad-value]")) for line in lines), lines


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_is_explained_and_marked_required_or_optional(kind):
    lines = template(kind).splitlines()
    root = schema_for(kind)
    for key, node in root["properties"].items():
        required = key in root["required"]
        at = lines.index(f"{key}:" if required else f"# {key}:")
        start = max(i for i in range(at) if not lines[i].startswith("# ")) + 1
        comment = " ".join(line.removeprefix("# ") for line in lines[start:at])
        assert comment.startswith(resolve(node, root)["description"]), f"{kind}.{key}: {comment}"
        assert comment.endswith("Required." if required else "Optional."), f"{kind}.{key}: {comment}"


def uncomment(line: str) -> str:
    """Delete the '# ' in front of a commented-out key or list item (twice for one nested in a commented block)."""
    while m := re.match(r"^(\s*)# (.*)$", line):
        rest = m.group(2)
        inner = re.sub(r"^(\s*)# ", r"\1", rest)
        if not (_KEYLIKE.match(rest) or (rest.lstrip().startswith("# ") and _KEYLIKE.match(inner))):
            break
        line = m.group(1) + rest
    return line


def has_path(data: Any, name: str) -> bool:
    for step in name.replace("[]", ".[]").split("."):
        if step == "[]":
            if not isinstance(data, list) or not data:
                return False
            data = data[0]
        elif isinstance(data, dict) and step in data:
            data = data[step]
        else:
            return False
    return True


@pytest.mark.parametrize("kind", list(KINDS))
def test_uncommenting_every_optional_key_gives_yaml_with_every_field_in_place(tmp_path, kind):
    file = tmp_path / "x.yaml"
    file.write_text("\n".join(uncomment(line) for line in template(kind).splitlines()) + "\n")
    source, data = parse(file, f"data/{KINDS[kind].plural}/x.yaml")
    missing = [row.name for row in rows(schema_for(kind)) if not has_path(data, row.name)]
    assert not missing
    diags = Diagnostics()
    validate(Entry(KINDS[kind], "x", source, data), diags)
    # Empty values only, never a misplaced key; an item that takes one of two keys (a debrief's question or text)
    # has both once every key is uncommented.
    assert {d.code for d in diags.items} <= {"wrong-type", "bad-value", "conflicting-keys"}


def test_a_filled_in_template_passes_check(project):
    assert run("new", "runbook", "disk-full", "-C", str(project)).exit_code == 0
    path = project / "data" / "runbooks" / "disk-full.yaml"
    values = {"title:": "title: Disk full on the build agents", "summary:": "summary: The disk fills up.",
              "service:": "service: CI", "severity:": "severity: sev3", "owner:": "owner: Build team",
              "last_reviewed:": "last_reviewed: 2026-01-31", "  - action:": "  - action: Delete old workspaces."}
    lines = [values.get(line.split("  #")[0].rstrip(), line) for line in path.read_text().splitlines()]
    path.write_text("\n".join(lines) + "\n")
    result = run("check", "-C", str(project))
    assert result.exit_code == 0, result.output


def test_the_runbook_template_shows_a_command_block_that_keeps_colons_hashes_and_both_quotes(tmp_path):
    text = template("runbook")
    start = text.index("#   e.g. command: |")
    example = [line[9:] for line in text[start:].splitlines()[1:3]]  # the command lines, uncommented
    step = "steps:\n  - action: Look at the logs.\n    command: |\n" + "".join(f"    {line}\n" for line in example)
    file = tmp_path / "x.yaml"
    file.write_text(step, "utf-8")
    _, data = parse(file, "data/runbooks/x.yaml")
    command = data["steps"][0]["command"]
    assert "grep 'status: 503' # recent errors" in command and 'echo "checked at $(date)"' in command


def test_examples_in_the_templates_name_no_entry_that_could_be_mistaken_for_a_real_one():
    for kind in KINDS:
        for ref in re.findall(r"\b[a-z]+:[a-z0-9-]+\b", template(kind)):
            kind_part, id_ = ref.split(":")
            if kind_part in KINDS:
                assert id_.startswith("some-") or id_ in {"id"}, ref


_SUGGESTED = re.compile(r"\be\.g\. (.+?)(?:;|\. |\.$|$)")


def suggested_values(node: dict[str, Any], root: dict[str, Any], key: str = "") -> list[tuple[str, str]]:
    """(key, value) for every value a text field's description suggests ("e.g. Q3 2021 or 2021-2022")."""
    node = resolve(node, root)
    found = []
    if node.get("type") == "string" and (m := _SUGGESTED.search(node.get("description", ""))):
        found += [(key, value) for value in m.group(1).split(" or ") if "..." not in value]
    for name, child in node.get("properties", {}).items():
        found += suggested_values(child, root, name)
    if "items" in node:
        found += suggested_values(node["items"], root, key)
    return found


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_value_a_template_suggests_is_text_as_written(tmp_path, kind):
    """A template that says `period: # e.g. 2021` invites a type error: unquoted, 2021 is a number."""
    root = schema_for(kind)
    file = tmp_path / "x.yaml"
    for key, value in suggested_values(root, root):
        file.write_text(f"{key}: {value}\n", "utf-8")
        _, data = parse(file, f"data/{KINDS[kind].plural}/x.yaml")
        assert data == {key: value}, f"{kind}.{key}: e.g. {value} reads as {data!r}; suggest a value that is text as written"
