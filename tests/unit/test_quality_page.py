"""The Quality page groups the hints by code and file and stays small however many there are."""

from loopbook import pipeline

STORY = ("title: Short {i}\nprinciples: [ownership]\nsituation: S\ntask: T\naction: [I did it.]\nresult: Done.\n"
         "metrics:\n  - value: 30 %\n    what: fewer deployment errors\n")


def quality_of(project) -> str:
    result = pipeline.check_folder(project)
    assert not result.diags.errors, result.diags.items
    return result.pages()["handbook/quality.md"]


def test_sixty_stories_with_the_same_hints_make_one_bounded_section_per_code_and_one_row_per_figure_group(project):
    for i in range(60):
        (project / "data" / "stories" / f"short-{i:02}.yaml").write_text(STORY.format(i=i))
    page = quality_of(project)
    section = page.split("## `speaking-time`")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| [")]
    assert len(rows) == 50
    assert "… and 12 more files: `loopbook check --all` lists them." in section  # the 60 and the sample's own 2
    figures = page.split("## `figure-reused`")[1].split("\n## ")[0]
    [row] = [line for line in figures.splitlines() if line.startswith("| 30 %")]
    assert row.count("](stories/") == 5 and row.endswith(" and 55 more |")
    assert "| [figure-reused](#figure-reused) | 60 | 60 |" in page
    assert len(page) < 40_000


def test_a_handbook_without_hints_says_so(project):
    for file in (project / "data").rglob("*.yaml"):
        file.unlink()
    assert "No hints: every story and runbook passes." in quality_of(project)


def test_a_quality_note_says_under_its_code_why_those_hints_stay_and_a_wrong_code_is_an_error_at_its_line(project):
    from tests.conftest import with_loopbook_setting

    config = project / "mkdocs.yml"
    base = config.read_text()
    note = "quality_notes: {speaking-time: 'The notes give no more of this story, <b>so</b> it stays short.'}"
    config.write_text(with_loopbook_setting(base, note))
    page = quality_of(project)
    section = page.split("## `speaking-time`")[1].split("\n## ")[0]
    assert "**Why these stay:** The notes give no more of this story, &lt;b&gt;so&lt;/b&gt; it stays short." in section
    assert "Why these stay" not in page.split("## `speaking-time`")[0]  # only under the code it names

    config.write_text(with_loopbook_setting(base, "quality_notes: {speaking-tme: x, missing-ref: y}"))
    result = pipeline.check_folder(project)
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "quality_notes" in text)
    errors = [d.text() for d in result.diags.errors]
    assert any(f"mkdocs.yml:{line}:" in e and "'speaking-tme' is not the code of a warning; did you mean 'speaking-time'?" in e
               for e in errors), errors
    assert any("'missing-ref' is not the code of a warning" in e for e in errors), errors  # an error's code is refused too
