"""Practising a whole loop in a real browser: rounds in order, each with its own timer, then the summary."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.browser.conftest import built_and_served
from tests.conftest import HANDBOOK_DATA, SAMPLE_DATA, make_project


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("loop") / "p", SAMPLE_DATA)
    yield from built_and_served(root)


def walk_round(page) -> int:
    """Answer every question of the current round: reveal the stories, rate; the number answered."""
    answered = 0
    while page.locator('[data-loop="card"]').is_visible():
        page.click('[data-loop="reveal"]')
        assert page.locator('[data-loop="answer"]').is_visible()
        page.click('[data-loop-rate="2"]')
        answered += 1
    assert page.locator('[data-loop="done"]').is_visible()
    return answered


def test_a_reader_walks_the_fixture_handbooks_loop_round_by_round_to_its_summary(page, site_url):
    path = next(HANDBOOK_DATA.glob("loops/*.yaml"))
    rounds = yaml.safe_load(path.read_text())["rounds"]
    page.goto(site_url + "handbook/practice/")
    page.select_option('[data-loop="choice"]', path.stem)
    page.click('[data-loop="start"]')
    for n, r in enumerate(rounds, 1):
        assert page.locator('[data-loop="heading"]').inner_text().startswith(f"Round {n} of {len(rounds)}: {r['name']}")
        assert page.locator('[data-loop="timer"]').inner_text() == f"{r['minutes']}:00"  # the round's own timer
        if n == 1:
            page.click('[data-loop="timer-start"]')
            page.wait_for_function(f"document.querySelector('[data-loop=timer]').textContent !== '{r['minutes']}:00'", timeout=5000)
            assert re.fullmatch(rf"{r['minutes'] - 1}:5\d", page.locator('[data-loop="timer"]').inner_text())
        assert 0 < walk_round(page) <= len(r["focus"])
        page.click('[data-loop="next"]')
    summary = page.locator('[data-loop="summary"]')
    assert summary.is_visible() and not page.locator('[data-loop="round"]').is_visible()
    rows = summary.locator("tbody tr")
    assert rows.count() == len(rounds)
    assert all("Got there" in rows.nth(i).inner_text() for i in range(len(rounds)))
    # The loop's answers count as practice too.
    assert not page.locator('[data-practice="progress"]').inner_text().startswith("Practised 0 ")
    assert page.errors == []


def test_the_summary_names_a_story_revealed_in_two_rounds_and_progress_survives_a_reload(page, sample_site):
    # The sample loop asks about dive-deep in both rounds, and one story alone answers the only such question.
    page.goto(sample_site + "handbook/practice/")
    page.select_option('[data-loop="choice"]', "sample-loop")
    page.focus('[data-loop="start"]')
    page.keyboard.press("Enter")  # real buttons: the keyboard works
    assert walk_round(page) == 2
    page.reload()
    assert page.locator('[data-loop="heading"]').inner_text().startswith("Round 1 of 2")
    assert page.locator('[data-loop="done"]').is_visible()  # where we were, after the reload
    page.click('[data-loop="next"]')
    assert page.locator('[data-loop="heading"]').inner_text().startswith("Round 2 of 2: Bar Raiser (Bar Raiser) · 60 minutes")
    assert walk_round(page) == 1
    assert page.locator('[data-loop="next"]').inner_text() == "See the summary"
    page.click('[data-loop="next"]')
    repeat = page.locator(".lb-loop__repeat")
    assert repeat.count() == 1 and repeat.inner_text() == "No: rounds 1, 2"
    assert page.request.get(repeat.locator("a").get_attribute("href")).status == 200
    page.click('[data-loop="close"]')
    assert not page.locator('[data-loop="summary"]').is_visible()
    page.reload()
    assert not page.locator('[data-loop="summary"]').is_visible() and not page.locator('[data-loop="round"]').is_visible()
    assert page.errors == []


def test_a_question_no_story_answers_says_so_and_links_its_notes(page, sample_site):
    # In the sample data, the one question on ownership has answer notes and no story.
    page.goto(sample_site + "handbook/practice/")
    page.select_option('[data-practice="scope"]', "principle:ownership")
    page.click('[data-practice="draw"]')
    page.click('[data-practice="reveal"]')
    answer = page.locator('[data-practice="answer"]')
    assert answer.inner_text().startswith("No story answers this question; it has answer notes: open the question")
    assert answer.locator("li").count() == 0
    href = answer.locator("a").get_attribute("href")
    assert href.endswith("/handbook/questions/q-unanswered/") and page.request.get(href).status == 200
    assert page.errors == []
