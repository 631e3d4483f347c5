"""The Zensical engine: Zensical, the successor of Material for MkDocs, builds the same pages.

Zensical reads mkdocs.yml but runs no MkDocs plugins, so it gets the pipeline's pages on disk: a
staging docs folder under loopbook's cache holds the hand-written pages and the generated ones
(the project's own docs folder is never written), and a staging theme folder holds loopbook's
overrides with the project's own custom_dir laid over them. Zensical has no option for the
output folder either, so a throw-away config beside mkdocs.yml inherits it (``INHERIT``) and
points docs_dir, theme.custom_dir and site_dir at those folders.

Zensical runs as ``python -m zensical`` in a subprocess of this interpreter, so it is the one
installed beside loopbook. Differences from the MkDocs build are listed in the README.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

import yaml

from loopbook.config import CONFIG
from loopbook.diagnostics import Diagnostics
from loopbook.engines.assets import EXTRA_CSS, THEME_DIR
from loopbook.engines.tools import run_tool
from loopbook.files import atomic_write
from loopbook.progress import Progress
from loopbook.render.sitemap import GENERATED

if TYPE_CHECKING:
    from loopbook.config import Project
    from loopbook.pipeline import Site

TIMEOUT_S = 900
STAGE = "zensical"  # under the project's cache folder
# An error or warning line, or the last line of a traceback ("RuntimeError: ...").
_PROBLEM = re.compile(r"^(?:[\w.]*(?:Error|Exception)|warning|error)\b", re.I)
_FRAME = re.compile(r"\[ ?([^\s\]]+):(\d+):(\d+) ?\]")  # ╭─[ guide/x.md:7:10 ]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


MODULE = "zensical"


def unavailable() -> str | None:
    """Why Zensical cannot run here, or None when it can."""
    if find_spec(MODULE) is None:
        return f"Zensical is not installed (missing Python module {MODULE}); install it: pip install zensical==0.0.73 (make setup does)"
    return None


def command(config: FsPath) -> list[str]:
    """The Zensical command line; tests replace it to exercise the failure paths without Zensical."""
    return [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config)]


class ZensicalEngine:
    name = "zensical"

    def unavailable(self) -> str | None:
        return unavailable()

    def build(self, project: Project, site: Site, out: FsPath, diags: Diagnostics, progress: Progress) -> bool:
        root = project.root
        if not out.resolve().is_relative_to(root) or out.resolve() == root:
            # Zensical refuses a site_dir outside the project; say so before it does, in our words.
            diags.error(CONFIG, 1, 1, f"Zensical writes the site only inside the project folder; choose a site_dir below {root}",
                        "zensical")
            return False
        stage = project.cache_dir / STAGE
        docs, theme = _stage_docs(project, site, stage / "docs"), _stage_theme(project, stage / "theme")
        stage = progress.begin("zensical build")
        with _inheriting_config(project, {"docs_dir": docs, "site_dir": out, "theme": theme}) as config:
            ran = _run(command(config), root, diags, project.shown(project.docs_dir))
        stage.end()
        if not ran:
            return False
        if not (out / "index.html").is_file():
            diags.error(CONFIG, 1, 1, "zensical: the build reported success but wrote no index.html", "zensical")
            return False
        return True


def _stage_docs(project: Project, site: Site, docs: FsPath) -> FsPath:
    """The hand-written pages and the generated ones, in a folder of loopbook's own."""
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(project.docs_dir, docs, symlinks=False)
    write_pages(docs, site.pages)
    return docs


def _stage_theme(project: Project, theme: FsPath) -> FsPath:
    """loopbook's theme folder, with the project's own custom_dir laid over it (its files win)."""
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(THEME_DIR, theme)
    custom = project.mkdocs["theme"].custom_dir
    if custom:
        shutil.copytree(custom, theme, dirs_exist_ok=True)
    return theme


def _run(cmd: list[str], root: FsPath, diags: Diagnostics, docs_shown: str) -> bool:
    done = run_tool("zensical", cmd, diags, CONFIG, "zensical", timeout=TIMEOUT_S, cwd=root)
    if done is None:
        return False
    if done.returncode == 0:
        return True
    for path, line, col, message in problems(done.stdout + "\n" + done.stderr, docs_shown):
        diags.error(path, line, col, f"zensical: {message}", "zensical")
    return False


def problems(output: str, docs_shown: str = "docs") -> list[tuple[str, int, int, str]]:
    """(path, line, col, message) for each problem of a failed Zensical run.

    Zensical prints a problem as a coloured "Warning: message" followed by a frame whose first line
    names the place, "╭─[ guide/x.md:7:10 ]" (relative to docs/). Without such lines, the last line
    of a Python traceback (the exception) is the message, never the traceback itself.
    """
    lines = [_ANSI.sub("", line).strip() for line in output.splitlines()]
    lines = [line for line in lines if line]
    found = []
    for i, line in enumerate(lines):
        if _PROBLEM.match(line):
            where = next((m for m in map(_FRAME.search, lines[i + 1:i + 3]) if m), None)
            if where:
                found.append((f"{docs_shown}/{where[1]}", int(where[2]), int(where[3]), line.split(":", 1)[1].strip()))
            else:
                found.append((CONFIG, 1, 1, line))
    located = [f for f in found if f[0] != CONFIG]
    if located:  # then the exception only says that strict mode stopped the build
        return list(dict.fromkeys(located))
    if not found and lines:
        found = [(CONFIG, 1, 1, lines[-1])]
    return list(dict.fromkeys(found)) or [(CONFIG, 1, 1, "the build failed and printed nothing")]


@contextmanager
def _inheriting_config(project: Project, paths: dict[str, FsPath]) -> Iterator[FsPath]:
    """mkdocs.yml with the folders changed. It must sit beside mkdocs.yml: Zensical takes the project
    folder from the config file's location, and wants every folder inside it, written relative."""
    root = project.root
    settings: dict[str, Any] = {"INHERIT": CONFIG}
    settings["docs_dir"] = os.path.relpath(paths["docs_dir"], root)
    settings["site_dir"] = os.path.relpath(paths["site_dir"], root)
    # INHERIT merges mappings key by key: the theme keeps every setting of mkdocs.yml but the folder.
    settings["theme"] = {"custom_dir": os.path.relpath(paths["theme"], root)}
    settings["extra_css"] = [*project.mkdocs["extra_css"], *(c for c in EXTRA_CSS if c not in project.mkdocs["extra_css"])]
    fd, name = tempfile.mkstemp(prefix=".loopbook-zensical-", suffix=".yml", dir=root)
    config = FsPath(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yaml.safe_dump(settings, f, sort_keys=False, allow_unicode=True)
        yield config
    finally:
        config.unlink(missing_ok=True)


def write_pages(docs_dir: FsPath, rendered: dict[str, str]) -> tuple[int, int]:
    """Write changed pages under <docs_dir>/<GENERATED>/, delete stale ones; (written, removed)."""
    out_dir = docs_dir / GENERATED
    written = removed = 0
    for rel_path, content in rendered.items():
        assert rel_path.startswith(GENERATED + "/")  # ids are validated; this is the last line of defence
        target = docs_dir / rel_path
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        atomic_write(target, data)
        written += 1
    wanted = {docs_dir / p for p in rendered}
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed


ENGINE = ZensicalEngine
