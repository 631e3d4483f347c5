"""`loopbook check --external`: every http(s) URL the handbook links to, checked over the network.

Off by default (a reader's build never depends on the network); a scheduled job runs it. Requests
go out concurrently with a bounded pool and a per-host limit, time out, retry with backoff on 429
(honouring Retry-After) and 5xx, and try HEAD before GET. Names are resolved first and loopback,
private and link-local addresses refused unless the configuration allows them; the connection
then goes to the address that was checked, so a second lookup cannot point it elsewhere. Good
answers are cached for a while, so that repeated runs do not fetch again. Before any of that, a
host under a name RFC 6761 reserves (`.invalid`, `.test`, `.example`, `.localhost`) is reported
from its name alone: no reader can ever reach it, and the report must not depend on the network.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from loopbook.checks.anchors import scan
from loopbook.checks.links import Docs, handwritten_pages, markdown_for, position
from loopbook.data.prose import links_in, prose_fields
from loopbook.data.schema import fields
from loopbook.diagnostics import Diagnostics
from loopbook.files import read_json_cache, write_json_cache
from loopbook.model import Handbook
from loopbook.progress import NONE, Progress

USER_AGENT = "loopbook-link-check/1"
# RFC 6761 (6.2, 6.4, 6.5; RFC 2606 before it): no name under these is delegated in the public DNS, so a
# link to one is a placeholder left in. The bare names count too: each is a reserved top-level name.
# example.com, .net and .org are reserved as well, but they resolve and answer: they are checked like any host.
NEVER_DELEGATED = ("invalid", "test", "example")
# RFC 6761 6.3: a name under localhost is this machine's loopback where a resolver answers at all, never
# a site a reader can reach. `localhost` itself resolves everywhere; it is judged by its address (external-refused).
LOOPBACK_NAMES = "localhost"


@dataclass
class Settings:
    """From mkdocs.yml, `extra: loopbook: external:`; every key optional."""

    ignore: list[str] = field(default_factory=list)  # URL patterns (fnmatch) never checked
    allow_hosts: list[str] = field(default_factory=list)  # hosts allowed to resolve to private addresses
    allow_private: bool = False
    timeout: float = 10.0
    retries: int = 2
    workers: int = 8
    per_host: int = 2
    cache_ttl: float = 24 * 3600.0
    max_wait: float = 30.0  # the longest Retry-After we honour

    @classmethod
    def from_config(cls, extra: dict[str, Any]) -> Settings:
        raw = ((extra or {}).get("loopbook") or {}).get("external") or {}
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True)
class Found:
    url: str
    path: str
    line: int
    col: int


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def external_urls(docs: Docs, book: Handbook, md_config: dict[str, Any]) -> list[Found]:
    """Every http(s) URL the data (prose and URL fields) and the hand-written pages link to, where it
    is written: found as the internal check finds links (data.prose for the data, the converted page
    for the docs folder, so a URL in code is text, not a link, and a theme's folder holds no page)."""
    found = []
    for entry in book.all():
        for path, value in prose_fields(entry):
            for url, _ in links_in(value):
                if _is_http(url):
                    found.append(Found(url, entry.source.path, *entry.source.locate(path, url)))
        for path, value, node in fields(entry.data, entry.kind.name, ("pattern",)):
            if isinstance(value, str) and node.get("pattern", "").startswith("^https?://"):
                found.append(Found(value, entry.source.path, *entry.source.locate(path, value)))
    return found + _page_urls(docs, md_config)


def _page_urls(docs: Docs, md_config: dict[str, Any]) -> list[Found]:
    """The hand-written pages' http(s) links: every href of the page as MkDocs converts it (raw HTML
    included), and the link definitions ([id]: url) that the conversion drops when nothing uses them."""
    md, _ = markdown_for(md_config)
    found = []
    for page, text in handwritten_pages(docs.path, docs.skip).items():
        urls = dict.fromkeys([*scan(md, text).hrefs, *(url for url, _ in links_in(text))])
        found += [Found(url, *position(f"{docs.shown}/{page}", url, text)) for url in urls if _is_http(url)]
    return found


def never_resolves(host: str, settings: Settings) -> str | None:
    """Why no reader can reach a host, when its name alone says so (a name RFC 6761 reserves); else None.
    A host listed in allow_hosts is one the author runs (a `.test` name a local resolver answers): checked as usual."""
    name = host.lower().rstrip(".")
    if not name or name in settings.allow_hosts:
        return None
    top = name.rsplit(".", 1)[-1]
    if top in NEVER_DELEGATED:
        return f"the name '{name}' is reserved by RFC 6761 ('.{top}') and never resolves"
    if name.endswith("." + LOOPBACK_NAMES):
        return f"the name '{name}' is reserved by RFC 6761 ('.{LOOPBACK_NAMES}') for this machine's loopback, never a public site"
    return None


def _hostname(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # an unclosed IPv6 bracket: no name to judge from
        return ""


def _report_reserved(found: list[Found], settings: Settings, diags: Diagnostics) -> set[str]:
    """Report each place a URL on a reserved name is written, before and whatever the network; those URLs."""
    reserved = set()
    for f in found:
        why = never_resolves(_hostname(f.url), settings)
        if why:
            reserved.add(f.url)
            diags.error(f.path, f.line, f.col, f"link '{f.url}' can never be reached: {why}; link the real host",
                        "external-never-resolves")
    return reserved


class Refused(Exception):
    """The URL points at an address this check must not reach."""


class Offline(Exception):
    """No URL on any host could be reached: the network, not the links, is down."""


class _Checker:
    def __init__(self, settings: Settings, cache: dict[str, float]) -> None:
        self.s = settings
        self.cache = cache
        self.hosts: dict[str, threading.Semaphore] = {}
        self.lock = threading.Lock()

    def check(self, url: str) -> tuple[str, str] | None:
        """None when the URL answers well; else (message, code)."""
        if self.cache.get(url, 0) > time.time() - self.s.cache_ttl:
            return None
        try:
            status = self._follow(url)
        except Refused as e:
            return f"not checked: {e}; allow it under extra.loopbook.external in mkdocs.yml if it is meant", "external-refused"
        except (OSError, http.client.HTTPException) as e:
            return f"unreachable: {_reason(e)}", "external-unreachable"
        if status < 400:
            with self.lock:
                self.cache[url] = time.time()
            return None
        return f"answers HTTP {status}", "external-broken"

    def _follow(self, url: str) -> int:
        for _ in range(6):  # a few redirects, each hop checked like the first
            status, location = self._with_retries(url)
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            return status
        raise http.client.HTTPException("too many redirects")

    def _with_retries(self, url: str) -> tuple[int, str | None]:
        delay = 0.5
        for attempt in range(self.s.retries + 1):
            status, location, retry_after = self._head_then_get(url)
            if (status == 429 or status >= 500) and attempt < self.s.retries:
                time.sleep(min(retry_after if retry_after is not None else delay, self.s.max_wait))
                delay *= 2
                continue
            return status, location
        return status, location

    def _head_then_get(self, url: str) -> tuple[int, str | None, float | None]:
        status, headers = self._request("HEAD", url)
        if status in (405, 501) or (400 <= status < 500 and status != 429):
            status, headers = self._request("GET", url)  # many servers answer HEAD badly
        return status, headers.get("location"), _retry_after(headers.get("retry-after"))

    def _request(self, method: str, url: str) -> tuple[int, dict[str, str]]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        address = self._address(host, parts.port or (443 if parts.scheme == "https" else 80))
        with self._host_slot(host):
            conn = _pinned_connection(parts.scheme, host, address, parts.port, self.s.timeout)
            try:
                path = parts.path or "/"
                conn.request(method, path + (f"?{parts.query}" if parts.query else ""),
                             headers={"User-Agent": USER_AGENT, "Host": parts.netloc.rsplit("@", 1)[-1]})
                response = conn.getresponse()
                response.read(65536)  # enough to finish the exchange; the body itself does not matter
                return response.status, {k.lower(): v for k, v in response.getheaders()}
            finally:
                conn.close()

    def _address(self, host: str, port: int) -> str:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        address = infos[0][4][0]
        ip = ipaddress.ip_address(address)
        private = ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified
        if private and not (self.s.allow_private or host in self.s.allow_hosts):
            raise Refused(f"{host} resolves to {address}, a loopback, private or link-local address")
        return address

    def _host_slot(self, host: str) -> threading.Semaphore:
        with self.lock:
            return self.hosts.setdefault(host, threading.Semaphore(self.s.per_host))


def _pinned_connection(scheme: str, host: str, address: str, port: int | None, timeout: float) -> http.client.HTTPConnection:
    """A connection to the address already checked, still speaking TLS to the host by name."""
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port or 443, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port or 80, timeout=timeout)
    real_create = socket.create_connection
    conn._create_connection = lambda _addr, *a, **k: real_create((address, port or conn.port), *a, **k)  # type: ignore[attr-defined]
    return conn


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _reason(e: BaseException) -> str:
    if isinstance(e, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, socket.gaierror):
        return "the name does not resolve"
    return str(e) or type(e).__name__


def check_external(found: list[Found], settings: Settings, cache_file: Path, diags: Diagnostics, progress: Progress = NONE) -> int:
    """Check every distinct URL once, report each place a bad one is written; the number checked.
    URLs on reserved names are reported first, from their names: Offline, when raised, leaves them reported."""
    found = [f for f in found if not any(fnmatch(f.url, p) for p in settings.ignore)]
    reserved = _report_reserved(found, settings, diags)
    urls = sorted({f.url for f in found} - reserved)
    cache = _load_cache(cache_file)
    checker = _Checker(settings, cache)
    fresh = [u for u in urls if cache.get(u, 0) <= time.time() - settings.cache_ttl]
    stage = progress.begin("external links", len(urls))
    results: dict[str, tuple[str, str] | None] = {}
    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        futures = {pool.submit(checker.check, url): url for url in urls}
        for future in as_completed(futures):  # ticks from this thread only, as the answers come
            results[futures[future]] = future.result()
            stage.tick()
    stage.end()
    _raise_if_offline({u: results[u] for u in fresh})
    for f in found:
        problem = results.get(f.url)
        if problem:
            diags.error(f.path, f.line, f.col, f"link '{f.url}' {problem[0]}", problem[1])
    write_json_cache(cache_file, cache)
    return len(urls) + len(reserved)


def _raise_if_offline(checked: dict[str, tuple[str, str] | None]) -> None:
    """One dead site is a broken link; every URL fetched, on two hosts or more, unreachable is no network at all."""
    hosts = {urlsplit(u).hostname for u in checked}
    if len(hosts) >= 2 and all(r is not None and r[1] == "external-unreachable" for r in checked.values()):
        reasons = sorted({r[0].removeprefix("unreachable: ") for r in checked.values() if r})
        raise Offline(f"no external URL could be reached on any of {len(hosts)} hosts ({'; '.join(reasons)}): the network is unreachable")


def _load_cache(path: Path) -> dict[str, float]:
    """When each URL last answered well, by URL."""
    return {str(k): float(v) for k, v in read_json_cache(path).items() if isinstance(v, (int, float))}
