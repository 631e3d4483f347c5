"""`loopbook export anki`: the .apkg (a zip holding an SQLite collection) opened and counted."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

from click.testing import CliRunner

from loopbook.cli import main


def export(project: Path, name: str = "deck.apkg") -> Path:
    out = project / name
    result = CliRunner().invoke(main, ["export", "anki", "-C", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def notes(apkg: Path, tmp: Path) -> dict[str, tuple[str, list[str]]]:
    """guid -> (tags, fields) of every note in the package."""
    with zipfile.ZipFile(apkg) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        (tmp / "collection.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(tmp / "collection.anki2")
    try:
        return {guid: (tags, flds.split("\x1f")) for guid, tags, flds in conn.execute("select guid, tags, flds from notes")}
    finally:
        conn.close()


def decks(apkg: Path, tmp: Path) -> list[str]:
    with zipfile.ZipFile(apkg) as z:
        (tmp / "c.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(tmp / "c.anki2")
    try:
        names = sorted(d["name"] for d in json.loads(conn.execute("select decks from col").fetchone()[0]).values())
        used = {row[0] for row in conn.execute("select distinct did from cards")}
        return names if len(used) == len(names) - 1 else []  # genanki keeps Anki's Default deck, empty
    finally:
        conn.close()


def questions(project: Path) -> list[Path]:
    return sorted((project / "data" / "questions").glob("*.yaml"))


def test_one_note_per_question_tagged_by_principle_and_kind_in_a_deck_per_kind(project, tmp_path):
    found = {g: n for g, n in notes(export(project), tmp_path).items() if "kind::" in n[0]}
    assert len(found) == len(questions(project))
    tags = [t.split() for t, _ in found.values()]
    assert all(any(x.startswith("principle::") for x in t) and any(x.startswith("kind::") for x in t) for t in tags)
    kinds = {line.split(": ")[1].strip() for q in questions(project) for line in q.read_text().splitlines() if line.startswith("kind:")}
    assert len(kinds) > 1
    labels = {"behavioral": "Behavioral", "technical": "Technical", "hr": "HR"}
    assert decks(export(project, "again.apkg"), tmp_path) == sorted(["Default", "loopbook::Follow-ups",
                                                                       *(f"loopbook::{labels[k]} questions" for k in kinds)])


def test_a_card_per_probe_tagged_with_its_story_and_principles_holds_the_answer_and_the_signals(project, tmp_path):
    probes = {f[4]: (t.split(), f) for t, f in notes(export(project), tmp_path).values() if "story::" in t}
    assert set(probes) == {"alb-outage#1", "alb-outage#2"}  # the sample story's two probes, and no other story has one
    tags, (front, story, back, signals, _) = probes["alb-outage#1"]
    assert set(tags) == {"story::alb-outage", "principle::dive-deep", "principle::ownership"}
    assert front == "Why a clustering key and not an index?" and story == "No"
    assert "clustering prunes micro-partitions" in back
    assert "Follows the problem past the edge of their job." in signals  # ownership's signals, as a checklist to answer against
    assert "As told:" in probes["alb-outage#2"][1][2]  # a watch-out keeps the claim it challenges


def test_the_deck_leaves_private_stories_out_and_redacts_unless_asked_for_the_private_deck(project, tmp_path):
    story = project / "data" / "stories" / "alb-outage.yaml"
    story.write_text(story.read_text() + "private: true\n")
    debrief = project / "data" / "debriefs" / "sample-debrief.yaml"  # its prose links the story: private-link
    debrief.write_text(debrief.read_text().replace("; see [[story:alb-outage]].", "."))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "extra:\n  loopbook:\n    redact:\n      Dashboards: the reports\n")
    public = {f[-1]: f for _, f in notes(export(project), tmp_path).values()}
    assert not any(k.startswith("alb-outage#") for k in public)
    assert all("alb-outage" not in "".join(f) and "<h3>No</h3>" not in f[1] for f in public.values())
    result = CliRunner().invoke(main, ["export", "anki", "-C", str(project), "--out", str(project / "mine.apkg"), "--private"])
    assert result.exit_code == 0, result.output
    mine = {f[-1]: f for _, f in notes(project / "mine.apkg", tmp_path).values()}
    assert "alb-outage#1" in mine and "Dashboards timed out" in mine["q-root-cause"][1]


def test_the_back_holds_the_story_or_the_notes_or_says_there_is_no_story(project, tmp_path):
    (project / "data" / "questions" / "q-bare.yaml").write_text("text: Why this team?\nkind: hr\nprinciples: [ownership]\n")
    backs = {fields[3]: fields[1] for _, fields in notes(export(project), tmp_path).values()}
    assert "<h3>No</h3>" in backs["q-root-cause"] and "10 s to 3 s" in backs["q-root-cause"]  # title, figures
    assert "Answer notes" in backs["q-unanswered"] and "Ownership" in backs["q-unanswered"]  # [[principle:ownership]] as its title
    assert "No story yet" in backs["q-bare"]


def test_prose_follows_the_site_html_policy(project, tmp_path):
    (project / "data" / "questions" / "q-hostile.yaml").write_text(
        "text: <b>Bold</b> question\nkind: technical\nprinciples: [dive-deep]\n"
        "notes: 'Try <script>alert(1)</script> and **strong** {: onclick=\"x\" }'\n")
    front, back = next(f for _, f in notes(export(project), tmp_path).values() if f[3] == "q-hostile")[:2]
    assert front == "&lt;b&gt;Bold&lt;/b&gt; question"
    assert "<script" not in back and not re.search(r"<[^>]*onclick", back), back
    assert "&lt;script&gt;" in back and "<strong>strong</strong>" in back


def test_two_exports_of_the_same_data_are_identical_and_an_edit_changes_exactly_one_note(project, tmp_path):
    first, second = export(project, "a.apkg"), export(project, "b.apkg")
    assert first.read_bytes() == second.read_bytes()
    before = notes(first, tmp_path)
    edited = questions(project)[0]
    edited.write_text(edited.read_text().replace("text: ", "text: Briefly, ", 1))
    after = notes(export(project, "c.apkg"), tmp_path)
    assert set(after) == set(before)  # same GUIDs: Anki updates the notes instead of adding new ones
    assert [g for g in before if before[g] != after[g]] == [next(g for g in after if after[g][1][3] == edited.stem)]



def test_ankis_media_latex_and_speech_tags_in_the_data_are_shown_as_typed(project, tmp_path):
    """[sound:...] would play a file of the collection, [latex] and [$] run LaTeX, [anki:tts] speak: none may act."""
    question = project / "data" / "questions" / "q-root-cause.yaml"
    tags = "[sound:_secret.mp3] [latex]x[/latex] [$]y[/$] [$$]z[/$$] [anki:tts lang=en]hi[/anki:tts]"
    question.write_text(question.read_text().replace("text: Tell me", f"text: '{tags} Tell me", 1).replace("deep.", "deep.'", 1))
    front = next(f for _, fields in notes(export(project), tmp_path).values() for f in fields if "sound:" in f)
    for live in ("[sound:", "[latex]", "[/latex]", "[$]", "[/$]", "[$$]", "[/$$]", "[anki:", "[/anki:"):
        assert live not in front, (live, front)
    assert front.startswith("&#91;sound:_secret.mp3] &#91;latex]x&#91;/latex] &#91;$]y")
