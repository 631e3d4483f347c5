"""``loopbook export anki``: the question bank as an Anki deck (.apkg), one note per question.

The front is the question; the back holds the stories that answer it (headline, STAR in brief,
figures), or its answer notes, or says that no story answers it yet. Ids are derived from entry
ids, never drawn at random: a note's GUID from the question's id, so re-importing after an edit
updates the note instead of adding a second; the model's and the decks' ids from fixed names.
Prose goes through the site's HTML policy (no raw HTML, no attribute lists), then Python-Markdown,
then nh3 with a short list of tags, because Anki shows a field as HTML. The package is written
with fixed timestamps (SOURCE_DATE_EPOCH when set) so the same data gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import re
import sqlite3
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path as FsPath

import genanki
import markdown
import nh3

from loopbook.analysis.measures import build_time
from loopbook.data.graph import Graph, sort_key
from loopbook.data.prose import PROSE_REF, SAFE_SCHEMES
from loopbook.files import atomic_write
from loopbook.model import Entry
from loopbook.render.escape import no_html
from loopbook.render.renderer import question_kinds

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "h3", "h4", "a", "hr"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
_BRIEF_MAX = 300  # characters of one STAR part on a card


def stable_id(*names: str) -> int:
    """An Anki id (model or deck) from fixed names: the same every export, within Anki's usual range."""
    digest = hashlib.sha256("\x1f".join(("loopbook", *names)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


MODEL = genanki.Model(
    stable_id("model", "question"), "loopbook question",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Principles"}, {"name": "Id"}],
    templates=[{"name": "Question and its stories", "qfmt": "<div class=question>{{Question}}</div><div class=principles>{{Principles}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"}],
    css=".card { font-family: sans-serif; font-size: 18px; text-align: left; } .question { font-weight: bold; }"
        " .principles { color: #666; font-size: 14px; } .figures li { font-weight: bold; }",
    sort_field_index=3,
)


def safe_html(prose: str, graph: Graph) -> str:
    """Markdown prose as HTML under the site's policy: raw HTML shows as typed, [[kind:id]] becomes
    the entry's title (a card has no site to link to), and only simple tags survive."""
    def title(m: re.Match[str]) -> str:
        target = graph.book.get(m.group(1), m.group(2))
        return m.group(4) or (target.title if target else m.group(0))

    rendered = markdown.markdown(no_html(PROSE_REF.sub(title, prose.strip())), extensions=["sane_lists"])
    return nh3.clean(rendered, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes=set(SAFE_SCHEMES))


def brief(prose: str, graph: Graph) -> str:
    """The first sentence of a piece of prose, at most _BRIEF_MAX characters, as safe HTML."""
    first = _SENTENCE_END.split(prose.strip().split("\n\n")[0], maxsplit=1)[0]
    if len(first) > _BRIEF_MAX:
        first = first[:_BRIEF_MAX].rsplit(" ", 1)[0] + " …"
    return safe_html(first, graph).removeprefix("<p>").removesuffix("</p>")


def story_html(story: Entry, graph: Graph) -> str:
    d = story.data
    parts = [f"<h3>{html.escape(story.title, quote=False)}</h3>"]
    if "headline" in d:
        parts.append(f"<p><strong>{html.escape(str(d['headline']), quote=False)}</strong></p>")
    star = [("Situation", d.get("situation", "")), ("Task", d.get("task", ""))]
    star += [("Action", a) for a in d.get("action", [])[:3]] + [("Result", d.get("result", ""))]
    parts.append("<ul>" + "".join(f"<li><em>{label}:</em> {brief(str(text), graph)}</li>" for label, text in star if text) + "</ul>")
    figures = d.get("metrics", [])
    if figures:
        items = "".join(f"<li>{html.escape(str(m['value']), quote=False)} {html.escape(str(m['what']), quote=False)}</li>" for m in figures)
        parts.append(f"<p>Figures:</p><ul class=figures>{items}</ul>")
    return "".join(parts)


def answer_html(question: Entry, graph: Graph) -> str:
    stories = graph.sources(question, "story", "questions")
    if stories:
        return "".join(story_html(s, graph) for s in stories)
    if "notes" in question.data:
        return "<p><em>Answer notes:</em></p>" + safe_html(str(question.data["notes"]), graph)
    return "<p><strong>No story yet.</strong> No story answers this question: a gap to prepare.</p>"


def note_for(question: Entry, graph: Graph) -> genanki.Note:
    principles = graph.targets(question, "principles")
    kind = str(question.data["kind"])
    tags = [f"principle::{p.id}" for p in principles] + [f"kind::{kind}"]
    return genanki.Note(model=MODEL, guid=genanki.guid_for("loopbook", "question", question.id), tags=tags,
                        fields=[html.escape(question.title, quote=False), answer_html(question, graph),
                                html.escape(", ".join(p.title for p in principles), quote=False), html.escape(question.id, quote=False)])


def decks(graph: Graph) -> list[genanki.Deck]:
    """One deck per kind of question, in the question schema's order, notes by question id."""
    by_kind: dict[str, genanki.Deck] = {}
    for kind, name in question_kinds().items():
        by_kind[kind] = genanki.Deck(stable_id("deck", kind), f"loopbook::{name[:1].upper()}{name[1:]} questions")
    for question in sorted(graph.book.of("question"), key=sort_key):
        by_kind[str(question.data["kind"])].add_note(note_for(question, graph))
    return [d for d in by_kind.values() if d.notes]


def write_apkg(graph: Graph, out: FsPath) -> int:
    """Write the deck package to out; the number of notes written."""
    package = genanki.Package(decks(graph))
    stamp = build_time()
    with tempfile.TemporaryDirectory() as tmp:
        db = FsPath(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        # genanki numbers notes and cards from the timestamp it is given; fixing it fixes the ids.
        package.write_to_db(conn.cursor(), stamp, itertools.count(stamp * 1000))
        conn.commit()
        conn.close()
        when = datetime.fromtimestamp(max(stamp, 315532800), tz=timezone.utc).timetuple()[:6]  # zip dates start in 1980
        deck = io.BytesIO()
        with zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo("collection.anki2", when), db.read_bytes(), zipfile.ZIP_DEFLATED)
            z.writestr(zipfile.ZipInfo("media", when), "{}", zipfile.ZIP_DEFLATED)
    atomic_write(out, deck.getvalue())
    return sum(len(d.notes) for d in package.decks)

