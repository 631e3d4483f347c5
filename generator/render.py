"""Render pages to Markdown with Jinja2 (and, for engines that read files, write them out).

Data is only ever passed to templates as values, never compiled as a template, so ``{{ 7*7 }}``
in a story shows as written. The environment and its compiled templates are made once per
process. Written out, only files whose bytes changed are rewritten, stale ones are removed,
and nothing outside the generated folder is touched.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path as FsPath
from typing import Any

import jinja2
import yaml

from generator.graph import PROSE_REF
from generator.model import Entry, Handbook
from generator.pages import Page
from generator.quality import MIN_STORIES_PER_PRINCIPLE, WORDS_PER_MINUTE
from generator.schema import schema_for
from generator.sitemap import GENERATED, SEVERITY_POLICY, entry_path, index_path, rel
from generator.views import ANSWER_SECONDS, ANSWER_TIME, RATINGS

# Characters Python-Markdown gives meaning to inside a line of plain text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|{}!])")
# Code and autolinks are left as written; elsewhere in prose a '<' is shown as typed, so prose can
# never carry raw HTML (see README, HTML policy). What counts as code mirrors Python-Markdown's own
# code-span rule (equal runs of backticks, not after a backslash, within one paragraph), so kept text
# is code in any context; a backtick fence is such a span too, whether or not it is taken as a fence.
_KEEP = re.compile(r"(?<![\\`])(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)|<https?://[^\s<>]+>", re.S)


def text(value: Any) -> str:
    """Plain text made safe for Markdown and HTML: shown exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", _escape_html(str(value)))


def no_html(markdown_text: str) -> str:
    """Prose as Markdown without raw HTML or attribute lists: outside code and autolinks every '<'
    is escaped, and so is every brace, since `{: onclick=...}` would put attributes on an element."""
    if not _may_keep(markdown_text):
        return _inert(markdown_text)
    out, last = [], 0
    for m in _KEEP.finditer(markdown_text):
        out.append(_inert(markdown_text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_inert(markdown_text[last:]))
    return "".join(out)


def without_code(markdown_text: str) -> str:
    """Prose with its code spans and fences blanked out: what is written there is not a link."""
    if not _may_keep(markdown_text):
        return markdown_text
    return _KEEP.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " " * len(m.group(0)), markdown_text)


def _may_keep(s: str) -> bool:
    """Whether _KEEP can match at all: most prose has no backtick and no '<', and the pattern's
    look-behinds make it slow to rule out position by position."""
    return "`" in s or "<" in s


def _inert(s: str) -> str:
    return s.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")


def _escape_html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def code_block(value: Any, language: str = "") -> str:
    """Text in a fenced block whose fence is longer than any backtick run inside, so no value can
    close the fence early and carry on as Markdown."""
    body = str(value).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body}\n{fence}"


def cell(value: Any) -> str:
    """Plain text for one table cell: one line."""
    return " ".join(text(value).split())


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
    return f"[{text(label or entry.title)}]({rel(ctx['path'], entry_path(entry))})"


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
        loader=jinja2.PackageLoader("generator", "templates"),
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
                       severity_policy=SEVERITY_POLICY,
                       words_per_minute=WORDS_PER_MINUTE, min_stories=MIN_STORIES_PER_PRINCIPLE,
                       question_kinds=question_kinds(), ratings=RATINGS, answer_seconds=ANSWER_SECONDS, answer_time=ANSWER_TIME)
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


def write_pages(docs_dir: FsPath, rendered: dict[str, str]) -> tuple[int, int]:
    """Write changed pages under <docs_dir>/<GENERATED>/, delete stale ones; (written, removed)."""
    out_dir = docs_dir / GENERATED
    written = removed = 0
    for rel_path, content in rendered.items():
        assert rel_path.startswith(GENERATED + "/")  # ids are validated; this is the last line of defence
        target = docs_dir / rel_path
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written += 1
    wanted = {docs_dir / p for p in rendered}
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed
