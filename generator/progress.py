"""Progress on a terminal for the long parts of a run: the stage, a count and a rate (click's progress bar).

Shown only on a terminal, with the text report and without --quiet: a CI log, a pipe, or a JSON or
GitHub report gets nothing extra, so what tools read stays exactly the report.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import click


class Stage:
    """One stage on screen; `tick` counts done items, `end` closes the line."""

    def __init__(self, label: str, total: int | None) -> None:
        self.start = time.monotonic()
        self.done = 0
        self.label = label
        self.bar: Any = None
        if total:
            self.bar = click.progressbar(length=total, label=f"{label:<14}", file=sys.stderr, show_pos=True, show_eta=False,
                                         item_show_func=lambda rate: rate)
            self.bar.__enter__()
        else:
            click.echo(f"{label} ...", err=True)

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.bar is not None:
            rate = self.done / max(time.monotonic() - self.start, 1e-6)
            self.bar.update(n, f"{rate:,.0f}/s")

    def end(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class _Quiet(Stage):
    def __init__(self, label: str = "", total: int | None = None) -> None:
        self.done = 0

    def tick(self, n: int = 1) -> None:
        pass

    def end(self) -> None:
        pass


class Progress:
    def __init__(self, on_terminal: bool) -> None:
        self.on_terminal = on_terminal

    @classmethod
    def for_run(cls, fmt: str = "text", quiet: bool = False) -> Progress:
        return cls(fmt == "text" and not quiet and sys.stderr.isatty())

    def begin(self, label: str, total: int | None = None) -> Stage:
        return Stage(label, total) if self.on_terminal else _Quiet()


NONE = Progress(False)
