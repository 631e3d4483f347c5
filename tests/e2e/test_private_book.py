"""A candidate's own book: the public site leaves private entries out and redacts what must not show, the
leak guard proves it on every file (Pagefind's compressed index included), and the whole book stays
available to its owner (`build --private`)."""

from __future__ import annotations

import gzip
import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from tests.conftest import FIXTURES, make_project

pytestmark = pytest.mark.e2e

FIXTURE = FIXTURES / "private-story-and-redactions"
REDACTED = ["NielsenIQ", "Jane Doe"]
# The private story of the fixture (private: true) and the one kept under data/private/, by id and title.
PRIVATE = ["kestrel-ledger-migration", "The Kestrel ledger migration", "osprey-rollout", "The Osprey rollout"]


def private_book(root: Path) -> Path:
    make_project(root, FIXTURE / "data")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + (FIXTURE / "mkdocs-extra.yml").read_text())
    return root


def build(root: Path, *args: str):
    return CliRunner().invoke(main, ["build", "-C", str(root), *args])


def readable(path: Path) -> str:
    """A file as a reader (or a search client) gets it: gzip undone, Pagefind's header dropped, entities decoded."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    text = raw.removeprefix(b"pagefind_dcd").decode("utf-8", errors="replace")
    text = html.unescape(text).replace("\\u003c", "<").replace('\\"', '"')
    return " ".join(text.split()).casefold()


def holding(site: Path, needle: str) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.rglob("*")) if p.is_file() and needle.casefold() in readable(p)]


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    root = private_book(tmp_path_factory.mktemp("private") / "book")
    result = build(root)
    assert result.exit_code == 0, result.output
    return root


def test_no_file_of_the_public_site_holds_a_redacted_term_or_a_private_story(public):
    site = public / "site"
    fragments = list((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments and all(f.read_bytes()[:2] == b"\x1f\x8b" for f in fragments)  # the compressed index is read too
    assert holding(site, "dashboards at a market-research firm load in three seconds")  # the public story, redacted, is searchable
    for needle in REDACTED + PRIVATE:
        assert holding(site, needle) == [], needle


def test_the_public_pages_show_the_replacements_and_drop_every_reference_to_a_private_story(public):
    page = readable(public / "site" / "handbook" / "stories" / "dashboard-speedup" / "index.html")
    assert "cut dashboard load time at a market-research firm from 10 s to 3 s." in page  # headline
    assert "at a market-research firm the client dashboards timed out every monday; a colleague, our analyst" in page  # prose, any case
    assert "a market-research firm dashboard load time" in page  # figures
    assert "the a market-research firm owners" in page  # a link's label; the link itself still leads to the principle
    assert "told differently in another story" not in page  # the consistency note about the private story is gone
    role = readable(public / "site" / "handbook" / "roles" / "analytics-engineer" / "index.html")
    assert "dashboard-speedup" in role and "gap" in role  # evidence by the private story is left out: a gap on the public site
    assert not (public / "site" / "handbook" / "stories" / "kestrel-ledger-migration").exists()
    assert not (public / "site" / "handbook" / "stories" / "osprey-rollout").exists()


def test_a_redacted_term_in_a_hand_written_page_fails_the_build_and_keeps_the_previous_site(public, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(public, root)
    before = tree_digest(root / "site")
    guide = root / "docs" / "index.md"
    guide.write_text(guide.read_text() + "\nThanks to everyone at Nielseniq for the data.\n")
    result = build(root)
    assert result.exit_code == 1
    assert "site/index.html:" in result.output
    assert re.search(r"site/index\.html:\d+:\d+: error: the redacted term 'NielsenIQ' is in this file; .* \[privacy-leak\]", result.output)
    assert re.search(r"site/pagefind/fragment/\S+\.pf_fragment:1:1: error: .*\(decompressed\).* \[privacy-leak\]", result.output)
    assert tree_digest(root / "site") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site.")]  # no staging folder left behind


def test_a_private_story_named_in_a_hand_written_page_fails_the_build(public, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(public, root)
    guide = root / "docs" / "index.md"
    guide.write_text(guide.read_text() + "\nAsk me about the Osprey rollout.\n")
    result = build(root)
    assert result.exit_code == 1
    assert "'The Osprey rollout', the title of the private story story:osprey-rollout is in this file" in result.output


def test_the_private_build_makes_the_whole_book_with_private_entries_marked(public, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(public, root)
    result = build(root, "--private")
    assert result.exit_code == 0, result.output
    site = root / "site" / "handbook" / "stories"
    for story in ("kestrel-ledger-migration", "osprey-rollout"):
        page = readable(site / story / "index.html")
        assert "this story is private: the public site" in page and "leaves it out, with every reference to it" in page
    assert "nielseniq" in readable(site / "dashboard-speedup" / "index.html")  # nothing redacted
    assert holding(root / "site", "The Osprey rollout")  # and searchable


def test_a_site_without_private_entries_or_redactions_is_built_as_before(tmp_path):
    root = make_project(tmp_path / "plain")
    assert build(root).exit_code == 0
    assert holding(root / "site", "alb-outage")  # the guard has nothing to look for, and finds nothing to refuse


def test_the_zensical_engine_builds_the_same_public_site(public, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(public, root)
    result = build(root, "--engine", "zensical")
    assert result.exit_code == 0, result.output
    assert holding(root / "site", "dashboards at a market-research firm load in three seconds")
    for needle in REDACTED + PRIVATE:
        assert holding(root / "site", needle) == [], needle


def test_a_plain_mkdocs_build_makes_the_public_site_and_stops_on_a_leak(public, tmp_path):
    import os
    import subprocess
    import sys

    root = tmp_path / "book"
    shutil.copytree(public, root)
    shutil.rmtree(root / "site")

    def mkdocs_build():
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True,
                              timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    done = mkdocs_build()
    assert done.returncode == 0, done.stderr
    assert holding(root / "site", "a market-research firm") and not holding(root / "site", "The Osprey rollout")
    guide = root / "docs" / "index.md"
    guide.write_text(guide.read_text() + "\nJane Doe reviewed this page.\n")
    done = mkdocs_build()  # as `mkdocs gh-deploy` would build before it pushes
    assert done.returncode != 0
    assert "the redacted term 'Jane Doe' is in this file" in done.stderr and "[privacy-leak]" in done.stderr


def test_serve_shows_the_whole_book_with_private_entries_marked(public):
    import subprocess
    import sys

    from tests.e2e.test_serve import free_port, wait_for

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "loopbook", "serve", "-C", str(public), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/handbook/stories/osprey-rollout/", "This story is private")
        assert wait_for(f"http://127.0.0.1:{port}/handbook/stories/dashboard-speedup/", "NielsenIQ")  # nothing redacted
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_story_written_with_new_private_stays_out_of_git(tmp_path):
    import subprocess

    book = tmp_path / "book"
    assert CliRunner().invoke(main, ["init", str(book)]).exit_code == 0
    result = CliRunner().invoke(main, ["new", "story", "payments-migration", "--private", "-C", str(book)])
    assert result.exit_code == 0 and "data/private/stories/payments-migration.yaml" in result.output
    subprocess.run(["git", "init", "-q", str(book)], check=True)
    subprocess.run(["git", "-C", str(book), "add", "-A"], check=True)
    staged = subprocess.run(["git", "-C", str(book), "diff", "--cached", "--name-only"], capture_output=True, text=True, check=True).stdout
    assert "data/stories/example-story.yaml" in staged and "data/private" not in staged
