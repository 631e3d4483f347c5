"""The first search as a reader makes it: Chromium opens the home page, a word that one entry alone holds is
typed into the search box, and every byte the page fetched until that entry shows is counted.

Needs Playwright and Debian's Chromium (as the browser tests do); where either is missing the figure is
reported as not measured, and the estimate read from the site's files (bench.download) stands alone.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@dataclass
class BrowserSearch:
    total: int = 0  # bytes of every response since the page opened
    search: int = 0  # of which Pagefind's files (its UI, script, worker, WebAssembly, index parts)
    responses: int = 0
    error: str = ""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def first_search_in_chromium(site: Path, word: str, page_of_entry: str) -> BrowserSearch:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return BrowserSearch(error="not measured: Playwright is not installed")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return BrowserSearch(error="not measured: no Chromium")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    result = BrowserSearch()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            sizes: dict[str, int] = {}
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.locator("#lb-search .pagefind-ui__search-input").click()
            page.keyboard.type(word)
            page.locator(f"#lb-search .pagefind-ui__result-link[href*='{page_of_entry}']").first.wait_for(timeout=120_000)
            browser.close()
        result.total, result.responses = sum(sizes.values()), len(sizes)
        result.search = sum(n for url, n in sizes.items() if "/pagefind/" in url)
    except Exception as e:  # noqa: BLE001 - a benchmark reports what went wrong instead of stopping
        result.error = f"not measured: {type(e).__name__}: {' '.join(str(e).split())[:200]}"
    finally:
        server.shutdown()
        server.server_close()
    return result
