"""What the command line accepts beyond click's types: a kind as the data folders spell it, an id with a
suggestion when it is not one, and the project found from any folder inside it, as git finds its repository."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import click

from loopbook.config import CONFIG
from loopbook.model import ID_MAX, ID_RE, KIND_BY_PLURAL, KINDS


def kind_named(word: str) -> str:
    """The kind named by word, singular (story) or plural as under data/ (stories); a usage error with the closest one."""
    word = word.strip().lower()
    if word in KINDS:
        return word
    if word in KIND_BY_PLURAL:
        return KIND_BY_PLURAL[word].name
    names = list(KINDS) + list(KIND_BY_PLURAL)
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.5)
    hint = f"did you mean '{kind_named(close[0])}'? " if close else ""
    raise click.BadParameter(f"'{word}' is not a kind; {hint}kinds: {', '.join(KINDS)}", param_hint="KIND")


def slug(text: str) -> str:
    """'My-Story' -> 'my-story', 'Dive Deep' -> 'dive-deep': what an id would most likely be."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:ID_MAX].strip("-")


def checked_id(id_: str) -> str:
    if ID_RE.match(id_) and len(id_) <= ID_MAX:
        return id_
    suggestion = slug(id_)
    hint = f"; try '{suggestion}'" if suggestion else ""
    raise click.BadParameter(f"'{id_}' is not an id: ids are lower-case words joined by hyphens, at most {ID_MAX} characters{hint}",
                             param_hint="ID")


def find_root(start: Path | None) -> Path:
    """The project folder: start when given, else the nearest folder upward from here holding mkdocs.yml and data/."""
    if start is not None:
        root = start.resolve()
        if not _is_project(root):
            raise click.UsageError(f"{root} has no {CONFIG} and data/ folder; pass the project folder to --root")
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _is_project(folder):
            return folder
    raise click.UsageError(f"no {CONFIG} with a data/ folder in {here} or any folder above it; run loopbook inside the project or pass --root")


def _is_project(folder: Path) -> bool:
    return (folder / CONFIG).is_file() and (folder / "data").is_dir()
