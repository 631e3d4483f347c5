"""External link checking against a real HTTP server on 127.0.0.1, started by the test."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from loopbook import pipeline
from loopbook.checks import external
from loopbook.checks.external import Settings, check_external, external_urls, never_resolves
from loopbook.checks.links import Docs
from loopbook.cli import main
from loopbook.config import Project, load_project
from loopbook.diagnostics import Diagnostics
from tests.conftest import make_project

HITS: Counter[str] = Counter()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def answer(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.route("HEAD")

    def do_GET(self) -> None:
        self.route("GET")

    def route(self, method: str) -> None:
        path = self.path.split("?")[0]
        HITS[path] += 1
        n = HITS[path]
        if path == "/ok":
            self.answer(200)
        elif path == "/redirect":
            self.answer(302, {"Location": "/ok"})
        elif path == "/missing":
            self.answer(404)
        elif path == "/flaky":
            self.answer(500 if n == 1 else 200)
        elif path == "/limited":
            self.answer(429, {"Retry-After": "1"}) if n == 1 else self.answer(200)
        elif path == "/head-not-allowed":
            self.answer(405 if method == "HEAD" else 200)
        elif path == "/slow":
            time.sleep(3)  # longer than the test's timeout; the server thread ends by itself
            self.answer(200)
        else:
            self.answer(404)


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def project_of(root: Path) -> Project:
    return load_project(root, Diagnostics(), plugins=False)


def project_linking(tmp_path: Path, urls: list[str]) -> Path:
    root = make_project(tmp_path / "p")
    lines = "\n".join(f"  - I read [page {i}]({u})." for i, u in enumerate(urls))
    (root / "data" / "stories" / "links-out.yaml").write_text(
        f"title: Outbound links\nprinciples: [ownership]\nsituation: S\ntask: T\naction:\n{lines}\nresult: 3 s\n")
    return root


def run(root: Path, settings: Settings) -> list[str]:
    result = pipeline.check_folder(root)
    diags = Diagnostics()
    found = [f for f in external_urls(Docs.of(project_of(root)), result.book, project_of(root).markdown())
             if f.path == "data/stories/links-out.yaml"]
    check_external(found, settings, root / ".cache" / "links.json", diags)
    return [d.text() for d in diags.sorted()]


def test_each_answer_is_judged_and_every_bad_url_reported_at_its_yaml_line(tmp_path, server):
    refused = f"http://127.0.0.1:{closed_port()}/x"
    urls = [f"{server}/ok", f"{server}/redirect", f"{server}/missing", f"{server}/flaky", f"{server}/limited",
            f"{server}/slow", refused, f"{server}/head-not-allowed"]
    settings = Settings(allow_hosts=["127.0.0.1"], timeout=1.0, retries=2)
    assert run(project_linking(tmp_path, urls), settings) == [
        f"data/stories/links-out.yaml:8:21: error: link '{server}/missing' answers HTTP 404 [external-broken]",
        f"data/stories/links-out.yaml:11:21: error: link '{server}/slow' unreachable: timed out [external-unreachable]",
        f"data/stories/links-out.yaml:12:21: error: link '{refused}' unreachable: connection refused [external-unreachable]",
    ]
    assert HITS["/flaky"] >= 2 and HITS["/limited"] >= 2  # retried after 500 and after 429


def test_loopback_addresses_are_refused_unless_allowed(tmp_path, server):
    assert run(project_linking(tmp_path, [f"{server}/ok"]), Settings(timeout=1.0)) == [
        f"data/stories/links-out.yaml:6:21: error: link '{server}/ok' not checked: 127.0.0.1 resolves to 127.0.0.1, a loopback, "
        "private or link-local address; allow it under extra.loopbook.external in mkdocs.yml if it is meant [external-refused]",
    ]


def test_good_answers_are_cached_and_ignored_urls_not_fetched(tmp_path, server):
    root = project_linking(tmp_path, [f"{server}/ok?cached", f"{server}/missing?ignored"])
    settings = Settings(allow_hosts=["127.0.0.1"], timeout=1.0, ignore=["*?ignored"])
    assert run(root, settings) == []
    before = sum(HITS.values())
    assert run(root, settings) == []
    assert sum(HITS.values()) == before


def test_settings_come_from_mkdocs_extra():
    s = Settings.from_config({"loopbook": {"external": {"ignore": ["https://example.com/*"], "timeout": 5, "unknown": 1}}})
    assert s.ignore == ["https://example.com/*"] and s.timeout == 5 and not s.allow_private


def test_only_linked_urls_are_collected_from_data_and_pages(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "docs" / "guide" / "extra.md").write_text(
        "# Extra\n\n[a](https://a.example/x) <https://b.example/> <a href=\"https://c.example/\">c</a>\n\n"
        "[ref]: https://d.example/\n\n    curl https://not-a-link.example/\n")
    result = pipeline.check_folder(root)
    found = {(f.url, f.path, f.line) for f in external_urls(Docs.of(project_of(root)), result.book, project_of(root).markdown())}
    assert {("https://a.example/x", "docs/guide/extra.md", 3), ("https://b.example/", "docs/guide/extra.md", 3),
            ("https://c.example/", "docs/guide/extra.md", 3), ("https://d.example/", "docs/guide/extra.md", 5)} <= found
    assert not any("not-a-link" in url for url, _, _ in found)
    url = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html"
    assert (url, "data/runbooks/alb-503.yaml", 31) in found


@pytest.mark.parametrize("host", ["status.invalid", "STATUS.Invalid.", "invalid", "ci.test", "test", "docs.example", "example",
                                  "app.localhost"])
def test_a_host_under_a_name_rfc_6761_reserves_never_resolves(host):
    assert never_resolves(host, Settings()) is not None


@pytest.mark.parametrize("host", ["example.com", "example.net", "example.org", "localhost", "test.example.com", "invalid.dev", ""])
def test_reserved_second_level_names_localhost_and_lookalikes_are_left_to_the_network(host):
    assert never_resolves(host, Settings()) is None


def test_a_reserved_name_the_author_allows_is_checked_like_any_host():
    assert never_resolves("app.test", Settings(allow_hosts=["app.test"])) is None


RESERVED = "https://status.invalid/x"


def check_cli(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "--external", "-C", str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output.splitlines()


def reserved_error(line: int) -> str:
    return (f"data/stories/links-out.yaml:{line}:21: error: link '{RESERVED}' can never be reached: the name 'status.invalid' is "
            "reserved by RFC 6761 ('.invalid') and never resolves; link the real host [external-never-resolves]")


def test_check_external_reports_a_reserved_name_at_its_line_beside_a_server_that_answers(tmp_path, server):
    root = project_linking(tmp_path, [f"{server}/ok", RESERVED])
    with (root / "mkdocs.yml").open("a") as config:  # the sample's one other external URL is out of the test's reach
        config.write("\nextra:\n  loopbook:\n    external:\n      allow_hosts: [127.0.0.1]\n"
                     "      ignore: ['https://docs.aws.amazon.com/*']\n")
    code, lines = check_cli(root)
    assert code == 1
    assert [l for l in lines if ": error: " in l] == [reserved_error(7)]
    assert "checked 2 external URLs" in lines


def test_check_external_without_network_still_reports_a_reserved_name_and_asks_no_resolver_about_it(tmp_path, monkeypatch):
    asked = []

    def no_dns(self, host, port):
        asked.append(host)
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(external._Checker, "_address", no_dns)
    code, lines = check_cli(project_linking(tmp_path, ["https://guide.example.org/a", RESERVED]))
    assert code == 1
    assert [l for l in lines if ": error: " in l] == [reserved_error(7)]
    assert any(l.startswith("loopbook: external links not checked: ") and "the network is unreachable" in l for l in lines)
    assert asked and "status.invalid" not in asked
