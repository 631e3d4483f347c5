"""Property tests: whatever text or structure arrives, the loader and the pipeline answer with
diagnostics, never a traceback."""

from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopbook.data.load import LoadProblem, load_entry, parse
from loopbook.data.schema import validate
from loopbook.diagnostics import Diagnostics
from loopbook.model import KINDS, Entry

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_ish = st.text(alphabet=string.printable + "\ufeff\u00e9\u2028\x00\x85", max_size=400)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40), st.dates().map(str))
structures = st.recursive(scalars,
                          lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=12), kids, max_size=5)),
                          max_leaves=30)


@SETTINGS
@given(text=yaml_ish)
def test_arbitrary_text_gives_a_value_or_a_load_problem(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("t") / "x.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        parse(path, "data/stories/x.yaml")
    except LoadProblem as p:
        assert p.line >= 1 and p.col >= 1 and p.code


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_give_a_value_or_a_load_problem(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("b") / "x.yaml"
    path.write_bytes(raw)
    try:
        parse(path, "data/stories/x.yaml")
    except LoadProblem as p:
        assert p.line >= 1 and p.col >= 1


@SETTINGS
@given(kind=st.sampled_from(sorted(KINDS)),
       data=st.dictionaries(st.sampled_from(["title", "name", "text", "principles", "steps", "action", "severity", "last_reviewed",
                                             "order", "sla", "related", "x"]), structures, max_size=8))
def test_arbitrary_structures_are_validated_into_diagnostics(tmp_path_factory, kind, data):
    folder = tmp_path_factory.mktemp("s") / "data" / KINDS[kind].plural
    folder.mkdir(parents=True)
    path = folder / "x.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    diags = Diagnostics()
    entry = load_entry(path, f"data/{KINDS[kind].plural}/x.yaml", diags)
    if isinstance(entry, Entry):
        validate(entry, diags)
    for d in diags.items:
        assert d.line >= 1 and d.col >= 1 and d.code and "\n" not in d.message
