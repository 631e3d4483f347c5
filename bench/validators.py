"""`python -m bench.validators ROOT`: the JSON Schema validators on one data set, in a fresh process.

The candidates the issue names, on our schemas and every entry of ROOT's data/: jsonschema (what
gives every message and position), jsonschema-rs (what `loopbook check` asks first, generator/data/schema.py)
and fastjsonschema (bench only). Each is timed importing itself and compiling the schemas, then judging every entry.
Prints one JSON object: {name: {"compile_s", "validate_s", "valid", "error"}}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

from loopbook.data.load import data_files, load_entry
from loopbook.diagnostics import Diagnostics

SCHEMAS = Path(__file__).resolve().parent.parent / "generator" / "schemas"


def schema_for(kind: str) -> dict[str, Any]:
    """Read here, not through loopbook.data.schema, which imports jsonschema-rs before any clock starts."""
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))


def _jsonschema(schema: dict[str, Any]) -> Callable[[Any], bool]:
    from jsonschema import Draft202012Validator, FormatChecker

    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return lambda data: not any(True for _ in validator.iter_errors(data))  # as check reads them: every error


def _jsonschema_rs(schema: dict[str, Any]) -> Callable[[Any], bool]:
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema, validate_formats=True).is_valid


def _fastjsonschema(schema: dict[str, Any]) -> Callable[[Any], bool]:
    import fastjsonschema

    validate = fastjsonschema.compile(schema)

    def valid(data: Any) -> bool:
        try:
            validate(data)
            return True
        except fastjsonschema.JsonSchemaException:
            return False
    return valid


CANDIDATES = {"jsonschema": _jsonschema, "jsonschema-rs": _jsonschema_rs, "fastjsonschema": _fastjsonschema}


def measure(root: Path) -> dict[str, dict[str, Any]]:
    entries = [e for f in data_files(root) if (e := load_entry(f, f.relative_to(root).as_posix(), Diagnostics()))]
    kinds = sorted({e.kind.name for e in entries})
    out: dict[str, dict[str, Any]] = {}
    for name, make in CANDIDATES.items():
        try:
            start = time.perf_counter()
            compiled = {k: make(schema_for(k)) for k in kinds}
            compiled_at = time.perf_counter()
            valid = sum(compiled[e.kind.name](e.data) for e in entries)
            done = time.perf_counter()
        except ImportError as e:
            out[name] = {"error": f"not installed ({e.name})"}
            continue
        out[name] = {"compile_s": compiled_at - start, "validate_s": done - compiled_at, "valid": valid, "entries": len(entries)}
    return out


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
