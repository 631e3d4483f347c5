from pathlib import Path

import pytest
import yaml

from loopbook.data import load
from loopbook.data.load import LoadProblem, load_entry, parse, resolve_plain
from loopbook.diagnostics import Diagnostics


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("", None), ("~", None), ("null", None),
        ("true", True), ("False", False),
        ("0", 0), ("42", 42), ("-7", -7), ("1.5", 1.5),
        # YAML 1.1 would turn these into booleans or dates; in YAML 1.2, as other tools read our data, they are text.
        ("No", "No"), ("yes", "yes"), ("off", "off"), ("12:30", "12:30"), ("2024-02-30", "2024-02-30"), ("2024-01-31", "2024-01-31"),
        # YAML 1.2 numbers: no octal without 0o, so 010 is ten.
        ("010", 10), ("0o17", 15), ("0x1F", 31), ("1e3", 1000.0), (".inf", float("inf")), ("2023", 2023),
    ],
)
def test_plain_scalars_resolve_as_yaml_1_2_does(written, value):
    assert resolve_plain(written) == value
    assert type(resolve_plain(written)) is type(value)


@pytest.fixture(params=["libyaml", "pure-python"], autouse=True)
def parser(request, monkeypatch):
    """Every loader test runs with both of PyYAML's parsers: libyaml's, and the one used without it."""
    if request.param == "libyaml" and not yaml.__with_libyaml__:
        pytest.skip("PyYAML has no libyaml here")
    monkeypatch.setattr(load, "_Parser", yaml.CSafeLoader if request.param == "libyaml" else yaml.SafeLoader)


def write(tmp_path: Path, text: str | bytes, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_positions_are_kept_for_values_and_keys(tmp_path):
    source, data = parse(write(tmp_path, "title: A\nlist:\n  - one\n  - two: |\n      text [[x]]\n"), "x.yaml")
    assert data == {"title": "A", "list": ["one", {"two": "text [[x]]\n"}]}
    assert (source.span(("title",)).line, source.span(("title",)).col) == (1, 8)
    assert (source.span(("list",), key=True).line, source.span(("list",), key=True).col) == (2, 1)
    assert (source.span(("list", 0)).line, source.span(("list", 0)).col) == (3, 5)
    assert source.locate(("list", 1, "two"), "[[x]]") == (5, 12)


def test_quoted_values_stay_text_and_are_not_marked_plain(tmp_path):
    source, data = parse(write(tmp_path, "a: '010'\nb: \"true\"\nc: 010\n"), "x.yaml")
    assert data == {"a": "010", "b": "true", "c": 10}
    assert ("a",) not in source.plain and source.plain[("c",)] == "010"


def test_bom_and_crlf_are_accepted(tmp_path):
    source, data = parse(write(tmp_path, b"\xef\xbb\xbftitle: A\r\nname: B\r\n"), "x.yaml")
    assert data == {"title": "A", "name": "B"}
    assert source.span(("name",)).line == 2


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("a: &x 1\nb: *x\n", "yaml-anchor", 1, 4),
        ("a: *x\n", "yaml-alias", 1, 4),
        ("a: !!python/object/apply:os.system [echo hi]\n", "yaml-tag", 1, 4),
        ("a: !custom x\n", "yaml-tag", 1, 4),
        ("a: 1\nb: 2\na: 3\n", "duplicate-key", 3, 1),
        ("a: b: c\n", "yaml-syntax", 1, 5),
        ("", "empty-file", 1, 1),
        ("# only a comment\n", "empty-file", 1, 1),
        ("a: 1\n---\nb: 2\n", "yaml-syntax", 2, 1),
        ("? [a, b]\n: c\n", "complex-key", 1, 3),
        ("a: \x07\n", "yaml-syntax", 1, 4),
        ("a: " + "[" * 30 + "]" * 30 + "\n", "too-deep", 1, 23),
    ],
)
def test_unsafe_or_broken_yaml_is_refused_at_its_position(tmp_path, text, code, line, col):
    with pytest.raises(LoadProblem) as caught:
        parse(write(tmp_path, text), "x.yaml")
    assert (caught.value.code, caught.value.line, caught.value.col) == (code, line, col)


def test_non_utf8_is_refused_naming_the_line(tmp_path):
    with pytest.raises(LoadProblem) as caught:
        parse(write(tmp_path, b"title: A\nname: caf\xe9\n"), "x.yaml")
    assert caught.value.code == "encoding" and caught.value.line == 2


def test_oversized_file_is_refused(tmp_path):
    with pytest.raises(LoadProblem) as caught:
        parse(write(tmp_path, "a: " + "x" * 300_000 + "\n"), "x.yaml")
    assert caught.value.code == "file-too-large"


def test_a_top_level_list_is_not_an_entry(tmp_path):
    folder = tmp_path / "data" / "stories"
    folder.mkdir(parents=True)
    path = write(folder, "- a\n- b\n", "x.yaml")
    diags = Diagnostics()
    assert load_entry(path, "data/stories/x.yaml", diags) is None
    assert [d.text() for d in diags.items] == ["data/stories/x.yaml:1:1: error: the file must hold one mapping of keys to values "
                                               "[not-a-mapping]"]
