"""The ``loopbook`` command: check, build, serve, new, list, init, plan, export, schemas."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path as FsPath

import click

from generator import editor, engines, pipeline
from generator.arguments import checked_id, find_root, kind_of
from generator.config import CONFIG, Project, load_project
from generator.diagnostics import FORMATS, Diagnostics, format_report
from generator.listing import id_lines
from generator.model import KINDS
from generator.progress import Progress
from generator.scaffold import template
from generator.strictness import failing, strict_codes

root_option = click.option("--root", "-C", type=click.Path(file_okay=False, path_type=FsPath), default=None,
                           help="The project folder (with mkdocs.yml and data/); by default the nearest one upward from here.")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                             help="How to print problems: text, GitHub workflow annotations, or JSON.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print the problems only: no progress, no closing line.")
strict_option = click.option("--strict", is_flag=True, help="Treat every warning as an error (extra.loopbook.strict in mkdocs.yml lists the codes that always do).")


def _report(diags: Diagnostics, fmt: str, strict: bool, codes: frozenset[str] = frozenset()) -> int:
    out = format_report(diags, fmt)
    if out:
        click.echo(out, err=fmt == "text")
    return 1 if failing(diags, strict, codes) else 0


def _project(root: FsPath | None, diags: Diagnostics, **overrides) -> Project | None:
    return load_project(find_root(root), diags, **overrides)


def _checked(root: FsPath | None) -> pipeline.Result:
    """The handbook checked without its links, for commands that read it; exit 1 with the report on errors."""
    diags = Diagnostics()
    project = _project(root, diags, plugins=False)
    result = pipeline.check(project, links=False) if project is not None else None
    if result is None or result.diags.errors:
        sys.exit(_report(result.diags if result else diags, "text", False))
    return result


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


EXIT_OFFLINE = 3
EXIT_CODES = """Exit status: 0 when clean; 1 when the data has errors (or warnings that
--strict or extra.loopbook.strict select); 2 for a usage error or an internal
error; 3 when check --external finds the network unreachable."""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(package_name="loopbook")
def main() -> None:
    """loopbook: an interview-prep and runbook handbook kept as YAML, built into a searchable site.

    Run it anywhere inside the project: it finds the folder with mkdocs.yml and data/ as git finds a repository.
    """
    # MkDocs 1.x prints a notice about 2.0 on every run; our pin keeps us below 2.0.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _check_external(project: Project, result: pipeline.Result, progress: Progress) -> None:
    from generator.external import Offline, Settings, check_external, external_urls

    settings = Settings.from_config(project.mkdocs.get("extra") or {})
    try:
        n = check_external(external_urls(project.docs_dir, result.book), settings, project.cache_dir / "external-links.json", result.diags,
                           progress)
    except Offline as e:
        click.echo(f"loopbook: external links not checked: {e}", err=True)
        sys.exit(EXIT_OFFLINE)
    click.echo(f"checked {n} external URLs", err=True)


@main.command(short_help="Validate the data, references and links (no build).", epilog=EXIT_CODES)
@root_option
@format_option
@strict_option
@quiet_option
@click.option("--external", is_flag=True, help="Also check every http(s) URL over the network (for a scheduled job).")
@click.option("--watch", is_flag=True, help="Keep running, and check again at every save (Ctrl-C to stop).")
def check(root: FsPath | None, fmt: str, strict: bool, quiet: bool, external: bool, watch: bool) -> None:
    """Validate the data, resolve references and check internal links, without building the site."""
    if watch and external:
        raise click.UsageError("--watch checks at every save and --external fetches every URL: run them apart")
    diags = Diagnostics()
    project = _project(root, diags, plugins=False)
    if project is None:
        sys.exit(_report(diags, fmt, strict))
    if watch:
        from generator.watch import watch_and_report

        watch_and_report(project, fmt, strict, quiet)
        sys.exit(0)
    progress = Progress.for_run(fmt, quiet)
    result = pipeline.check(project, progress=progress)
    if external and not result.diags.errors:
        _check_external(project, result, progress)
    code = _report(result.diags, fmt, strict, strict_codes(project.settings, result.diags))
    if code == 0 and fmt == "text" and not quiet:
        pages = sum(1 for p in result.paths if p.endswith(".md"))
        click.echo(f"ok: {len(result.book.all())} entries, {pages} pages", err=True)
    sys.exit(code)


@main.command(short_help="Check, then build the site into site/.")
@root_option
@format_option
@strict_option
@quiet_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=FsPath), default=None,
              help="Where to write the site (default: site_dir from mkdocs.yml, site/).")
@click.option("--engine", "engine_name", type=click.Choice(engines.NAMES), default="mkdocs", show_default=True,
              help="The site builder: MkDocs, or its successor Zensical.")
def build(root: FsPath | None, fmt: str, strict: bool, quiet: bool, site_dir: FsPath | None, engine_name: str) -> None:
    """Check, then build the site with MkDocs or Zensical. On any error the previous site is kept."""
    diags = Diagnostics()
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    project = _project(root, diags, **overrides)
    if project is None:
        sys.exit(_report(diags, fmt, strict))
    progress = Progress.for_run(fmt, quiet)
    result = pipeline.check(project, progress=progress)
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
    sys.exit(_report(diags, fmt, strict, codes))


@main.command(short_help="Build and serve the site with live reload.")
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on, HOST:PORT.")
def serve(root: FsPath | None, dev_addr: str) -> None:
    """Serve the site with live reload; a save rebuilds only the pages it changes."""
    from generator.serve import port_in_use

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
    # Dirty: only the files a save changed are rebuilt (generator.serve); not strict, so that a
    # warning shows in the log instead of stopping the preview.
    mkdocs_serve(config_file=str(root / CONFIG), dev_addr=dev_addr, livereload=True, build_type="dirty", strict=False)


@main.command(short_help="Write a new entry from a commented template.")
@root_option
@click.argument("kind", metavar="KIND")
@click.argument("id_", metavar="ID")
def new(root: FsPath | None, kind: str, id_: str) -> None:
    """Write data/<kinds>/<ID>.yaml from a commented template. KIND is one of principle, story, question,
    runbook, metric, project, role (or its plural, as the data folders are named)."""
    kind, id_ = kind_of(kind), checked_id(id_)
    root = find_root(root)
    path = root / "data" / KINDS[kind].plural / f"{id_}.yaml"
    if path.exists():
        raise click.ClickException(f"{path.relative_to(root)} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(kind), "utf-8")
    click.echo(f"wrote {path.relative_to(root)}; fill it in, then run: loopbook check")


@main.command("list", short_help="Print the ids references can use, with titles.")
@root_option
@click.argument("kind", metavar="[KIND]", required=False)
def list_ids(root: FsPath | None, kind: str | None) -> None:
    """Print every id that references can use (kind:id, then the title), of one KIND or of all."""
    from generator.load import load_handbook

    kind = kind_of(kind) if kind else None
    book = load_handbook(find_root(root), Diagnostics())  # a file that does not load has no id to offer
    try:
        click.echo("\n".join(id_lines(book, kind)))
    except BrokenPipeError:  # `loopbook list | head` closed the pipe: not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@main.command(short_help="Make a new handbook repository that builds straight away.")
@click.argument("dest", metavar="DIR", type=click.Path(file_okay=False, path_type=FsPath))
@click.option("--title", default="Handbook", show_default=True, help="The site's name.")
def init(dest: FsPath, title: str) -> None:
    """Make a new handbook repository in DIR (missing or empty): mkdocs.yml with the loopbook plugin,
    an example entry per kind, the schemas for editors, a home page, a pre-commit hook and a CI workflow."""
    from generator.init import init as make

    try:
        written = make(dest, title)
    except FileExistsError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"wrote {len(written)} files and folders into {dest}; next: cd {dest} && loopbook check && loopbook serve", err=True)


@main.command(short_help="Export the JSON Schemas, or check an export.")
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


@main.command(short_help="Plan which story to tell in which round of a loop.")
@root_option
@click.argument("loop_id", metavar="LOOP")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A table for reading, or JSON for other tools.")
def plan(root: FsPath | None, loop_id: str, fmt: str) -> None:
    """Plan a loop: a story and a backup for each principle of each round, no story twice; then the gaps."""
    import difflib
    import json

    from generator.planner import as_json, as_text, plan_loop

    result = _checked(root)
    loop = result.book.get("loop", loop_id)
    if loop is None:
        known = sorted(result.book.entries["loop"])
        close = difflib.get_close_matches(loop_id, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else (f"known loops: {', '.join(known)}" if known else "data/loops/ holds none")
        click.echo(f"loopbook: unknown loop '{loop_id}'; {hint}", err=True)
        sys.exit(1)
    planned = plan_loop(result.graph, loop)
    click.echo(json.dumps(as_json(planned), indent=2, ensure_ascii=False) if fmt == "json" else as_text(planned))


@main.group(short_help="Export the handbook for other tools (Anki).")
def export() -> None:
    """Export the handbook for other tools."""


@export.command(short_help="Write the questions as an Anki deck (.apkg).")
@root_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=FsPath), default=FsPath("loopbook.apkg"), show_default=True,
              help="The .apkg file to write.")
def anki(root: FsPath | None, out: FsPath) -> None:
    """Write the questions as an Anki deck: one note per question, its stories or notes on the back."""
    from generator.anki import write_apkg

    result = _checked(root)
    try:
        notes = write_apkg(result.graph, out)
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from None
    click.echo(f"wrote {out}: {notes} notes, one per question", err=True)
