"""The repository link and the edit button: from mkdocs.yml, else from the git remote `origin`,
else none at all (and then no request to any hosting service)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook.cli import main
from loopbook.engines.repo import Repository

pytestmark = pytest.mark.e2e


def build(root: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-C", str(root)])
    assert result.exit_code == 0, result.output


def edit_links(root: Path, page: str) -> list[str]:
    html = (root / "site" / page).read_text()
    return [part.split('"')[1] for part in html.split("<a href=")[1:] if 'rel="edit"' in part.split(">")[0]]


def test_repo_url_and_edit_uri_from_the_configuration_win(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "repo_url: https://github.com/example/handbook\nedit_uri: edit/trunk/docs/\n")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "remote", "add", "origin", "git@github.com:someone/else.git"], check=True)
    build(project)
    assert edit_links(project, "handbook/stories/alb-outage/index.html") == ["https://github.com/example/handbook/edit/trunk/data/stories/alb-outage.yaml"]
    assert edit_links(project, "index.html") == ["https://github.com/example/handbook/edit/trunk/docs/index.md"]
    assert "someone/else" not in (project / "site" / "index.html").read_text()


def test_an_origin_on_github_gives_the_link_and_the_edit_button(project):
    subprocess.run(["git", "init", "-q", "-b", "handbook", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "remote", "add", "origin", "git@github.com:acme/oncall-book.git"], check=True)
    build(project)
    home = (project / "site" / "index.html").read_text()
    assert 'href="https://github.com/acme/oncall-book"' in home and "acme/oncall-book" in home
    assert 'data-md-component="source"' not in home  # no call to the hosting service's API for stars
    assert edit_links(project, "handbook/runbooks/alb-503/index.html") == ["https://github.com/acme/oncall-book/edit/handbook/data/runbooks/alb-503.yaml"]


def test_no_repository_anywhere_means_no_link_and_no_edit_button(project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)  # a repository, but no remote
    build(project)
    for page in ("index.html", "handbook/stories/alb-outage/index.html", "handbook/schema-reference/index.html"):
        html = (project / "site" / page).read_text()
        assert edit_links(project, page) == [] and 'class="md-source"' not in html


@pytest.mark.parametrize("remote, url, edit", [
    ("git@github.com:o/r.git", "https://github.com/o/r", "edit/main/docs/"),
    ("https://gitlab.com/group/sub/r.git", "https://gitlab.com/group/sub/r", "-/edit/main/docs/"),
    ("ssh://git@github.com/o/r", "https://github.com/o/r", "edit/main/docs/"),
])
def test_remote_urls_of_both_hosts_are_understood(remote, url, edit):
    found = Repository.from_remote(remote, "main", "docs")
    assert found is not None and (found.url, found.edit_uri) == (url, edit)


@pytest.mark.parametrize("remote", ["/srv/git/book.git", "https://example.com/o/r.git", "file:///tmp/r"])
def test_other_remotes_give_no_repository(remote):
    assert Repository.from_remote(remote, "main", "docs") is None
