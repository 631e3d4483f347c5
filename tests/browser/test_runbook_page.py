"""The runbook page as an on-call engineer uses it, in Chromium: parameters from the link and the form filled into
the commands (and a crafted value never reaching a copied command), the checklist and its timeline, the review
banner counted from today, the runbook index's filter, and what the page shows without JavaScript."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from urllib.parse import quote

import pytest

from tests.browser.conftest import built_and_served
from tests.conftest import FIXTURES, make_project

PAGE = "handbook/runbooks/crashing-pods/"
FIRST = "[data-lb-checklist='step'] li:nth-child(1) pre code"  # kubectl --context <cluster> -n <namespace> get pods
NOTES = "[data-lb-checklist='step'] li:nth-child(2) pre code"  # the note printed bare, in "..." and in '...'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("params") / "p", FIXTURES / "runbook-parameters" / "data")
    yield from built_and_served(root)


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def copied(page, code: str) -> str:
    """What the code block's copy button puts on the clipboard."""
    block = page.locator(code).locator("xpath=ancestor::div[contains(@class, 'highlight')]")
    block.hover()
    block.locator("[data-clipboard-target]").click()
    return page.evaluate("navigator.clipboard.readText()")


def test_an_alert_s_labels_in_the_link_fill_the_commands(reader, site):
    reader.goto(site + PAGE + "?namespace=payments&cluster=prod-eu")
    assert reader.locator(FIRST).inner_text().strip() == "kubectl --context prod-eu -n payments get pods"
    assert copied(reader, FIRST).strip() == "kubectl --context prod-eu -n payments get pods"
    assert reader.get_by_label("<namespace>").input_value() == "payments"
    assert reader.errors == []


CRAFTED = ["$(curl x|sh)", "'; rm -rf /; '", "`curl x|sh`", "prod\nrm -rf /", "--all", "prod-eu;id", "prod\u202eue-dorp"]


@pytest.mark.parametrize("value", CRAFTED)
def test_a_crafted_value_in_the_link_never_reaches_a_copied_command(reader, site, value):
    reader.goto(site + PAGE + "?namespace=payments&cluster=" + quote(value, safe=""))
    field = reader.get_by_label("<cluster>")
    assert field.get_attribute("aria-invalid") == "true"
    error = reader.locator("#lb-param-cluster-error")
    assert error.is_visible() and "The commands keep <cluster>" in error.inner_text()
    shown, text = reader.locator(FIRST).inner_text(), copied(reader, FIRST)
    for command in (shown, text):
        assert command.strip() == "kubectl --context <cluster> -n payments get pods"
    assert all(value not in c.inner_text() for c in reader.locator("pre code").all())


@pytest.mark.parametrize("value", CRAFTED)
def test_a_crafted_value_typed_into_the_form_is_refused_too(reader, site, value):
    reader.goto(site + PAGE)
    reader.get_by_label("<cluster>").fill("prod-eu")
    assert "--context prod-eu" in copied(reader, FIRST)
    reader.get_by_label("<cluster>").fill(value)
    assert reader.get_by_label("<cluster>").get_attribute("aria-invalid") == "true"
    assert copied(reader, FIRST).strip() == "kubectl --context <cluster> -n <namespace> get pods"


# The note's pattern lets any text through: only the quoting keeps it from being run.
NOTES_TEXT = ["$(touch pwned)", "'; touch pwned; '", "`touch pwned`", '"$HOME" \\ !!', "it's a \"note\" $((1+1))"]


@pytest.mark.parametrize("value", NOTES_TEXT)
def test_a_value_the_pattern_allows_is_quoted_so_that_the_shell_reads_it_as_text(reader, site, value, tmp_path):
    reader.goto(site + PAGE)
    reader.get_by_label("<note>").fill(value)
    assert reader.get_by_label("<note>").get_attribute("aria-invalid") == "false"
    command = copied(reader, NOTES)
    run = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=10)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [value, "note: " + value, "note: " + value]
    assert not (tmp_path / "pwned").exists()


def test_without_javascript_the_commands_show_their_placeholders(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + PAGE + "?namespace=payments")
    assert page.locator(FIRST).inner_text().strip() == "kubectl --context <cluster> -n <namespace> get pods"
    assert "The Kubernetes namespace of the pods" in page.locator("#lb-params").inner_text()
    assert page.locator("#lb-incident").is_hidden()
    assert page.locator(".lb-review").is_visible()  # the build's verdict: overdue on the build's date
    context.close()


def ticks(page) -> list[str]:
    return page.eval_on_selector_all(".lb-tick input:checked", "boxes => boxes.map(b => b.id)")


def test_steps_are_ticked_from_the_keyboard_kept_per_incident_and_copied_as_a_timeline(reader, site):
    reader.goto(site + PAGE)
    first = reader.get_by_label("Done: step 1")
    first.focus()
    reader.keyboard.press("Space")
    reader.get_by_label("Done: verify 1").check()
    now = datetime.now().strftime("%H:%M")
    assert reader.locator(".lb-tick__time").first.inner_text() in (f"ticked {now}", "ticked " + datetime.now().strftime("%H:%M"))
    reader.reload()
    assert ticks(reader) == ["lb-tick-step-1", "lb-tick-verify-1"]  # kept across a reload
    reader.get_by_role("button", name="Copy timeline").click()
    lines = reader.evaluate("navigator.clipboard.readText()").splitlines()
    assert re.fullmatch(r"\*\*Incident .+\*\*: \[Pods of a service keep crashing\]"
                        r"\(http://.+/handbook/runbooks/crashing-pods/\), times UTC[+-]\d\d:\d\d", lines[0])
    assert re.fullmatch(r"\d\d:\d\d step 1 List the pods and their restarts\.", lines[1]), lines
    assert re.fullmatch(r"\d\d:\d\d verify 1 The pods stay up\.", lines[2]), lines
    reader.get_by_role("status").filter(has_text="Timeline copied: 2 lines.").wait_for()

    reader.get_by_role("button", name="New incident").click()
    assert ticks(reader) == []
    reader.get_by_label("Incident name", exact=True).fill("INC-42 payments down")
    reader.get_by_label("Done: rollback 1").check()
    options = reader.locator("[data-incident='choice'] option").all_inner_texts()
    assert options[0] == "INC-42 payments down (1 ticked)" and options[1].endswith("(2 ticked)")
    reader.locator("[data-incident='choice']").select_option(index=1)
    assert ticks(reader) == ["lb-tick-step-1", "lb-tick-verify-1"]

    reset = reader.locator("[data-incident='reset']")
    reset.click()
    assert ticks(reader) == ["lb-tick-step-1", "lb-tick-verify-1"]  # one press asks again
    reset.click()
    assert ticks(reader) == []
    assert reader.errors == []


@pytest.mark.parametrize("today, shown, days", [("2026-03-01T09:00:00", False, None), ("2027-04-05T09:00:00", True, 365)])
def test_the_review_banner_is_counted_from_the_reader_s_date(reader, site, today, shown, days):
    reader.clock.set_fixed_time(datetime.fromisoformat(today))
    reader.goto(site + PAGE)
    banner = reader.locator(".lb-review")
    assert banner.is_visible() == shown
    if days:
        assert f"due for review on 2026-04-05, {days} days ago" in banner.inner_text()


def test_the_facts_read_without_sideways_scrolling_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site + PAGE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    facts = page.locator(".lb-facts li")
    for i in range(facts.count()):
        box = facts.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, facts.nth(i).inner_text()
    # The escalation and the first step are a tap away from the first screen.
    for link in ("Payments on-call", "Step 1"):
        assert page.get_by_role("link", name=link).bounding_box()["y"] < 667
    context.close()


def test_the_runbook_index_is_filtered_by_severity_and_words(reader, site):
    reader.goto(site + "handbook/runbooks/")
    assert reader.locator("#sev1").is_visible()
    count = reader.locator("#lb-runbook-filter .lb-count")
    assert count.inner_text() == "1 of 1 runbooks"
    reader.get_by_label("Filter").fill("no such runbook")
    assert count.inner_text() == "0 of 1 runbooks"
    assert reader.locator("#sev1").is_hidden()
    reader.get_by_label("Filter").fill("payments")
    reader.get_by_role("combobox", name="Severity").select_option("sev1")
    assert count.inner_text() == "1 of 1 runbooks"
    assert reader.errors == []


@pytest.fixture(scope="module")
def two_services(tmp_path_factory):
    """The fixture's runbook, and a second one on another service."""
    root = make_project(tmp_path_factory.mktemp("services") / "p", FIXTURES / "runbook-parameters" / "data")
    runbooks = root / "data" / "runbooks"
    text = (runbooks / "crashing-pods.yaml").read_text("utf-8")
    text = text.replace("service: payments", "service: search")
    text = text.replace("title: Pods of a service keep crashing", "title: Search pods keep crashing")
    (runbooks / "search-pods.yaml").write_text(text, "utf-8")
    yield from built_and_served(root)


def test_the_runbook_index_is_narrowed_to_one_service(reader, two_services):
    reader.goto(two_services + "handbook/runbooks/")
    count = reader.locator("#lb-runbook-filter .lb-count")
    assert count.inner_text() == "2 of 2 runbooks"
    reader.get_by_role("combobox", name="Service").select_option("search")
    assert count.inner_text() == "1 of 2 runbooks"
    assert reader.get_by_role("link", name="Search pods keep crashing").is_visible()
    assert reader.get_by_role("link", name="Pods of a service keep crashing").is_hidden()
    reader.get_by_role("combobox", name="Service").select_option("")
    assert count.inner_text() == "2 of 2 runbooks"
    assert reader.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [PAGE + "?namespace=payments&cluster=%24(id)", "handbook/runbooks/"])
def test_the_page_with_its_controls_in_use_has_no_serious_accessibility_violation(browser, site, scheme, path):
    from tests.browser.test_accessibility import FAILING_IMPACTS, describe, run_axe

    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site + path)
    if path.startswith(PAGE):
        page.get_by_label("Done: step 1").check()  # a ticked step, its time, a refused value and its message
    else:
        page.get_by_label("Filter").fill("payments")
    violations = [v for v in run_axe(page) if v["impact"] in FAILING_IMPACTS]
    assert not violations, describe(violations)
    context.close()
