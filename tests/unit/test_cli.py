from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import main
from generator.model import KINDS


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_passes_on_the_sample_data(project):
    result = run("check", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert "ok: 12 entries, 26 pages" in result.output
    assert "data/stories/quiet-win.yaml:7:9: warning: the result has no number; say what changed, by how much [result-without-number]" in result.output


def test_strict_turns_warnings_into_failure(project):
    result = run("check", "-C", str(project), "--strict")
    assert result.exit_code == 1 and "0 errors, 5 warnings" in result.output


def test_new_writes_a_template_that_check_flags_field_by_field(project):
    result = run("new", "story", "my-first-story", "-C", str(project))
    assert result.exit_code == 0, result.output
    path = project / "data" / "stories" / "my-first-story.yaml"
    first, second = path.read_text().splitlines()[:2]
    assert first == "# yaml-language-server: $schema=../../schemas/story.schema.json"  # editors find the schema
    assert second.startswith("# New entry (STAR story).")
    result = run("check", "-C", str(project))
    assert result.exit_code == 1
    lines = [l for l in result.output.splitlines() if "my-first-story" in l]
    named = {l.split("'")[1] for l in lines}
    assert named == {"title", "principles", "situation", "task", "action", "result"}
    assert all(l.startswith("data/stories/my-first-story.yaml:") and "[wrong-type]" in l for l in lines)


def test_new_has_a_template_for_every_kind_and_refuses_bad_ids_and_overwrites(project):
    for kind in KINDS:
        assert run("new", kind, f"a-{kind}", "-C", str(project)).exit_code == 0
    assert run("new", "story", "a-story", "-C", str(project)).exit_code == 1
    result = run("new", "story", "Bad_Id", "-C", str(project))
    assert result.exit_code == 2 and "lower-case words joined by hyphens" in result.output


def test_json_and_github_formats(project):
    (project / "data" / "stories" / "alb-outage.yaml").write_text("title: T\n")
    result = run("check", "-C", str(project), "--format", "json")
    items = json.loads(result.output)
    assert result.exit_code == 1
    assert {"path": "data/stories/alb-outage.yaml", "line": 1, "col": 1, "severity": "error", "code": "missing-key"}.items() <= items[0].items()
    result = run("check", "-C", str(project), "--format", "github")
    assert result.output.splitlines()[0].startswith("::error file=data/stories/alb-outage.yaml,line=1,col=1,title=missing-key::")


def test_outside_a_project_check_says_where_to_run_it(tmp_path):
    result = run("check", "-C", str(tmp_path))
    assert result.exit_code == 2 and "has no mkdocs.yml and data/ folder" in result.output
