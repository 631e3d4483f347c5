"""The measures several stages share: how long a story takes to tell, when a runbook is due for review,
and what day it is for the build.

"Today" is the build date: SOURCE_DATE_EPOCH when set, so that a build (or an Anki export) of the same
input on the same stated date is byte-identical. Every stage that needs the date or the time asks here.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from loopbook.model import Entry

WORDS_PER_MINUTE = 140
SPEAKING_RANGE = (60, 150)  # seconds: long enough to carry STAR, short enough to keep the interviewer
DEFAULT_REVIEW_EVERY = "180d"
MIN_STORIES_PER_PRINCIPLE = 2

_WORD = re.compile(r"[\w'’-]+")


def build_time() -> int:
    """Seconds since the epoch: SOURCE_DATE_EPOCH when it is set to a whole number, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else int(datetime.now(timezone.utc).timestamp())


def today() -> date:
    return datetime.fromtimestamp(build_time(), tz=timezone.utc).date()


def star_text(story: Entry) -> str:
    d = story.data
    return " ".join([str(d.get("situation", "")), str(d.get("task", "")), *map(str, d.get("action", [])), str(d.get("result", ""))])


def speaking_seconds(story: Entry) -> int:
    """How long the STAR answer takes to say at an interview pace."""
    return round(_words(star_text(story)) * 60 / WORDS_PER_MINUTE)


@lru_cache(maxsize=16384)
def _words(text: str) -> int:
    """Counted once per text: the hints, the story's page and the loop planner all ask."""
    return len(_WORD.findall(text))


def review_due(runbook: Entry) -> date:
    every = str(runbook.data.get("review_every", DEFAULT_REVIEW_EVERY))
    days = int(every[:-1]) * (7 if every.endswith("w") else 1)
    return date.fromisoformat(str(runbook.data["last_reviewed"])) + timedelta(days=days)
