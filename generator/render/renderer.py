"""Render pages to Markdown with Jinja2: the environment, its filters and globals, and the renderer
that makes each page when it is first asked for (and keeps, across a save, the pages it did not touch).

Data is only ever passed to templates as values, never compiled as a template, so ``{{ 7*7 }}``
in a story shows as written. The environment and its compiled templates are made once per
process.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import jinja2
import yaml

from loopbook.analysis.measures import MIN_STORIES_PER_PRINCIPLE, WORDS_PER_MINUTE
from loopbook.data.prose import PROSE_REF
from loopbook.data.schema import schema_for
from loopbook.model import Entry, Handbook
from loopbook.render.escape import cell, code_block, no_html, text
from loopbook.render.pages import Page
from loopbook.render.sitemap import ALERTS, SEVERITY_POLICY, TAGS, entry_path, index_path, rel, tag_path
from loopbook.render.views import ANSWER_SECONDS, ANSWER_TIME, PROBE_SECONDS, PROBE_TIME, RATINGS


def duration(seconds: int) -> str:
    """Seconds as a reader says them: 1 min 50 s."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


# libyaml's emitter when PyYAML has it: front matter is written for every page.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, Any]) -> str:
    body = yaml.dump(meta, Dumper=_Dumper, sort_keys=True, allow_unicode=True, default_flow_style=False)
    return f"---\n{body}---\n"


@jinja2.pass_context
def _link(ctx: jinja2.runtime.Context, entry: Entry, label: str | None = None) -> str:
    """A link to an entry's page; a private entry's (never on a public site) says so beside it."""
    marker = ' <small class="lb-private">private</small>' if entry.private else ""
    return f"[{text(label or entry.title)}]({rel(ctx['path'], entry_path(entry))}){marker}"


@jinja2.pass_context
def _index_link(ctx: jinja2.runtime.Context, kind: Any, label: str | None = None) -> str:
    return f"[{text(label or kind.label)}]({rel(ctx['path'], index_path(kind))})"


@jinja2.pass_context
def _page_link(ctx: jinja2.runtime.Context, page: str, label: str) -> str:
    """A link to a hand-written page, given by its path under the docs folder."""
    return f"[{text(label)}]({rel(ctx['path'], page)})"


@jinja2.pass_context
def _prose(ctx: jinja2.runtime.Context, value: str) -> str:
    """Markdown prose with [[kind:id]] references turned into links from this page."""
    book: Handbook = ctx["book"]

    def expand(m: re.Match[str]) -> str:
        target = book.get(m.group(1), m.group(2))
        if target is None:  # reported by the graph stage; the page of an entry with errors is not rendered
            return m.group(0)
        url = rel(ctx["path"], entry_path(target)) + (m.group(3) or "")
        return f"[{text(m.group(4) or target.title)}]({url})"
    return PROSE_REF.sub(expand, no_html(value.strip()))


@cache
def environment() -> jinja2.Environment:
    """One environment per process, so that each template is compiled once. What depends on the
    page or the handbook (links, prose) reads the render context: `path` and `book`."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("loopbook", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; the text and prose filters do the escaping
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates ship with loopbook: no need to look at each file again per page
        bytecode_cache=_compiled_templates(),
    )
    env.filters.update(text=text, cell=cell, prose=_prose, html=lambda v: html.escape(str(v), quote=True), duration=duration,
                       code_block=code_block)
    # Numbers and choices the pages state come from where they are defined, not repeated in templates.
    env.globals.update(link=_link, index_link=_index_link, page_link=_page_link, front_matter=front_matter,
                       severity_policy=SEVERITY_POLICY, alerts_page=ALERTS, tags_page=TAGS, tag_path=tag_path,
                       words_per_minute=WORDS_PER_MINUTE, min_stories=MIN_STORIES_PER_PRINCIPLE,
                       question_kinds=question_kinds(), ratings=RATINGS, answer_seconds=ANSWER_SECONDS, answer_time=ANSWER_TIME,
                       probe_seconds=PROBE_SECONDS, probe_time=PROBE_TIME)
    return env


# A kind of question as a sentence names it ("HR questions"), where that is not its id.
_KIND_NAMES = {"hr": "HR"}


@cache
def question_kinds() -> dict[str, str]:
    """Each kind of question, in the question schema's order, with its name: the one list that the
    question bank, practice mode and the Anki decks show, so a kind added to the schema shows in all."""
    return {k: _KIND_NAMES.get(k, k) for k in schema_for("question")["properties"]["kind"]["enum"]}


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Templates compiled once per machine, as Python keeps .pyc files: Jinja's own cache, in a folder
    of this user's that Jinja checks is private, keyed by each template's source. Compiling them is a
    tenth of a `loopbook check`. Where no such folder can be had, templates compile on each run."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (RuntimeError, OSError):
        return None


class Renderer:
    """Every generated file by its path under the docs folder, each page rendered when first asked
    for: `check` renders only the pages it needs to look into, a build all of them.

    Given the renderer of the previous run and the refs of the entries that changed since, a page
    whose inputs hold none of them keeps its text from that run: a save under `serve` re-renders
    the edited entry, its neighbours, the indexes and the views, not the whole handbook.
    """

    def __init__(self, pages: list[Page], book: Handbook, files: dict[str, str],
                 previous: Renderer | None = None, changed: frozenset[str] | None = None) -> None:
        self.book = book
        self.pages = {p.path: p for p in pages}
        self.done = dict(files)  # files that are not pages of a template: the navigation
        if previous is not None and changed is not None:
            self.done.update(_unaffected(self.pages, previous, changed))

    def paths(self) -> set[str]:
        return set(self.pages) | set(self.done)

    def __call__(self, path: str) -> str:
        if path not in self.done:
            page = self.pages[path]
            template = environment().get_template(page.template)
            self.done[path] = template.render(path=page.path, book=self.book, **page.values())
        return self.done[path]

    def all(self, tick: Callable[[int], None] | None = None) -> dict[str, str]:
        for path in self.pages:
            self(path)
            if tick:
                tick(1)
        return self.done


def _unaffected(pages: dict[str, Page], previous: Renderer, changed: frozenset[str]) -> dict[str, str]:
    kept = {}
    for path, page in pages.items():
        before = previous.pages.get(path)
        if before is None or path not in previous.done or before.template != page.template:
            continue
        if page.inputs is None or before.inputs is None or page.inputs & changed or before.inputs & changed:
            continue
        kept[path] = previous.done[path]
    return kept


def nav_files(navs: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {path: yaml.dump(nav, Dumper=_Dumper, sort_keys=False, allow_unicode=True) for path, nav in navs.items()}


