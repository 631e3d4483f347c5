"""Nothing from outside the project is read or published, whichever engine builds: a docs_dir outside it, a
symbolic link in the docs folder to a file outside it (a planted id_rsa), a .cache that is a link."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from loopbook.cli import main

pytestmark = pytest.mark.e2e
SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- not for the site"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def published(project) -> list[str]:
    site = project / "site"
    return [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and SECRET in p.read_text("utf-8", "replace")]


@pytest.fixture
def secret(tmp_path):
    key = tmp_path / "home" / ".ssh" / "id_rsa"
    key.parent.mkdir(parents=True)
    key.write_text(SECRET)
    return key


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_link_in_the_docs_folder_to_a_file_outside_is_refused_at_its_path(project, secret, engine):
    (project / "docs" / "guide" / "id_rsa.md").symlink_to(secret)
    (project / "docs" / "keys").symlink_to(secret.parent, target_is_directory=True)
    for command in (["check"], ["build", "--engine", engine]):
        result = run(*command, "-C", str(project))
        assert result.exit_code == 1, result.output
        lines = [line for line in result.output.splitlines() if "[outside-link]" in line]
        assert [line.split(":")[0] for line in lines] == ["docs/guide/id_rsa.md", "docs/keys"], result.output
        assert f"a symbolic link to {secret}, outside the project" in lines[0]
    assert not (project / "site").exists()


def test_a_link_to_a_file_inside_the_project_is_fine(project):
    (project / "LICENCE.txt").write_text("the handbook's licence")
    (project / "docs" / "licence.txt").symlink_to(project / "LICENCE.txt")
    result = run("build", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert (project / "site" / "licence.txt").read_text() == "the handbook's licence"


def test_a_docs_dir_outside_the_project_is_refused_unless_the_configuration_allows_it(project, tmp_path, secret):
    outside = tmp_path / "outside-docs"
    shutil.copytree(project / "docs", outside)
    (outside / "leak.txt").write_text(SECRET)
    config = project / "mkdocs.yml"
    line = config.read_text().count("\n") + 1
    config.write_text(config.read_text() + f"docs_dir: {outside}\n")
    result = run("build", "-C", str(project))
    assert result.exit_code == 1
    assert f"mkdocs.yml:{line}:1: error: docs_dir is {outside}, outside the project" in result.output
    assert not (project / "site").exists()
    config.write_text(config.read_text() + "extra:\n  loopbook:\n    allow_outside_project: [docs_dir]\n")
    result = run("build", "-C", str(project))
    assert result.exit_code == 0, result.output
    assert published(project) == ["leak.txt"]  # allowed on purpose: the operator's own folder


def test_a_cache_folder_that_is_a_link_is_refused_before_anything_is_written_through_it(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".cache").symlink_to(elsewhere, target_is_directory=True)
    for command in (["check"], ["build", "--engine", "zensical"]):
        result = run(*command, "-C", str(project))
        assert result.exit_code == 1 and ".cache:1:1: error: a symbolic link to" in result.output, result.output
    assert list(elsewhere.iterdir()) == []


def test_an_inherit_outside_the_project_is_never_read(project, secret):
    config = project / "mkdocs.yml"
    config.write_text(f"INHERIT: {secret}\n" + config.read_text())
    for command in ("check", "build"):
        result = run(command, "-C", str(project))
        assert result.exit_code == 1
        assert f"mkdocs.yml:1:1: error: INHERIT names {secret}, outside the project" in result.output
        assert SECRET not in result.output
