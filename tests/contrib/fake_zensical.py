"""A stand-in for `python -m zensical build`, to test what loopbook does around Zensical without it.

Usage: fake_zensical.py MODE --config-file PATH, MODE one of: ok (write a page per Markdown file),
fail (write part of a site, then die with a traceback), empty (succeed and write nothing),
unsafe (as ok, plus a page with an event handler, as a broken theme or extension might write).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> int:
    mode, _, config_file = sys.argv[1:4]
    config = Path(config_file)
    settings = yaml.safe_load(config.read_text())
    assert (config.parent / settings["INHERIT"]).is_file(), "the config must inherit mkdocs.yml beside it"
    # Zensical wants the folders relative to the project, as loopbook writes them.
    assert not Path(settings["docs_dir"]).is_absolute() and not Path(settings["site_dir"]).is_absolute()
    docs, site = config.parent / settings["docs_dir"], config.parent / settings["site_dir"]
    if not (docs / "handbook" / "index.md").is_file():
        print("Error: the generated handbook is missing; Zensical runs no hooks", file=sys.stderr)
        return 1
    if mode == "fail":
        (site / "partial.html").write_text("half a site")
        print("Build started\nTraceback (most recent call last):\n  File \"zensical/main.py\", line 81, in execute_build\n"
              "RuntimeError: could not render include: boom", file=sys.stderr)
        return 1
    if mode in ("ok", "unsafe"):
        for page in docs.rglob("*.md"):
            rel = page.relative_to(docs).with_suffix("")
            out = site / (rel.parent if rel.name == "index" else rel) / "index.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(f"<html><body><article data-pagefind-body><h1>{rel}</h1></article></body></html>")
    if mode == "unsafe":
        (site / "index.html").write_text('<html><body><article data-pagefind-body><h1 onmouseover="alert(1)">home</h1>'
                                         '</article></body></html>')
    return 0


if __name__ == "__main__":
    sys.exit(main())
