"""loopbook's theme, shipped inside the package: Material overrides (the page title, the edit button),
and the CSS and JavaScript of the reader views. The MkDocs plugin adds them to any handbook's
configuration; the Zensical engine lays them under the project's own custom_dir."""

from __future__ import annotations

from pathlib import Path as FsPath

THEME_DIR = FsPath(__file__).resolve().parent.parent / "theme"  # generator/theme, beside the templates
# runbook.* serve the runbook pages and the runbook index (the parameters, the checklist, the review banner, the
# filter); search-keys.js adds Enter, the arrow keys and ?q= to the search box that main.html loads search.js for.
EXTRA_CSS = ("assets/stylesheets/loopbook.css", "assets/stylesheets/runbook.css")
EXTRA_JAVASCRIPT = ("assets/javascripts/loopbook.js", "assets/javascripts/runbook.js", "assets/javascripts/search-keys.js")
