"""The folders mkdocs.yml names, held to one policy before anything is read or written.

A pull request can change mkdocs.yml, so what it names is checked as hostile, for every command and every
engine (and by the plugin for a plain ``mkdocs build``), each problem at its line:

- **The site folder is the build's alone**: not the project folder, not one that holds or lies inside the
  docs folder, ``data/``, ``.git``, the theme folder or another source, and not one outside the project
  unless ``extra: loopbook: allow_outside_project: [site_dir]`` says so (``build --site-dir``, typed by
  whoever runs the build, may point anywhere). What the swap may replace is decided when it runs
  (loopbook.engines.publish: only a folder that is empty or carries loopbook's marker).
- **Nothing from outside the project is read or published**: ``docs_dir`` and ``theme.custom_dir`` lie in the
  project (unless listed under ``allow_outside_project``), no symbolic link in them or in ``.cache`` leads out
  of it, and a Markdown extension is never imported from the project folder by a command that builds nothing.
"""

from __future__ import annotations

import os
import site
import sys
from importlib.metadata import entry_points
from importlib.util import find_spec
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from loopbook.diagnostics import Diagnostics, shown_path

if TYPE_CHECKING:
    from loopbook.config import Project, Where

OPT_IN = "allow_outside_project"  # under extra: loopbook:, the settings that may name a folder outside the project


def check(project: Project, diags: Diagnostics, site_from_command_line: bool = False, site: bool = True) -> bool:
    """Every problem of the folders the project names, reported; True when there is none. `site=False`
    leaves the site folder alone (serve builds into a temporary folder of MkDocs' own)."""
    before = len(diags.errors)
    allowed = _opted_in(project, diags)
    docs = _outside(project, "docs_dir", project.docs_dir, allowed, diags)
    custom = project.mkdocs["theme"].custom_dir
    if custom:
        docs &= _outside(project, "theme.custom_dir", FsPath(custom), allowed, diags)
    if project.docs_dir.resolve() == project.root:
        diags.error(*project.where("docs_dir"), "docs_dir is the project folder: the site would publish data/, .git and "
                    "everything else; keep the pages in a folder of their own, such as docs", "docs-dir")
        docs = False
    if docs:
        for folder in (project.docs_dir, *([FsPath(custom)] if custom else [])):
            if (project.root / folder).resolve().is_relative_to(project.root):  # one allowed outside holds what it holds
                _links_leading_out(project, folder, diags)
    _cache_links(project, diags)
    if site:
        _site_dir(project, allowed, site_from_command_line, diags)
    return len(diags.errors) == before


def _opted_in(project: Project, diags: Diagnostics) -> set[str]:
    value = project.settings.get(OPT_IN, [])
    if not isinstance(value, list) or not all(v in ("site_dir", "docs_dir", "theme.custom_dir") for v in value):
        diags.error(*project.where(f"extra.loopbook.{OPT_IN}"), f"extra.loopbook.{OPT_IN} lists the settings that may name a folder "
                    "outside the project: site_dir, docs_dir, theme.custom_dir", "mkdocs-config")
        return set()
    return set(value)


def _outside(project: Project, setting: str, folder: FsPath, allowed: set[str], diags: Diagnostics) -> bool:
    """An error, unless allowed, when a folder the site is made from lies outside the project; True when fine."""
    resolved = (project.root / folder).resolve()
    if resolved.is_relative_to(project.root) or setting in allowed:
        return True
    diags.error(*project.where(setting), f"{setting} is {resolved}, outside the project: the site would publish files from outside it; "
                f"keep it in the project, or list {setting} under extra.loopbook.{OPT_IN} to allow it", "docs-dir")
    return False


def _links_leading_out(project: Project, folder: FsPath, diags: Diagnostics) -> None:
    """Each symbolic link under folder that leads outside the project (MkDocs follows them, and Zensical's
    staging copies what they point at), reported at its own path."""
    top = (project.root / folder)
    for here, dirs, files in os.walk(top):
        for name in [*dirs, *files]:
            path = FsPath(here) / name
            if path.is_symlink() and not _inside(project.root, path):
                diags.error(f"{shown_path(project.root, path.parent)}/{name}", 1, 1,
                            f"a symbolic link to {_target(path)}, outside the project: the site would publish it; copy the file "
                            "into the project or remove the link", "outside-link")


def _cache_links(project: Project, diags: Diagnostics) -> None:
    """loopbook writes and deletes under .cache/loopbook: it must be a folder of the project's own."""
    for path in (project.root / ".cache", project.cache_dir):
        if path.is_symlink():
            diags.error(f"{project.shown(path.parent)}/{path.name}", 1, 1, f"a symbolic link to {_target(path)}: loopbook writes "
                        "and deletes its cache here, so it must be a folder of the project's own; remove the link", "outside-link")
            return


def _inside(root: FsPath, path: FsPath) -> bool:
    try:
        return path.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):  # dangling, or a loop of links
        return False


def _target(path: FsPath) -> str:
    try:
        return str(path.resolve(strict=True))
    except (OSError, RuntimeError):
        return f"{os.readlink(path)} (which cannot be resolved)"


def _site_dir(project: Project, allowed: set[str], from_command_line: bool, diags: Diagnostics) -> None:
    site, root = project.site_dir.resolve(), project.root
    where = project.where("site_dir")
    if site == root or root.is_relative_to(site):
        diags.error(*where, f"site_dir is {'the project folder' if site == root else site}, which holds the project: a build replaces "
                    "its site folder whole; choose a folder of its own, such as site", "site-dir")
        return
    for name, source in _sources(project):
        if site.is_relative_to(source) or source.is_relative_to(site):
            relation = "is" if site == source else "lies inside" if site.is_relative_to(source) else "holds"
            diags.error(*where, f"site_dir {shown_path(root, site)} {relation} {name}: a build replaces its site folder whole, "
                        "and would delete it; choose a folder of its own, such as site", "site-dir")
            return
    if not site.is_relative_to(root) and "site_dir" not in allowed and not from_command_line:
        diags.error(*where, f"site_dir is {site}, outside the project; a build writes only inside it unless "
                    f"extra.loopbook.{OPT_IN} lists site_dir", "site-dir")


def _sources(project: Project) -> list[tuple[str, FsPath]]:
    """The folders and files a build reads, by how messages name them."""
    root, cfg = project.root, project.mkdocs
    found = [("docs_dir", project.docs_dir), ("data/", root / "data"), (".git", root / ".git"), ("mkdocs.yml", root / "mkdocs.yml")]
    if cfg["theme"].custom_dir:
        found.append(("theme.custom_dir", FsPath(cfg["theme"].custom_dir)))
    found += [(f"watch: {w}", FsPath(w)) for w in cfg.get("watch") or []]
    return [(name, (root / path).resolve()) for name, path in found]


def local_extensions(root: FsPath, extensions: Any, positions: dict[str, Where], diags: Diagnostics) -> bool:
    """False, with an error at its line, when a Markdown extension would be imported from the project folder:
    Python-Markdown imports an extension by its name, and a module of that name in the project is the
    contributor's code. An installed extension (by entry point, from this interpreter's environment even when it
    is a .venv inside the project, or from anywhere outside the project) is fine."""
    if not isinstance(extensions, list):
        return True
    registered = set(entry_points(group="markdown.extensions").names)
    ok = True
    for item in extensions:
        name = next(iter(item)) if isinstance(item, dict) and len(item) == 1 else item
        if not isinstance(name, str) or name in registered:
            continue
        origin = _origin(name.split(":")[0].split(".")[0])
        if origin is not None and origin.is_relative_to(root) and not _installed(origin):
            where = positions.get(f"markdown_extensions.{name}")
            diags.error(*(where or ("mkdocs.yml", 1, 1)), f"the Markdown extension {name} would be imported from "
                        f"{shown_path(root, origin)}, in the project: a command that builds nothing runs no code from the "
                        "project; install the extension as a package", "config-code")
            ok = False
    return ok


def _installed(origin: FsPath) -> bool:
    """Whether a module lies in this interpreter's environment (a .venv kept in the project is one)."""
    places = {sys.prefix, sys.base_prefix, *site.getsitepackages(), site.getusersitepackages()}
    return any(origin.is_relative_to(FsPath(place).resolve()) for place in places)


def _origin(module: str) -> FsPath | None:
    """Where a top-level module would be imported from, without importing it."""
    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    place = spec.origin if spec.origin not in (None, "built-in", "frozen") else next(iter(spec.submodule_search_locations or []), None)
    return FsPath(place).resolve() if place else None
