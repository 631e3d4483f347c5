"""``loopbook alerts --fix``: runbook_url annotations written into Prometheus rule files, and nothing else
of the file changed.

ruamel.yaml reads the file as a round-trip document (comments, key order, quoting and flow style kept)
and writes it back. Its round-trip mode builds no Python object from a tag, and the file has already been
read by loopbook's own safe composer (which refuses tags, anchors and aliases) when it was read as a
source. Indentation is not part of that document, so the settings that give the untouched file back byte
for byte are found first; a file that no setting reproduces (unusual spacing, CRLF line
endings) is not rewritten at all, and the caller says which URL to write by hand. The file is replaced in
one rename by loopbook.files.atomic_write, which never writes through a symbolic link; the caller only
passes files it read as configured alert sources.
"""

from __future__ import annotations

import io
from pathlib import Path as FsPath
from typing import Any

from loopbook.data.alerts import MAX_SOURCE_BYTES
from loopbook.data.load import LoadProblem, read_text
from loopbook.files import atomic_write
from loopbook.model import DataPath

# (mapping, sequence, offset) indentations tried, the guessed one first.
_INDENTS = ((2, 2, 0), (2, 4, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0), (4, 2, 0))


class FixProblem(Exception):
    pass


def set_runbook_urls(file: FsPath, urls: dict[DataPath, str]) -> bool:
    """Give each rule (by its path in the file's YAML stream) its runbook_url; True when the file changed."""
    try:
        text = read_text(file, MAX_SOURCE_BYTES)
    except LoadProblem as p:
        raise FixProblem(p.message) from None
    round_trip = _faithful(text)
    documents = list(round_trip.load_all(text))
    changed = False
    for at, url in urls.items():
        changed |= _set(_rule(documents, at), url)
    if changed:
        out = io.StringIO()
        round_trip.dump_all(documents, out)
        atomic_write(file, out.getvalue())
    return changed


def _faithful(text: str) -> Any:
    """A round-trip YAML whose dump of the untouched text is that text; FixProblem if there is none."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, sequence, offset = load_yaml_guess_indent(text)
        for mapping, seq, off in ((2, sequence, offset or 0), *_INDENTS):
            round_trip = YAML(typ="rt")
            round_trip.preserve_quotes = True
            round_trip.width = 1 << 16  # never fold a long line
            round_trip.explicit_start = text.lstrip().startswith("---")
            round_trip.indent(mapping=mapping, sequence=seq, offset=off)
            out = io.StringIO()
            round_trip.dump_all(list(round_trip.load_all(text)), out)
            if out.getvalue() == text:
                return round_trip
    except YAMLError as e:
        raise FixProblem(f"ruamel.yaml cannot read it: {' '.join(str(e).split())[:200]}") from None
    raise FixProblem("ruamel.yaml would not write it back as it is written (its spacing, indentation or line endings), so it is left "
                     "as it was")


def _rule(documents: list[Any], at: DataPath) -> Any:
    node: Any = documents[int(at[0])]
    for key in at[1:]:
        node = node[key]
    return node


def _set(rule: Any, url: str) -> bool:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import ScalarString

    notes = rule.get("annotations")
    if notes is None:  # no annotations, or an empty one: a new mapping after the labels (or at the end)
        keys = list(rule.keys())
        after = keys.index("labels") + 1 if "labels" in keys else len(keys)
        if "annotations" in keys:
            rule["annotations"] = CommentedMap(runbook_url=url)
        else:
            rule.insert(after, "annotations", CommentedMap(runbook_url=url))
        return True
    old = notes.get("runbook_url")
    if old == url:
        return False
    # The old value's quoting is kept: a value written in quotes stays in quotes.
    notes["runbook_url"] = type(old)(url) if isinstance(old, ScalarString) else url
    return True
