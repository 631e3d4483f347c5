"""`loopbook check`, check-jsonschema against schemas/, and the editor give the same verdict on every file.

Hypothesis writes documents with values of every YAML type at every field of a kind: numbers and the
words YAML 1.1 took for numbers, booleans, nulls and dates, text, lists and mappings. The schema verdict
of `check` (loading, then validation) must equal check-jsonschema's, which reads YAML with ruamel.yaml
(YAML 1.2). The editor's yaml-language-server resolves plain values by the YAML 1.2 core schema; where
that differs from ruamel.yaml (``1_000``, ``0b1``, ``.5e3``), check refuses the value as ambiguous, so a
file that passes check passes both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopbook.data import editor
from loopbook.data.load import load_entry
from loopbook.data.scalars import disputed
from loopbook.data.schema import _surely_valid, _validator, schema_for, validate
from loopbook.diagnostics import Diagnostics
from loopbook.model import KINDS
from tests.conftest import REPO

check_jsonschema = pytest.importorskip("check_jsonschema.cli.main_command")

# Values a contributor writes unquoted, the YAML 1.1 surprises among them.
WORDS = ["2023", "010", "0o17", "0x1F", "1_000", "0b101", ".5e3", "1e3", "1.50", "-7", "+12", ".inf", ".NaN",
         "No", "yes", "off", "true", "False", "null", "~", "", "2024-01-31", "2024-02-30", "12:30",
         "sev2", "behavioral", "30m", "90d", "ownership", "story:quiet-win", "https://example.com/a", "Cut the build time"]
plain = st.one_of(st.sampled_from(WORDS), st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._+]{0,8}", fullmatch=True))
quoted = plain.map(lambda w: "'" + w + "'")
scalar = st.one_of(plain, quoted)


def _value(key: str, indent: str) -> st.SearchStrategy[str]:
    """The text after `key:`: a scalar, a list of scalars, or a mapping of a few scalars."""
    seq = st.lists(scalar, min_size=1, max_size=3).map(lambda xs: "".join(f"\n{indent}  - {x}" for x in xs))
    flow = st.lists(scalar, max_size=3).map(lambda xs: " [" + ", ".join(xs) + "]")
    mapping = st.dictionaries(st.sampled_from(["value", "what", "action", "command", "company", "period", "text", "x"]), scalar,
                              min_size=1, max_size=3).map(lambda d: "".join(f"\n{indent}  {k}: {v}" for k, v in d.items()))
    items = st.lists(st.dictionaries(st.sampled_from(["value", "what", "action", "who", "when", "text", "url"]), scalar, min_size=1,
                                     max_size=2), min_size=1, max_size=2).map(
        lambda ds: "".join(f"\n{indent}  - " + f"\n{indent}    ".join(f"{k}: {v}" for k, v in d.items()) for d in ds))
    return st.one_of(scalar.map(lambda s: f" {s}" if s else ""), seq, flow, mapping, items)


@st.composite
def documents(draw, kind: str) -> str:
    props = list(schema_for(kind)["properties"])
    required = schema_for(kind).get("required", [])
    keys = draw(st.lists(st.sampled_from(props), unique=True, max_size=len(props)))
    keys = list(dict.fromkeys([*required, *keys]))  # required keys always there, so that the values decide
    return "".join(f"{k}:{draw(_value(k, ''))}\n" for k in keys)


def check_verdict(file: Path, kind: str) -> bool:
    diags = Diagnostics()
    entry = load_entry(file, f"data/{KINDS[kind].plural}/{file.name}", diags)
    if entry is not None:
        validate(entry, diags)
    return not diags.errors


def check_jsonschema_verdict(file: Path, kind: str) -> bool:
    schema = REPO / "schemas" / editor.schema_file(kind)
    result = CliRunner().invoke(check_jsonschema.main, ["--schemafile", str(schema), str(file)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code == 0


def _disputed_in(text: str) -> bool:
    return any(disputed(word) for line in text.splitlines() for word in _plain_values(line))


def _plain_values(line: str) -> list[str]:
    value = line.split(": ", 1)[-1].strip().lstrip("- ").strip()
    parts = value.strip("[]").split(", ") if value.startswith("[") else [value]
    return [p for p in parts if not p.startswith("'")]


@pytest.mark.parametrize("kind", list(KINDS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_check_and_check_jsonschema_give_the_same_verdict_on_every_document(tmp_path, kind, data):
    text = data.draw(documents(kind))
    file = tmp_path / "x.yaml"
    file.write_text(text, "utf-8")
    independent = check_jsonschema_verdict(file, kind)
    ours = check_verdict(file, kind)
    # A value ruamel.yaml and the editor's YAML 1.2 core schema read differently is refused by check alone.
    assert ours == (independent and not _disputed_in(text)), text


@pytest.mark.parametrize(("text", "valid"), [
    ("title: 2023\n", False), ("title: '2023'\n", True), ("title: No\n", True), ("title: true\n", False),
    ("title: 1_000\n", False), ("title: T\nperiod: 2023\n", False), ("title: T\nperiod: '2023'\n", True),
])
def test_the_examples_from_the_issue_get_one_verdict(tmp_path, text, valid):
    """The control for the property: known documents, known verdicts, from both validators."""
    file = tmp_path / "x.yaml"
    file.write_text(text + "company: C\nrole: R\nsummary: S\n", "utf-8")
    assert check_verdict(file, "project") == valid
    assert check_jsonschema_verdict(file, "project") == valid


@pytest.mark.parametrize("kind", list(KINDS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_the_compiled_validator_and_jsonschema_give_the_same_verdict_on_every_document(tmp_path, kind, data):
    """check trusts jsonschema-rs's yes (generator/data/schema.py): it must never pass what jsonschema fails."""
    file = tmp_path / "x.yaml"
    file.write_text(data.draw(documents(kind)), "utf-8")
    entry = load_entry(file, f"data/{KINDS[kind].plural}/x.yaml", Diagnostics())
    if entry is None:
        return
    jsonschema_says = not any(True for _ in _validator(kind).iter_errors(entry.data))
    assert _surely_valid(kind, entry.data) == jsonschema_says, entry.data


@pytest.mark.parametrize(("order", "valid"), [(3, True), (3.0, True), (float("nan"), False), (10**40, False), (-(2**63) - 1, False),
                                              (True, False), (999, True), (1000, False)])
def test_numbers_at_the_edges_get_one_verdict(order, valid):
    """NaN, integers past 64 bits, booleans: where two validators most often part ways, they agree here."""
    value = {"name": "N", "order": order, "summary": "S"}
    assert not any(True for _ in _validator("principle").iter_errors({**value, "order": 3}))  # the control: only order varies
    assert _surely_valid("principle", value) is valid
    assert (not any(True for _ in _validator("principle").iter_errors(value))) is valid
