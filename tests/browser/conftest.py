"""Browser tests: Playwright driving Debian's Chromium against the built site served on 127.0.0.1: the fixture
handbook's (tests/fixtures/handbook, a frozen copy of the bundled one), since they name what they search and open;
the bundled handbook's own pages are checked by tests/e2e/test_bundled_handbook.py, for any content.

Where Chromium is missing they skip with a loud reason, unless LOOPBOOK_REQUIRE_BROWSER=1 (set by
.ci/run), where a missing browser fails them instead."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import warnings
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        message = "NO CHROMIUM: browser tests did not run. Install Debian's chromium package (apt-get install chromium)."
        if os.environ.get("LOOPBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        warnings.warn(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def built_and_served(root: Path) -> Iterator[str]:
    """A test project built by `loopbook build` (which must pass), served on 127.0.0.1: its base URL."""
    from click.testing import CliRunner

    from loopbook.cli import main

    result = CliRunner().invoke(main, ["build", "-C", str(root)])
    assert result.exit_code == 0, result.output
    yield from serve(root / "site")


@pytest.fixture(scope="session")
def site_url(handbook_site) -> Iterator[str]:
    """The fixture handbook's site, served: its base URL."""
    yield from serve(handbook_site / "site")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.errors = errors
    yield page
    context.close()
