"""The contributor's guide: docs/contributing.md is the one source, CONTRIBUTING.md repeats only its
essentials, and every diagnostic code is explained on the generated codes page, from the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loopbook import pipeline
from loopbook.codes import CODES
from loopbook.diagnostics import Diagnostics
from loopbook.render.sitemap import DIAGNOSTIC_CODES
from tests.conftest import REPO, make_project

GUIDE = REPO / "docs" / "contributing.md"
POINTER = REPO / "CONTRIBUTING.md"


def codes_written_in_generator() -> set[str]:
    """Every string literal in generator/ that is a registered code: where a problem is reported."""
    text = "\n".join(p.read_text("utf-8") for p in (REPO / "generator").rglob("*.py") if p.name != "codes.py")
    return {code for code in CODES if f'"{code}"' in text}


def test_every_registered_code_is_reported_somewhere():
    stale = set(CODES) - codes_written_in_generator()
    assert not stale, f"generator/codes.py explains codes nothing reports any more: {sorted(stale)}"


def test_an_unregistered_code_is_refused_where_it_is_reported():
    with pytest.raises(ValueError, match="not in generator/codes.py"):
        Diagnostics().error("data/x.yaml", 1, 1, "a problem", "no-such-code")


def test_the_guide_points_at_the_generated_codes_page(tmp_path):
    assert "(handbook/diagnostic-codes.md)" in GUIDE.read_text("utf-8")
    page = pipeline.check_folder(make_project(tmp_path / "p")).pages()[DIAGNOSTIC_CODES]
    for code, explained in CODES.items():
        assert f"| `{code}` | {explained.meaning} | {explained.fix} |" in page


def _code_blocks(path: Path) -> list[str]:
    return re.findall(r"(?ms)^```[a-z]*\n.*?^```$", path.read_text("utf-8"))


def test_contributing_md_points_to_the_guide_and_repeats_it_word_for_word():
    pointer = POINTER.read_text("utf-8")
    assert "(docs/contributing.md)" in pointer
    guide = GUIDE.read_text("utf-8")
    blocks = _code_blocks(POINTER)
    assert blocks, "CONTRIBUTING.md should show the essential commands"
    for block in blocks:
        assert block in guide, f"CONTRIBUTING.md has a command block the guide does not:\n{block}"


def test_the_guide_tells_how_to_add_a_story_and_a_runbook_check_and_preview():
    guide = GUIDE.read_text("utf-8")
    for needed in ("loopbook new story", "loopbook new runbook", "loopbook check", "make serve", "make test"):
        assert needed in guide, needed
