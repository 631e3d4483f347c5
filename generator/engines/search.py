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

Pagefind holds everything it indexes in memory until it writes the index: about 13 bytes for each byte of
HTML (measured at 5,000 copied entries: 164 MB of pages, a 1.97 GB peak). A site larger than PART_BYTES is
indexed in parts, consecutive runs of pages of at most PART_BYTES each, one Pagefind run per part, so the peak
stays that of one part however large the handbook grows. The first part is ``pagefind/``, the others
``pagefind/part-N/``, listed in ``pagefind/parts.json``; the theme's search merges them (Pagefind's
``mergeIndex``), at some tens of kB more of a first search for each further part.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

from loopbook.diagnostics import Diagnostics
from loopbook.engines.searchorder import ENTRY, make_stable
from loopbook.engines.tools import run_tool

BUNDLE = "pagefind"  # the folder Pagefind writes into the site, and where the theme loads it from
TIMEOUT_S = 600
# Inside the article, what is not the page's text: heading permalinks (the "¶" would end every title),
# the edit button, and the page's dates.
EXCLUDE = (".headerlink", ".md-content__button", ".md-source-file")
PARTS = "parts.json"  # in the bundle: the further parts the theme's search merges ([] for a site indexed at once)
APART = ".pagefind-part"  # in the site while one part is indexed: links to that part's pages
PART_BYTES = 56_000_000  # of HTML per Pagefind run: a peak of about 13 x 56 MB + 40 MB, under 1 GB


def command(site_dir: Path, output: Path) -> list[str]:
    """The Pagefind command line: index the pages under site_dir into the bundle `output`; tests replace
    it to exercise the failure paths."""
    # --quiet: errors and warnings only, so a build prints nothing from Pagefind when all is well.
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output), "--quiet"]
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
    split = parts(site_dir)
    bundles = [site_dir / BUNDLE, *(site_dir / BUNDLE / f"part-{n}" for n in range(1, len(split)))]
    for pages, bundle in zip(split, bundles):
        with _only(site_dir, pages, len(split) > 1) as folder:
            if not _run(command(folder, bundle), diags, where):
                return False
        make_stable(bundle)  # the same site, the same bytes (Pagefind orders its filters at random)
        if bundle != site_dir / BUNDLE:
            _only_the_index(bundle)
    further = [f"{b.name}/" for b in bundles[1:]]  # relative to pagefind/, as mergeIndex takes them
    (site_dir / BUNDLE / PARTS).write_text(json.dumps(further), "utf-8")
    return _indexed_pages(bundles, diags, where)


def _only_the_index(part: Path) -> None:
    """A further part without Pagefind's scripts, styles and WebAssembly: the search merging it runs those
    of pagefind/, and reads of the part only its entry file, metadata, word index, filters and fragments."""
    for file in part.iterdir():
        if file.is_file() and file.name != ENTRY and file.suffix != ".pf_meta":
            file.unlink()


def parts(site_dir: Path) -> list[list[Path]]:
    """The site's HTML pages in path order, cut into consecutive parts of at most PART_BYTES each (a page
    larger than that is a part of its own); one part when the whole site fits."""
    pages = sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] not in (BUNDLE, APART))
    out: list[list[Path]] = [[]]
    size = 0
    for page in pages:
        bytes_ = page.lstat().st_size
        if out[-1] and size + bytes_ > PART_BYTES:
            out.append([])
            size = 0
        out[-1].append(page)
        size += bytes_
    return out


@contextmanager
def _only(site_dir: Path, pages: list[Path], apart: bool) -> Iterator[Path]:
    """A folder Pagefind reads `pages` from at their paths in the site: the site itself for a site indexed at
    once, else a folder of links to them inside the site (so on its file system), removed afterwards."""
    if not apart:
        yield site_dir
        return
    folder = site_dir / APART
    _remove(folder)
    try:
        for page in pages:
            link = folder / page.relative_to(site_dir)
            link.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(page, link, follow_symlinks=False)
            except OSError:  # a file system without hard links
                shutil.copy2(page, link, follow_symlinks=False)
        yield folder
    finally:
        _remove(folder)


def _remove(folder: Path) -> None:
    """The folder of links, or whatever stands at its name: a link is removed, never followed."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    else:
        shutil.rmtree(folder, ignore_errors=True)


def _run(cmd: list[str], diags: Diagnostics, where: str) -> bool:
    done = run_tool("pagefind", cmd, diags, where, "search-index", timeout=TIMEOUT_S)
    if done is None:
        return False
    if done.returncode != 0:
        # Pagefind explains one failure over several lines: one diagnostic, its lines joined.
        message = " ".join(problems(done.stdout + "\n" + done.stderr)) or f"exited with status {done.returncode}"
        diags.error(where, 1, 1, f"pagefind: {message}", "search-index")
        return False
    return True


def _indexed_pages(bundles: list[Path], diags: Diagnostics, where: str) -> bool:
    """Pagefind exits 0 after indexing nothing; a site whose search finds nothing is a failed build."""
    count = 0
    for bundle in bundles:
        entry = bundle / ENTRY
        try:
            languages = json.loads(entry.read_text("utf-8")).get("languages", {})
        except (OSError, ValueError) as e:
            diags.error(where, 1, 1, f"pagefind: wrote no readable pagefind-entry.json ({e})", "search-index")
            return False
        count += sum(lang.get("page_count", 0) for lang in languages.values())
    if count == 0:
        diags.error(where, 1, 1, "pagefind: indexed no page; the theme marks each page's article with data-pagefind-body", "search-index")
        return False
    return True


def problems(output: str) -> list[str]:
    """Pagefind's complaints, one line each, without blank lines and its banner."""
    lines = (" ".join(line.split()) for line in output.splitlines())
    return [line for line in lines if line and not line.startswith(("Running Pagefind", "Pagefind v"))][:20]
