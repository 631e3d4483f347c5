from __future__ import annotations

import json

from click.testing import CliRunner

from loopbook.cli import main
from loopbook.model import KINDS


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_check_passes_on_the_sample_data(project):
    result = run("check", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert "ok: 13 entries, 32 pages" in result.output
    assert ("data/stories/quiet-win.yaml:7:9: warning: the result has no number; say what changed, by how much "
            "[result-without-number]") in result.output


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
    # handbook/stories/index.md is the kind's index page: a story of that name would take its place.
    result = run("new", "story", "index", "-C", str(project))
    assert result.exit_code == 2 and "the kind's index page" in result.output
    assert not (project / "data" / "stories" / "index.yaml").exists()


def test_json_and_github_formats(project):
    (project / "data" / "stories" / "alb-outage.yaml").write_text("title: T\n")
    result = run("check", "-C", str(project), "--format", "json")
    items = json.loads(result.output)
    assert result.exit_code == 1
    wanted = {"path": "data/stories/alb-outage.yaml", "line": 1, "col": 1, "severity": "error", "code": "missing-key"}
    assert any(wanted.items() <= item.items() for item in items)
    result = run("check", "-C", str(project), "--format", "github")
    assert any(line.startswith("::error file=data/stories/alb-outage.yaml,line=1,col=1,title=missing-key::")
               for line in result.output.splitlines())


def test_outside_a_project_check_says_where_to_run_it(tmp_path):
    result = run("check", "-C", str(tmp_path))
    assert result.exit_code == 2 and "has no mkdocs.yml and data/ folder" in result.output


def test_new_accepts_the_plural_kind_the_data_folders_use(project):
    result = run("new", "stories", "faster-builds", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert (project / "data" / "stories" / "faster-builds.yaml").is_file()


def test_new_suggests_the_closest_kind_and_a_valid_id(project):
    typo = run("new", "stroy", "faster-builds", "-C", str(project))
    assert typo.exit_code == 2
    assert ("Error: Invalid value for KIND: 'stroy' is not a kind; did you mean 'story'? "
            "kinds: principle, story, question, runbook, metric, project, role") in typo.output
    capitals = run("new", "story", "My-Story", "-C", str(project))
    assert capitals.exit_code == 2
    assert ("Error: Invalid value for ID: 'My-Story' is not an id: ids are lower-case words joined by hyphens, "
            "at most 64 characters; try 'my-story'") in capitals.output


def test_commands_find_the_project_from_a_folder_inside_it(project, monkeypatch):
    monkeypatch.chdir(project / "data" / "stories")
    assert run("new", "story", "from-inside").exit_code == 0
    assert (project / "data" / "stories" / "from-inside.yaml").is_file()
    listed = run("list", "principles")
    assert listed.exit_code == 0
    assert listed.output.splitlines() == ["principle:ownership  Ownership", "principle:dive-deep  Dive Deep"]


def test_outside_any_project_the_error_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert f"no mkdocs.yml with a data/ folder in {tmp_path.resolve()} or any folder above it" in result.output


def test_list_prints_every_id_with_its_title_and_accepts_singular_or_plural(project):
    everything = run("list", "-C", str(project)).output.splitlines()
    assert len(everything) == len(list((project / "data").rglob("*.yaml")))  # one line per entry
    assert run("list", "story", "-C", str(project)).output == run("list", "stories", "-C", str(project)).output
    assert "story:alb-outage" in run("list", "story", "-C", str(project)).output


def test_new_help_lists_every_kind_it_accepts():
    text = " ".join(run("new", "--help").output.split())
    listed = text.split("KIND is one of ", 1)[1].split(" (", 1)[0]
    assert listed.split(", ") == list(KINDS)


def test_help_texts_are_not_cut_short():
    for args in (["--help"], *([name, "--help"] for name in main.commands)):
        result = run(*args)
        assert result.exit_code == 0
        described = [line for line in result.output.splitlines() if not line.startswith("Usage:")]
        assert not [line for line in described if line.rstrip().endswith("...")], (args, result.output)
    assert "3 when check --external finds the network unreachable" in " ".join(run("--help").output.split())


def test_external_check_without_network_says_so_once_and_exits_3(project, monkeypatch):
    import socket

    from loopbook.checks import external

    def no_dns(self, host, port):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(external._Checker, "_address", no_dns)
    story = project / "data" / "stories" / "quiet-win.yaml"
    story.write_text(story.read_text() + "learnings:\n  - Read [the guide](https://guide.example.org/a) first.\n")
    result = run("check", "--external", "-C", str(project))
    assert result.exit_code == 3, result.output
    lines = [l for l in result.output.splitlines() if "external" in l or "unreachable" in l]
    assert lines == ["loopbook: external links not checked: no external URL could be reached on any of 2 hosts "
                     "(the name does not resolve): the network is unreachable"]


def test_init_quotes_the_title_so_that_yaml_reads_it_back_and_no_setting_is_added(tmp_path):
    from loopbook.config import load_project
    from loopbook.diagnostics import Diagnostics

    for n, title in enumerate(["Ops: on-call", "Ops\nstrict: false", "Notes # and 'quotes' \"both\""]):
        dest = tmp_path / f"book-{n}"
        assert run("init", str(dest), "--title", title).exit_code == 0
        project = load_project(dest, Diagnostics(), plugins=False)
        assert project is not None and project.mkdocs["site_name"] == title and project.mkdocs["strict"] is True
        assert (dest / "docs" / "index.md").read_text().splitlines()[0] == "# " + " ".join(title.split())


def test_init_suggests_who_reviews_the_files_that_are_code(tmp_path):
    assert run("init", str(tmp_path / "book")).exit_code == 0
    owners = (tmp_path / "book" / ".github" / "CODEOWNERS").read_text()
    assert all(f"# {path}" in owners for path in ("mkdocs.yml", "docs/", ".github/", "requirements.txt"))
