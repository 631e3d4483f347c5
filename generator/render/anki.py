"""``loopbook export anki``: the question bank as an Anki deck (.apkg), one note per question, and the
stories' follow-ups, one note per probe.

A question's front is the question; the back holds the stories that answer it (headline, STAR in brief,
figures), or its answer notes, or says that no story answers it yet. A probe's front is the follow-up and
the story it follows; the back, its answer notes and what interviewers listen for in the story's
principles (their signals), tagged with the story and its principles.

Ids are derived from entry ids, never drawn at random: a note's GUID from the question's id (a probe's
from its story's id and its place), so re-importing after an edit updates the note instead of adding a
second; the model's and the decks' ids from fixed names. Prose goes through the site's HTML policy
(loopbook.render.brief), because Anki shows a field as HTML. Anki also reads tags of its own in a
field, whatever HTML surrounds them: ``[sound:x]`` plays a file of the collection, ``[latex]...[/latex]``
and ``[$]...[$]`` run LaTeX on the machine that shows the card, ``[anki:...]`` runs its text-to-speech; each
field's opening bracket of such a tag is written as an HTML entity (``inert``), so the card shows the tag as
typed and Anki runs none of them. The package is written with fixed
timestamps (SOURCE_DATE_EPOCH when set) so the same data gives the same bytes.
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

from loopbook.analysis.measures import build_time
from loopbook.data.graph import Graph, sort_key
from loopbook.files import atomic_write
from loopbook.model import Entry
from loopbook.render.brief import brief_html, safe_html, star
from loopbook.render.renderer import question_kinds

FOLLOW_UPS_DECK = "loopbook::Follow-ups"
# The start of every tag Anki acts on inside a field (its media, LaTeX and text-to-speech tags), any case.
_ANKI_TAG = re.compile(r"\[(?=sound:|latex\]|/latex\]|\$\$?\]|/\$\$?\]|/?anki:)", re.I)


def inert(field_html: str) -> str:
    """A field's HTML with Anki's own tags shown as typed: their '[' as the entity &#91;, which Anki's
    readers of [sound:...], [latex], [$], [$$] and [anki:...] do not match and the card shows as '['."""
    return _ANKI_TAG.sub("&#91;", field_html)


def stable_id(*names: str) -> int:
    """An Anki id (model or deck) from fixed names: the same every export, within Anki's usual range."""
    digest = hashlib.sha256("\x1f".join(("loopbook", *names)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


MODEL = genanki.Model(
    stable_id("model", "question"), "loopbook question",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Principles"}, {"name": "Id"}],
    templates=[{"name": "Question and its stories",
                "qfmt": "<div class=question>{{Question}}</div><div class=principles>{{Principles}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"}],
    css=".card { font-family: sans-serif; font-size: 18px; text-align: left; } .question { font-weight: bold; }"
        " .principles { color: #666; font-size: 14px; } .figures li { font-weight: bold; }",
    sort_field_index=3,
)


PROBE_MODEL = genanki.Model(
    stable_id("model", "probe"), "loopbook follow-up",
    fields=[{"name": "Follow-up"}, {"name": "Story"}, {"name": "Answer"}, {"name": "Signals"}, {"name": "Id"}],
    templates=[{"name": "Follow-up and what to answer", "qfmt": "<div class=story>{{Story}}</div><div class=question>{{Follow-up}}</div>",
                "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}{{Signals}}"}],
    css=".card { font-family: sans-serif; font-size: 18px; text-align: left; } .question { font-weight: bold; }"
        " .story { color: #666; font-size: 14px; }",
    sort_field_index=4,
)


def story_html(story: Entry, graph: Graph) -> str:
    d = story.data
    parts = [f"<h3>{html.escape(story.title, quote=False)}</h3>"]
    if "headline" in d:
        parts.append(f"<p><strong>{html.escape(str(d['headline']), quote=False)}</strong></p>")
    parts.append("<ul>" + "".join(f"<li><em>{label}:</em> {brief_html(text, graph.book)}</li>" for label, text in star(story)) + "</ul>")
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
        return "<p><em>Answer notes:</em></p>" + safe_html(str(question.data["notes"]), graph.book)
    return "<p><strong>No story yet.</strong> No story answers this question: a gap to prepare.</p>"


def note_for(question: Entry, graph: Graph) -> genanki.Note:
    principles = graph.targets(question, "principles")
    kind = str(question.data["kind"])
    tags = [f"principle::{p.id}" for p in principles] + [f"kind::{kind}"]
    fields = [html.escape(question.title, quote=False), answer_html(question, graph),
              html.escape(", ".join(p.title for p in principles), quote=False), html.escape(question.id, quote=False)]
    return genanki.Note(model=MODEL, guid=genanki.guid_for("loopbook", "question", question.id), tags=tags,
                        fields=[inert(f) for f in fields])


def probe_notes(story: Entry, graph: Graph) -> list[genanki.Note]:
    """A card per follow-up of the story: the probe on the front; its answer notes (and the claim it
    challenges) and what interviewers listen for in the story's principles on the back."""
    principles = graph.targets(story, "principles")
    tags = [f"story::{story.id}"] + [f"principle::{p.id}" for p in principles]
    signals = "".join(f"<p><em>What interviewers listen for ({html.escape(p.title, quote=False)}):</em></p><ul>"
                      + "".join(f"<li>{safe_html(str(x), graph.book).removeprefix('<p>').removesuffix('</p>')}</li>"
                                for x in p.data["signals"])
                      + "</ul>" for p in principles if p.data.get("signals"))
    notes = []
    for i, probe in enumerate(story.data.get("probes", []), 1):
        claim = f"<p><em>As told:</em></p>{safe_html(str(probe['claim']), graph.book)}" if "claim" in probe else ""
        answer = claim + "<p><em>Answer notes:</em></p>" + safe_html(str(probe["answer"]), graph.book)
        notes.append(genanki.Note(model=PROBE_MODEL, guid=genanki.guid_for("loopbook", "probe", story.id, str(i)), tags=tags,
                                  fields=[inert(f) for f in (html.escape(str(probe["question"]), quote=False),
                                          html.escape(story.title, quote=False), answer, signals,
                                          html.escape(f"{story.id}#{i}", quote=False))]))
    return notes


def decks(graph: Graph) -> list[genanki.Deck]:
    """One deck per kind of question, in the question schema's order, notes by question id; then the
    stories' follow-ups, a deck of their own, by story."""
    by_kind: dict[str, genanki.Deck] = {}
    for kind, name in question_kinds().items():
        by_kind[kind] = genanki.Deck(stable_id("deck", kind), f"loopbook::{name[:1].upper()}{name[1:]} questions")
    for question in sorted(graph.book.of("question"), key=sort_key):
        by_kind[str(question.data["kind"])].add_note(note_for(question, graph))
    follow_ups = genanki.Deck(stable_id("deck", "follow-ups"), FOLLOW_UPS_DECK)
    for story in sorted(graph.book.of("story"), key=sort_key):
        for note in probe_notes(story, graph):
            follow_ups.add_note(note)
    return [d for d in (*by_kind.values(), follow_ups) if d.notes]


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

