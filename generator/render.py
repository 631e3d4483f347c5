"""Render pages to Markdown with Jinja2, and write them into the generated folder.

Data is only ever passed to templates as values, never compiled as a template, so ``{{ 7*7 }}``
in a story shows as written. Only files whose bytes changed are rewritten, stale ones are
removed, and nothing outside the generated folder is touched.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path as FsPath
from typing import Any

import jinja2
import yaml

from generator import policy
from generator.graph import PROSE_REF
from generator.model import Entry, Handbook
from generator.pages import GENERATED, Page, entry_path, index_path

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
    out, last = [], 0
    for m in _KEEP.finditer(markdown_text):
        out.append(_inert(markdown_text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_inert(markdown_text[last:]))
    return "".join(out)


def without_code(markdown_text: str) -> str:
    """Prose with its code spans and fences blanked out: what is written there is not a link."""
    return _KEEP.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " " * len(m.group(0)), markdown_text)


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


def rel(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page))


def page_url(page: str) -> str:
    """A page's URL under the site root, as MkDocs makes it with directory URLs (a folder per page)."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def rel_url(from_page: str, to_page: str) -> str:
    return posixpath.relpath(page_url(to_page) or ".", page_url(from_page) or ".") + "/"


def make_env(book: Handbook) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; the text and prose filters do the escaping
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    @jinja2.pass_context
    def link(ctx: jinja2.runtime.Context, entry: Entry, label: str | None = None) -> str:
        return f"[{text(label or entry.title)}]({rel(ctx['path'], entry_path(entry))})"

    @jinja2.pass_context
    def href(ctx: jinja2.runtime.Context, entry: Entry) -> str:
        """The entry's URL relative to this page's URL, for links written in raw HTML."""
        return html.escape(rel_url(ctx["path"], entry_path(entry)), quote=True)

    @jinja2.pass_context
    def index_link(ctx: jinja2.runtime.Context, kind: Any, label: str | None = None) -> str:
        return f"[{text(label or kind.label)}]({rel(ctx['path'], index_path(kind))})"

    @jinja2.pass_context
    def page_link(ctx: jinja2.runtime.Context, page: str, label: str) -> str:
        """A link to a hand-written page, given by its path under docs/."""
        return f"[{text(label)}]({rel(ctx['path'], page)})"

    @jinja2.pass_context
    def prose(ctx: jinja2.runtime.Context, value: str) -> str:
        """Markdown prose with [[kind:id]] references turned into links from this page."""
        def expand(m: re.Match[str]) -> str:
            target = book.get(m.group(1), m.group(2))
            if target is None:  # reported by the graph stage; rendering never runs on errors
                return m.group(0)
            url = rel(ctx["path"], entry_path(target)) + (m.group(3) or "")
            return f"[{text(m.group(4) or target.title)}]({url})"
        return PROSE_REF.sub(expand, no_html(value.strip()))

    env.filters.update(text=text, cell=cell, prose=prose, html=lambda v: html.escape(str(v), quote=True), duration=duration,
                       code_block=code_block)
    env.globals.update(link=link, href=href, index_link=index_link, front_matter=front_matter)
    env.globals.update(page_link=page_link, severity_policy=policy.PAGE)
    return env


class Renderer:
    """Every generated file by its path under docs/, each page rendered when first asked for: `check`
    renders only the pages it needs to look into, `generate` all of them."""

    def __init__(self, pages: list[Page], book: Handbook, files: dict[str, str]) -> None:
        self.env = make_env(book)
        self.pages = {p.path: p for p in pages}
        self.done = dict(files)  # files that are not pages of a template: navigation, the schema reference

    def paths(self) -> set[str]:
        return set(self.pages) | set(self.done)

    def __call__(self, path: str) -> str:
        if path not in self.done:
            page = self.pages[path]
            self.done[path] = self.env.get_template(page.template).render(path=page.path, **page.context)
        return self.done[path]

    def all(self) -> dict[str, str]:
        for path in self.pages:
            self(path)
        return self.done


def nav_files(navs: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {path: yaml.dump(nav, Dumper=_Dumper, sort_keys=False, allow_unicode=True) for path, nav in navs.items()}


def render_pages(pages: list[Page], book: Handbook, navs: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    """Every generated file by its path under docs/: the pages, and the navigation files."""
    return Renderer(pages, book, nav_files(navs or {})).all()


def write_pages(docs_dir: FsPath, rendered: dict[str, str]) -> tuple[int, int]:
    """Write changed pages under docs/<GENERATED>/, delete stale ones; (written, removed)."""
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
