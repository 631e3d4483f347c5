"""The report `check` and `build` print: a contributor's own problems first, a code the whole handbook
repeats grouped after them and cut to its first 50, everything with --all or in JSON."""

import json

from click.testing import CliRunner

from loopbook.cli import main
from loopbook.diagnostics import Diagnostics, format_report


def diags_with(repeated: int, code: str = "speaking-time") -> Diagnostics:
    diags = Diagnostics()
    for i in range(repeated):
        diags.warning(f"data/stories/s{i:03}.yaml", 3, 1, f"takes about {i} s to tell", code)
    diags.error("data/stories/zz-mine.yaml", 2, 7, "unknown principle 'ownershp'", "missing-ref")
    diags.warning("data/runbooks/a-rare.yaml", 5, 1, "review was due", "review-overdue")
    return diags


def test_a_code_reported_sixty_times_shows_its_first_fifty_after_the_few_others_and_counts_the_rest():
    lines = format_report(diags_with(60)).splitlines()
    assert lines[:2] == ["data/runbooks/a-rare.yaml:5:1: warning: review was due [review-overdue]",
                         "data/stories/zz-mine.yaml:2:7: error: unknown principle 'ownershp' [missing-ref]"]
    assert [line.split(":")[0] for line in lines[2:52]] == [f"data/stories/s{i:03}.yaml" for i in range(50)]
    assert lines[52] == "… 10 more [speaking-time] (loopbook check --all lists every one)"
    assert lines[53] == "1 error, 61 warnings (most often: speaking-time 60)"
    assert len(lines) == 54


def test_all_and_json_give_every_problem_and_github_annotates_fifty_of_a_code_with_a_notice_for_the_rest():
    diags = diags_with(60)
    every = format_report(diags, every=True).splitlines()
    assert len(every) == 63 and not any(line.startswith("…") for line in every)
    assert len(json.loads(format_report(diags, "json"))) == 62
    github = format_report(diags, "github").splitlines()
    assert sum(line.startswith("::warning file=data/stories/s") for line in github) == 50
    assert github[-1] == "::notice title=speaking-time::10 more speaking-time not annotated; loopbook check --all lists every one"
    assert len(format_report(diags, "github", every=True).splitlines()) == 62


def test_a_code_reported_a_few_times_stays_in_file_order_among_the_others():
    lines = format_report(diags_with(3)).splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["data/runbooks/a-rare.yaml", "data/stories/s000.yaml", "data/stories/s001.yaml",
                                                            "data/stories/s002.yaml", "data/stories/zz-mine.yaml"]


def test_check_all_prints_every_warning_that_check_cuts_short(project):
    story = "title: Short {i}\nprinciples: [ownership]\nsituation: S\ntask: T\naction: [I did it.]\nresult: Done in {i} days.\n"
    for i in range(55):
        (project / "data" / "stories" / f"short-{i:02}.yaml").write_text(story.format(i=i))
    short = CliRunner().invoke(main, ["check", "-C", str(project)])
    every = CliRunner().invoke(main, ["check", "-C", str(project), "--all"])
    assert short.exit_code == every.exit_code == 0
    count = lambda out: sum(1 for line in out.splitlines() if line.endswith("[speaking-time]"))  # noqa: E731
    assert count(short.output) == 50 and count(every.output) > 55
    assert any(line.startswith("… ") and line.endswith("more [speaking-time] (loopbook check --all lists every one)")
               for line in short.output.splitlines())
