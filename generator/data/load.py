"""Read data/<kind>/<id>.yaml files safely, keeping the position of every node.

Only PyYAML's parser runs (libyaml's when available): we turn its events into plain values
ourselves, so no constructor runs and no tag can run code. Aliases, anchors and explicit tags are refused,
duplicate keys are errors, and plain scalars resolve as YAML 1.2 says (generator/data/scalars.py), as the
other tools that read our data do: ``No`` stays text, ``2023`` is a number, and the schema stage asks
for quotes where text is wanted. Mistakes that parse but change the data are warned about
(generator/data/yamlerrors.py).
"""

from __future__ import annotations

import os
import stat
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Any

import yaml

from loopbook.data import yamlerrors
from loopbook.data.characters import FORBIDDEN, check_characters
from loopbook.data.scalars import resolve_plain
from loopbook.data.yamlwarnings import check_source
from loopbook.diagnostics import Diagnostics, did_you_mean, shown_id
from loopbook.model import (
    ID_MAX,
    KIND_BY_PLURAL,
    PRIVATE_FOLDER,
    RESERVED_ID,
    DataPath,
    Entry,
    Handbook,
    Kind,
    Source,
    Span,
    is_id,
    line_col,
    pack,
    slug,
    unpack,
)

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
    """Everything under data/ that looks like an entry, so that none is skipped silently: files (regular or
    not) and folders named *.yaml or *.yml in any case, and symbolic links to folders, which are not entered."""
    data = root / "data"
    if data.is_symlink():
        return [data]
    found = []
    for folder, dirs, files in os.walk(data):
        here = FsPath(folder)
        found += [here / d for d in dirs if _looks_like_entry(d) or (here / d).is_symlink()]
        found += [here / f for f in files if _looks_like_entry(f)]
    return sorted(found)


def _looks_like_entry(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


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
    """The kind of data/<kinds>/<file> or data/private/<kinds>/<file>, by its folder; None for a file anywhere else."""
    parts = rel.split("/")
    if rel.startswith(PRIVATE_FOLDER):
        parts = parts[1:]  # data/private/stories/x.yaml reads as data/stories/x.yaml
    return KIND_BY_PLURAL.get(parts[1]) if len(parts) == 3 else None


def ref_of(rel: str) -> str:
    """data/stories/x.yaml -> story:x; the path itself for a file outside the kind folders."""
    kind = kind_at(rel)
    return f"{kind.name}:{FsPath(rel).stem}" if kind else rel


def load_entry(file: FsPath, rel: str, diags: Diagnostics) -> Entry | None:
    try:
        _regular(file)  # before anything else: a FIFO or a link is reported as what it is, never opened
        if file.suffix not in YAML_SUFFIXES and file.suffix.lower() in YAML_SUFFIXES:
            raise LoadProblem(1, 1, f"loopbook reads entries named <id>.yaml or <id>.yml; rename it to "
                                    f"{slug(file.stem) or '<id>'}{file.suffix.lower()}", "not-an-entry")
    except LoadProblem as p:
        diags.error(rel, p.line, p.col, p.message, p.code)
        return None
    kind = kind_at(rel)
    if kind is None:
        folders = ", ".join(f"data/{p}/" for p in KIND_BY_PLURAL)
        diags.error(rel, 1, 1, f"not in a kind folder; put entries directly in one of {folders} (or the same folders under "
                    f"{PRIVATE_FOLDER}, kept out of the public site)", "unknown-kind")
        return None
    id_ = file.stem
    if not is_id(id_):
        diags.error(rel, 1, 1, f"file name '{shown_id(id_)}' is not a valid id: use lower-case words joined by hyphens, "
                               f"at most {ID_MAX} characters{_hidden(id_)}", "bad-id")
        return None
    if id_ == RESERVED_ID:
        diags.error(rel, 1, 1, f"file name '{RESERVED_ID}' is the name of the kind's index page; name the entry after what "
                               f"it is about", "bad-id")
        return None
    try:
        source, data = parse(file, rel)
    except LoadProblem as p:
        diags.error(rel, p.line, p.col, p.message, p.code)
        return None
    if not check_characters(source, diags):
        return None
    check_source(source, diags)
    if not isinstance(data, dict):
        diags.error(rel, 1, 1, "the file must hold one mapping of keys to values", "not-a-mapping")
        return None
    return Entry(kind, id_, source, data)


def _hidden(id_: str) -> str:
    """For a name that holds characters one cannot see or tell from Latin ones: which, and the id meant."""
    odd = [c for c in id_ if not " " <= c <= "~"]
    if not odd:
        return ""
    hint = did_you_mean(id_, [slug(id_)])
    names = dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in odd)
    return f" (it holds {', '.join(names)}){'; ' + hint if hint else ''}"


_KINDS_OF_FILE = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                  (stat.S_ISBLK, "a device"))


def _regular(file: FsPath, mode: int | None = None) -> None:
    """LoadProblem unless file is a regular file: a link is not followed, a FIFO or a device never opened."""
    try:
        mode = file.lstat().st_mode if mode is None else mode
    except OSError as e:  # gone since the folder was listed (an editor's temporary file), or unreadable
        raise LoadProblem(1, 1, f"cannot be read: {e.strerror or e}", "not-an-entry") from None
    if stat.S_ISLNK(mode):
        raise LoadProblem(1, 1, "symbolic links are not followed; put the file itself here", "symlink")
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _KINDS_OF_FILE if test(mode)), "not a regular file")
        raise LoadProblem(1, 1, f"{what}, not a file, is named like an entry; loopbook reads regular files only: move it out of data/",
                          "not-an-entry")


def _read(file: FsPath) -> bytes:
    """The file's bytes, at most one more than allowed; opened without following a link or waiting on a FIFO
    (what stands at the path is checked again once open, in case it changed)."""
    _regular(file)
    fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        _regular(file, os.fstat(fd).st_mode)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)


def parse(file: FsPath, rel: str) -> tuple[Source, Any]:
    """The file's Source and value; LoadProblem for anything that is not safe, plain YAML."""
    source = Source(rel, read_text(file))
    return source, _compose(source.text, source)


def parse_documents(file: FsPath, rel: str, max_bytes: int) -> tuple[Source, list[Any]]:
    """Every document of a YAML stream (a Kubernetes manifest may hold several), read as safely as an
    entry; the spans of document i are under the path (i, ...)."""
    source = Source(rel, read_text(file, max_bytes))
    return source, _compose(source.text, source, documents=True)


def read_text(file: FsPath, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A file's text: no symbolic link, at most max_bytes, UTF-8 (a BOM is dropped); LoadProblem otherwise."""
    if file.is_symlink():
        raise LoadProblem(1, 1, "symbolic links are not followed; put the file itself here", "symlink")
    try:
        raw = _read(file)
    except OSError as e:
        raise LoadProblem(1, 1, f"cannot be read: {e.strerror or e}", "not-an-entry") from None
    if len(raw) > max_bytes:
        size = file.stat().st_size
        raise LoadProblem(1, 1, f"file is {size} bytes, more than the {max_bytes} allowed", "file-too-large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise LoadProblem(line, 1, f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}); save the file as UTF-8",
                          "encoding") from None
    return text.removeprefix("\ufeff")


def _compose(text: str, source: Source, documents: bool = False) -> Any:
    parser = None
    try:
        parser = _Parser(text)  # the reader checks every character here already
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            raise LoadProblem(1, 1, "the file is empty", "empty-file")
        values = []
        while not parser.check_event(yaml.StreamEndEvent):
            if values and not documents:
                m = parser.peek_event().start_mark
                raise LoadProblem(m.line + 1, m.column + 1, "a second YAML document; keep one entry per file", "yaml-syntax")
            parser.get_event()  # document start
            values.append(_value(parser, (len(values),) if documents else (), source, 1))
            parser.get_event()  # document end
        return values if documents else values[0]
    except yaml.MarkedYAMLError as e:
        line, col, message = yamlerrors.explain(e, text)
        raise LoadProblem(line, col, f"YAML syntax error: {message}", "yaml-syntax") from None
    except yaml.reader.ReaderError as e:
        line, col = line_col(text, e.position)
        raise LoadProblem(line, col, f"character #x{e.character:04x} is not allowed in YAML", "yaml-syntax") from None
    finally:
        if parser is not None:
            parser.dispose()


def _span(start: yaml.Mark, end: yaml.Mark) -> int:
    return pack(start.line + 1, start.column + 1, start.index, end.index)


# One tuple for each path that many files share (("action", 0), ("steps", 3, "command")): a path per
# node per file was, after the spans, the loader's largest cost in memory. Cleared when it grows past
# what any real handbook's shapes need, so that odd files cannot make it grow without end.
_PATHS: dict[DataPath, DataPath] = {}
_PATHS_MAX = 200_000


def _shared(path: DataPath) -> DataPath:
    if len(_PATHS) > _PATHS_MAX:
        _PATHS.clear()
    return _PATHS.setdefault(path, path)


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
        source.spans[path] = pack(m.line + 1, m.column + 1, m.index, end.index)
        if event.style:  # quoted or block: always text, exactly as written
            if event.style == '"' and FORBIDDEN.search(event.value):
                source.escaped.append(Span(m.line + 1, m.column + 1, m.index, end.index))
            return event.value
        source.plain[path] = event.value
        return resolve_plain(event.value)
    if type(event) is _SEQ_START:
        items: list[Any] = []
        while not parser.check_event(_SEQ_END):
            items.append(_value(parser, _shared((*path, len(items))), source, depth + 1))
        source.spans[path] = _span(m, parser.get_event().end_mark)
        return items
    return _mapping(parser, m, path, source, depth)


def _mapping(parser: Any, start: yaml.Mark, path: DataPath, source: Source, depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    key_spans = source.key_spans
    while not parser.check_event(_MAP_END):
        key = parser.get_event()
        if type(key) is not _SCALAR or key.anchor is not None or key.tag is not None:
            _refuse(key)
        m = key.start_mark
        if type(key) is not _SCALAR:
            raise LoadProblem(m.line + 1, m.column + 1, "a key must be a plain word, not a list or mapping", "complex-key")
        if key.style == '"' and FORBIDDEN.search(key.value):
            source.escaped.append(unpack(_span(m, key.end_mark)))
        name = sys.intern(key.value)  # the same few dozen keys in every file: one string each
        at = _shared((*path, name))
        if name in out:
            first = unpack(key_spans[at]).line
            raise LoadProblem(m.line + 1, m.column + 1, f"duplicate key '{name}' (first written on line {first}); keep one",
                              "duplicate-key")
        key_spans[at] = _span(m, key.end_mark)
        out[name] = _value(parser, at, source, depth + 1)
    source.spans[path] = _span(start, parser.get_event().end_mark)
    return out
