"""The plugin on its own: `mkdocs build` with `plugins: [loopbook]`, as a handbook that calls MkDocs directly runs it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e


def mkdocs_build(root):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_a_plain_mkdocs_build_generates_the_handbook_and_its_search(project):
    stale = project / "docs" / "handbook" / "old-page.md"  # left on disk by an older loopbook, which wrote there
    stale.parent.mkdir(parents=True)
    stale.write_text("# An old generated page\n")
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    assert (site / "handbook" / "runbooks" / "alb-503" / "index.html").is_file()
    assert not (site / "handbook" / "old-page").exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()  # nobody else indexes a plain build
    assert (site / "assets" / "javascripts" / "loopbook.js").is_file()


def test_a_plain_mkdocs_build_stops_on_data_errors_with_their_positions(project):
    story = project / "data" / "stories" / "alb-outage.yaml"
    story.write_text(story.read_text().replace("situation:", "situaton:"))
    done = mkdocs_build(project)
    assert done.returncode != 0
    assert "data/stories/alb-outage.yaml" in done.stderr and "[unknown-key]" in done.stderr
    assert not (project / "site" / "index.html").exists()
