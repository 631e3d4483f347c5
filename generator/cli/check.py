"""``loopbook check``: validate the data, references and links without building; ``--external`` and
``--watch`` (the watch itself is in ``loopbook.cli.watch``)."""

from __future__ import annotations

import sys
from pathlib import Path as FsPath

import click

from loopbook import pipeline
from loopbook.cli.options import (
    EXIT_CODES,
    EXIT_OFFLINE,
    all_option,
    format_option,
    project_at,
    quiet_option,
    report,
    root_option,
    strict_option,
)
from loopbook.cli.strictness import strict_codes
from loopbook.config import Project
from loopbook.diagnostics import Diagnostics
from loopbook.progress import Progress


def _check_external(project: Project, result: pipeline.Result, progress: Progress) -> None:
    from loopbook.checks.external import Offline, Settings, check_external, external_urls
    from loopbook.checks.links import Docs

    settings = Settings.from_config(project.mkdocs.get("extra") or {})
    try:
        n = check_external(external_urls(Docs.of(project), result.book, project.markdown()), settings,
                           project.cache_dir / "external-links.json", result.diags, progress)
    except Offline as e:
        click.echo(f"loopbook: external links not checked: {e}", err=True)
        if not result.diags.errors:  # the links on reserved names were judged offline; when some are wrong, they are the report
            sys.exit(EXIT_OFFLINE)
        return
    click.echo(f"checked {n} external URLs", err=True)


@click.command(short_help="Validate the data, references and links (no build).", epilog=EXIT_CODES)
@root_option
@format_option
@all_option
@strict_option
@quiet_option
@click.option("--external", is_flag=True, help="Also check every http(s) URL over the network (for a scheduled job).")
@click.option("--watch", is_flag=True, help="Keep running, and check again at every save (Ctrl-C to stop).")
def check(root: FsPath | None, fmt: str, every: bool, strict: bool, quiet: bool, external: bool, watch: bool) -> None:
    """Validate the data, resolve references and check internal links, without building the site."""
    if watch and external:
        raise click.UsageError("--watch checks at every save and --external fetches every URL: run them apart")
    diags = Diagnostics()
    project = project_at(root, diags, plugins=False)
    if project is None:
        sys.exit(report(diags, fmt, strict))
    if watch:
        from loopbook.cli.watch import watch_and_report

        watch_and_report(project, fmt, strict, quiet, every)
        sys.exit(0)
    sys.exit(check_and_report(project, fmt, strict, quiet, external, every))


def check_and_report(project: Project, fmt: str = "text", strict: bool = False, quiet: bool = False, external: bool = False,
                     every: bool = False) -> int:
    """One check of the project, reported as `loopbook check` reports it (`loopbook init` ends with one); the exit status."""
    progress = Progress.for_run(fmt, quiet)
    result = pipeline.check(project, progress=progress)
    if external and not result.diags.errors:
        _check_external(project, result, progress)
    code = report(result.diags, fmt, strict, strict_codes(project.settings, result.diags), every)
    if code == 0 and fmt == "text" and not quiet:
        pages = sum(1 for p in result.paths if p.endswith(".md"))
        click.echo(f"ok: {len(result.book.all())} entries, {pages} pages", err=True)
    return code


