"""A story in brief, wherever it is shown away from its page: its STAR parts cut to their first sentence,
as safe HTML for an Anki card, and as plain text for practice mode (whose script sets text, never HTML).

Prose goes through the site's HTML policy (no raw HTML, no attribute lists), then Python-Markdown, then
nh3 with a short list of tags (none at all for plain text); ``[[kind:id]]`` becomes the entry's title,
since neither a card nor a practice card links into the prose.
"""

from __future__ import annotations

import html
import re
from functools import cache

import markdown
import nh3

from loopbook.data.prose import PROSE_REF, SAFE_SCHEMES
from loopbook.model import Entry, Handbook
from loopbook.render.escape import no_html

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "h3", "h4", "a", "hr"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
BRIEF_MAX = 300  # characters of one STAR part in brief


@cache
def _converter() -> markdown.Markdown:
    """One converter, reset between texts: a practice page converts every story's brief, and making a
    converter costs more than converting a sentence."""
    return markdown.Markdown(extensions=["sane_lists"])


def safe_html(prose: str, book: Handbook) -> str:
    """Markdown prose as HTML under the site's policy, [[kind:id]] as the entry's title, only simple tags."""
    def title(m: re.Match[str]) -> str:
        target = book.get(m.group(1), m.group(2))
        return m.group(4) or (target.title if target else m.group(0))

    rendered = _converter().reset().convert(no_html(PROSE_REF.sub(title, prose.strip())))
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes=set(SAFE_SCHEMES))


def plain_text(prose: str, book: Handbook) -> str:
    """Markdown prose as the text a reader sees, without its markup: for a script that sets textContent."""
    return " ".join(html.unescape(nh3.clean(safe_html(prose, book), tags=set())).split())


def first_sentence(prose: str) -> str:
    first = _SENTENCE_END.split(prose.strip().split("\n\n")[0], maxsplit=1)[0]
    if len(first) > BRIEF_MAX:
        first = first[:BRIEF_MAX].rsplit(" ", 1)[0] + " …"
    return first


def brief_html(prose: str, book: Handbook) -> str:
    """The first sentence of a piece of prose, at most BRIEF_MAX characters, as safe HTML."""
    return safe_html(first_sentence(prose), book).removeprefix("<p>").removesuffix("</p>")


def star(story: Entry) -> list[tuple[str, str]]:
    """The STAR parts a brief shows, labelled: situation, task, the first three actions, result."""
    d = story.data
    parts = [("Situation", d.get("situation", "")), ("Task", d.get("task", ""))]
    parts += [("Action", a) for a in d.get("action", [])[:3]] + [("Result", d.get("result", ""))]
    return [(label, str(prose)) for label, prose in parts if prose]


def star_text(story: Entry, book: Handbook) -> list[list[str]]:
    """The STAR parts in brief as plain text: [label, first sentence]."""
    return [[label, plain_text(first_sentence(prose), book)] for label, prose in star(story)]
