"""`loopbook init` into real repositories: all of its files or none, never a replaced file; the principle
sets it starts from; what the new handbook says about itself (review dates, the preview command, the
theme, what git ignores); and the loopbook its requirements and hook name (loopbook.cli.origin)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from loopbook import pipeline
from loopbook.analysis.measures import today
from loopbook.cli import init as starting
from loopbook.cli import main
from loopbook.cli.origin import HOOKS_FILE, from_direct_url
from loopbook.cli.scaffold import template
from loopbook.config import load_project
from loopbook.diagnostics import Diagnostics
from loopbook.model import KINDS
from tests.conftest import REPO, make_project

STARTER = REPO / "generator" / "starters" / "amazon" / "principles"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def init(*args: str):
    return CliRunner().invoke(main, ["init", *args])


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def checked(root: Path) -> pipeline.Result:
    project = load_project(root, Diagnostics(), plugins=False)
    assert project is not None
    return pipeline.check(project)


def git(folder: Path, *args: str) -> str:
    command = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@needs_git
def test_init_goes_into_a_fresh_repository_with_a_readme_a_license_and_git(tmp_path):
    repo = tmp_path / "my-prep"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README.md").write_text("# My prep\n")
    (repo / "LICENSE").write_text("MIT\n")
    before = tree(repo)
    result = init(str(repo))
    assert result.exit_code == 0, result.output
    after = tree(repo)
    assert {path: after[path] for path in before} == before  # README, LICENSE and .git untouched
    assert (repo / "mkdocs.yml").is_file() and (repo / "data" / "stories" / "example-story.yaml").is_file()
    assert "site_name: \"My prep\"" in (repo / "mkdocs.yml").read_text()


def test_init_refuses_when_files_it_would_write_exist_lists_every_clash_and_writes_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n")
    (tmp_path / "docs" / "index.md").write_text("# mine\n")
    (tmp_path / ".gitignore").write_text("*.pyc\n")
    (tmp_path / "schemas").write_text("a file where init wants a folder\n")
    before = tree(tmp_path)
    result = init(str(tmp_path))
    assert result.exit_code == 1
    listed = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert listed[:3] == ["mkdocs.yml", "docs/index.md", ".gitignore"]
    assert {f"schemas/{kind}.schema.json (schemas is a file)" for kind in KINDS} <= set(listed)
    assert len(listed) == 3 + len(KINDS) and "it wrote nothing" in result.output
    assert tree(tmp_path) == before and sorted(p.name for p in tmp_path.iterdir()) == [".gitignore", "docs", "mkdocs.yml", "schemas"]


def test_a_file_that_appears_while_init_writes_is_kept_and_everything_init_wrote_is_removed(tmp_path, monkeypatch):
    """Between the look for clashes and the writes, another program makes mkdocs.yml: init never replaces it."""
    dest = tmp_path / "book"
    dest.mkdir()
    (dest / "LICENSE").write_text("MIT\n")
    look = starting.clashes
    monkeypatch.setattr(starting, "clashes",
                        lambda d, paths: (look(d, paths), (d / "docs").mkdir(), (d / "docs" / "index.md").write_text("theirs"))[0])
    result = init(str(dest))
    assert result.exit_code == 1 and "nothing was written" in result.output, result.output
    assert tree(dest) == {"LICENSE": b"MIT\n", "docs/index.md": b"theirs"}
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == ["LICENSE", "docs", "docs/index.md"]


def test_init_with_the_amazon_principles_brings_the_bundled_principles_and_cites_them(tmp_path):
    book = tmp_path / "my-prep"
    result = init(str(book), "--principles", "amazon")
    assert result.exit_code == 0, result.output
    written = {p.name: p.read_bytes() for p in (book / "data" / "principles").glob("*.yaml")}
    assert written == {p.name: p.read_bytes() for p in STARTER.glob("*.yaml")}
    story = yaml.safe_load((book / "data" / "stories" / "example-story.yaml").read_text())
    assert story["principles"][0] in {name.removesuffix(".yaml") for name in written}
    found = checked(book)
    assert not found.diags.errors, [d.text() for d in found.diags.errors]
    assert len(found.book.of("principle")) == len(written)


def test_the_amazon_set_init_ships_is_the_sixteen_principles_each_valid_and_in_its_own_order(tmp_path):
    """An installed loopbook has no data/, so the set ships in the package (copied from the bundled handbook by
    `make starters`). What must hold whatever the bundled content says today: sixteen principles, each a valid
    entry, each with its own place in the order; a contributor's edit to data/principles/ never breaks this."""
    shipped = sorted(STARTER.glob("*.yaml"))
    assert len(shipped) == 16
    orders = [yaml.safe_load(p.read_text("utf-8"))["order"] for p in shipped]
    assert sorted(orders) == list(range(1, 17)), orders
    book = make_project(tmp_path / "p", None)
    (book / "data" / "principles").mkdir(parents=True)
    for p in shipped:
        shutil.copy(p, book / "data" / "principles" / p.name)
    found = checked(book)
    assert not found.diags.errors, [d.text() for d in found.diags.errors]


def test_init_ends_with_a_check_whose_example_runbook_is_reviewed_on_the_day_of_init(tmp_path):
    result = init(str(tmp_path / "book"))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output and "ok: " in result.output
    runbook = yaml.load((tmp_path / "book" / "data" / "runbooks" / "example-runbook.yaml").read_text(), Loader=yaml.BaseLoader)
    assert runbook["last_reviewed"] == today().isoformat()
    assert "review-overdue" not in {d.code for d in checked(tmp_path / "book").diags.items}


def test_the_site_of_a_new_handbook_has_the_bundled_theme_and_a_home_in_its_nav(tmp_path):
    assert init(str(tmp_path / "book")).exit_code == 0
    config = yaml.safe_load((tmp_path / "book" / "mkdocs.yml").read_text())
    assert config["theme"] == yaml.safe_load((REPO / "mkdocs.yml").read_text())["theme"]
    assert yaml.safe_load((tmp_path / "book" / "docs" / ".nav.yml").read_text())["nav"][0] == {"Home": "index.md"}


@needs_git
def test_git_ignores_what_a_new_handbook_makes_locally(tmp_path):
    book = tmp_path / "book"
    assert init(str(book)).exit_code == 0
    git(book, "init", "-q")
    made = [".venv/bin/python", "site/index.html", ".cache/loopbook/anchors.json"]
    ignored = subprocess.run(["git", "-C", str(book), "check-ignore", *made], capture_output=True, text=True).stdout.split()
    assert ignored == made
    assert not subprocess.run(["git", "-C", str(book), "check-ignore", "-q", "data/stories/example-story.yaml"]).returncode == 0


def test_the_templates_name_a_preview_command_a_new_handbook_has():
    """A handbook made by init has no Makefile: the preview is loopbook's own command."""
    for kind in KINDS:
        command = template(kind).split("Preview with `", 1)[1].split("`", 1)[0].split()
        assert command[0] == "loopbook" and command[1] in main.commands, command


def test_the_hook_a_new_handbook_writes_for_itself_runs_on_the_files_of_loopbooks_own_hook(tmp_path):
    from loopbook.cli.skeleton import HOOK_FILES

    hooks = {h["id"]: h for h in yaml.safe_load((REPO / HOOKS_FILE).read_text("utf-8"))}
    assert hooks["loopbook-check"]["files"] == HOOK_FILES


PEP_610 = {
    "git": ({"url": "https://github.com/team/loopbook.git",
             "vcs_info": {"vcs": "git", "requested_revision": "main", "commit_id": "7921be1537eac1e97bc40179a57f0349c2aabfb4"}},
            "loopbook @ git+https://github.com/team/loopbook.git@7921be1537eac1e97bc40179a57f0349c2aabfb4"),
    "wheel": ({"url": "file:///home/me/dist/loopbook-0.1.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "ab12"}}},
              "loopbook @ file:///home/me/dist/loopbook-0.1.0-py3-none-any.whl"),
    "editable folder": ({"url": "file:///home/me/no-such-clone", "dir_info": {"editable": True}}, "loopbook @ file:///home/me/no-such-clone"),
    "index": (None, "loopbook==0.1.0"),
}


@pytest.mark.parametrize("how", list(PEP_610))
def test_the_requirement_names_the_loopbook_pip_recorded_in_direct_url_json(how):
    record, requirement = PEP_610[how]
    origin = from_direct_url(json.dumps(record) if record else None, "0.1.0")
    assert origin.requirement == requirement
    assert (origin.repo, origin.rev) == (("https://github.com/team/loopbook.git", "7921be1537eac1e97bc40179a57f0349c2aabfb4")
                                         if how == "git" else (None, None))
    assert origin.portable == (how in ("git", "index"))


@needs_git
def test_a_folder_install_takes_its_hook_from_the_folders_git_head(tmp_path):
    clone = tmp_path / "loopbook clone"
    clone.mkdir()
    git(clone, "init", "-q")
    (clone / HOOKS_FILE).write_text("[]\n")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "hooks")
    head = git(clone, "rev-parse", "HEAD").strip()
    origin = from_direct_url(json.dumps({"url": clone.as_uri(), "dir_info": {}}), "0.1.0")
    assert origin.requirement == f"loopbook @ {clone.as_uri()}" and "%20" in origin.requirement
    assert (origin.repo, origin.rev) == (str(clone), head)
    assert not from_direct_url(json.dumps({"url": (clone / "sub").as_uri(), "dir_info": {}}), "0.1.0").repo  # not a repository's top
