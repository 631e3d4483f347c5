"""Backstage TechDocs: a handbook whose mkdocs.yml says `plugins: [techdocs-core, loopbook]` builds in the
pinned environment TechDocs needs (mkdocs-techdocs-core 1.7.1, MkDocs Material 9.7.7, Markdown < 3.11:
`make techdocs`, from requirements-techdocs.txt), and every kind of page reads correctly where the site's
JavaScript does not run. TechDocs' reader runs none of a page's scripts but the browser still runs scripts,
so <noscript> stays hidden there; the pages are served here with `Content-Security-Policy: script-src
'none'`, which is that situation exactly."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading

import pytest

from tests.browser.conftest import _Quiet
from tests.conftest import HANDBOOK_DATA, REPO

pytestmark = pytest.mark.e2e
VENV = REPO / ".cache" / "techdocs-venv"
CONFIG = """\
site_name: Runbooks in Backstage
plugins:
  - techdocs-core
  - loopbook
extra:
  loopbook:
    alerts: [alerts/prometheus/*.yml, alerts/cloudwatch/*.tf, alerts/cloudwatch/*.json]
"""


@pytest.fixture(scope="module")
def techdocs_site(tmp_path_factory):
    made = subprocess.run(["make", "--no-print-directory", "techdocs"], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stdout + made.stderr
    root = tmp_path_factory.mktemp("techdocs") / "handbook"
    for folder in ("data", "alerts"):  # the fixture handbook, a frozen copy of the bundled one: the tests name its pages
        shutil.copytree(HANDBOOK_DATA.parent / folder, root / folder)
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("handbook"))
    (root / "mkdocs.yml").write_text(CONFIG)
    built = subprocess.run([str(VENV / "bin" / "mkdocs"), "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=600,
                           env={"PATH": f"{VENV / 'bin'}:/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795392000"})
    assert built.returncode == 0, built.stdout + built.stderr
    return root, built.stdout + built.stderr


def test_the_techdocs_environment_is_the_pinned_one_and_consistent(techdocs_site):
    versions = subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "list", "--format", "freeze"],
                              capture_output=True, text=True).stdout
    assert "mkdocs-material==9.7.7" in versions and "mkdocs-techdocs-core==1.7.1" in versions and "Markdown==3.10" in versions
    assert subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "check"], capture_output=True).returncode == 0


def test_a_handbook_builds_with_techdocs_core_and_loopbook_without_a_warning(techdocs_site):
    root, output = techdocs_site
    assert "WARNING" not in output and "ERROR" not in output
    site = root / "site"
    assert (site / "techdocs_metadata.json").is_file()  # what TechDocs publishes alongside the pages
    assert (site / "handbook" / "runbooks" / "alb-503-health-check" / "index.html").is_file()
    assert ((site / "handbook" / "alerts" / "index.html").is_file()
            and (site / "handbook" / "alerts" / "HighCPUUtilization" / "index.html").is_file())


class _NoScripts(_Quiet):
    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", "script-src 'none'")
        super().end_headers()


@pytest.fixture(scope="module")
def no_script_url(techdocs_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_NoScripts, directory=str(techdocs_site[0] / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def sample_pages(site) -> list[str]:
    """A page of each template: every index and view, and the first entry page of each kind."""
    handbook = site / "handbook"
    pages = ["handbook/"]
    for folder in sorted(p for p in handbook.iterdir() if p.is_dir()):
        pages.append(f"handbook/{folder.name}/")
        entries = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())
        if entries:
            pages.append(f"handbook/{folder.name}/{entries[0].name}/")
    return pages


# What only the site's JavaScript makes work: visible, it would be a control that does nothing.
CONTROLS = ("article button, article select, article input:not([type=radio]):not([type=checkbox]), "
            "article [data-practice], article [data-loop]")


def test_every_kind_of_page_reads_without_the_sites_javascript(techdocs_site, no_script_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    checked = []
    for path in sample_pages(techdocs_site[0] / "site"):
        page.goto(no_script_url + path)
        if path.startswith("handbook/alerts/") and path != "handbook/alerts/":  # an alert's page: its link to the runbook
            assert page.locator("a[data-lb-runbook]").is_visible(), path
            continue
        heading = page.locator("article h1").first
        assert heading.is_visible(), path
        text = page.locator("article").first.inner_text()
        assert len(text.split()) > len(heading.inner_text().split()), f"{path} shows no more than its title: {text!r}"
        dead = [c for c in page.locator(CONTROLS).all() if c.is_visible()]
        assert not dead, f"{path} shows controls that need JavaScript: {[c.evaluate('e => e.outerHTML')[:80] for c in dead]}"
        checked.append(path)
    assert len(checked) > 15
    page.goto(no_script_url + "handbook/practice/")
    assert page.locator(".lb-without-js").is_visible()
    page.goto(no_script_url + "handbook/runbooks/alb-503-health-check/")
    assert page.locator("article pre code").first.is_visible()  # the commands, as written
    context.close()


def test_with_the_sites_javascript_the_practice_note_for_readers_without_it_is_gone(site_url, page):
    page.goto(site_url + "handbook/practice/")
    page.locator("#lb-practice").wait_for(state="visible")
    assert not page.locator(".lb-without-js").is_visible()
    page.goto(site_url + "handbook/questions/")
    assert page.locator("#lb-bank-filter").is_visible()
