"""The commands a candidate prepares with: ``plan`` (a loop's rounds and stories) and ``export`` (Anki)."""

from __future__ import annotations

import sys
from pathlib import Path as FsPath

import click

from loopbook.cli.arguments import PathArgument
from loopbook.cli.options import checked, root_option
from loopbook.diagnostics import did_you_mean, shown_id, visible


@click.command(short_help="Plan which story to tell in which round of a loop.")
@root_option
@click.argument("loop_id", metavar="LOOP")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A table for reading, or JSON for other tools.")
def plan(root: FsPath | None, loop_id: str, fmt: str) -> None:
    """Plan a loop: a story and a backup for each principle of each round, no story twice; then the gaps, and
    what the loop's debriefs say. Private stories are planned too, and marked: the plan is for you."""
    import json

    from loopbook.analysis.planner import as_json, as_text, plan_loop

    result = checked(root)
    loop = result.book.get("loop", loop_id)
    if loop is None:
        known = sorted(result.book.entries["loop"])
        hint = did_you_mean(loop_id, known) or (f"known loops: {', '.join(known)}" if known else "data/loops/ holds none")
        click.echo(f"loopbook: unknown loop '{shown_id(loop_id)}'; {hint}", err=True)
        sys.exit(1)
    planned = plan_loop(result.graph, loop)
    click.echo(json.dumps(as_json(planned), indent=2, ensure_ascii=False) if fmt == "json" else visible(as_text(planned), keep="\n"))


@click.group(short_help="Export the handbook for other tools (Anki).")
def export() -> None:
    """Export the handbook for other tools."""


@export.command(short_help="Write the questions and follow-ups as an Anki deck (.apkg).")
@root_option
@click.option("--out", type=PathArgument(dir_okay=False, path_type=FsPath), default=FsPath("loopbook.apkg"), show_default=True,
              help="The .apkg file to write.")
@click.option("--private", "whole", is_flag=True, help="Include the private entries, unredacted: a deck for yourself only.")
def anki(root: FsPath | None, out: FsPath, whole: bool) -> None:
    """Write the questions as an Anki deck: one note per question, its stories or notes on the back, and one
    note per follow-up of a story. Like the public site, it leaves private entries out and applies the
    redactions, unless --private."""
    from loopbook.render.anki import write_apkg

    result = checked(root, public=not whole)
    try:
        notes = write_apkg(result.shown, out)
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from None
    click.echo(f"wrote {out}: {notes} notes, one per question and one per follow-up", err=True)
