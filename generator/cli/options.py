"""What every command shares: its options, finding the project, and the report printed at the end."""

from __future__ import annotations

import sys
from pathlib import Path as FsPath

import click

from loopbook import pipeline
from loopbook.cli.arguments import PathArgument, find_root
from loopbook.cli.strictness import failing
from loopbook.config import Project, load_project
from loopbook.diagnostics import FORMATS, SHOWN_PER_CODE, Diagnostics, format_report

root_option = click.option("--root", "-C", type=PathArgument(file_okay=False, path_type=FsPath), default=None,
                           help="The project folder (with mkdocs.yml and data/); by default the nearest one upward from here.")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                             help="How to print problems: text, GitHub workflow annotations, or JSON.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print the problems only: no progress, no closing line.")
all_option = click.option("--all", "every", is_flag=True,
                          help=f"Print every problem; by default a code reported more than {SHOWN_PER_CODE} times shows its "
                               f"first {SHOWN_PER_CODE} and counts the rest (--format json always prints every one).")
strict_option = click.option("--strict", is_flag=True,
                             help="Treat every warning as an error (extra.loopbook.strict in mkdocs.yml lists the codes that always do).")


def report(diags: Diagnostics, fmt: str, strict: bool, codes: frozenset[str] = frozenset(), every: bool = False) -> int:
    out = format_report(diags, fmt, every)
    if out:
        click.echo(out, err=fmt == "text")
    return 1 if failing(diags, strict, codes) else 0


def project_at(root: FsPath | None, diags: Diagnostics, **overrides) -> Project | None:
    return load_project(find_root(root), diags, **overrides)


def checked(root: FsPath | None, public: bool = False) -> pipeline.Result:
    """The handbook checked without its links, for commands that read it; exit 1 with the report on errors.
    `public`: its `shown` graph is what the public site shows (loopbook.data.privacy)."""
    diags = Diagnostics()
    project = project_at(root, diags, plugins=False)
    result = pipeline.check(project, links=False, public=public) if project is not None else None
    if result is None or result.diags.errors:
        sys.exit(report(result.diags if result else diags, "text", False))
    return result



EXIT_OFFLINE = 3
EXIT_CODES = """Exit status: 0 when clean; 1 when the data has errors (or warnings that
--strict or extra.loopbook.strict select); 2 for a usage error or an internal
error; 3 when check --external finds the network unreachable (1 if a link on a
reserved name, which needs no network to judge, is wrong)."""
