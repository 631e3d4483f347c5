"""CI and hooks: the GitHub workflows, the pre-commit files and the pull-request template parse,
and call the same make targets a contributor runs (and .ci/run, which runs `make test`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # PyYAML reads the key `on` as the boolean true (YAML 1.1)
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def commands(data: dict) -> list[str]:
    return [step["run"].strip() for step in steps(data) if "run" in step]


def uses(data: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(data) if "uses" in step]


def make_targets() -> set[str]:
    return set(re.findall(r"(?m)^([a-z][a-z-]*):", (REPO / "Makefile").read_text("utf-8")))


def pinned(package: str) -> str:
    text = (REPO / "requirements-dev.txt").read_text("utf-8")
    found = re.search(rf"(?mi)^{re.escape(package)}==(\S+)$", text)
    assert found, f"{package} is not pinned in requirements-dev.txt"
    return found.group(1)


def test_every_workflow_parses_and_every_make_target_it_calls_exists():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} == {"pull-request.yml", "pages.yml", "links.yml"}
    for file in files:
        for command in commands(workflow(file.name)):
            for target in re.findall(r"\bmake ([a-z-]+)", command):
                assert target in make_targets(), f"{file.name} calls make {target}, which the Makefile lacks"


def test_pull_requests_get_check_with_annotations_lint_tests_as_ci_and_a_build():
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"]
    assert commands(data) == ["make setup", "make annotate", "make lint", "make audit", "bash .ci/run", "make site"]
    assert "make test" in (REPO / ".ci" / "run").read_text("utf-8")
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert re.search(r"(?m)^annotate:.*\n\t\$\(BIN\)/loopbook check --format github$", makefile)


def test_main_builds_and_deploys_to_github_pages():
    data = workflow("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert commands(data) == ["make site"]
    assert uses(data) == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_the_site_is_rebuilt_daily_so_that_review_dates_fall_due_without_a_push():
    data = workflow("pages.yml")
    (cron,) = [entry["cron"] for entry in data["on"]["schedule"]]
    assert cron.split()[2:] == ["*", "*", "*"]  # every day
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]


def test_external_links_are_checked_weekly():
    data = workflow("links.yml")
    (cron,) = [entry["cron"] for entry in data["on"]["schedule"]]
    assert cron.split()[2:] == ["*", "*", "1"]  # any day of month, any month, Mondays
    assert commands(data) == ["make links FORMAT=github"]
    assert re.search(r"(?m)^links:.*\n\t\$\(BIN\)/loopbook check --external", (REPO / "Makefile").read_text("utf-8"))


def test_workflows_are_valid_for_github_by_its_published_schema():
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert exe, "check-jsonschema is pinned in requirements-dev.txt (make setup)"
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    done = subprocess.run([exe, "--builtin-schema", "vendor.github-workflows", *files],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_other_repositories_get_a_loopbook_check_hook():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    by_id = {h["id"]: h for h in hooks}
    check = by_id["loopbook-check"]
    assert check["entry"] == "loopbook check" and check["language"] == "python" and check["pass_filenames"] is False
    assert re.search(check["files"], "data/stories/x.yaml") and not re.search(check["files"], "README.md")


def test_this_repository_runs_every_hook_locally_so_a_commit_needs_no_network():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"], "a remote hook repository is fetched over the network"
    hooks = {h["id"]: h for h in config["repos"][0]["hooks"]}
    assert hooks["loopbook-check"]["entry"].endswith("make --no-print-directory -s check")
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert hook["entry"].rsplit(" ", 1)[-1] in make_targets()
    # ruff from .venv, as `make lint` runs it with the pin of requirements-dev.txt; a data-only commit skips it
    assert hooks["ruff"]["entry"].endswith(" lint")
    assert re.search(hooks["ruff"]["files"], "generator/cli/init.py") and not re.search(hooks["ruff"]["files"], "data/stories/x.yaml")
    assert re.search(r"(?m)^lint:.*\n\t\$\(BIN\)/ruff check generator tests bench$", (REPO / "Makefile").read_text("utf-8"))


def test_the_tools_are_pinned_as_agreed():
    assert pinned("ruff") == "0.17.5"
    assert pinned("check-jsonschema") == "0.39.0"
    assert 'zensical = ["zensical==0.0.73"]' in (REPO / "pyproject.toml").read_text("utf-8")
    assert "zensical==0.0.73" in (REPO / "requirements.txt").read_text("utf-8").splitlines()


def test_ruff_finds_nothing_in_generator_tests_and_bench():
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("ruff is pinned in requirements-dev.txt (make setup)")
    done = subprocess.run([exe, "check", "--no-cache", "generator", "tests", "bench"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pull_request_template_has_a_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text("utf-8")
    items = re.findall(r"(?m)^- \[ \] .+", text)
    assert 3 <= len(items) <= 8
    assert any("make test" in item for item in items) and any("make check" in item for item in items)
