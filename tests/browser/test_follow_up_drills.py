"""Practice that shows enough to judge yourself, in a real browser: a revealed story in place (headline, STAR
in brief, figures), its follow-ups drilled one at a time against the principle's signals with the rating
kept, a timer that runs, pauses and says plainly when the time is over, and the coverage matrix naming its
stories without hover. On the sample handbook: its story "No" answers the dive-deep question and has two probes."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.browser.conftest import built_and_served
from tests.conftest import FIXTURES, SAMPLE_DATA, make_project


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("drills") / "p", SAMPLE_DATA)
    shutil.copytree(FIXTURES / "second-round-at-the-same-company" / "data", root / "data", dirs_exist_ok=True)
    for n in range(1, 6):  # ownership questions no real round asked, for loop practice to pass over
        (root / "data" / "questions" / f"q-ownership-{n}.yaml").write_text(
            f"text: Ownership question {n}, never asked.\nkind: behavioral\nprinciples: [ownership]\n")
    yield from built_and_served(root)


def focused_text(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.textContent : ''")


def reveal_the_dive_deep_question(page, url):
    page.goto(url + "handbook/practice/")
    page.select_option('[data-practice="scope"]', "principle:dive-deep")
    page.click('[data-practice="draw"]')
    page.click('[data-practice="reveal"]')
    return page.locator('[data-practice="answer"] .lb-reveal__story')


def test_a_revealed_story_shows_its_headline_star_in_brief_and_figures_in_place(page, sample_site):
    story = reveal_the_dive_deep_question(page, sample_site)
    assert story.count() == 1
    text = story.inner_text()
    assert "Cut dashboard load time from 10 s to 3 s." in text  # headline
    assert "Situation" in text and "Dashboards timed out at peak" in text and "Result" in text  # STAR in brief
    assert "10 s to 3 s dashboard load time" in text  # figures
    assert story.locator(".lb-reveal__title a").inner_text() == "No"  # and the story's own page, a link away
    assert page.errors == []


def test_practice_asks_a_revealed_storys_probes_in_turn_and_records_the_rating(page, sample_site):
    story = reveal_the_dive_deep_question(page, sample_site)
    start = story.get_by_role("button", name="Drill the follow-ups (2)")
    start.focus()
    page.keyboard.press("Enter")  # the keyboard alone
    drill = page.get_by_role("region", name="Follow-up drill: No")
    assert focused_text(page) == "Follow-up 1 of 2: Why a clustering key and not an index?"
    assert drill.get_by_role("timer").inner_text() == "1:00"  # a short timer of its own
    signals = drill.locator("fieldset")
    assert signals.locator("legend").inner_text().startswith("What interviewers listen for (Ownership)")
    assert signals.get_by_role("checkbox").count() == 2
    signals.get_by_role("checkbox").nth(1).check()
    drill.get_by_role("button", name="Show the answer notes").click()
    assert "clustering prunes micro-partitions" in drill.inner_text()
    drill.get_by_role("group", name="Rate your answer to this follow-up").get_by_role("button", name="Got there").click()
    assert focused_text(page) == "Follow-up 2 of 2: Does that check catch a bad count?"
    drill.get_by_role("button", name="Show the answer notes").click()
    assert "As told:" in drill.inner_text()  # a watch-out shows the claim it challenges
    drill.get_by_role("button", name="Struggled").click()
    assert focused_text(page).startswith("Follow-ups done: 2 rated.")
    saved = json.loads(page.evaluate("localStorage.getItem('loopbook.practice.drills.v1')"))
    assert {k: (v["score"], v["signals"]) for k, v in saved.items()} == {"alb-outage#1": (2, [1]), "alb-outage#2": (1, [])}
    page.reload()
    assert json.loads(page.evaluate("localStorage.getItem('loopbook.practice.drills.v1')")) == saved
    assert page.errors == []


def test_the_timer_runs_pauses_resumes_and_marks_overtime_without_negative_time(page, sample_site):
    page.clock.install()
    page.goto(sample_site + "handbook/practice/")
    page.click('[data-practice="draw"]')
    start, timer, state = (page.locator('[data-practice="start"]'), page.locator('[data-practice="timer"]'),
                           page.locator('[data-practice="timer-state"]'))
    assert start.inner_text() == "Start timer" and state.inner_text() == ""
    start.click()
    assert start.inner_text() == "Pause timer" and state.inner_text() == "Running"
    page.clock.run_for(10_000)
    start.click()
    assert start.inner_text() == "Resume timer" and state.inner_text() == "Paused"
    paused_at = timer.inner_text()
    page.clock.run_for(30_000)
    assert timer.inner_text() == paused_at == "1:50"  # a paused timer stands still
    start.click()
    assert state.inner_text() == "Running"
    page.clock.run_for(115_000)
    assert re.fullmatch(r"0:0\d over", timer.inner_text()) and state.inner_text() == "Over time"
    assert "-" not in timer.inner_text()
    page.click('[data-practice="draw"]')  # a new question, a new clock
    assert timer.inner_text() == "2:00" and start.inner_text() == "Start timer"
    assert page.errors == []


def test_practice_draws_from_questions_asked_in_a_real_interview_and_rated_low_last_time(page, sample_site):
    page.goto(sample_site + "handbook/practice/")
    asked = set()
    page.select_option('[data-practice="scope"]', "asked")
    for _ in range(12):
        page.click('[data-practice="draw"]')
        asked.add(page.locator('[data-practice="question"]').inner_text())
    assert asked == {"Tell me about a problem you solved by diving deep.", "Where do you see yourself in 5 years?"}
    # The debriefs rated the dive-deep question 1 in the Phone screen, then 2 in the Bar Raiser round: not low now.
    page.select_option('[data-practice="scope"]', "low")
    page.click('[data-practice="draw"]')
    assert page.locator('[data-practice="empty"]').is_visible()
    # Rated low in practice after that, it is drawn.
    page.evaluate("localStorage.setItem('loopbook.practice.v1', JSON.stringify({'q-root-cause': {score: 1, at: '2099-01-01'}}))")
    page.reload()
    page.select_option('[data-practice="scope"]', "low")
    page.click('[data-practice="draw"]')
    assert page.locator('[data-practice="question"]').inner_text() == "Tell me about a problem you solved by diving deep."
    assert page.errors == []


def test_loop_practice_asks_the_companys_earlier_questions_first_and_drills_follow_ups(page, sample_site):
    page.goto(sample_site + "handbook/practice/")
    page.select_option('[data-loop="choice"]', "sample-loop")
    # Round 1 holds dive-deep and ownership. Of the six ownership questions, the company asked one in its Bar
    # Raiser round (q-unanswered): every start of the loop asks that one, where a draw at random seldom would.
    for _ in range(3):
        page.click('[data-loop="start"]')
        questions = []
        while page.locator('[data-loop="card"]').is_visible():
            questions.append(page.locator('[data-loop="question"]').inner_text())
            page.click('[data-loop="reveal"]')
            drill = page.locator('[data-loop="answer"]').get_by_role("button", name=re.compile("Drill the follow-ups"))
            if drill.count():
                drill.click()
                assert page.get_by_role("region", name="Follow-up drill: No").get_by_role("timer").inner_text() == "1:00"
            page.click('[data-loop-rate="2"]')
        assert questions == ["Tell me about a problem you solved by diving deep.", "Where do you see yourself in 5 years?"]
        page.click('[data-loop="quit"]')
    assert page.errors == []


def test_the_coverage_matrix_names_each_story_in_its_column_for_touch_and_keyboard(browser, sample_site):
    context = browser.new_context(viewport={"width": 400, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(sample_site + "handbook/coverage/")
    columns = page.locator("#lb-coverage thead th.lb-heat__story")
    assert columns.count() == 2
    names = [columns.nth(i).locator(".lb-heat__name").inner_text() for i in range(2)]
    assert names == ["A <b>bold</b> title with *stars* & [brackets]", "No"]  # shown, not in a hover title
    assert all(columns.nth(i).locator(".lb-heat__name").is_visible() for i in range(2))
    link = columns.nth(1).locator("a")
    link.focus()
    assert page.evaluate("document.activeElement.textContent") == "2No"  # the focused link reads the name too
    link.tap()
    assert page.url.endswith("#story-2")
    context.close()
