"""Read data/<kind>/<id>.yaml files safely, keeping the position of every node.

Only PyYAML's parser runs (libyaml's when available): we turn its events into plain values
ourselves, so no constructor runs and no tag can run code. Aliases, anchors and explicit tags are refused,
duplicate keys are errors, and plain scalars resolve as YAML 1.2 says (generator/data/scalars.py), as the
other tools that read our data do: ``No`` stays text, ``2023`` is a number, and the schema stage asks
for quotes where text is wanted. Mistakes that parse but change the data are warned about
(generator/data/yamlerrors.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Any

import yaml

from loopbook.data import yamlerrors
from loopbook.data.scalars import resolve_plain
from loopbook.data.yamlwarnings import check_source
from loopbook.diagnostics import Diagnostics
from loopbook.model import ID_MAX, ID_RE, KIND_BY_PLURAL, DataPath, Entry, Handbook, Kind, Source, Span, line_col

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20
YAML_SUFFIXES = (".yaml", ".yml")

class LoadProblem(Exception):
    def __init__(self, line: int, col: int, message: str, code: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.code = line, col, message, code


# libyaml's parser when PyYAML has it (much faster); the pure-Python one otherwise. Either way only
# the parser runs: events in, plain values out, no constructor and so no tag that could run code.
_Parser = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


def _refuse(event: yaml.Event) -> None:
    """Aliases, anchors and explicit tags are refused where they stand."""
    m = event.start_mark
    if isinstance(event, yaml.AliasEvent):
        raise LoadProblem(m.line + 1, m.column + 1, "YAML aliases (*name) are not allowed; write the value out", "yaml-alias")
    if getattr(event, "anchor", None) is not None:
        raise LoadProblem(m.line + 1, m.column + 1, "YAML anchors (&name) are not allowed; write each value out", "yaml-anchor")
    if getattr(event, "tag", None) not in (None, "!"):
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadProblem(m.line + 1, m.column + 1, f"explicit YAML tags ({tag}) are not allowed; remove the tag", "yaml-tag")


def data_files(root: FsPath) -> list[FsPath]:
    return sorted(p for p in (root / "data").rglob("*") if p.suffix in YAML_SUFFIXES)


def load_handbook(root: FsPath, diags: Diagnostics, read: Callable[[FsPath, str, Diagnostics], Entry | None] | None = None,
                  files: list[FsPath] | None = None) -> Handbook:
    """Every entry under root/data that loads cleanly; every problem goes to diags. `read` loads
    one file (load_entry by default; the pipeline adds validation and a per-file memo)."""
    book = Handbook()
    seen: dict[tuple[str, str], str] = {}
    for file in data_files(root) if files is None else files:
        rel = file.relative_to(root).as_posix()
        entry = (read or load_entry)(file, rel, diags)
        if entry is None:
            if kind_at(rel) is not None:
                book.broken.add(ref_of(rel))
            continue
        key = (entry.kind.name, entry.id)
        if key in seen:
            diags.error(rel, 1, 1, f"duplicate id '{entry.id}': {seen[key]} has the same id", "duplicate-id")
            continue
        seen[key] = rel
        book.add(entry)
    return book


def kind_at(rel: str) -> Kind | None:
    """The kind of data/<kinds>/<file>, by its folder; None for a file anywhere else."""
    parts = rel.split("/")
    return KIND_BY_PLURAL.get(parts[1]) if len(parts) == 3 else None


def ref_of(rel: str) -> str:
    """data/stories/x.yaml -> story:x; the path itself for a file outside the kind folders."""
    kind = kind_at(rel)
    return f"{kind.name}:{FsPath(rel).stem}" if kind else rel


def load_entry(file: FsPath, rel: str, diags: Diagnostics) -> Entry | None:
    kind = kind_at(rel)
    if kind is None:
        folders = ", ".join(f"data/{p}/" for p in KIND_BY_PLURAL)
        diags.error(rel, 1, 1, f"not in a kind folder; put entries directly in one of {folders}", "unknown-kind")
        return None
    id_ = file.stem
    if not ID_RE.match(id_) or len(id_) > ID_MAX:
        diags.error(rel, 1, 1, f"file name '{id_}' is not a valid id: use lower-case words joined by hyphens, at most {ID_MAX} characters", "bad-id")
        return None
    try:
        source, data = parse(file, rel)
    except LoadProblem as p:
        diags.error(rel, p.line, p.col, p.message, p.code)
        return None
    check_source(source, diags)
    if not isinstance(data, dict):
        diags.error(rel, 1, 1, "the file must hold one mapping of keys to values", "not-a-mapping")
        return None
    return Entry(kind, id_, source, data)


def parse(file: FsPath, rel: str) -> tuple[Source, Any]:
    """The file's Source and value; LoadProblem for anything that is not safe, plain YAML."""
    if file.is_symlink():
        raise LoadProblem(1, 1, "symbolic links are not followed; put the file itself here", "symlink")
    raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise LoadProblem(1, 1, f"file is {len(raw)} bytes, more than the {MAX_FILE_BYTES} allowed", "file-too-large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise LoadProblem(line, 1, f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}); save the file as UTF-8", "encoding") from None
    text = text.removeprefix("\ufeff")
    source = Source(rel, text)
    return source, _compose(text, source)


def _compose(text: str, source: Source) -> Any:
    parser = None
    try:
        parser = _Parser(text)  # the reader checks every character here already
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            raise LoadProblem(1, 1, "the file is empty", "empty-file")
        parser.get_event()  # document start
        value = _value(parser, (), source, 1)
        parser.get_event()  # document end
        if not parser.check_event(yaml.StreamEndEvent):
            m = parser.peek_event().start_mark
            raise LoadProblem(m.line + 1, m.column + 1, "a second YAML document; keep one entry per file", "yaml-syntax")
        return value
    except yaml.MarkedYAMLError as e:
        line, col, message = yamlerrors.explain(e, text)
        raise LoadProblem(line, col, f"YAML syntax error: {message}", "yaml-syntax") from None
    except yaml.reader.ReaderError as e:
        line, col = line_col(text, e.position)
        raise LoadProblem(line, col, f"character #x{e.character:04x} is not allowed in YAML", "yaml-syntax") from None
    finally:
        if parser is not None:
            parser.dispose()


def _span(start: yaml.Mark, end: yaml.Mark) -> Span:
    return Span(start.line + 1, start.column + 1, start.index, end.index)


# Event classes looked up once: the loops below run once per node of every file.
_SCALAR, _SEQ_START, _SEQ_END, _MAP_END = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.SequenceEndEvent, yaml.MappingEndEvent


def _value(parser: Any, path: DataPath, source: Source, depth: int) -> Any:
    """The value of the next node, its span (and those of everything inside) recorded in source."""
    event = parser.get_event()
    if type(event) is not _SCALAR or event.anchor is not None or event.tag is not None:
        _refuse(event)
    m = event.start_mark
    if depth > MAX_DEPTH:
        raise LoadProblem(m.line + 1, m.column + 1, f"nested more than {MAX_DEPTH} levels deep", "too-deep")
    if type(event) is _SCALAR:
        end = event.end_mark
        source.spans[path] = Span(m.line + 1, m.column + 1, m.index, end.index)
        if event.style:  # quoted or block: always text, exactly as written
            return event.value
        source.plain[path] = event.value
        return resolve_plain(event.value)
    if type(event) is _SEQ_START:
        items: list[Any] = []
        while not parser.check_event(_SEQ_END):
            items.append(_value(parser, (*path, len(items)), source, depth + 1))
        source.spans[path] = _span(m, parser.get_event().end_mark)
        return items
    return _mapping(parser, m, path, source, depth)


def _mapping(parser: Any, start: yaml.Mark, path: DataPath, source: Source, depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    key_spans = source.key_spans
    while not parser.check_event(_MAP_END):
        key = parser.get_event()
        _refuse(key)
        span = _span(key.start_mark, key.end_mark)
        if type(key) is not _SCALAR:
            raise LoadProblem(span.line, span.col, "a key must be a plain word, not a list or mapping", "complex-key")
        at = (*path, key.value)
        if key.value in out:
            first = key_spans[at].line
            raise LoadProblem(span.line, span.col, f"duplicate key '{key.value}' (first written on line {first}); keep one", "duplicate-key")
        key_spans[at] = span
        out[key.value] = _value(parser, at, source, depth + 1)
    source.spans[path] = _span(start, parser.get_event().end_mark)
    return out
