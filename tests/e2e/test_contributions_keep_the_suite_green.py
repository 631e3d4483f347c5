"""A contributor's pull request to the bundled handbook keeps `make test` green (issue 22): tests protect the tool's
behaviour, not the content of the day.

The pull request: a copy of the bundled handbook (data/ and its alert sources) with one valid entry of every kind, a
new story for every principle (so every few-stories warning changes) and a runbook past its review date. It checks
with no error, and the tests of the bundled handbook, every test file that reads BUNDLED_DATA or `bundled_site`, pass
on it: they run again in a pytest of their own with LOOPBOOK_TEST_HANDBOOK_DATA naming the copy's data. The other
tests do not read the bundled data at all (the last test here holds them to that): the browser tests and the tests
that name content use the fixture handbook, tests/fixtures/handbook."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.data import editor
from loopbook.data.examples import minimal_example
from loopbook.model import KINDS
from tests.conftest import BUNDLED_DATA, REPO, make_project

pytestmark = pytest.mark.e2e
TESTS = REPO / "tests"
HERE = Path(__file__).resolve()
# How a test reads the bundled handbook's data other than through BUNDLED_DATA, which the proof could not redirect.
DIRECT = re.compile(r"""REPO\s*/\s*["']data["']|check_folder\(REPO\)|data_files\(REPO\)|"-C",\s*str\(REPO\)""")
# Where that is right: conftest.py defines BUNDLED_DATA; the schema line's target is the repository's layout.
DIRECT_ALLOWED = {"tests/conftest.py": "defines BUNDLED_DATA",
                  "tests/contrib/test_editor_schemas.py": "the schema line, from where data files are to schemas/"}
PREFIX = "contributed-"


def suite_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p.resolve() != HERE and (TESTS / "cases") not in p.parents)


def uses_the_bundled_handbook(file: Path) -> bool:
    return file.name != "conftest.py" and re.search(r"\bBUNDLED_DATA\b|\bbundled_site\b", file.read_text("utf-8")) is not None


def write(data: Path, of: str, id_: str, **values) -> str:
    """One entry as a contributor writes it: the schema line first, the required keys (so that a key the schema
    comes to require is there too), the values given; its reference, kind:id."""
    path = data / KINDS[of].plural / f"{PREFIX}{id_}.yaml"
    assert not path.exists(), f"{path} is in the bundled data already"
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = minimal_example(of) | values
    path.write_text(editor.modeline(of) + "\n" + yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=100), "utf-8")
    return path.stem


def story(principle: str, name: str, **more) -> dict:
    return dict(
        title=f"A release checklist that showed {name}",
        headline="Cut failed releases from four a quarter to one.",
        principles=[principle],
        situation=("Releases of the team's service failed about four times a quarter, each time because a manual step was "
                   "forgotten in the hand-over between the developer and the on-call engineer."),
        task="I was asked to make releases dependable without slowing them down, within one quarter.",
        action=["I listed every manual step of the last ten releases and found the three that were missed most.",
                "I turned those three steps into checks that the pipeline runs before it deploys.",
                "I wrote the remaining steps into a short checklist and walked the on-call engineers through it."],
        result=("Failed releases fell from four in the quarter before to one in the quarter after, and a release still took "
                "about 30 minutes."),
        metrics=[{"value": "4 to 1", "what": "failed releases a quarter"}],
        **more,
    )


def contribute(root: Path) -> dict[str, str]:
    """Add the pull request's entries to the handbook copy at root; the id of each kind's new entry."""
    data = root / "data"
    principles = sorted(p.stem for p in (data / "principles").glob("*.yaml"))
    order = max((yaml.safe_load(p.read_text("utf-8")).get("order", 0) for p in (data / "principles").glob("*.yaml")), default=0)
    new = {"principle": write(data, "principle", "think-long-term", name="Think Long Term", order=order + 1,
                              summary="Weigh what a decision costs in a year, not only this quarter.",
                              signals=["You named the later cost of the quick fix, and who would pay it."])}
    new["question"] = write(data, "question", "long-term-trade-off", kind="behavioral", principles=[new["principle"]],
                            text="Tell me about a time you chose the slower fix because it would hold for longer.")
    new["project"] = write(data, "project", "release-pipeline", title="Release pipeline", company="Example Corp",
                           summary="The pipeline that builds, checks and deploys the team's service.",
                           sections=[{"title": "What was your contribution?", "body": "I owned the checks before deploy."}])
    stories = {p: write(data, "story", f"story-{n:02}", **story(p, p.replace("-", " "))) for n, p in enumerate(principles, 1)}
    new["story"] = write(data, "story", "checklist-thinking-long-term",
                         **story(new["principle"], "thinking long term", questions=[new["question"]], project=new["project"]))
    new["runbook"] = write(data, "runbook", "queue-backs-up", title="The job queue backs up",
                           summary="Workers fall behind and the queue grows.", service="jobs", severity="sev3", owner="Platform",
                           last_reviewed="2020-01-15",  # past its review date, whatever day the tests run
                           steps=[{"action": "Look at the queue depth.", "command": "jobs-cli queue stats --name default",
                                   "expect": "A depth that grows minute after minute."}])
    new["metric"] = write(data, "metric", "time-to-first-response", name="Time to First Response", tier="primary",
                          definition="How long a new ticket waits for its first answer.", related=[f"runbook:{new['runbook']}"])
    new["role"] = write(data, "role", "release-engineer", title="Release Engineer", company="Example Corp",
                        responsibilities=[{"text": "Keep releases dependable.",
                                           "evidence": [f"story:{new['story']}", f"runbook:{new['runbook']}"]}])
    focus = [new["principle"], principles[0]] if principles else [new["principle"]]
    new["loop"] = write(data, "loop", "release-engineer-onsite", title="Onsite loop for Release Engineer", role=new["role"],
                        company="Example Corp", rounds=[{"name": "Hiring manager", "focus": focus, "minutes": 45}])
    new["debrief"] = write(data, "debrief", "hiring-manager-round", title="Onsite, hiring manager round", loop=new["loop"],
                           date="2026-11-20", round="Hiring manager",
                           asked=[{"question": new["question"], "story": new["story"], "rating": 2},
                                  {"text": "Why this team?", "kind": "hr", "principles": [new["principle"]], "rating": 3}])
    assert set(new) == set(KINDS), f"the contribution lacks an entry of kind {sorted(set(KINDS) - set(new))}"
    assert len(stories) == len(principles)
    return new


@pytest.fixture(scope="module")
def contribution(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The bundled handbook's folders, copied, with the pull request's entries added."""
    root = tmp_path_factory.mktemp("contribution") / "handbook"
    shutil.copytree(BUNDLED_DATA, root / "data")
    if (BUNDLED_DATA.parent / "alerts").is_dir():
        shutil.copytree(BUNDLED_DATA.parent / "alerts", root / "alerts")
    return root, contribute(root)


def test_the_contribution_checks_with_no_error_and_its_overdue_runbook_and_new_stories_count(contribution, tmp_path):
    root, new = contribution
    project = make_project(tmp_path / "p", root / "data")
    result = CliRunner().invoke(main, ["check", "-C", str(project)])
    assert result.exit_code == 0, result.output
    assert not [l for l in result.output.splitlines() if ": error: " in l]
    assert re.search(rf"^data/runbooks/{new['runbook']}\.yaml:\d+:\d+: warning: .*\[review-overdue\]$", result.output, re.M)
    assert not [l for l in result.output.splitlines() if l.endswith("[few-stories]") and "no story" in l]  # each has one now


def test_the_tests_of_the_bundled_handbook_pass_on_the_contribution(contribution, tmp_path):
    """Every test file that reads the bundled handbook, run on the contribution: no browser test among them (they use
    the fixture handbook), so the run takes a minute or two."""
    root, _ = contribution
    files = [p for p in suite_files() if uses_the_bundled_handbook(p)]
    assert files, "no test reads the bundled handbook: the proof would prove nothing"
    assert not [p for p in files if (TESTS / "browser") in p.parents], "browser tests use the fixture handbook"
    env = {**os.environ, "LOOPBOOK_TEST_HANDBOOK_DATA": str(root / "data")}
    seen = subprocess.run([sys.executable, "-c", "from tests.conftest import BUNDLED_DATA; print(BUNDLED_DATA)"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)
    assert seen.stdout.strip() == str((root / "data").resolve()), seen.stdout + seen.stderr  # the variable is what they read
    args = ["-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'inner'}", *(str(p.relative_to(REPO)) for p in files)]
    done = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"on the contribution ({root}):\n{done.stdout[-6000:]}{done.stderr[-2000:]}"
    assert re.search(r"\b\d+ passed\b", done.stdout) and " failed" not in done.stdout and " error" not in done.stdout, done.stdout[-2000:]


def test_no_other_test_reads_the_bundled_data():
    """A test that reads data/ directly would escape the proof above: it reads BUNDLED_DATA instead, or, when it names
    content, the fixture handbook (HANDBOOK_DATA)."""
    direct = {p.relative_to(REPO).as_posix(): m.group(0) for p in suite_files() if (m := DIRECT.search(p.read_text("utf-8")))}
    assert {path: how for path, how in direct.items() if path not in DIRECT_ALLOWED} == {}
