import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bench.synth import write_dataset
from loopbook.data.load import data_files, load_entry, parse
from loopbook.data.schema import REF_KEY, fields, resolve, schema_for, validate
from loopbook.diagnostics import Diagnostics
from loopbook.model import KINDS, Entry
from tests.conftest import BUNDLED_DATA
from tests.unit.test_load import write


def entry(tmp_path: Path, kind: str, text: str) -> Entry:
    source, data = parse(write(tmp_path, text), f"data/{KINDS[kind].plural}/x.yaml")
    return Entry(KINDS[kind], "x", source, data)


def problems(e: Entry) -> list[str]:
    diags = Diagnostics()
    validate(e, diags)
    return [d.text() for d in diags.sorted()]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_schema_is_valid_draft_2020_12_and_documents_every_field(kind):
    schema = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    nodes = [schema, *schema.get("$defs", {}).values()]
    while nodes:
        node = nodes.pop()
        for name, sub in node.get("properties", {}).items():
            assert sub.get("description"), f"{kind}: '{name}' has no description"
            nodes.append(sub)
            if "items" in sub:
                nodes.append(sub["items"])


def test_unquoted_numbers_in_text_fields_are_errors_that_say_how_to_quote_them(tmp_path):
    """YAML 1.2 words such as No stay text; numbers are numbers, as check-jsonschema and the editor read them."""
    e = entry(tmp_path, "story", "title: No\nprinciples: [ownership]\nsituation: 010\ntask: 'yes'\naction: [2024]\nresult: 1.50\n")
    assert e.data["title"] == "No"
    assert problems(e) == [
        "data/stories/x.yaml:3:12: error: 'situation' must be text, not a whole number; YAML reads 010 as a whole number: "
        "quote it, as in situation: '010' [wrong-type]",
        "data/stories/x.yaml:5:10: error: item 1 of 'action' must be text, not a whole number; YAML reads 2024 as a whole number: "
        "quote it, as in - '2024' [wrong-type]",
        "data/stories/x.yaml:6:9: error: 'result' must be text, not a number; YAML reads 1.50 as a number: "
        "quote it, as in result: '1.50' [wrong-type]",
    ]


def test_a_misspelled_key_is_named_with_a_suggestion_at_its_line(tmp_path):
    e = entry(tmp_path, "story", "title: T\nprinciples: [ownership]\nsituaton: S\ntask: T\naction: [A]\nresult: R\n")
    assert problems(e) == [
        "data/stories/x.yaml:1:1: error: missing required key 'situation': The situation: the context and the problem. "
        "Markdown. [missing-key]",
        "data/stories/x.yaml:3:1: error: unknown key 'situaton'; did you mean 'situation'? [unknown-key]",
    ]


def test_an_id_key_is_explained(tmp_path):
    e = entry(tmp_path, "question", "id: x\ntext: Q?\nkind: hr\nprinciples: []\n")
    assert problems(e) == ["data/questions/x.yaml:1:1: error: unknown key 'id'; the id is the file name [unknown-key]"]


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("severity: sev5", "3:11: error: 'severity' is 'sev5', which is not allowed; use one of: sev1, sev2, sev3, sev4 [bad-value]"),
        ("severity: sevv2", "3:11: error: 'severity' is 'sevv2', which is not allowed; did you mean 'sev2'? [bad-value]"),
        ("severity: high", "3:11: error: 'severity' is 'high', which is not allowed; use one of: sev1, sev2, sev3, sev4 [bad-value]"),
        ("last_reviewed: 2024-02-30", "3:16: error: 'last_reviewed' is '2024-02-30', which is not a real date; "
                                      "write it as YYYY-MM-DD, e.g. 2026-01-31 [bad-date]"),
        ("steps: []", "3:8: error: 'steps' must not be empty [empty-value]"),
        ("steps: do it", "3:8: error: 'steps' must be a list, not text [wrong-type]"),
        ("owner:", "3:7: error: 'owner' must be text, not nothing; give it a value [wrong-type]"),
        ("severity:", "3:10: error: 'severity' has no value; use one of: sev1, sev2, sev3, sev4 [bad-value]"),
        ("sla: {resolve: 6 hours}", "3:16: error: 'resolve' is '6 hours', which is not valid: Time to resolve, e.g. 6h. [bad-value]"),
        ("triggers:\n  - Alarm: fires", "4:5: error: item 1 of 'triggers' must be text, not a mapping of keys to values; "
                                        "an unquoted ': ' starts a mapping, so quote the whole value [wrong-type]"),
    ],
)
def test_a_wrong_value_says_what_is_wanted(tmp_path, yaml_text, expected):
    base = {"title": "T", "summary": "S", "service": "web", "severity": "sev2", "owner": "Ops", "last_reviewed": "2026-01-01",
            "steps": [{"action": "A"}]}
    key = yaml_text.split(":", 1)[0]
    base.pop(key, None)
    head = "\n".join(f"{k}: {json.dumps(v)}" for k, v in list(base.items())[:2])
    rest = "\n".join(f"{k}: {json.dumps(v)}" for k, v in list(base.items())[2:])
    e = entry(tmp_path, "runbook", f"{head}\n{yaml_text}\n{rest}\n")
    assert problems(e) == [f"data/runbooks/x.yaml:{expected}"]


def walk(value: Any, node: dict[str, Any], root: dict[str, Any], path: tuple = ()) -> Iterator[tuple[tuple, Any, dict]]:
    """Every (path, value, schema node) of a value, following properties and items, parents first: the
    plain walk that schema.fields must agree with on the nodes holding its keywords."""
    stack = [(path, value, node)]
    while stack:
        path, value, node = stack.pop()
        node = resolve(node, root)
        yield path, value, node
        if isinstance(value, dict):
            props = node.get("properties", {})
            stack.extend(reversed([((*path, key), sub, props[key]) for key, sub in value.items() if key in props]))
        elif isinstance(value, list) and "items" in node:
            items = node["items"]
            stack.extend(((*path, i), value[i], items) for i in range(len(value) - 1, -1, -1))


@pytest.mark.parametrize("keywords", [("contentMediaType",), (REF_KEY, "contentMediaType"), ("pattern",)])
def test_fields_finds_what_a_full_walk_finds_for_its_keywords(tmp_path, keywords):
    """fields skips the parts of an entry whose schema holds none of the keywords; on the bundled
    handbook and on synthetic data it must still find every marked node, in the same order."""
    write_dataset(tmp_path / "data", 300)
    bundled = BUNDLED_DATA.parent
    files = [(f, f.relative_to(bundled).as_posix()) for f in data_files(bundled)]
    files += [(f, f.relative_to(tmp_path).as_posix()) for f in data_files(tmp_path)]
    entries = [e for f, rel in files if (e := load_entry(f, rel, Diagnostics()))]
    assert len(entries) > 300
    for e in entries:
        root = schema_for(e.kind.name)
        full = [(p, id(v), id(n)) for p, v, n in walk(e.data, root, root) if any(k in n for k in keywords)]
        assert [(p, id(v), id(n)) for p, v, n in fields(e.data, e.kind.name, keywords)] == full, e.ref
