"""What the command line accepts beyond click's types: a kind as the data folders spell it, an id with a
suggestion when it is not one, a path that is not empty, and the project found from any folder inside
it, as git finds its repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from loopbook.config import CONFIG
from loopbook.diagnostics import did_you_mean, shown_id
from loopbook.model import ID_MAX, KIND_BY_PLURAL, KINDS, RESERVED_ID, is_id, slug


def kind_named(word: str) -> str:
    """The kind named by word, singular (story) or plural as under data/ (stories); a usage error with the closest one."""
    word = word.strip().lower()
    if word in KINDS:
        return word
    if word in KIND_BY_PLURAL:
        return KIND_BY_PLURAL[word].name
    hint = did_you_mean(word, KINDS)
    raise click.BadParameter(f"'{shown_id(word)}' is not a kind; {hint + ' ' if hint else ''}kinds: {', '.join(KINDS)}", param_hint="KIND")


def checked_id(id_: str) -> str:
    if id_ == RESERVED_ID:
        raise click.BadParameter(f"'{RESERVED_ID}' is the name of the kind's index page; name the entry after what it is about",
                                 param_hint="ID")
    if is_id(id_):
        return id_
    suggestion = slug(id_)
    raise click.BadParameter(f"'{shown_id(id_)}' is not an id: ids are lower-case words joined by hyphens, at most {ID_MAX} characters"
                             f"{f'; try {suggestion!r}' if suggestion else ''}", param_hint="ID")


class PathArgument(click.Path):
    """click's Path, refusing the empty string: `--out ''` names no file (Path('') would be the current folder)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("an empty path names nothing; give a file or folder", param, ctx)
        return super().convert(value, param, ctx)


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
    raise click.UsageError(f"no {CONFIG} with a data/ folder in {here} or any folder above it; "
                           "run loopbook inside the project or pass --root")


def _is_project(folder: Path) -> bool:
    return (folder / CONFIG).is_file() and (folder / "data").is_dir()
