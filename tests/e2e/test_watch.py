"""`loopbook check --watch`: the check again at every save, from one process, until Ctrl-C."""

from __future__ import annotations

import _thread
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

pytestmark = pytest.mark.e2e
STATUS = "watching for changes"


class Watcher:
    """`loopbook check --watch` in the background, its stderr read line by line."""

    def __init__(self, project) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "loopbook", "check", "--watch", "-C", str(project)],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def next_run(self, timeout_s: float = 60) -> list[str]:
        """The lines of the next run, up to and with its status line."""
        out, deadline = [], time.monotonic() + timeout_s
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            out.append(line)
            if STATUS in line:
                return out


@pytest.fixture
def watcher(project):
    w = Watcher(project)
    yield w
    if w.process.poll() is None:
        w.process.kill()
        w.process.wait(timeout=10)


def test_a_save_is_checked_again_and_the_fix_clears_it(project, watcher):
    assert watcher.next_run()[-1].startswith("ok: ")
    story = project / "data" / "stories" / "alb-outage.yaml"
    good = story.read_text()
    story.write_text(good.replace("principles:", "principles: [ownershp]\nold_principles:", 1))
    run = watcher.next_run()
    assert any("alb-outage.yaml" in line and ": error: " in line and "[unknown-key]" in line for line in run), run
    assert run[-1].startswith("problems above; checked in ")
    story.write_text(good)
    run = watcher.next_run()
    assert run[-1].startswith("ok: ") and not any(": error: " in line for line in run), run


def test_a_new_file_and_a_removed_one_are_noticed(project, watcher):
    watcher.next_run()
    new = project / "data" / "stories" / "fresh-start.yaml"
    new.write_text("title: Fresh start\nprinciples: [nowhere]\nsituation: S.\ntask: T.\naction: [I did it.]\nresult: It rose 2 %.\n")
    run = watcher.next_run()
    assert any("fresh-start.yaml" in line and "[missing-ref]" in line for line in run), run
    new.unlink()
    assert watcher.next_run()[-1].startswith("ok: ")


def test_ctrl_c_stops_it_cleanly(watcher):
    watcher.next_run()
    watcher.process.send_signal(signal.SIGINT)
    assert watcher.process.wait(timeout=20) == 0
    rest = watcher.process.stderr.read() if watcher.process.stderr else ""
    assert "Traceback" not in rest


def test_watch_and_external_are_refused_together(project):
    done = subprocess.run([sys.executable, "-m", "loopbook", "check", "--watch", "--external", "-C", str(project)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "run them apart" in done.stderr


def test_a_broken_mkdocs_yml_is_reported_and_its_fix_checks_again(project, watcher):
    watcher.next_run()
    config = project / "mkdocs.yml"
    good = config.read_text()
    config.write_text(good + "\nmarkdown_extensions: [no_such_extension]\n")
    run = watcher.next_run()
    assert any("mkdocs.yml:1:1: error: mkdocs:" in line and "[mkdocs-config]" in line for line in run), run
    assert run[-1].startswith("problems above; not checked")
    config.write_text(good)
    assert watcher.next_run()[-1].startswith("ok: ")


def test_without_inotify_the_watch_falls_back_to_looking_at_the_files(project, monkeypatch):
    """A system out of inotify watches (OSError at start) still gets a watch, by polling."""
    from watchdog.observers import Observer

    from loopbook.cli import watch as watching
    from loopbook.config import load_project
    from loopbook.diagnostics import Diagnostics

    class NoInotify(Observer):
        def start(self) -> None:
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watching, "Observer", NoInotify)
    story = project / "data" / "stories" / "alb-outage.yaml"
    runs = []

    def report(current, result, seconds) -> None:
        runs.append(result)
        if len(runs) == 1:
            story.write_text(story.read_text().replace("principles:", "principals:", 1))
        else:
            raise KeyboardInterrupt  # how Ctrl-C ends a watch

    deadline = threading.Timer(60, _thread.interrupt_main)  # a watch that never notices the edit stops here, one run short
    deadline.start()
    try:
        watching.watch(load_project(project, Diagnostics(), plugins=False), report, lambda diags: None)
    finally:
        deadline.cancel()
    assert len(runs) == 2 and not runs[0].diags.errors
    assert any(d.code == "unknown-key" and d.path.endswith("alb-outage.yaml") for d in runs[1].diags.errors)


def test_the_check_s_own_cache_does_not_set_off_another_run(project, watcher):
    """The first run writes .cache/ in the project folder; only a save to the data, the docs or
    mkdocs.yml is a change."""
    watcher.next_run()
    with pytest.raises(queue.Empty):
        watcher.next_run(timeout_s=2)
