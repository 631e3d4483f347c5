"""MkDocs and Zensical build the same handbook: the same entry and view pages, no broken internal link
in either, search that finds an entry by a word from its body, and an edit button that opens the YAML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.engines.assets import THEME_DIR
from loopbook.model import KINDS
from loopbook.render.alerts import STANDALONE
from tests.browser.conftest import serve
from tests.conftest import HANDBOOK_DATA, make_project
from tests.sitewalk import broken_links

ENGINES = ("mkdocs", "zensical")
REPO_URL = "https://github.com/example/handbook"
THEME_SCRIPTS = THEME_DIR / "assets" / "javascripts"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The fixture handbook (a frozen copy of the bundled one) built by each engine, with a repository named in mkdocs.yml."""
    built = {}
    for engine in ENGINES:
        root = make_project(tmp_path_factory.mktemp(engine) / "p", HANDBOOK_DATA)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text() + f"repo_url: {REPO_URL}\nedit_uri: edit/main/docs/\n")
        result = CliRunner().invoke(main, ["build", "-C", str(root), "--engine", engine])
        assert result.exit_code == 0, result.output
        built[engine] = root / "site"
    yield built
    for site in built.values():
        shutil.rmtree(site.parent, ignore_errors=True)


def handbook_pages(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in (site / "handbook").rglob("index.html")}


def test_both_engines_make_the_same_entry_and_view_pages(sites):
    mkdocs, zensical = (handbook_pages(sites[e]) for e in ENGINES)
    assert mkdocs == zensical
    for kind in KINDS.values():  # every entry of the data has its page
        ids = {p.stem for p in (HANDBOOK_DATA / kind.plural).glob("*.yaml")}
        assert {f"handbook/{kind.plural}/{i}" for i in ids} <= mkdocs, kind.plural


@pytest.mark.parametrize("engine", ENGINES)
def test_no_internal_link_is_broken(sites, engine):
    broken, checked = broken_links(sites[engine])
    assert broken == []
    assert checked > 1000


@pytest.mark.parametrize("engine", ENGINES)
def test_the_edit_button_opens_the_yaml(sites, engine):
    story = next(iter(sorted((HANDBOOK_DATA / "stories").glob("*.yaml")))).stem
    html = (sites[engine] / "handbook" / "stories" / story / "index.html").read_text()
    assert f'href="{REPO_URL}/edit/main/data/stories/{story}.yaml"' in html


@pytest.mark.parametrize("engine", ENGINES)
def test_search_finds_an_entry_by_a_word_from_its_body(sites, engine, page):
    """`iostat` is written only in the steps of the slow Linux server runbook."""
    for url in serve(sites[engine]):
        page.goto(url)
        found = page.evaluate("""async () => {
            const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
            const search = await pagefind.search('iostat');
            return Promise.all(search.results.slice(0, 3).map(async r => (await r.data()).url));
        }""")
        assert any(u.rstrip("/").endswith("handbook/runbooks/slow-linux-server") or "slow-linux-server" in u for u in found), found
        assert page.errors == []


@pytest.mark.parametrize("engine", ENGINES)
def test_both_engines_load_every_theme_script_the_shared_one_first(sites, engine, page):
    for url in serve(sites[engine]):
        page.goto(url + "handbook/practice/")
        names = page.evaluate("Array.from(document.scripts, s => s.src.split('/').pop())")
        ours = [n for n in names if (THEME_SCRIPTS / n).is_file()]
        assert ours[0] == "loopbook.js" and sorted(ours) == sorted(p.name for p in THEME_SCRIPTS.glob("*.js") if p.name not in STANDALONE)
        assert page.locator("#lb-practice").is_visible()  # practice.js ran, on loopbook.js's helpers
        assert page.errors == []


@pytest.mark.parametrize("engine", ENGINES)
def test_an_alerts_page_leads_to_its_runbook_with_the_query_string(sites, engine, browser):
    alert = sorted((sites[engine] / "handbook" / "alerts").glob("*/index.html"))[0]
    runbook = re.search(r'href="\.\./\.\./runbooks/([^/"]+)/" data-lb-runbook', alert.read_text("utf-8")).group(1)
    server = serve(sites[engine])
    url = next(server)
    try:
        page = browser.new_page()
        page.goto(f"{url}handbook/alerts/{alert.parent.name}/?cluster=prod-eu#steps")
        page.wait_for_url(re.compile(rf"/handbook/runbooks/{runbook}/\?cluster=prod-eu#steps$"), timeout=15000)
        page.close()
    finally:
        server.close()
