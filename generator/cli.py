"""The ``loopbook`` command: check, build, serve, new, schemas."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path as FsPath

import click

from generator import build as pipeline
from generator import editor, engine
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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="loopbook")
def main() -> None:
    """loopbook: an interview-prep and runbook handbook kept as YAML, built into a searchable site."""
    # MkDocs 1.x prints a notice about 2.0 on every run; our pin keeps us below 2.0.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _check_external(root: FsPath, result: pipeline.Checked) -> None:
    from generator.external import Settings, check_external, external_urls

    cfg = pipeline.load_mkdocs_config(root, result.diags)
    if cfg is not None:
        settings = Settings.from_config(cfg.get("extra") or {})
        n = check_external(external_urls(root / "docs", result.book), settings, root / ".cache" / "loopbook" / "external-links.json", result.diags)
        click.echo(f"checked {n} external URLs", err=True)


@main.command()
@root_option
@format_option
@strict_option
@click.option("--external", is_flag=True, help="Also check every http(s) URL over the network (for a scheduled job).")
def check(root: FsPath, fmt: str, strict: bool, external: bool) -> None:
    """Validate the data, resolve references and check internal links, without building the site."""
    root = _root(root)
    result = pipeline.check(root)
    if external and not result.diags.errors:
        _check_external(root, result)
    code = _report(result.diags, fmt, strict)
    if code == 0 and fmt == "text":
        pages = sum(1 for p in result.paths if p.endswith(".md"))
        click.echo(f"ok: {len(result.book.all())} entries, {pages} pages", err=True)
    sys.exit(code)


@main.command()
@root_option
@format_option
@strict_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=FsPath), default=None,
              help="Where to write the site (default: site/ in the project).")
@click.option("--engine", "engine_name", type=click.Choice(engine.ENGINES), default="mkdocs", show_default=True,
              help="The site builder: MkDocs, or its successor Zensical (pip install 'loopbook[zensical]').")
def build(root: FsPath, fmt: str, strict: bool, site_dir: FsPath | None, engine_name: str) -> None:
    """Generate the Markdown, then build the site with MkDocs or Zensical. On any error the previous site is kept."""
    root = _root(root)
    result = pipeline.generate(root)
    diags, entries = result.diags, len(result.book.all())
    # The loaded data and the rendered pages are written out by now; letting them go before the engine
    # runs keeps the build's peak memory to the engine's own (about 200 MB less at 5,000 entries).
    del result
    gc.collect()
    if not diags.errors and not (strict and diags.warnings):
        site = site_dir or root / "site"
        builder = engine.build_site if engine_name == "zensical" else pipeline.build_site
        if builder(root, site, diags) and fmt == "text":
            click.echo(f"built {site} from {entries} entries with {engine_name}", err=True)
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


@main.command()
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
        editor.check_export(FsPath.cwd().resolve(), check_dir, diags)
    sys.exit(_report(diags, fmt, strict=False))


@main.command()
@root_option
@click.argument("loop_id", metavar="LOOP")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A table for reading, or JSON for other tools.")
def plan(root: FsPath, loop_id: str, fmt: str) -> None:
    """Plan a loop: a story and a backup for each principle of each round, no story twice; then the gaps."""
    import difflib
    import json

    from generator.planner import as_json, as_text, plan_loop

    root = _root(root)
    result = pipeline.check(root, links=False)
    if result.diags.errors or result.graph is None:
        sys.exit(_report(result.diags, "text", False))
    loop = result.book.get("loop", loop_id)
    if loop is None:
        known = sorted(result.book.entries["loop"])
        close = difflib.get_close_matches(loop_id, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else (f"known loops: {', '.join(known)}" if known else "data/loops/ holds none")
        click.echo(f"loopbook: unknown loop '{loop_id}'; {hint}", err=True)
        sys.exit(1)
    planned = plan_loop(result.graph, loop)
    click.echo(json.dumps(as_json(planned), indent=2, ensure_ascii=False) if fmt == "json" else as_text(planned))


@main.group()
def export() -> None:
    """Export the handbook for other tools."""


@export.command()
@root_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=FsPath), default=FsPath("loopbook.apkg"), show_default=True,
              help="The .apkg file to write.")
def anki(root: FsPath, out: FsPath) -> None:
    """Write the questions as an Anki deck: one note per question, its stories or notes on the back."""
    from generator.anki import write_apkg

    root = _root(root)
    result = pipeline.check(root, links=False)
    if result.diags.errors or result.graph is None:
        sys.exit(_report(result.diags, "text", False))
    try:
        notes = write_apkg(result.graph, out)
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from None
    click.echo(f"wrote {out}: {notes} notes, one per question", err=True)
