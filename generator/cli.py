"""The ``loopbook`` command: check, build, serve, new."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path as FsPath

import click

from generator import build as pipeline
from generator.diagnostics import FORMATS, Diagnostics, format_report
from generator.model import ID_MAX, ID_RE, KINDS
from generator.scaffold import template

root_option = click.option("--root", "-C", type=click.Path(file_okay=False, path_type=FsPath), default=".",
                           show_default=True, help="The project folder (with mkdocs.yml and data/).")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                             help="How to print problems: text, GitHub workflow annotations, or JSON.")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


def _report(diags: Diagnostics, fmt: str, strict: bool) -> int:
    out = format_report(diags, fmt)
    if out:
        click.echo(out, err=fmt == "text")
    failed = bool(diags.errors) or (strict and bool(diags.warnings))
    return 1 if failed else 0


def _root(root: FsPath) -> FsPath:
    root = root.resolve()
    if not (root / pipeline.CONFIG).is_file() or not (root / "data").is_dir():
        raise click.UsageError(f"{root} has no {pipeline.CONFIG} and data/ folder; run loopbook in the project folder or pass --root")
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="loopbook")
def main() -> None:
    """loopbook: an interview-prep and runbook handbook kept as YAML, built into a searchable site."""
    # MkDocs 1.x prints a notice about 2.0 on every run; our pin keeps us below 2.0.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@main.command()
@root_option
@format_option
@strict_option
def check(root: FsPath, fmt: str, strict: bool) -> None:
    """Validate the data, resolve references and check internal links, without building the site."""
    result = pipeline.check(_root(root))
    code = _report(result.diags, fmt, strict)
    if code == 0 and fmt == "text":
        pages = sum(1 for p in result.pages if p.endswith(".md"))
        click.echo(f"ok: {len(result.book.all())} entries, {pages} pages", err=True)
    sys.exit(code)


@main.command()
@root_option
@format_option
@strict_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=FsPath), default=None,
              help="Where to write the site (default: site/ in the project).")
def build(root: FsPath, fmt: str, strict: bool, site_dir: FsPath | None) -> None:
    """Generate the Markdown, then build the site with MkDocs. On any error the previous site is kept."""
    root = _root(root)
    result = pipeline.generate(root)
    diags = result.diags
    if not diags.errors and not (strict and diags.warnings):
        site = site_dir or root / "site"
        if pipeline.build_site(root, site, diags):
            if fmt == "text":
                click.echo(f"built {site} from {len(result.book.all())} entries", err=True)
    sys.exit(_report(diags, fmt, strict))


@main.command()
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(root: FsPath, dev_addr: str) -> None:
    """Build and serve the site with live reload; edits under data/ and the templates rebuild it."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    root = _root(root)
    result = pipeline.generate(root)
    if result.diags.errors:
        sys.exit(_report(result.diags, "text", False))
    # MkDocs' own command line sets up its log; called as a library it is ours to show.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    mkdocs_serve(config_file=str(root / pipeline.CONFIG), dev_addr=dev_addr, livereload=True)


@main.command()
@root_option
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.argument("id_", metavar="ID")
def new(root: FsPath, kind: str, id_: str) -> None:
    """Write data/<kinds>/<ID>.yaml from a commented template."""
    root = _root(root)
    if not ID_RE.match(id_) or len(id_) > ID_MAX:
        raise click.BadParameter(f"'{id_}': use lower-case words joined by hyphens, at most {ID_MAX} characters", param_hint="ID")
    path = root / "data" / KINDS[kind].plural / f"{id_}.yaml"
    if path.exists():
        raise click.ClickException(f"{path.relative_to(root)} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(kind), "utf-8")
    click.echo(f"wrote {path.relative_to(root)}; fill it in, then run: loopbook check")
