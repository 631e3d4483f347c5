"""Pagefind's index made byte-identical from one build to the next.

Pagefind 1.5 writes each filter's values (a ``kind`` filter: runbook, story, ...) in the order of a Rust
hash map, different at every run (Pagefind/pagefind#638). The filter file's name is a hash of its content,
the metadata file lists that name and is named by a hash of its own content, and ``pagefind-entry.json``
names the metadata file: one unsorted list changes four files. This rewrites them in a fixed order: each
filter's values sorted, the files renamed by a hash of what they now hold (the browser looks them up by
name only), the names replaced where they are listed. The fragments and the word index are already stable.

The files are gzip-compressed CBOR behind a ``pagefind_dcd`` signature; the few CBOR types Pagefind writes
are read and written here. A file in another shape (a future Pagefind) is left as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


def make_stable(bundle: Path) -> None:
    """Rewrite the filter and metadata files of the index in bundle (site/pagefind) in a fixed order."""
    entry_file = bundle / ENTRY
    try:
        entry = json.loads(entry_file.read_text("utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    text = entry_file.read_text("utf-8")
    for language in languages.values():
        old = language.get("hash") if isinstance(language, dict) else None
        meta_file = bundle / f"pagefind.{old}.pf_meta"
        meta = _read(meta_file) if old else None
        if not isinstance(meta, list) or len(meta) < 4 or not isinstance(meta[3], list):
            continue
        meta[3] = [_stable_filter(bundle, item) for item in meta[3]]
        new = _write(bundle, "pagefind.{}.pf_meta", old.split("_")[0], meta, 10)
        if new != old:
            meta_file.unlink()
            text = text.replace(f'"{old}"', f'"{new}"')
    entry_file.write_text(text, "utf-8")


def _stable_filter(bundle: Path, item: Any) -> Any:
    """[name, hash] of one filter, its file rewritten with the values sorted."""
    if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
        return item
    name, old = item
    path = bundle / "filter" / f"{old}.pf_filter"
    content = _read(path)
    if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
        return item
    content[1] = sorted(content[1], key=lambda pair: str(pair[0]) if isinstance(pair, list) and pair else "")
    new = _write(bundle / "filter", "{}.pf_filter", old.split("_")[0], content, 7)
    if new != old:
        path.unlink()
    return [name, new]


def _read(path: Path) -> Any:
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
    if not raw.startswith(SIGNATURE):
        return None
    try:
        value, end = _decode(raw, len(SIGNATURE))
    except (ValueError, IndexError, UnicodeDecodeError):
        return None
    if end != len(raw) or _encode(value) != raw[len(SIGNATURE):]:  # a shape this reader would not write back as it was
        return None
    return value


def _write(folder: Path, pattern: str, language: str, value: Any, digits: int) -> str:
    """Write value under a name made from its content; that name (`en_1a2b3c4`)."""
    raw = SIGNATURE + _encode(value)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    (folder / pattern.format(name)).write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def _decode(data: bytes, i: int) -> tuple[Any, int]:
    """One CBOR item at data[i:]: unsigned and negative integers, byte and text strings, arrays, maps, and
    the simple values false, true and null (all Pagefind's index holds); the item and the offset after it."""
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if major == 7:
        if info not in (20, 21, 22):
            raise ValueError("a CBOR float or simple value")
        return {20: False, 21: True, 22: None}[info], i
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n, i = int.from_bytes(data[i:i + size], "big"), i + size
    else:
        raise ValueError("an indefinite-length CBOR item")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        chunk = data[i:i + n]
        return (chunk if major == 2 else chunk.decode("utf-8")), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    if major == 5:
        pairs = {}
        for _ in range(n):
            key, i = _decode(data, i)
            pairs[key], i = _decode(data, i)
        return pairs, i
    raise ValueError("a tagged CBOR item")


def _encode(value: Any) -> bytes:
    """CBOR in its shortest form, as Pagefind writes it."""
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(map(_encode, value))
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(type(value).__name__)


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError("an integer too large for CBOR")
