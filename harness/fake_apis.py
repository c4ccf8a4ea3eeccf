"""A local stand-in for the three APIs, on 127.0.0.1, that can be told to misbehave.

    with FakeAPIs() as apis:                      # http.server in a thread, port 0
        monkeypatch.setenv(...); apis.env()       # DISPLACEMENT_*_API -> this server
        apis.inject(status(503), api="unhcr", endpoint="unrwa", times=2)
        ... refresh ...
        apis.count(api="unhcr", endpoint="unrwa") # requests the server received

It serves the payloads in tests/fixtures in the real response shapes:
- UNHCR  /unhcr/<endpoint>/?page=N                 envelope {page, short-url, maxPages, total, items}
- World Bank /worldbank/country/all/indicator/SP.POP.TOTL?page=N   [meta, rows]
- IDMC   /idmc/gidd/displacements/?client_id=..&offset=K   {count, next, previous, results, last_updated}
  (`next` links point back at this server, as a real deployment's would)

A fault is a function (handler, payload) -> None that writes the response itself; `inject` attaches
one to the requests it matches (api, endpoint, page), for the first `times` of them or for all.
Faults are checked in the order they were injected; the first that still applies wins.
"""

from __future__ import annotations

import copy
import gzip
import itertools
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
UNHCR_ENDPOINTS = ("population", "unrwa", "idmc", "solutions", "asylum-applications", "asylum-decisions",
                   "demographics", "footnotes")
WORLDBANK_PATH = "country/all/indicator/SP.POP.TOTL"
BASE_URL_ENV = {"unhcr": "DISPLACEMENT_UNHCR_API", "worldbank": "DISPLACEMENT_WORLDBANK_API",
                "idmc": "DISPLACEMENT_IDMC_API"}

Fault = Callable[[BaseHTTPRequestHandler, Any], None]


def fixture_pages(folder: str) -> list:
    """The page*_of_*.json payloads of a fixture folder, in page order."""
    paths = sorted((FIXTURES / folder).glob("page*_of_*.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def unhcr_pages(items: list[dict], per_page: int, total: Any = None) -> list[dict]:
    """UNHCR envelopes holding `items`, `per_page` to a page (maxPages 0 when there are none)."""
    if not items:
        return [{"page": 1, "short-url": "XXXXXX", "maxPages": 0, "total": [], "items": []}]
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    return [{"page": n, "short-url": "XXXXXX", "maxPages": len(chunks), "total": [] if total is None else total,
             "items": chunk} for n, chunk in enumerate(chunks, start=1)]


def all_items(pages: list[dict]) -> list[dict]:
    return [item for page in pages for item in page["items"]]


# --- faults ---------------------------------------------------------------------------------------

def _send(handler, status: int, body: bytes, headers: dict | None = None, length: int | None = None) -> None:
    handler.send_response(status)
    for key, value in {"Content-Type": "application/json", **(headers or {})}.items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


def encode(payload: Any) -> bytes:
    return payload if isinstance(payload, bytes) else json.dumps(payload).encode()


def ok(handler, payload) -> None:
    """The normal response."""
    _send(handler, 200, encode(payload))


def status(code: int, body: str = "", headers: dict | None = None) -> Fault:
    """An HTTP error status with a short text body (e.g. 500, 503, 404)."""
    def act(handler, payload):
        _send(handler, code, body.encode(), {"Content-Type": "text/plain", **(headers or {})})
    act.__name__ = f"HTTP {code}"
    return act


def too_many(retry_after: str | int) -> Fault:
    return status(429, "Too Many Requests", {"Retry-After": str(retry_after)})


def stall(handler, payload) -> None:
    """Accept the request and never answer in time (released when the server stops)."""
    handler.server.release.wait(10)
    handler.close_connection = True


def reset_mid_body(handler, payload) -> None:
    """Headers announce the whole body; half of it arrives; then the connection is reset (RST)."""
    data = encode(payload)
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data[: len(data) // 2])
    handler.wfile.flush()
    time.sleep(0.05)  # the client blocks on the rest, then gets the reset
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def truncated_json(handler, payload) -> None:
    """A complete HTTP response (Content-Length matches) whose JSON body stops half-way."""
    data = encode(payload)
    _send(handler, 200, data[: len(data) // 2])


def transform(function: Callable[[Any], Any], name: str = "transform") -> Fault:
    """Serve function(copy of the normal payload) instead of the payload."""
    def act(handler, payload):
        _send(handler, 200, encode(function(copy.deepcopy(payload))))
    act.__name__ = name
    return act


def raw(body: bytes, content_type: str = "application/json", code: int = 200) -> Fault:
    def act(handler, payload):
        _send(handler, code, body, {"Content-Type": content_type})
    return act


# --- hostile responses: bodies that never end, or end far too big --------------------------------------
# Each writes until the client hangs up (the write then fails) or the server stops.

def _headers(handler, headers: dict) -> None:
    handler.send_response(200)
    for key, value in {"Content-Type": "application/json", **headers}.items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.close_connection = True


def _until_hung_up(handler, chunks, pause: float = 0.0) -> None:
    """Write chunks (an iterable of bytes) until the client hangs up or the server stops."""
    try:
        for chunk in chunks:
            if handler.server.release.is_set():
                return
            handler.wfile.write(chunk)
            handler.wfile.flush()
            if pause:
                time.sleep(pause)
    except OSError:  # the client hung up: that is how these bodies end
        return


def _chunked(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def drip(interval: float = 0.2) -> Fault:
    """A body announced as 1 MB that arrives one byte every `interval` seconds, for ever."""
    def act(handler, payload):
        _headers(handler, {"Content-Length": str(1_000_000)})
        _until_hung_up(handler, itertools.repeat(b" "), pause=interval)
    act.__name__ = f"drip 1 byte / {interval} s"
    return act


def slow_endless(interval: float = 0.2) -> Fault:
    """A chunked body that never ends: a small JSON-looking chunk every `interval` seconds."""
    def act(handler, payload):
        _headers(handler, {"Transfer-Encoding": "chunked"})
        _until_hung_up(handler, itertools.repeat(_chunked(b'{"items": [' * 10)), pause=interval)
    return act


def fast_endless(handler, payload) -> None:
    """A chunked body that never ends, sent as fast as the client reads it."""
    _headers(handler, {"Transfer-Encoding": "chunked"})
    _until_hung_up(handler, itertools.repeat(_chunked(b"[" * 65536)))


def huge(size: int) -> Fault:
    """A response that announces `size` bytes in Content-Length and sends them as fast as it can."""
    def act(handler, payload):
        _headers(handler, {"Content-Length": str(size)})
        block = b" " * 65536
        _until_hung_up(handler, itertools.repeat(block, size // len(block)))
    return act


def gzip_bomb(expands_to: int) -> Fault:
    """A gzip body (Content-Encoding: gzip) of 1 MiB members of zeros: ~1/1000 of what it expands to."""
    member = gzip.compress(b"\0" * 2**20, compresslevel=9)
    body = member * (expands_to // 2**20)

    def act(handler, payload):
        _send(handler, 200, body, {"Content-Encoding": "gzip"})
    act.__name__ = f"gzip bomb ({len(body):,} bytes expanding to {expands_to:,})"
    return act


def delayed(seconds: float) -> Fault:
    """The normal response, after `seconds`."""
    def act(handler, payload):
        handler.server.release.wait(seconds)
        ok(handler, payload)
    return act


def redirect(location: Callable[[str], str], code: int = 302) -> Fault:
    """A redirect to location(the request's path and query)."""
    def act(handler, payload):
        _send(handler, code, b"", {"Location": location(handler.path)})
    return act


def deep_json(depth: int) -> Fault:
    """A JSON array nested `depth` deep: valid JSON no parser needs to follow that far."""
    def act(handler, payload):
        _send(handler, 200, b"[" * depth + b"]" * depth)
    return act


# --- the server -----------------------------------------------------------------------------------

@dataclass
class Hit:
    api: str
    endpoint: str
    page: int
    path: str


@dataclass
class _Rule:
    fault: Fault
    api: str | None
    endpoint: str | None
    page: int | None
    times: int | None  # None: every matching request
    used: int = 0

    def matches(self, hit: Hit) -> bool:
        return ((self.api is None or self.api == hit.api) and (self.endpoint is None or self.endpoint == hit.endpoint)
                and (self.page is None or self.page == hit.page) and (self.times is None or self.used < self.times))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):  # resets and stalls are the point here
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        apis: FakeAPIs = self.server.apis
        try:
            hit, payload = apis._route(self.path)
        except LookupError as error:
            _send(self, 404, json.dumps({"detail": str(error)}).encode())
            return
        fault = apis._record(hit)
        (fault or ok)(self, payload)

    def log_message(self, *args):
        pass


@dataclass
class FakeAPIs:
    """UNHCR, World Bank and IDMC on one local port; see the module docstring."""
    pages: dict[tuple[str, str], list] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self):
        for endpoint in UNHCR_ENDPOINTS:
            self.pages[("unhcr", endpoint)] = fixture_pages(endpoint)
        self.pages[("worldbank", WORLDBANK_PATH)] = fixture_pages("worldbank-population")
        self.pages[("idmc", "gidd/displacements")] = fixture_pages("idmc-gidd")
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None

    # lifecycle
    def start(self, host: str = "127.0.0.1") -> FakeAPIs:
        self._server = _Server((host, 0), _Handler)
        self._server.apis, self._server.release = self, threading.Event()
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.release.set()
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def root(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def base_urls(self) -> dict[str, str]:
        return {"unhcr": f"{self.root}/unhcr/", "worldbank": f"{self.root}/worldbank/", "idmc": f"{self.root}/idmc/"}

    def env(self) -> dict[str, str]:
        return {BASE_URL_ENV[api]: url for api, url in self.base_urls().items()}

    # control
    def inject(self, fault: Fault, *, api: str | None = None, endpoint: str | None = None, page: int | None = None,
               times: int | None = None) -> None:
        with self._lock:
            self._rules.append(_Rule(fault, api, endpoint, page, times))

    def clear(self) -> None:
        """Drop every fault and forget the requests seen (the payloads stay)."""
        with self._lock:
            self._rules.clear()
            self.hits.clear()

    def set_items(self, endpoint: str, items: list[dict], per_page: int = 10000) -> None:
        """Serve these items from a UNHCR endpoint, paged like the API."""
        self.pages[("unhcr", endpoint)] = unhcr_pages(items, per_page)

    def count(self, api: str | None = None, endpoint: str | None = None, page: int | None = None) -> int:
        with self._lock:
            return sum(1 for h in self.hits if (api is None or h.api == api)
                       and (endpoint is None or h.endpoint == endpoint) and (page is None or h.page == page))

    # internals
    def _record(self, hit: Hit) -> Fault | None:
        with self._lock:
            self.hits.append(hit)
            for rule in self._rules:
                if rule.matches(hit):
                    rule.used += 1
                    return rule.fault
        return None

    def _route(self, path: str) -> tuple[Hit, Any]:
        parts = urlsplit(path)
        query = parse_qs(parts.query, keep_blank_values=True)
        api, _, rest = parts.path.lstrip("/").partition("/")
        endpoint = rest.strip("/")
        pages = self.pages.get((api, endpoint))
        if pages is None:
            raise LookupError(f"no such endpoint: {parts.path}")
        if api == "idmc":
            per_page = max(1, len(pages[0]["results"]))
            number = int(query.get("offset", ["0"])[0] or 0) // per_page + 1
        else:
            number = int(query.get("page", ["1"])[0] or 1)
        hit = Hit(api, endpoint, number, path)
        if not 1 <= number <= len(pages):
            self._record(hit)
            raise LookupError(f"page {number} out of range")
        payload = pages[number - 1]
        if api == "idmc":
            payload = self._idmc_links(pages, number)
        return hit, payload

    def _idmc_links(self, pages: list, number: int) -> dict:
        """The fixture's `next`/`previous` rewritten to this server (a placeholder key, like IDMC's)."""
        per_page = max(1, len(pages[0]["results"]))
        link = f"{self.base_urls()['idmc']}gidd/displacements/?client_id=CLIENT_ID&limit={per_page}&offset="
        payload = dict(pages[number - 1])
        payload["next"] = f"{link}{number * per_page}" if number < len(pages) else None
        payload["previous"] = f"{link}{(number - 2) * per_page}" if number > 1 else None
        return payload


def refused_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
