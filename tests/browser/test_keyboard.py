"""Practice mode from the keyboard alone: Tab, Enter and Space, never the mouse."""

from __future__ import annotations

import json
import re

TAB_LIMIT = 300  # the header, the sidebar and the table of contents come before the practice controls


def focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement !== null && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str) -> None:
    """Press Tab until the focus is on `selector`, as a keyboard reader would."""
    for _ in range(TAB_LIMIT):
        if focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def focus_is_drawn(page) -> bool:
    return page.evaluate("getComputedStyle(document.activeElement).outlineStyle !== 'none'")


def test_practice_draws_reveals_rates_and_saves_with_the_keyboard_only(page, site_url):
    page.goto(site_url + "handbook/practice/")
    tab_to(page, '[data-practice="fresh"]')
    page.keyboard.press("Space")
    assert page.is_checked('[data-practice="fresh"]')

    tab_to(page, '[data-practice="draw"]')
    assert focus_is_drawn(page)
    page.keyboard.press("Enter")
    assert page.locator('[data-practice="card"]').is_visible()
    assert focused(page, '[data-practice="question"]'), "after a draw the focus goes to the question"
    question = page.locator('[data-practice="question"]').inner_text()
    assert question

    tab_to(page, '[data-practice="start"]')
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('[data-practice=timer]').textContent !== '2:00'", timeout=5000)

    tab_to(page, '[data-practice="reveal"]')
    page.keyboard.press("Enter")
    assert page.locator('[data-practice="answer"]').is_visible()
    assert focused(page, '[data-practice="answer"]'), "after a reveal the focus goes to the stories"
    assert page.get_attribute('[data-practice="reveal"]', "aria-expanded") == "true"

    tab_to(page, '[data-rate="3"]')
    assert focus_is_drawn(page)
    page.keyboard.press("Enter")
    assert page.locator('[data-practice="progress"]').inner_text().startswith("Practised 1 of ")
    assert focused(page, '[data-practice="question"]'), "after rating, the next question has the focus"
    assert page.locator('[data-practice="question"]').inner_text() != question  # fresh only: not the same again

    page.reload()
    assert page.locator('[data-practice="progress"]').inner_text().startswith("Practised 1 of ")
    saved = json.loads(page.evaluate("localStorage.getItem('loopbook.practice.v1')"))
    assert [entry["score"] for entry in saved.values()] == [3]
    assert page.errors == []


def test_the_timer_announces_the_end_of_the_two_minutes_not_every_second(page, site_url):
    page.clock.install()
    page.goto(site_url + "handbook/practice/")
    tab_to(page, '[data-practice="draw"]')
    page.keyboard.press("Enter")
    tab_to(page, '[data-practice="start"]')
    page.keyboard.press("Enter")
    announce = page.locator('[data-practice="announce"]')
    assert announce.get_attribute("role") == "status"
    timer = page.locator('[data-practice="timer"]')
    assert timer.get_attribute("role") == "timer" and timer.get_attribute("aria-live") in (None, "off")
    page.clock.run_for(60_000)
    assert timer.inner_text() == "1:00" and "up" not in announce.inner_text()
    page.clock.run_for(61_000)
    assert re.fullmatch(r"0:0\d over", timer.inner_text())  # the time over, plainly: never a negative time
    assert page.locator('[data-practice="timer-state"]').inner_text() == "Over time"
    assert announce.inner_text() == "Two minutes are up."
