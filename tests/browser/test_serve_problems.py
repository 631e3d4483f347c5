"""Under `loopbook serve`, a page shows the data's current problems above its content, and stops once
they are fixed; a built site never asks for them."""

from __future__ import annotations

import subprocess
import sys
import time

from playwright.sync_api import Error as PlaywrightError

from tests.e2e.test_serve import fetch, free_port, wait_for


def banner_gone(page, url: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with page.expect_response(lambda r: "loopbook-problems.json" in r.url):  # fetched once the page has loaded
                page.goto(url)
            page.wait_for_timeout(300)  # the script lays the answer out after it arrives
            if page.locator("#lb-problems").count() == 0:
                return True
        except PlaywrightError:  # a navigation the server's own reload cut short
            pass
        time.sleep(0.5)
    return False


def test_the_preview_lists_the_problems_on_the_page_until_they_are_fixed(project, page):
    half = project / "data" / "stories" / "half-written.yaml"
    half.write_text("title: Half written\nprinciples: [ownership]\n")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "loopbook", "serve", "-C", str(project), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "handbook/runbooks/alb-503/", "Intermittent 503s"), "serve did not start"
        page.goto(base + "handbook/runbooks/alb-503/")
        banner = page.locator("#lb-problems")
        banner.wait_for(timeout=30_000)
        assert banner.get_attribute("role") == "alert"
        lines = banner.locator("li code").all_inner_texts()
        assert any(line.startswith("data/stories/half-written.yaml:1:1: error: missing required key") for line in lines), lines
        half.write_text(half.read_text() + "situation: S.\ntask: T.\naction: [I did it.]\nresult: It worked, 2 times faster.\n")
        assert wait_for(base + "loopbook-problems.json", '"problems": []'), "the problems were never cleared"
        # The server reloads open pages itself after a build; a load it interrupts is tried again.
        assert banner_gone(page, base + "handbook/runbooks/alb-503/"), "the problems stayed on the page"
        assert page.errors == []
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_built_site_never_asks_for_the_problems(site_url, page):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url)
    page.locator("article h1").first.wait_for()
    assert page.locator('meta[name="loopbook-serve"]').count() == 0
    assert not any("loopbook-problems" in url for url in requested)
    assert fetch(site_url + "loopbook-problems.json") == ""
