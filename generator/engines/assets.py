"""loopbook's theme, shipped inside the package: Material overrides (the page title, the edit button),
and the CSS and JavaScript of the reader views. The MkDocs plugin adds them to any handbook's
configuration; the Zensical engine lays them under the project's own custom_dir. The scripts are
loaded by the theme's main.html, the same way for both engines; the CSS by extra_css."""

from __future__ import annotations

from pathlib import Path as FsPath

THEME_DIR = FsPath(__file__).resolve().parent.parent / "theme"  # generator/theme, beside the templates
# runbook.css: the runbook pages and the runbook index (the facts, the parameters, the checklist, the filter).
EXTRA_CSS = ("assets/stylesheets/loopbook.css", "assets/stylesheets/runbook.css")
