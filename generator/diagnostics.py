"""Problems found in the data, collected during a run and reported once at the end.

A problem is a small value with a 1-based position, sortable, printed in the
``path:line:col: severity: message [code]`` form that compilers and yamllint use.

Everything a report shows came from the data or from file names, so each place it goes has one escaping
function here: ``visible`` for a terminal (and every message, which is one line whatever the data held),
``github_data`` and ``github_property`` for GitHub's workflow commands, JSON by ``json.dumps``. And the
one way a message names something the data may have misspelled: ``did_you_mean``, with ``shown_id``.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from loopbook.codes import CODES
from loopbook.model import slug

Severity = Literal["error", "warning"]


def visible(text: str, keep: str = "") -> str:
    """Text for a terminal: every character that would act instead of show (a control character such as
    ESC, BEL, NUL or a line break, a direction override, a zero-width space) written as its Python escape,
    \\x1b, \\n, \\u202e; characters in `keep` are left as they are."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else repr(c)[1:-1] for c in text)


def github_data(text: str) -> str:
    """Text after `::` in a GitHub workflow command: GitHub's documented escapes (%, CR, LF), so that
    nothing in it can end the command and start another (::stop-commands::, a fake ::notice)."""
    return visible(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (file=, title=): the data escapes, and `:` and `,`, which end it."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def shown_id(text: str) -> str:
    """An id, or what stands where one should, as a message quotes it: a character an id cannot hold that
    one could not see or tell from a Latin letter (a zero-width space, a Cyrillic 'о') as <U+200B>."""
    return "".join(c if " " <= c <= "~" else f"<U+{ord(c):04X}>" for c in text)


CLOSE = 0.6  # how alike (difflib's ratio) a word and an option must be for a suggestion


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """"did you mean 'x'?" when one option stands out for word, else "". An option stands out when it is
    the same id once case, look-alike letters and invisible characters are set aside ('Dive Deep',
    'о' in Cyrillic); else when it is closer than any other ('sev5' is as close to sev1 as to sev4, so
    neither); else when it is the one option that begins with what was written ('q-r' for q-root-cause)."""
    best = _standing_out(word, list(dict.fromkeys(options)))
    return f"did you mean '{best}'?" if best is not None else ""


def _standing_out(word: str, options: list[str]) -> str | None:
    key = slug(word) or word
    keys = {option: slug(option) or option for option in options}
    same = [option for option, k in keys.items() if k == key and option != word]
    if len(same) == 1:
        return same[0]
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), option) for option, k in keys.items()), reverse=True)
    scored = [(ratio, option) for ratio, option in scored if ratio >= CLOSE]
    if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    if scored:
        return None  # two equally close: neither is the one meant
    begun = [o for o, k in keys.items() if k.startswith(key + "-")] or [o for o, k in keys.items() if k.startswith(key)]
    return begun[0] if len(begun) == 1 and key else None


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str

    def text(self) -> str:
        return f"{visible(self.path)}:{self.line}:{self.col}: {self.severity}: {visible(self.message)} [{self.code}]"

    def github(self) -> str:
        return (f"::{self.severity} file={github_property(self.path)},line={self.line},col={self.col},"
                f"title={github_property(self.code)}::{github_data(self.message)}")


@dataclass
class Diagnostics:
    """Everything one run found; stages add to it and go on, the CLI reports once."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False)

    def add(self, diag: Diagnostic) -> None:
        if diag.code not in CODES:  # every code is explained to contributors; an unknown one is a bug here
            raise ValueError(f"diagnostic code {diag.code!r} is not in generator/codes.py")
        # One line each, whatever the data held (a key may contain a line break): control characters are shown escaped.
        if not diag.message.isprintable():
            diag = replace(diag, message=visible(diag.message))
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
