"""The numbers and choices the pages state are defined once and reach the templates as globals
(render.environment): a template, a theme script or the Anki export that writes one out again as a
literal fails here, before the copy can drift from the definition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loopbook.analysis.measures import MIN_STORIES_PER_PRINCIPLE, WORDS_PER_MINUTE
from loopbook.analysis.policy import POLICY
from loopbook.data.schema import schema_for
from loopbook.engines.assets import THEME_DIR
from loopbook.render import anki
from loopbook.render.renderer import environment, question_kinds
from loopbook.render.views import ANSWER_SECONDS, ANSWER_TIME, RATINGS

ANKI = Path(anki.__file__)
TEMPLATES = sorted((THEME_DIR.parent / "templates").glob("*.j2"))
SCRIPTS = sorted((THEME_DIR / "assets" / "javascripts").glob("*.js"))
SOURCES = [*TEMPLATES, *SCRIPTS, ANKI]
_RAW = re.compile(r"{% raw %}.*?{% endraw %}", re.S)  # an example of data, shown as written
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NEAR = r"\W{0,12}"  # "140 words", "{{ 140 }} words"


def _number(n: int) -> str:
    """n written in figures or, up to ten, in words."""
    return rf"\b(?:{n}|{_WORDS[n]})\b" if n < len(_WORDS) else rf"\b{n}\b"


def _any(words) -> str:
    return "|".join(map(re.escape, words))


# Each constant as it would be written out, by the global that replaces it.
LITERALS = {
    "words_per_minute": re.compile(_number(WORDS_PER_MINUTE) + _NEAR + "words", re.I),
    "min_stories": re.compile(_number(MIN_STORIES_PER_PRINCIPLE) + _NEAR + r"stor(?:y|ies)\b", re.I),
    "answer_seconds": re.compile(rf"\b{ANSWER_SECONDS}\b|\b{ANSWER_SECONDS // 60}:{ANSWER_SECONDS % 60:02d}\b"),
    "answer_time": re.compile(_number(ANSWER_SECONDS // 60) + _NEAR + "minutes", re.I),
    "ratings": re.compile(_any(RATINGS.values())),
    "policy (its severities)": re.compile(rf"\b(?:{_any(POLICY)})\b"),
}
# A kind quoted, after "kind:", or as an element's text. One alone may be something else ("hr", an HTML
# tag Anki allows); two or more kinds in a file are a list of them written out.
_KIND = re.compile(rf"""["':>]\s*({_any(question_kinds())})\b""", re.I)


def literals_in(text: str) -> list[tuple[str, str]]:
    text = _RAW.sub("", text)
    found = [(name, m.group(0)) for name, pattern in LITERALS.items() for m in pattern.finditer(text)]
    kinds = {m.group(1).lower() for m in _KIND.finditer(text)}
    return found + ([("question_kinds", ", ".join(sorted(kinds)))] if len(kinds) > 1 else [])


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_no_template_script_or_anki_writes_out_a_constant(source):
    assert literals_in(source.read_text("utf-8")) == [], f"{source.name}: use the global, not a copy of its value"


# Each reintroduction the scan must catch (so that it cannot pass by matching nothing), and text it must leave.
CAUGHT = [
    ("words_per_minute", "About {{ seconds | duration }} to tell at {{ 140 }} words a minute"),
    ("min_stories", "### Principles with fewer than 2 stories"),
    ("min_stories", "None: every principle has at least two stories."),
    ("question_kinds", '{% for k in ["behavioral", "technical", "hr"] %}'),
    ("question_kinds", '<option value="kind:technical">technical questions</option>\n<option value="kind:hr">HR questions</option>'),
    ("question_kinds", 'KIND_LABELS = {"behavioral": "Behavioral", "technical": "Technical", "hr": "HR"}'),
    ("ratings", '<button type="button" class="md-button" data-rate="3">Nailed it</button>'),
    ("ratings", 'var RATINGS = { 1: "Struggled", 2: "Got there", 3: "Nailed it" };'),
    ("answer_seconds", "var LIMIT = 120;"),
    ("answer_seconds", 'el("timer").textContent = "2:00";'),
    ("answer_time", "Draw a question, answer it aloud within two minutes, then reveal the stories"),
    ("policy (its severities)", "Every runbook has a severity, from sev1 (the most severe) to sev4"),
]
LEFT = ["the technical ones", 'ALLOWED_TAGS = {"p", "br", "a", "hr"}', "{{ r.minutes }} minutes", "<hr>", "{{ n }} stories",
        "Rate yourself:", "{% raw %}severity: sev2{% endraw %}", "No story came up in two rounds."]


@pytest.mark.parametrize(("name", "line"), CAUGHT)
def test_the_scan_catches_a_reintroduced_literal(name, line):
    assert name in {found for found, _ in literals_in(line)}


@pytest.mark.parametrize("line", LEFT)
def test_the_scan_leaves_words_that_are_no_constant(line):
    assert literals_in(line) == []


def test_the_globals_are_the_definitions():
    env = environment().globals
    assert (env["words_per_minute"], env["min_stories"]) == (WORDS_PER_MINUTE, MIN_STORIES_PER_PRINCIPLE)
    assert (env["answer_seconds"], env["answer_time"], env["ratings"]) == (ANSWER_SECONDS, ANSWER_TIME, RATINGS)
    assert env["question_kinds"] == question_kinds()


def test_answer_time_says_answer_seconds():
    assert ANSWER_SECONDS % 60 == 0 and ANSWER_TIME == f"{_WORDS[ANSWER_SECONDS // 60]} minutes"


def test_the_question_kinds_are_the_schemas_in_its_order_each_named():
    kinds = question_kinds()
    assert list(kinds) == schema_for("question")["properties"]["kind"]["enum"]
    assert all(name.lower() == kind for kind, name in kinds.items())
