"""What the public site may show: redaction on word boundaries in any case, private entries and the
references to them left out, and the leak guard finding a secret however a file spells it."""

from __future__ import annotations

import gzip
from pathlib import Path

from loopbook.checks.leaks import check_leaks
from loopbook.data.load import load_handbook
from loopbook.data.privacy import Redactions, Secrets, public_book, secrets_of
from loopbook.diagnostics import Diagnostics
from tests.conftest import SAMPLE_DATA, make_project


def test_a_term_is_replaced_in_any_case_on_word_boundaries_and_across_a_line_break():
    r = Redactions({"NielsenIQ": "a market-research firm", "Jane Doe": "a colleague"})
    assert r.apply("At nielseniq, Jane\n  Doe said so.") == "At a market-research firm, a colleague said so."
    assert r.apply("NielsenIQs and xNielsenIQ stay; Jane Doering too.") == "NielsenIQs and xNielsenIQ stay; Jane Doering too."


def test_in_a_prose_link_only_the_label_is_redacted_never_the_id():
    r = Redactions({"nielseniq": "the firm"})
    text = "See [[story:nielseniq-move|the NielsenIQ move]] and [[story:nielseniq-move]]."
    assert r.apply(text) == "See [[story:nielseniq-move|the the firm move]] and [[story:nielseniq-move]]."


def test_the_longer_of_two_overlapping_terms_wins():
    r = Redactions({"Acme": "a vendor", "Acme Cloud": "a cloud provider"})
    assert r.apply("Acme Cloud and Acme") == "a cloud provider and a vendor"


def test_the_public_book_leaves_private_entries_and_every_reference_to_them_out(tmp_path):
    root = make_project(tmp_path / "p", SAMPLE_DATA)
    story = root / "data" / "stories" / "quiet-win.yaml"
    story.write_text(story.read_text() + "private: true\n")
    book = load_handbook(root, Diagnostics())
    public = public_book(book, Redactions({"Example Corp": "a company"}))
    assert public.get("story", "quiet-win") is None and public.get("story", "alb-outage") is not None
    outage = public.get("story", "alb-outage").data
    assert outage["related"] == ["runbook:alb-503"]  # the private story is gone from the list
    assert "consistency" in book.get("story", "alb-outage").data and outage.get("consistency") == []  # the note about it too
    assert outage["context"]["company"] == "a company"
    assert public.get("debrief", "sample-debrief").data["asked"][1].get("story") is None  # the telling, not the question asked
    assert len(public.get("debrief", "sample-debrief").data["asked"]) == 2
    assert book.get("story", "alb-outage").data["context"]["company"] == "Example Corp"  # the loaded entry is left as it was
    assert [e.ref for e in secrets_of(book, Redactions()).private] == ["story:quiet-win"]


def test_an_entry_under_the_private_folder_is_private_without_saying_so(tmp_path):
    root = make_project(tmp_path / "p", SAMPLE_DATA)
    (root / "data" / "private" / "stories").mkdir(parents=True)
    (root / "data" / "stories" / "quiet-win.yaml").rename(root / "data" / "private" / "stories" / "quiet-win.yaml")
    diags = Diagnostics()
    book = load_handbook(root, diags)
    assert not diags.errors
    assert book.get("story", "quiet-win").private and not book.get("story", "alb-outage").private


def secret_story() -> Secrets:
    from loopbook.model import KINDS, Entry, Source

    entry = Entry(KINDS["story"], "osprey", Source("data/stories/osprey.yaml", ""), {"title": 'The "Osprey" <rollout>'})
    return Secrets(("NielsenIQ",), (entry,))


def leaks(site: Path) -> list[str]:
    diags = Diagnostics()
    check_leaks(site, secret_story(), diags, "site")
    return [d.text() for d in diags.errors]


def test_the_guard_reads_pagefind_fragments_decompressed_and_titles_however_escaped(tmp_path):
    site = tmp_path / "site"
    (site / "pagefind" / "fragment").mkdir(parents=True)
    fragment = b'pagefind_dcd{"url":"/x/","content":"Moving off nielseniq."}'
    (site / "pagefind" / "fragment" / "en_1.pf_fragment").write_bytes(gzip.compress(fragment))
    (site / "a.html").write_text("<h1>The &quot;Osprey&quot; &lt;rollout&gt;</h1>")
    (site / "b.json").write_text('{"t": "The \\"Osprey\\" \\u003crollout>"}')
    (site / "c.html").write_text("<a href='/stories/osprey-2/'>not it</a> <a href='/stories/osprey/'>it</a>")
    (site / "d.html").write_text("Ospreys and NielsenIQs are other words.")
    found = leaks(site)
    assert len(found) == 4, found
    assert found[0].startswith("site/a.html:1:1: error: 'The \"Osprey\" <rollout>', the title of the private story story:osprey")
    assert found[1].startswith("site/b.json:1:1: error: 'The \"Osprey\" <rollout>'")
    assert found[2].startswith("site/c.html:1:59: error: 'osprey', the id of the private story story:osprey")
    assert found[3].startswith("site/pagefind/fragment/en_1.pf_fragment:1:1: error: the redacted term 'NielsenIQ' "
                               "is in this file (decompressed)")


def test_a_site_with_nothing_private_is_not_read(tmp_path):
    (tmp_path / "a.html").write_text("NielsenIQ")
    diags = Diagnostics()
    check_leaks(tmp_path, Secrets(), diags)
    assert not diags.items


def test_a_redaction_list_that_is_not_a_mapping_of_texts_is_an_error_at_its_line(tmp_path):
    from click.testing import CliRunner

    from loopbook.cli import main

    root = make_project(tmp_path / "p", SAMPLE_DATA)
    config = root / "mkdocs.yml"
    lines = len(config.read_text().splitlines())
    config.write_text(config.read_text() + "extra:\n  loopbook:\n    redact: [NielsenIQ]\n")
    result = CliRunner().invoke(main, ["check", "-C", str(root)])
    assert result.exit_code == 1
    assert f"mkdocs.yml:{lines + 3}:5: error: extra.loopbook.redact must map each term to what to show instead" in result.output
