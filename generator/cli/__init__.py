"""The ``loopbook`` command: check, build, serve, new, list, init, plan, export, schemas, alerts.

One module per command group: ``check`` (check, and check --watch in ``watch``), ``site`` (build, serve),
``authoring`` (new, list, init, schemas), ``prep`` (plan, export) and ``alerts`` (alerts, alerts --fix).
``options`` is what they share.

May import: every other package. Nothing imports ``cli``; the plugin and the engines are reached from
here, never the other way round.
"""

from __future__ import annotations

import os
import sys

import click

from loopbook.cli import alerts, authoring, prep, site
from loopbook.cli import check as checking
from loopbook.cli.options import EXIT_CODES


class _Group(click.Group):
    """Bad input is always a diagnostic; anything else is a bug in loopbook, said in one line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as e:
            if os.environ.get("LOOPBOOK_DEBUG"):
                raise
            click.echo(f"loopbook: internal error: {type(e).__name__}: {e} (a bug in loopbook: please report it; "
                       "LOOPBOOK_DEBUG=1 shows the traceback)", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(package_name="loopbook")
def main() -> None:
    """loopbook: an interview-prep and runbook handbook kept as YAML, built into a searchable site.

    Run it anywhere inside the project: it finds the folder with mkdocs.yml and data/ as git finds a repository.
    """
    # MkDocs 1.x prints a notice about 2.0 on every run; our pin keeps us below 2.0.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")




for command in (checking.check, site.build, site.serve, authoring.new, authoring.list_ids, authoring.init, authoring.schemas,
                prep.plan, prep.export, alerts.alerts):
    main.add_command(command)
