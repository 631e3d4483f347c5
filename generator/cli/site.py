"""``loopbook build`` and ``loopbook serve``: the site, built once or served with live reload."""

from __future__ import annotations

import gc
import logging
import signal
import socket
import sys
from pathlib import Path as FsPath

import click

from loopbook import engines, pipeline
from loopbook.cli.arguments import PathArgument, find_root
from loopbook.cli.options import all_option, format_option, project_at, quiet_option, report, root_option, strict_option
from loopbook.cli.strictness import failing, strict_codes
from loopbook.config import CONFIG
from loopbook.diagnostics import Diagnostics
from loopbook.progress import Progress


@click.command(short_help="Check, then build the site into site/.")
@root_option
@format_option
@all_option
@strict_option
@quiet_option
@click.option("--site-dir", type=PathArgument(file_okay=False, path_type=FsPath), default=None,
              help="Where to write the site (default: site_dir from mkdocs.yml, site/).")
@click.option("--engine", "engine_name", type=click.Choice(engines.NAMES), default="mkdocs", show_default=True,
              help="The site builder: MkDocs, or its successor Zensical.")
@click.option("--private", "whole", is_flag=True,
              help="Build the whole handbook, private entries included (marked) and nothing redacted: for a private deployment.")
def build(root: FsPath | None, fmt: str, every: bool, strict: bool, quiet: bool, site_dir: FsPath | None, engine_name: str,
          whole: bool) -> None:
    """Check, then build the site with MkDocs or Zensical. On any error the previous site is kept.

    The site is the public one: private entries left out, redactions applied, and every file scanned for
    what is private before it is published (privacy-leak). --private builds the whole handbook instead."""
    diags = Diagnostics()
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    project = project_at(root, diags, **overrides)
    if project is None:
        sys.exit(report(diags, fmt, strict))
    progress = Progress.for_run(fmt, quiet)
    result = pipeline.check(project, progress=progress, public=not whole)
    diags, entries = result.diags, len(result.book.all())
    codes = strict_codes(project.settings, diags)
    if not failing(diags, strict, codes):
        site = result.site(progress)
        # Only the pages go on to the engine: letting the loaded data go first keeps the build's peak
        # memory to the engine's own.
        del result
        gc.collect()
        if engines.build_site(project, site, engine_name, diags, progress) and fmt == "text" and not quiet:
            click.echo(f"built {project.shown(project.site_dir)} from {entries} entries with {engine_name}", err=True)
    sys.exit(report(diags, fmt, strict, codes, every))


@click.command(short_help="Build and serve the site with live reload.")
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on, HOST:PORT.")
def serve(root: FsPath | None, dev_addr: str) -> None:
    """Serve the site with live reload; a save rebuilds only the pages it changes."""

    root = find_root(root)
    host, _, port = dev_addr.rpartition(":")
    if not port.isdigit() or not host:
        raise click.BadParameter(f"'{dev_addr}': write it as HOST:PORT, e.g. 127.0.0.1:8001", param_hint="--dev-addr")
    if port_in_use(host, int(port)):
        raise click.ClickException(f"{host}:{port} is in use (another `loopbook serve`?); choose another port: "
                                   f"loopbook serve --dev-addr {host}:{int(port) + 1}, or make serve ADDR={host}:{int(port) + 1}")
    _serve(root, dev_addr)


def _serve(root: FsPath, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    # MkDocs' own command line sets up its log; called as a library it is ours to show.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(lambda r: "'dirty' build" not in r.getMessage())  # a dirty build is the point here
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # MkDocs removes its temporary site folder when serve ends with Ctrl-C; a SIGTERM (a service manager,
    # `kill`, a test harness) ends it the same way, instead of leaving the folder behind.
    signal.signal(signal.SIGTERM, _interrupt)
    # Dirty: only the files a save changed are rebuilt (loopbook.engines.serve); not strict, so that a
    # warning shows in the log instead of stopping the preview.
    mkdocs_serve(config_file=str(root / CONFIG), dev_addr=dev_addr, livereload=True, build_type="dirty", strict=False)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False
