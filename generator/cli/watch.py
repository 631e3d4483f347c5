"""``loopbook check --watch``: the check again at every save, from a process that stays up.

A one-shot check pays for Python's imports, MkDocs' reading of mkdocs.yml and every file's loading
on each run. Kept running, the pipeline reloads only the files that changed and re-renders only the
pages they reach (generator/pipeline.py), so a contributor editing YAML sees the problems of a save
in a fraction of a cold check. Saves are noticed by watchdog (MkDocs' own file watcher); a burst of
events (an editor writing a temporary file, then renaming it) makes one run.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path as FsPath
from typing import Callable

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from loopbook.cli.strictness import failing, strict_codes
from loopbook.config import CONFIG, Project, load_project
from loopbook.diagnostics import Diagnostics, format_report
from loopbook.pipeline import Pipeline, Result

STATUS = "watching for changes (Ctrl-C to stop)"  # the last line of each run's report

QUIET_S = 0.05  # a save is over when no event has come for this long (an editor's burst takes milliseconds)


class _Changes(FileSystemEventHandler):
    def __init__(self, config: FsPath) -> None:
        self.config = config
        self.seen = threading.Event()
        self.last = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):  # reading a file changes nothing
            return
        touched = {FsPath(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p}
        root = self.config.parent
        if all(p == root or p.parent == root for p in touched) and self.config not in touched:
            return  # in the project folder itself only mkdocs.yml counts (not the folder, not .cache/, not site/)
        self.last = time.monotonic()
        self.seen.set()

    def wait(self) -> None:
        """Until a burst of changes is over."""
        self.seen.wait()
        while time.monotonic() - self.last < QUIET_S:
            time.sleep(QUIET_S / 2)
        self.seen.clear()


def watch(project: Project, report: Callable[[Project, Result, float], None], failed: Callable[[Diagnostics], None]) -> None:
    """Check now and after every change to data/, the docs folder or mkdocs.yml, until interrupted.
    `report` shows a run's result and how long it took; `failed` shows why mkdocs.yml could not be read."""
    changes = _Changes(project.root / CONFIG)
    try:
        observer = _observe(Observer(), project, changes)
    except OSError:  # no inotify watch left (a system limit): look at the files every second instead
        observer = _observe(PollingObserver(timeout=1), project, changes)
    pipeline: Pipeline | None = Pipeline(project)
    current = project
    config_stamp = _stamp(project.root / CONFIG)
    try:
        while True:
            if pipeline is not None:
                start = time.perf_counter()
                report(current, pipeline.run(), time.perf_counter() - start)
            changes.wait()
            if _stamp(project.root / CONFIG) != config_stamp:  # new settings: read them, start afresh
                config_stamp = _stamp(project.root / CONFIG)
                diags = Diagnostics()
                reread = load_project(project.root, diags, plugins=False)
                pipeline = Pipeline(reread) if reread is not None else None
                if reread is None:
                    failed(diags)
                else:
                    current = reread
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join(timeout=5)


def _observe(observer: BaseObserver, project: Project, changes: _Changes) -> BaseObserver:
    for folder in (project.root / "data", project.docs_dir):
        if folder.is_dir():
            observer.schedule(changes, str(folder), recursive=True)
    observer.schedule(changes, str(project.root), recursive=False)  # mkdocs.yml itself
    observer.start()
    return observer


def _stamp(file: FsPath) -> tuple[int, int] | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def watch_and_report(project: Project, fmt: str, strict: bool, quiet: bool, every: bool = False) -> None:
    """`loopbook check --watch`: each run's report as `check` prints it, then one status line. On a
    terminal, each report replaces the one before, as a save's problems are all that matter."""
    clear = fmt == "text" and sys.stderr.isatty()
    runs = 0

    def show(diags: Diagnostics, codes: frozenset[str] = frozenset()) -> bool:
        out = format_report(diags, fmt, every)
        if out:
            click.echo(out, err=fmt == "text")
        return not failing(diags, strict, codes)

    def report(current: Project, result: Result, seconds: float) -> None:
        nonlocal runs
        if clear and runs:
            click.echo("\033[2J\033[H", err=True, nl=False)
        runs += 1
        clean = show(result.diags, strict_codes(current.settings, result.diags))
        if not quiet:
            verdict = f"ok: {len(result.book.all())} entries" if clean else "problems above"
            click.echo(f"{verdict}; checked in {seconds:.2f} s at {time.strftime('%H:%M:%S')}, {STATUS}", err=True)

    def failed(diags: Diagnostics) -> None:  # mkdocs.yml itself is wrong: nothing to check until it is fixed
        show(diags)
        if not quiet:
            click.echo(f"problems above; not checked, {STATUS}", err=True)

    watch(project, report, failed)
