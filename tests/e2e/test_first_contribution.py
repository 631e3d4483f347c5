"""A contributor's pull request that adds a valid story and a valid runbook passes, whatever warnings it
adds or removes: tests protect the tool's behaviour, not the content of the day."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.codes import CODES
from tests.conftest import BUNDLED_DATA, FIXTURES, make_project, with_loopbook_setting

pytestmark = pytest.mark.e2e
CONTRIBUTION = FIXTURES / "first-contribution"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def codes(output: str) -> set[tuple[str, str]]:
    return {(l.split(":", 1)[0], l.rsplit("[", 1)[1].rstrip("]")) for l in output.splitlines() if ": warning: " in l}


def stories_warned(output: str, path: str) -> int | None:
    """How many stories the few-stories warning of a principle counts; None when it has none."""
    for line in output.splitlines():
        if line.startswith(f"{path}:") and line.endswith("[few-stories]"):
            return 0 if "no story" in line else int(line.split("only ", 1)[1].split(" ", 1)[0])
    return None


@pytest.fixture
def contributed(tmp_path: Path) -> Path:
    """A copy of the project with the bundled data, plus a second story for a thin principle and an overdue runbook."""
    root = make_project(tmp_path / "fork", BUNDLED_DATA)
    shutil.copytree(CONTRIBUTION, root / "data", dirs_exist_ok=True)
    return root


def test_a_new_story_and_an_overdue_runbook_change_the_warnings_and_check_and_build_still_pass(contributed, tmp_path):
    before = run("check", "-C", str(make_project(tmp_path / "upstream", BUNDLED_DATA)))
    after = run("check", "-C", str(contributed))
    assert before.exit_code == 0 and after.exit_code == 0, after.output
    added = codes(after.output) - codes(before.output)
    assert ("data/runbooks/queue-backlog.yaml", "review-overdue") in added
    # Whatever the bundled data holds today: each principle the new story shows has one story more, so its
    # few-stories warning counts one more story or is gone.
    cited = yaml.safe_load((CONTRIBUTION / "stories" / "release-checklist-owner.yaml").read_text())["principles"]
    for principle in cited:
        path = f"data/principles/{principle}.yaml"
        was, now = stories_warned(before.output, path), stories_warned(after.output, path)
        assert now is None or (was is not None and now == was + 1), (principle, was, now)
    built = run("build", "-C", str(contributed))
    assert built.exit_code == 0, built.output
    assert (contributed / "site" / "handbook" / "stories" / "release-checklist-owner" / "index.html").is_file()
    assert not [l for l in built.output.splitlines() if ": error: " in l]


def test_strict_codes_from_mkdocs_yml_fail_only_those_warnings(contributed):
    config = contributed / "mkdocs.yml"
    base = config.read_text("utf-8")
    config.write_text(with_loopbook_setting(base, "strict: [review-overdue]"), "utf-8")
    failed = run("check", "-C", str(contributed))
    assert failed.exit_code == 1
    assert "data/runbooks/queue-backlog.yaml:7:16: warning: " in failed.output
    # A warning code the handbook gives no warning of today, whichever that is, fails nothing.
    warned = {code for _, code in codes(run("check", "-C", str(contributed)).output)}
    quiet = next(c for c, code in sorted(CODES.items()) if code.severity == "warning" and c not in warned)
    config.write_text(with_loopbook_setting(base, f"strict: [{quiet}]"), "utf-8")
    assert run("check", "-C", str(contributed)).exit_code == 0
    assert run("check", "-C", str(contributed), "--strict").exit_code == 1


def test_a_malformed_strict_setting_is_an_error_in_mkdocs_yml(contributed):
    config = contributed / "mkdocs.yml"
    config.write_text(with_loopbook_setting(config.read_text("utf-8"), "strict: review-overdue"), "utf-8")
    result = run("check", "-C", str(contributed))
    assert result.exit_code == 1
    assert "mkdocs.yml:1:1: error: extra.loopbook.strict must be a list of warning codes" in result.output
