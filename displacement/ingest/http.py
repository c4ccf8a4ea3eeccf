"""HTTP for every source's fetcher: one session, one retry policy, bounds on time and size, strict JSON,
and the IDMC key kept out of every message and log.

Retries for dropped connections, timeouts, 429 and 5xx live in one requests.Session built by
make_session(), so a refresh shares one connection pool and one retry policy. No response can hang or
exhaust a refresh (`Limits`): each page has a total deadline (retries and body included) and each source
one for all its pages; a body is streamed and counted after decompression, against a cap per response
and per source; a redirect is followed only to the same scheme and host; JSON that is not strict JSON
(NaN, Infinity) or nests too deep is refused. Every failure is one FetchError whose message names the
API, the endpoint, the page and the reason on one line. The fetchers themselves live with their API's
tidy step, in displacement/sources/.
"""

from __future__ import annotations

import json
import logging
import math
import re
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    DecodeError,
    InvalidHeader,
    MaxRetryError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
)
from urllib3.util.retry import Retry

from displacement import USER_AGENT

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, "int | None", str], None]  # (pages_done, pages_total_or_None, message)

DEFAULT_TIMEOUT = (5, 60)  # seconds: connect, read (a 10,000-row UNHCR page can take a while)
RETRY_STATUSES = (429, 500, 502, 503, 504)
# urllib3 hands the response over before the body is read, so its Retry cannot repeat a request
# whose body is cut off mid-way; _get retries those itself, this many extra times.
BROKEN_BODY_RETRIES = 2
# A Retry-After longer than this is a server asking us to go away; fail instead of hanging.
RETRY_AFTER_MAX = 120
MIB = 2**20


@dataclass(frozen=True)
class Limits:
    """What one page and one source may cost a refresh. The defaults are several times what the real
    APIs need (docs/decisions.md, "Network bounds"): a 10,000-row UNHCR page is 2.6-5 MB of JSON and
    the largest source (demographics, every year) about 103 MB in all (2022) and growing."""
    request_seconds: float = 300.0  # one page: connection, retries, waits and the whole body
    source_seconds: float = 1800.0  # every page of one source
    response_bytes: int = 32 * MIB  # one body, counted after decompression
    source_bytes: int = 512 * MIB  # every body of one source
    redirects: int = 5  # same scheme and host only


LIMITS = Limits()
READ_CHUNK = 64 * 1024
# The deadline of the request in flight, for _PatientRetry (urllib3 copies Retry objects at every
# attempt, so it cannot carry a per-request value itself).
_DEADLINE: ContextVar[float | None] = ContextVar("fetch_deadline", default=None)
_DEADLINE_REASON = "the request's deadline would pass before the next attempt"


class Budget:
    """The time and bytes left to one source: each page gets min(its own deadline, the source's)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.source_seconds
        self.bytes = 0

    def request_deadline(self) -> float:
        return min(time.monotonic() + self.limits.request_seconds, self.deadline)

    def seconds_for(self, deadline: float) -> float:
        """The limit that sets `deadline`, for messages: the page's or the source's."""
        return self.limits.source_seconds if deadline >= self.deadline else self.limits.request_seconds

    def spend(self, size: int, where: str) -> None:
        self.bytes += size
        if self.bytes > self.limits.source_bytes:
            raise FetchError(f"{where}: the source's responses pass {_mib(self.limits.source_bytes)} in all "
                             "(counted after decompression); stopped")


def _mib(size: int) -> str:
    return f"{size / MIB:,.0f} MiB" if size >= MIB else f"{size:,} bytes"

_CLIENT_ID_RE = re.compile(r"(client_id=)[^&\s#'\"<>]*")


class FetchError(RuntimeError):
    """A fetch that failed for good: the message names the API, endpoint, page and reason."""


# --- redaction -------------------------------------------------------------------------------

def redact(text: str, secret: str | None = None) -> str:
    """Hide the IDMC key: the `client_id=` query value, and the bare value wherever it appears."""
    text = _CLIENT_ID_RE.sub(r"\1***", str(text))
    if secret:
        text = text.replace(secret, "***")
    return text


class _RedactClientId(logging.Filter):
    """urllib3 logs full request URLs (DEBUG) and retried URLs (WARNING); the IDMC key is in them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "client_id=" in message:
            record.msg, record.args = redact(message), ()
        return True


_REDACT_FILTER = _RedactClientId()
for _name in (__name__, "urllib3.connectionpool", "urllib3.util.retry"):
    if not any(isinstance(f, _RedactClientId) for f in logging.getLogger(_name).filters):
        logging.getLogger(_name).addFilter(_REDACT_FILTER)


# --- session and one GET -----------------------------------------------------------------------

class _PatientRetry(Retry):
    """Honours Retry-After, but a server asking for more than RETRY_AFTER_MAX is asking us to go
    away: stop at once (urllib3 would clamp the wait and sleep it on every retry) and hand back the
    429/503 so the error quotes it. Stops too when the wait would run past the request's deadline."""

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        wait = self._retry_after(response)
        if wait > RETRY_AFTER_MAX:
            raise MaxRetryError(_pool, url, ResponseError(f"Retry-After {wait:.0f} s is over {RETRY_AFTER_MAX} s"))
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        deadline = _DEADLINE.get()
        if deadline is not None and time.monotonic() + max(wait, retry.get_backoff_time()) >= deadline:
            raise MaxRetryError(_pool, url, ResponseError(_DEADLINE_REASON))
        return retry

    def _retry_after(self, response) -> float:
        if response is None or not self.respect_retry_after_header:
            return 0.0
        header = response.headers.get("Retry-After")
        try:
            return self.parse_retry_after(header) if header else 0.0
        except InvalidHeader:
            return 0.0


def make_session(*, total_retries: int = 5, backoff_factor: float = 1.0) -> requests.Session:
    """One session for a whole refresh: shared connections, one retry policy, our User-Agent."""
    retry = _PatientRetry(
        total=total_retries,
        connect=total_retries,
        read=total_retries,
        status=total_retries,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        backoff_factor=backoff_factor,
        backoff_max=60,
        respect_retry_after_header=True,
        # Hand back the last 429/5xx instead of raising RetryError, so the FetchError can quote
        # the real status and body.
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    return session


def one_line(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters, without control characters (a terminal would obey them)."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(exc: BaseException) -> str:
    """A short reason for a transport error; requests nests the useful part several levels down."""
    chain, seen, errno_text = [exc], set(), None
    while chain:
        e = chain.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, (requests.Timeout, ReadTimeoutError, TimeoutError)) or "timed out" in str(e):
            return "timed out"
        errno_text = errno_text or (re.search(r"\[Errno -?\d+\][^)'\"]*", str(e)) or [None])[0]
        for nested in (getattr(e, "reason", None), e.__cause__, e.__context__, *getattr(e, "args", ())):
            if isinstance(nested, BaseException):
                chain.append(nested)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "connection broken while reading the response"
    if isinstance(exc, requests.ConnectionError):
        return f"connection failed ({errno_text.strip()})" if errno_text else "connection failed"
    return type(exc).__name__


def _is_broken_body(exc: requests.RequestException) -> bool:
    """True when the headers arrived but the body did not (reset, truncated, stalled mid-body)."""
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return True
    # A read timeout while streaming the body comes as ConnectionError(ReadTimeoutError) without
    # the MaxRetryError wrapper that urllib3's own (already retried) failures carry.
    return isinstance(exc, requests.ConnectionError) and bool(exc.args) and isinstance(exc.args[0], ReadTimeoutError)


def _body_backoff(session: requests.Session, url: str, attempt: int) -> float:
    """Sleep between broken-body retries, on the session's own backoff (0 in fast tests)."""
    retry = getattr(session.get_adapter(url), "max_retries", None)
    factor = getattr(retry, "backoff_factor", 0) or 0
    return min(60.0, factor * (2 ** attempt))


def get(session: requests.Session, url: str, params: Any, timeout: Any, where: str, budget: Budget,
         secret: str | None = None) -> tuple[requests.Response, bytes]:
    """One GET and its whole body, within the page's deadline and size cap; transport errors become
    FetchError. Bodies cut off mid-way are retried here (urllib3 hands the response over first)."""
    attempts = 1 + BROKEN_BODY_RETRIES
    deadline = budget.request_deadline()
    token = _DEADLINE.set(deadline)
    try:
        for attempt in range(attempts):
            try:
                response = _get_same_origin(session, url, params, _bounded(timeout, deadline), where, budget.limits)
                with response:
                    body = _read_body(response, deadline, budget, where)
            except requests.RequestException as exc:
                if _past(exc, deadline):
                    raise FetchError(f"{where}: no complete answer within the {budget.seconds_for(deadline):g} s "
                                     "deadline") from None
                if _is_broken_body(exc) and attempt + 1 < attempts:
                    log.debug("%s: body broken (%s), retrying", where, _describe(exc))
                    time.sleep(min(_body_backoff(session, url, attempt), max(0.0, deadline - time.monotonic())))
                    continue
                suffix = f" after {attempts} attempts" if _is_broken_body(exc) else " after retries"
                # `from None`: the chained requests error quotes the full URL, IDMC key included.
                raise FetchError(redact(f"{where}: {_describe(exc)}{suffix}", secret)) from None
            log.debug("GET %s -> %s", redact(response.url, secret), response.status_code)
            return response, body
    finally:
        _DEADLINE.reset(token)
    raise AssertionError("unreachable")  # pragma: no cover


def _bounded(timeout: Any, deadline: float) -> tuple[float, float]:
    """(connect, read) socket timeouts no longer than the time left to the deadline."""
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    left = max(0.001, deadline - time.monotonic())
    return tuple(left if limit is None else min(limit, left) for limit in (connect, read))


def _past(exc: BaseException, deadline: float) -> bool:
    """The deadline passed, or urllib3 stopped retrying because the next wait would pass it."""
    return time.monotonic() >= deadline or _DEADLINE_REASON in str(exc)


def _get_same_origin(session: requests.Session, url: str, params: Any, timeout: tuple, where: str,
                     limits: Limits) -> requests.Response:
    """GET, following redirects only to the same scheme and host: anywhere else could serve other
    data, and a URL that carries the IDMC key must never be sent to another host."""
    for _ in range(limits.redirects + 1):
        response = session.get(url, params=params, timeout=timeout, stream=True, allow_redirects=False)
        if not response.is_redirect:
            return response
        target = urljoin(response.url, response.headers["Location"])
        response.close()
        if not _same_origin(target, response.url):
            there = urlsplit(target)
            raise FetchError(f"{where}: HTTP {response.status_code} redirect to another host "
                             f"({there.scheme}://{there.hostname}) refused")
        url, params = target, None
    raise FetchError(f"{where}: more than {limits.redirects} redirects")


def _same_origin(a: str, b: str) -> bool:
    first, second = urlsplit(a), urlsplit(b)
    return (first.scheme, first.hostname, first.port) == (second.scheme, second.hostname, second.port)


def _read_body(response: requests.Response, deadline: float, budget: Budget, where: str) -> bytes:
    """The body, decompressed, read as it arrives (read1, so a body that drips in still meets the
    deadline) and refused once it passes the size cap."""
    cap = budget.limits.response_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(f"{where}: the response announces {int(declared):,} bytes, over the {_mib(cap)} limit")
    chunks, size = [], 0
    while chunk := _read_chunk(response):
        size += len(chunk)
        if size > cap:
            raise FetchError(f"{where}: the response passes the {_mib(cap)} limit (counted after decompression)")
        if time.monotonic() > deadline:
            raise FetchError(f"{where}: no complete answer within the {budget.seconds_for(deadline):g} s deadline")
        chunks.append(chunk)
    budget.spend(size, where)
    return b"".join(chunks)


def _read_chunk(response: requests.Response) -> bytes:
    """What has arrived (up to READ_CHUNK bytes), with urllib3's errors as requests' own, as
    requests.iter_content would raise them."""
    try:
        return response.raw.read1(READ_CHUNK, decode_content=True)
    except ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from None
    except DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from None
    except ReadTimeoutError as exc:
        raise requests.ConnectionError(exc) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is beyond a float")
    return value


def decode_json(response: requests.Response, body: bytes, where: str, secret: str | None = None) -> Any:
    """The decoded body, or FetchError for an HTTP error status or a body that is not strict JSON
    (NaN and Infinity are not JSON: no API sends them) or nests deeper than Python can parse."""
    text = body.decode(response.encoding or "utf-8", errors="replace")
    if response.status_code >= 400:
        raise FetchError(redact(
            f"{where}: HTTP {response.status_code} {response.reason or ''}".rstrip()
            + f" (body: {one_line(text) or 'empty'})", secret))
    try:
        return json.loads(body, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise FetchError(f"{where}: invalid JSON (nested too deep to parse)") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, NaN/Infinity, too many digits
        raise FetchError(redact(
            f"{where}: invalid JSON ({one_line(str(exc), 80)}); body starts {one_line(text, 80)!r}",
            secret)) from None


def report(progress: ProgressCallback | None, done: int, total: int | None, message: str) -> None:
    if progress is not None:
        progress(done, total, message)


def as_int(value: Any, key: str, where: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FetchError(f"{where}: {key!r} is {value!r}, not a number") from None


def query_value(value: Any) -> Any:
    """Booleans as the API spells them (true/false, not Python's True); lists as comma lists."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(str(query_value(v)) for v in value)
    return value


_SCALARS = (str, int, float, bool, type(None))


def flat_rows(rows: list, key: str, where: str, fields: tuple[str, ...] | None = None) -> None:
    """Every row an object whose fields (all, or those named) hold plain values, not lists or objects:
    the tidy step reads them as text and numbers, and a nested value there could only be an error."""
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise FetchError(f"{where}: '{key}' row {number} is {type(row).__name__}, not an object")
        for field in fields or row:
            if not isinstance(row.get(field), _SCALARS):
                raise FetchError(f"{where}: '{key}' row {number} field {str(field)[:40]!r} holds "
                                 f"{type(row[field]).__name__}, not a value")
