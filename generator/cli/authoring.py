"""The commands a contributor writes with: ``new``, ``list``, ``init`` and ``schemas``."""

from __future__ import annotations

import os
import sys
from pathlib import Path as FsPath

import click

from loopbook.checks.modeline import check_export
from loopbook.cli.arguments import checked_id, find_root, kind_named
from loopbook.cli.listing import id_lines
from loopbook.cli.options import format_option, report, root_option
from loopbook.cli.scaffold import template
from loopbook.data import editor
from loopbook.diagnostics import Diagnostics
from loopbook.model import KINDS


@click.command(short_help="Write a new entry from a commented template.")
@root_option
@click.argument("kind", metavar="KIND")
@click.argument("id_", metavar="ID")
def new(root: FsPath | None, kind: str, id_: str) -> None:
    """Write data/<kinds>/<ID>.yaml from a commented template. KIND is one of principle, story, question,
    runbook, metric, project, role (or its plural, as the data folders are named)."""
    kind, id_ = kind_named(kind), checked_id(id_)
    root = find_root(root)
    path = root / "data" / KINDS[kind].plural / f"{id_}.yaml"
    if path.exists():
        raise click.ClickException(f"{path.relative_to(root)} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(kind), "utf-8")
    click.echo(f"wrote {path.relative_to(root)}; fill it in, then run: loopbook check")


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


@click.command(short_help="Make a new handbook repository that builds straight away.")
@click.argument("dest", metavar="DIR", type=click.Path(file_okay=False, path_type=FsPath))
@click.option("--title", default="Handbook", show_default=True, help="The site's name.")
def init(dest: FsPath, title: str) -> None:
    """Make a new handbook repository in DIR (missing or empty): mkdocs.yml with the loopbook plugin,
    an example entry per kind, the schemas for editors, a home page, a pre-commit hook and a CI workflow."""
    from loopbook.cli.init import init as make

    try:
        written = make(dest, title)
    except FileExistsError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"wrote {len(written)} files and folders into {dest}; next: cd {dest} && loopbook check && loopbook serve", err=True)


@click.command(short_help="Export the JSON Schemas, or check an export.")
@click.option("--export", "export_dir", type=click.Path(file_okay=False, path_type=FsPath), default=None,
              help="Write one <kind>.schema.json per kind into this folder, e.g. schemas.")
@click.option("--check", "check_dir", type=click.Path(file_okay=False, path_type=FsPath), default=None,
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


