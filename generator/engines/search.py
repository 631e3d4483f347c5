"""Search for the built site: Pagefind indexes the finished HTML, whichever engine wrote it.

Pagefind splits its index into small shards that the browser fetches on demand, so a reader
downloads a few hundred kilobytes before the first result however large the handbook grows, where
Material's search sends one index of every page. It reads the built pages, not the Markdown, so
MkDocs and Zensical sites get the same index and the same UI (generator/theme/partials/search.html).

What is indexed is decided in the theme: only the article of a page (``data-pagefind-body``), its
title weighted above its headings, and its kind as the filter ``kind``. Pagefind writes its index and
its own scripts under ``pagefind/`` in the site. It runs before the output guard (loopbook.checks.guard)
looks at the site, and it reads only the HTML that guard then checks; its fragments are compressed,
so the guard proves the pages safe and the index can hold nothing the pages did not.

Pagefind runs as ``python -m pagefind`` (the ``pagefind[bin]`` package) in a subprocess of this
interpreter, so it is the one installed beside loopbook.
"""

from __future__ import annotations

import json
import shutil
import sys
from importlib.util import find_spec
from pathlib import Path

from loopbook.diagnostics import Diagnostics
from loopbook.engines.searchorder import make_stable
from loopbook.engines.tools import run_tool

BUNDLE = "pagefind"  # the folder Pagefind writes into the site, and where the theme loads it from
TIMEOUT_S = 600
# Inside the article, what is not the page's text: heading permalinks (the "¶" would end every title),
# the edit button, and the page's dates.
EXCLUDE = (".headerlink", ".md-content__button", ".md-source-file")


def command(site_dir: Path) -> list[str]:
    """The Pagefind command line; tests replace it to exercise the failure paths."""
    # --quiet: errors and warnings only, so a build prints nothing from Pagefind when all is well.
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet"]
    for selector in EXCLUDE:
        cmd += ["--exclude-selectors", selector]
    return cmd


def index_site(site_dir: Path, diags: Diagnostics, shown: str = "site") -> bool:
    """Index the built site in place, writing site_dir/pagefind/; False, with diagnostics, on failure.
    `shown` is the site folder as messages name it (a build indexes its staging folder)."""
    where = f"{shown}/{BUNDLE}"
    missing = [m for m in ("pagefind", "pagefind_bin") if find_spec(m) is None]
    if missing:
        diags.error(where, 1, 1, f"Pagefind is not installed (missing {', '.join(missing)}); "
                                 "install the pinned requirements (make setup)", "search-index")
        return False
    # A rebuild into the same folder (mkdocs serve) must not keep the shards of the last one.
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
    done = run_tool("pagefind", command(site_dir), diags, where, "search-index", timeout=TIMEOUT_S)
    if done is None:
        return False
    if done.returncode != 0:
        # Pagefind explains one failure over several lines: one diagnostic, its lines joined.
        message = " ".join(problems(done.stdout + "\n" + done.stderr)) or f"exited with status {done.returncode}"
        diags.error(where, 1, 1, f"pagefind: {message}", "search-index")
        return False
    make_stable(site_dir / BUNDLE)  # the same site, the same bytes (Pagefind orders its filters at random)
    return _indexed_pages(site_dir, diags, where)


def _indexed_pages(site_dir: Path, diags: Diagnostics, where: str) -> bool:
    """Pagefind exits 0 after indexing nothing; a site whose search finds nothing is a failed build."""
    entry = site_dir / BUNDLE / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text("utf-8")).get("languages", {})
    except (OSError, ValueError) as e:
        diags.error(where, 1, 1, f"pagefind: wrote no readable pagefind-entry.json ({e})", "search-index")
        return False
    if sum(lang.get("page_count", 0) for lang in languages.values()) == 0:
        diags.error(where, 1, 1, "pagefind: indexed no page; the theme marks each page's article with data-pagefind-body", "search-index")
        return False
    return True


def problems(output: str) -> list[str]:
    """Pagefind's complaints, one line each, without blank lines and its banner."""
    lines = (" ".join(line.split()) for line in output.splitlines())
    return [line for line in lines if line and not line.startswith(("Running Pagefind", "Pagefind v"))][:20]
