"""``loopbook init DIR``: a new handbook repository that builds straight away with the installed loopbook.

It holds what a team needs and no copy of loopbook itself: ``mkdocs.yml`` naming the ``loopbook``
plugin (which brings the theme pieces and generates the pages), one valid example entry per kind
under ``data/``, the schemas for editors, a home page, a pre-commit hook and a CI workflow that run
the same check, a ``requirements.txt`` pinning the loopbook that made it, and ``data/private/`` for the
entries that must stay out of git and off the public site (``.gitignore`` lists it).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path as FsPath

from loopbook.data import editor
from loopbook.data.examples import example_yaml
from loopbook.data.schema import schema_for
from loopbook.model import KINDS

EXAMPLE_ID = "example-{kind}"  # reference.minimal_example names its references this way

MKDOCS_YML = """\
site_name: {title}
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
[handbook](handbook/index.md) for every principle, story, question, runbook, metric, project, role,
loop and debrief.

To add an entry: `loopbook new story my-story`, fill it in, then `loopbook check`. `loopbook serve`
previews the site as you edit. An entry that must stay off the public site and out of git goes under
`data/private/`: `loopbook new story my-story --private`.
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

# data/private/ holds what must stay off the public site and out of git: the candidate's own stories and debriefs.
GITIGNORE = "site/\n.cache/\n# Private entries (loopbook new --private): never committed, never on the public site.\ndata/private/\n"

PRIVATE_README = """\
# Private entries

Entries here (data/private/<kinds>/<id>.yaml, e.g. data/private/stories/my-story.yaml) are private:
`.gitignore` keeps this folder out of the repository, and `loopbook build` leaves them out of the site,
with every reference to them. `loopbook serve` shows them to you, marked private.
Write one with `loopbook new story my-story --private`.
"""


def loopbook_version() -> str:
    try:
        return version("loopbook")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.1.0"


def files(title: str) -> dict[str, str]:
    """Every file of a new handbook, by its path in the repository."""
    out = {
        "mkdocs.yml": MKDOCS_YML.format(title=title),
        "docs/index.md": INDEX_MD.format(title=title),
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/handbook.yml": WORKFLOW,
        "requirements.txt": f"loopbook=={loopbook_version()}\n",
        ".gitignore": GITIGNORE,
        "data/private/README.md": PRIVATE_README,
    }
    for kind, k in KINDS.items():
        header = (f"{editor.modeline(kind)}\n# An example entry ({schema_for(kind)['title']}): edit it, or delete it once you have your own.\n"
                  f"# `loopbook new {kind} <id>` writes a template with every field explained.\n")
        out[f"data/{k.plural}/{EXAMPLE_ID.format(kind=kind)}.yaml"] = header + example_yaml(kind)
    return out


def init(dest: FsPath, title: str) -> list[str]:
    """Write a new handbook into dest, which must be missing or empty; the paths written."""
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty; choose a new folder")
    written = files(title)
    for path, text in written.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    editor.export(dest / editor.EXPORT_DIR)  # the schemas editors read, as each data file's first line says
    return [*written, f"{editor.EXPORT_DIR}/"]
