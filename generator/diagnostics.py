"""Problems found in the data, collected during a run and reported once at the end.

A problem is a small value with a 1-based position, sortable, printed in the
``path:line:col: severity: message [code]`` form that compilers and yamllint use.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from loopbook.codes import CODES

Severity = Literal["error", "warning"]
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    def github(self) -> str:
        # Workflow commands end at a newline and treat % specially, so both are escaped.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.col},title={self.code}::{msg}"


@dataclass
class Diagnostics:
    """Everything one run found; stages add to it and go on, the CLI reports once."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False)

    def add(self, diag: Diagnostic) -> None:
        if diag.code not in CODES:  # every code is explained to contributors; an unknown one is a bug here
            raise ValueError(f"diagnostic code {diag.code!r} is not in generator/codes.py")
        # One line each, whatever the data held (a key may contain a line break): control characters are shown escaped.
        if _CONTROL.search(diag.message):
            diag = replace(diag, message=_CONTROL.sub(lambda m: repr(m.group(0))[1:-1], diag.message))
        # Two stages may find the same problem (a bad link in the YAML and on its page): report it once.
        if diag not in self._seen:
            self._seen.add(diag)
            self.items.append(diag)

    def error(self, path: str, line: int, col: int, message: str, code: str) -> None:
        self.add(Diagnostic(path, line, col, "error", message, code))

    def warning(self, path: str, line: int, col: int, message: str, code: str) -> None:
        self.add(Diagnostic(path, line, col, "warning", message, code))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items)


FORMATS = ("text", "github", "json")


def format_report(diags: Diagnostics, fmt: str = "text") -> str:
    """The whole report in one of FORMATS; text ends with a one-line summary."""
    items = diags.sorted()
    if fmt == "json":
        return json.dumps([asdict(d) for d in items], indent=2)
    if fmt == "github":
        return "\n".join(d.github() for d in items)
    lines = [d.text() for d in items]
    n_err, n_warn = len(diags.errors), len(diags.warnings)
    if n_err or n_warn:
        lines.append(f"{_plural(n_err, 'error')}, {_plural(n_warn, 'warning')}{_repeated(items)}")
    return "\n".join(lines)


REPEATED = 5  # a code reported more often than this is counted in the summary


def _repeated(items: list[Diagnostic]) -> str:
    """The codes a run reported many times, with their counts: what a long report is mostly about."""
    counts = Counter(d.code for d in items)
    many = [f"{code} {n}" for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n > REPEATED]
    return f" (most often: {', '.join(many)})" if many else ""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def shown_path(root: Path, path: Path | str) -> str:
    """A path as messages show it: relative to the project root when inside it, else in full."""
    path = Path(path).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
