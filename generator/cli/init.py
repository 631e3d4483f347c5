"""``loopbook init DIR``: a new handbook repository that builds straight away with the installed loopbook.

It holds what a team needs and no copy of loopbook itself: ``mkdocs.yml`` naming the ``loopbook``
plugin (which brings the theme pieces and generates the pages), one valid example entry per kind
under ``data/``, the schemas for editors, a home page, a pre-commit hook and a CI workflow that run
the same check, a ``requirements.txt`` pinning the loopbook that made it, and a CODEOWNERS file that
suggests who must review the files that are code, not data (README, "What a pull request can change").
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path as FsPath

import yaml

from loopbook.data import editor
from loopbook.data.examples import example_yaml
from loopbook.data.schema import schema_for
from loopbook.files import atomic_write
from loopbook.model import KINDS

EXAMPLE_ID = "example-{kind}"  # reference.minimal_example names its references this way

MKDOCS_YML = """\
{site_name}
# loopbook generates the handbook from data/ (plugins: loopbook), and adds its theme pieces and the
# Markdown extensions its pages need. repo_url and edit_uri come from the git remote `origin` on GitHub
# or GitLab; set them here to name another repository.
theme:
  name: material
  features:
    - content.code.copy
    - content.action.edit
    - navigation.indexes
strict: true
plugins:
  - loopbook
  # Orders the sidebar from the .nav.yml files loopbook generates.
  - awesome-nav
"""

INDEX_MD = """\
# {title}

This handbook is kept as YAML under `data/`, one entry per file, and built by loopbook. Open the
[handbook](handbook/index.md) for every principle, story, question, runbook, metric, project, role and loop.

To add an entry: `loopbook new story my-story`, fill it in, then `loopbook check`. `loopbook serve`
previews the site as you edit.
"""

PRE_COMMIT = """\
# Every commit that touches the handbook runs loopbook's check (pre-commit install, once).
# This calls the loopbook installed from requirements.txt; loopbook's repository also offers the hook
# `loopbook-check` for a `repo:` entry of its own.
repos:
  - repo: local
    hooks:
      - id: loopbook-check
        name: loopbook check
        entry: loopbook check
        language: system
        pass_filenames: false
        files: ^(data/.*\\.ya?ml|docs/.*\\.md|mkdocs\\.yml)$
"""

WORKFLOW = """\
# Check every pull request; build the site on main.
name: handbook
on:
  pull_request:
  push:
    branches: [main]
jobs:
  check-and-build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r requirements.txt
      - run: loopbook check --format github
      - run: loopbook build
"""

GITIGNORE = "site/\n.cache/\n"

CODEOWNERS = """\
# The files below are code, not data: a change to them can run code in CI (mkdocs.yml's hooks and tags,
# the workflows, the pinned requirements) or change what the site publishes (docs/, the theme). data/ is
# data: loopbook checks it as hostile, and it can never run code, write outside the site or leak a file.
# Name the people who must review a change to the code files (replace @your-org/handbook-maintainers),
# uncomment the lines, and turn on "Require review from Code Owners" for the main branch.
# mkdocs.yml                @your-org/handbook-maintainers
# docs/                     @your-org/handbook-maintainers
# .github/                  @your-org/handbook-maintainers
# .pre-commit-config.yaml   @your-org/handbook-maintainers
# requirements.txt          @your-org/handbook-maintainers
"""


def loopbook_version() -> str:
    try:
        return version("loopbook")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.1.0"


def files(title: str) -> dict[str, str]:
    """Every file of a new handbook, by its path in the repository."""
    out = {
        "mkdocs.yml": MKDOCS_YML.format(site_name=site_name(title)),
        "docs/index.md": INDEX_MD.format(title=" ".join(title.split())),
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/handbook.yml": WORKFLOW,
        "requirements.txt": f"loopbook=={loopbook_version()}\n",
        ".gitignore": GITIGNORE,
        ".github/CODEOWNERS": CODEOWNERS,
    }
    for kind, k in KINDS.items():
        header = (f"{editor.modeline(kind)}\n# An example entry ({schema_for(kind)['title']}): edit it, or delete it once you have your own.\n"
                  f"# `loopbook new {kind} <id>` writes a template with every field explained.\n")
        out[f"data/{k.plural}/{EXAMPLE_ID.format(kind=kind)}.yaml"] = header + example_yaml(kind)
    return out


def site_name(title: str) -> str:
    """The site_name line, the title quoted so that YAML reads it back as written: a ': ' or a '#' stays text,
    and a line break cannot start another setting."""
    line = yaml.safe_dump({"site_name": title}, allow_unicode=True, width=float("inf"), default_style='"')
    return line.replace('"site_name"', "site_name", 1).rstrip("\n")


def init(dest: FsPath, title: str) -> list[str]:
    """Write a new handbook into dest, which must be missing or empty; the paths written."""
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty; choose a new folder")
    written = files(title)
    for path, text in written.items():
        atomic_write(dest / path, text, inside=dest)
    editor.export(dest / editor.EXPORT_DIR)  # the schemas editors read, as each data file's first line says
    return [*written, f"{editor.EXPORT_DIR}/"]
