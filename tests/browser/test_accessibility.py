"""WCAG 2 A and AA, checked by axe-core in Chromium on every kind of page of the fixture handbook (a frozen copy of
the bundled one), in the light and the dark scheme. A serious or critical violation fails the test.

axe-core is vendored (tests/browser/vendor/axe-core-<version>/, from `npm pack axe-core@<version>`, with its MPL-2.0
licence) so that the pass needs no network; the file is checked against the integrity hash axe-core publishes
for that version, so an accidental edit or a half-updated copy cannot go unnoticed."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from tests.conftest import HANDBOOK_DATA

AXE_VERSION = "4.14.1"
AXE = Path(__file__).resolve().parent / "vendor" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
# From sri-history.json in the axe-core 4.14.1 npm package.
AXE_SRI = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
# Material applies the palette whose media query matches; emulating the reader's preference picks it.
SCHEMES = {"light": "default", "dark": "slate"}


def first_entry(plural: str) -> str:
    """An entry page of a kind: the first of the fixture handbook."""
    return f"handbook/{plural}/{sorted(p.stem for p in (HANDBOOK_DATA / plural).glob('*.yaml'))[0]}/"


PAGES = {
    "home": "",
    "guide": "guide/star-method/",
    "contributing": "contributing/",
    "story": first_entry("stories"),
    "principle": first_entry("principles"),
    "question": first_entry("questions"),
    "question-bank": "handbook/questions/",
    "runbook": first_entry("runbooks"),
    "runbook-index": "handbook/runbooks/",
    "metric": first_entry("metrics"),
    "metric-glossary": "handbook/metrics/",
    "project": first_entry("projects"),
    "role": first_entry("roles"),
    "coverage": "handbook/coverage/",
    "practice": "handbook/practice/",
    "cheat-sheet": "handbook/cheat-sheet/",
    "quality": "handbook/quality/",
    "schema-reference": "handbook/schema-reference/",
    "tags": "handbook/tags/",
    "tag": "handbook/tags/aws/",
}


def describe(violations: list[dict]) -> str:
    """One paragraph per violation: rule, impact, what it means, and the selectors of the elements at fault."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text("utf-8"))
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def test_the_vendored_axe_core_is_the_published_file():
    digest = base64.b64encode(hashlib.sha256(AXE.read_bytes()).digest()).decode()
    assert f"sha256-{digest}" == AXE_SRI
    assert (AXE.parent / "LICENSE").is_file()


@pytest.fixture(params=list(SCHEMES), scope="module")
def scheme_page(request, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    page = context.new_page()
    page.scheme = request.param
    yield page
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_have_no_serious_accessibility_violations(scheme_page, site_url, name):
    page = scheme_page
    response = page.goto(site_url + PAGES[name])
    assert response is not None and response.status == 200
    applied = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert applied == SCHEMES[page.scheme], f"the {page.scheme} scheme was not applied"
    if name == "practice":
        # The card, the timer, the rating buttons and the revealed stories are only there after a draw.
        page.click('[data-practice="draw"]')
        page.click('[data-practice="reveal"]')
    violations = [v for v in run_axe(page) if v["impact"] in FAILING_IMPACTS]
    assert not violations, f"{PAGES[name] or 'home'} ({page.scheme}):\n{describe(violations)}"
