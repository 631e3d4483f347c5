"""The commands a contributor writes with: ``new``, ``list``, ``init`` and ``schemas``."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path as FsPath

import click

from loopbook.checks.modeline import check_export
from loopbook.cli import init as starting
from loopbook.cli.arguments import PathArgument, checked_id, find_root, kind_named
from loopbook.cli.listing import id_lines
from loopbook.cli.options import format_option, project_at, report, root_option
from loopbook.cli.scaffold import template
from loopbook.data import editor
from loopbook.diagnostics import Diagnostics
from loopbook.files import atomic_write
from loopbook.model import KINDS, PRIVATE_FOLDER


@click.command(short_help="Write a new entry from a commented template.",
               help=f"Write data/<kinds>/<ID>.yaml from a commented template. KIND is one of {', '.join(KINDS)} "
                    "(or its plural, as the data folders are named).")
@root_option
@click.argument("kind", metavar="KIND")
@click.argument("id_", metavar="ID")
@click.option("--private", "private", is_flag=True,
              help="Write it under data/private/, which .gitignore keeps out of the repository and the public site leaves out.")
def new(root: FsPath | None, kind: str, id_: str, private: bool) -> None:
    """Write data/<kinds>/<ID>.yaml from a commented template (under data/private/ with --private)."""
    kind, id_ = kind_named(kind), checked_id(id_)
    root = find_root(root)
    folders = [root / "data" / KINDS[kind].plural, root / PRIVATE_FOLDER / KINDS[kind].plural]
    path = folders[private] / f"{id_}.yaml"
    rel = path.relative_to(root).as_posix()
    if path.is_symlink():  # a dangling link does not exist, and writing to it would write where it points
        raise click.ClickException(f"{rel} is a symbolic link; loopbook does not write through links")
    taken = [f / f"{id_}.yaml" for f in folders if (f / f"{id_}.yaml").exists()]
    if taken:
        raise click.ClickException(f"{taken[0].relative_to(root).as_posix()} exists already")
    try:
        atomic_write(path, template(kind, private), inside=root)
    except OSError as e:
        raise click.ClickException(f"cannot write {rel}: {e.strerror or e}") from None
    click.echo(f"wrote {rel}; fill it in, then run: loopbook check")


@click.command("list", short_help="Print the ids references can use, with titles.")
@root_option
@click.argument("kind", metavar="[KIND]", required=False)
def list_ids(root: FsPath | None, kind: str | None) -> None:
    """Print every id that references can use (kind:id, then the title), of one KIND or of all."""
    from loopbook.data.load import load_handbook

    kind = kind_named(kind) if kind else None
    book = load_handbook(find_root(root), Diagnostics())  # a file that does not load has no id to offer
    try:
        click.echo("\n".join(id_lines(book, kind)))
    except BrokenPipeError:  # `loopbook list | head` closed the pipe: not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@click.command(short_help="Make a new handbook repository, then check it.")
@click.argument("dest", metavar="DIR", type=PathArgument(file_okay=False, path_type=FsPath))
@click.option("--title", default=None, help="The site's name.  [default: from DIR, my-prep gives My prep]")
@click.option("--principles", type=click.Choice(starting.PRINCIPLE_SETS), default="example", show_default=True,
              help="The principles to start from: one example to rewrite, or Amazon's 16 leadership principles.")
def init(dest: FsPath, title: str | None, principles: str) -> None:
    """Make a new handbook repository in DIR, then check it as `loopbook check` does: mkdocs.yml with the
    loopbook plugin, an example entry per kind, the schemas for editors, a home page, a requirements.txt
    and a pre-commit hook that install this same loopbook, a CI workflow and a .gitignore.

    DIR may be missing, empty or a repository already (a README, a LICENSE, .git), as long as none of
    the files init writes is there: if one is, init lists every such file and writes nothing."""
    from loopbook.analysis.measures import today
    from loopbook.cli.check import check_and_report
    from loopbook.cli.origin import running

    origin = running()
    files = starting.plan(title or starting.default_title(dest), principles, today(), origin)
    try:
        starting.write(dest, files)
    except starting.Clash as e:
        listed = "".join(f"\n  {path}" for path in e.paths)
        raise click.ClickException(f"{dest} holds {len(e.paths)} of the files init writes, so it wrote nothing (it never replaces a file):"
                                   f"{listed}\nmove or rename them, or choose another folder") from None
    except OSError as e:
        raise click.ClickException(f"cannot write into {dest}: {e.strerror or e}; nothing was written") from None
    click.echo(f"wrote {len(files)} files into {dest}; checking them:", err=True)
    diags = Diagnostics()
    project = project_at(dest, diags, plugins=False)
    code = check_and_report(project) if project is not None else report(diags, "text", False)
    click.echo(f"next: cd {shlex.quote(str(dest))} && loopbook serve; or give the handbook a loopbook of its own: "
               "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt", err=True)
    if not origin.portable:
        click.echo(f"note: requirements.txt and the pre-commit hook install loopbook from {origin.source}, which only this machine has; "
                   "for CI, name a URL in both (requirements.txt says how)", err=True)
    sys.exit(code)


@click.command(short_help="Export the JSON Schemas, or check an export.")
@click.option("--export", "export_dir", type=PathArgument(file_okay=False, path_type=FsPath), default=None,
              help="Write one <kind>.schema.json per kind into this folder, e.g. schemas.")
@click.option("--check", "check_dir", type=PathArgument(file_okay=False, path_type=FsPath), default=None,
              help="Exit 1 when this folder's schemas differ from the ones loopbook validates with.")
@format_option
def schemas(export_dir: FsPath | None, check_dir: FsPath | None, fmt: str) -> None:
    """Export the JSON Schemas for editors and other validators, or check that an export is current."""
    if (export_dir is None) == (check_dir is None):
        raise click.UsageError("give one of --export DIR or --check DIR")
    diags = Diagnostics()
    if export_dir is not None:
        try:
            changed = editor.export(export_dir)
        except OSError as e:
            diags.error(export_dir.as_posix(), 1, 1, f"cannot write the schemas: {e.strerror or e}", "schema-export")
        else:
            click.echo(f"{export_dir}: {len(changed)} schema file(s) written or removed, {len(KINDS)} kinds", err=True)
    else:
        check_export(FsPath.cwd().resolve(), check_dir, diags)
    sys.exit(report(diags, fmt, strict=False))


