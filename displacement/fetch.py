"""Fetch raw payloads from the three APIs: UNHCR, World Bank and IDMC GIDD.

Each fetcher pages through one endpoint and returns the rows exactly as received; parsing
("-", the string "0", trailing spaces) belongs to the tidy step, so nothing is converted here.
The fetchers guard against the traps that return plausible but wrong rows without an error
(see docs: DESIGN.md "UNHCR API behaviour"), and turn every failure into one FetchError whose
message names the API, the endpoint, the page and the reason on one line.

Retries for dropped connections, timeouts, 429 and 5xx live in one requests.Session built by
make_session(), so a refresh shares one connection pool and one retry policy.

No response can hang or exhaust a refresh (`Limits`): each page has a total deadline (retries and
body included) and each source one for all its pages; a body is streamed and counted after
decompression, against a cap per response and per source; a redirect is followed only to the same
scheme and host; JSON that is not strict JSON (NaN, Infinity) or nests too deep is refused.
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
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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

from displacement import USER_AGENT, config

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


class _Budget:
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

UNHCR_COUNTRY_PARAMS = ("coo", "coa", "coo_iso", "coa_iso")
IDMC_SETUP_HINT = (
    f"set the environment variable {config.IDMC_CLIENT_ID_ENV} (or Streamlit secrets) to your IDMC "
    "client_id; request one at https://www.internal-displacement.org/database/api-documentation/"
)

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


def _one_line(text: str, limit: int = 160) -> str:
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


def _get(session: requests.Session, url: str, params: Any, timeout: Any, where: str, budget: _Budget,
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


def _read_body(response: requests.Response, deadline: float, budget: _Budget, where: str) -> bytes:
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


def _json(response: requests.Response, body: bytes, where: str, secret: str | None = None) -> Any:
    """The decoded body, or FetchError for an HTTP error status or a body that is not strict JSON
    (NaN and Infinity are not JSON: no API sends them) or nests deeper than Python can parse."""
    text = body.decode(response.encoding or "utf-8", errors="replace")
    if response.status_code >= 400:
        raise FetchError(redact(
            f"{where}: HTTP {response.status_code} {response.reason or ''}".rstrip()
            + f" (body: {_one_line(text) or 'empty'})", secret))
    try:
        return json.loads(body, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise FetchError(f"{where}: invalid JSON (nested too deep to parse)") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, NaN/Infinity, too many digits
        raise FetchError(redact(
            f"{where}: invalid JSON ({_one_line(str(exc), 80)}); body starts {_one_line(text, 80)!r}",
            secret)) from None


def _progress(progress: ProgressCallback | None, done: int, total: int | None, message: str) -> None:
    if progress is not None:
        progress(done, total, message)


def _as_int(value: Any, key: str, where: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FetchError(f"{where}: {key!r} is {value!r}, not a number") from None


# --- UNHCR -------------------------------------------------------------------------------------

def _param_value(value: Any) -> Any:
    """Booleans as the API spells them (true/false, not Python's True); lists as comma lists."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(str(_param_value(v)) for v in value)
    return value


def unhcr_params(params: dict | None, page_limit: int) -> list[tuple[str, Any]]:
    """Query parameters with the UNHCR API's silent traps closed (see DESIGN.md).

    - country codes are read as ISO3 only with cf_type=ISO (else AUS means Austria);
    - yearFrom/yearTo only work as a pair (a lone bound silently returns all years);
    - several years must go as year[]=A&year[]=B (year=A,B silently keeps only A);
    - the page size is always explicit.
    """
    params = {k: v for k, v in dict(params or {}).items() if v is not None}
    if "page" in params:
        raise ValueError("do not pass 'page': fetch_unhcr pages through every page itself")
    bounds = [k for k in ("yearFrom", "yearTo") if k in params]
    if len(bounds) == 1:
        missing = "yearTo" if bounds[0] == "yearFrom" else "yearFrom"
        raise ValueError(f"{bounds[0]} without {missing}: the UNHCR API ignores a lone bound "
                         f"and returns every year; pass both")
    if bounds and ("year" in params or "year[]" in params):
        raise ValueError("pass either year or yearFrom/yearTo, not both")

    query: list[tuple[str, Any]] = []
    for key, value in params.items():
        if key == "year" and isinstance(value, (list, tuple, set, frozenset, range)):
            query.extend(("year[]", int(y)) for y in value)
        elif key == "year" and isinstance(value, str) and "," in value:
            raise ValueError(f"year={value!r}: the UNHCR API keeps only the first year; "
                             "pass a list of years instead")
        elif key == "year[]" and isinstance(value, (list, tuple, set, frozenset, range)):
            query.extend(("year[]", int(y)) for y in value)
        else:
            query.append((key, _param_value(value)))
    keys = {k for k, _ in query}
    if keys & set(UNHCR_COUNTRY_PARAMS) and "cf_type" not in keys:
        query.append(("cf_type", "ISO"))
    if "limit" not in keys:
        query.append(("limit", page_limit))
    return query


_UNHCR_ENVELOPE = ("page", "maxPages", "items")


def _unhcr_page(payload: Any, where: str) -> tuple[int, int, list]:
    """Check one UNHCR envelope {page, short-url, maxPages, total, items}; return its parts."""
    if not isinstance(payload, dict):
        raise FetchError(f"{where}: expected a JSON object envelope, got {type(payload).__name__}")
    for key in _UNHCR_ENVELOPE:
        if key not in payload:
            raise FetchError(f"{where}: response envelope lacks {key!r} "
                             f"(keys: {', '.join(map(str, payload)) or 'none'})")
    items = payload["items"]
    if not isinstance(items, list):
        raise FetchError(f"{where}: 'items' is {type(items).__name__}, not a list")
    _flat_rows(items, "items", where)
    return (_as_int(payload["page"], "page", where), _as_int(payload["maxPages"], "maxPages", where), items)


_SCALARS = (str, int, float, bool, type(None))


def _flat_rows(rows: list, key: str, where: str, fields: tuple[str, ...] | None = None) -> None:
    """Every row an object whose fields (all, or those named) hold plain values, not lists or objects:
    the tidy step reads them as text and numbers, and a nested value there could only be an error."""
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise FetchError(f"{where}: '{key}' row {number} is {type(row).__name__}, not an object")
        for field in fields or row:
            if not isinstance(row.get(field), _SCALARS):
                raise FetchError(f"{where}: '{key}' row {number} field {str(field)[:40]!r} holds "
                                 f"{type(row[field]).__name__}, not a value")


def fetch_unhcr(endpoint: str, params: dict | None = None, *, session: requests.Session | None = None,
                progress: ProgressCallback | None = None, timeout: Any = DEFAULT_TIMEOUT,
                page_limit: int = 10000, limits: Limits | None = None) -> list[dict]:
    """Every item of a UNHCR Population Statistics API endpoint (e.g. "population/"), raw.

    Pages until page == maxPages (maxPages 0 = empty result). Raises ValueError for parameters
    the API would silently misread, FetchError for any failed or malformed page.
    """
    query = unhcr_params(params, page_limit)
    url = urljoin(config.base_url("unhcr"), endpoint.lstrip("/"))
    label = f"UNHCR {endpoint}"
    own_session = session is None
    session = session or make_session()
    budget = _Budget(limits or LIMITS)
    try:
        rows: list[dict] = []
        page, max_pages = 1, None
        while True:
            where = f"{label} page {page}" + (f" of {max_pages}" if max_pages else "")
            payload = _json(*_get(session, url, query + [("page", page)], timeout, where, budget), where)
            got_page, got_max, items = _unhcr_page(payload, where)
            if max_pages is None:
                max_pages = got_max
            elif got_max != max_pages:
                # The data were republished between our requests; mixing two releases is wrong.
                raise FetchError(f"{where}: maxPages changed from {max_pages} to {got_max} "
                                 "mid-fetch (data updated?); fetch again")
            if max_pages == 0:  # the API's empty result: page 1, maxPages 0, items []
                if items:
                    raise FetchError(f"{where}: maxPages is 0 but {len(items)} items came back")
                _progress(progress, 0, 0, f"{label}: no rows")
                return []
            if got_page != page:
                raise FetchError(f"{where}: server returned page {got_page} instead")
            rows.extend(items)
            _progress(progress, page, max_pages, f"{label}: page {page} of {max_pages} ({len(rows)} rows)")
            if page >= max_pages:
                return rows
            page += 1
    finally:
        if own_session:
            session.close()


# --- World Bank --------------------------------------------------------------------------------

# The fields of a World Bank row the tidy step reads (the others, e.g. indicator, are objects).
WORLDBANK_FIELDS = ("countryiso3code", "date", "value")


def _worldbank_error(payload: Any) -> str | None:
    """The World Bank signals errors with HTTP 200 and a body [{"message": [{id, key, value}]}]."""
    if isinstance(payload, list) and payload and isinstance(payload[0], dict) and "message" in payload[0]:
        messages = payload[0]["message"]
        if not isinstance(messages, list):
            messages = [messages]
        parts = []
        for m in messages:
            if isinstance(m, dict):
                parts.append(" ".join(str(m[k]) for k in ("id", "key") if m.get(k))
                             + (f": {m['value']}" if m.get("value") else ""))
            else:
                parts.append(str(m))
        return "; ".join(parts) or "unspecified error"
    return None


def fetch_worldbank(indicator: str = "SP.POP.TOTL", *, countries: str = "all", date: str | None = None,
                    session: requests.Session | None = None, progress: ProgressCallback | None = None,
                    timeout: Any = DEFAULT_TIMEOUT, per_page: int = 20000,
                    limits: Limits | None = None) -> tuple[list[dict], dict]:
    """All rows of a World Bank v2 indicator, and the first page's meta (lastupdated, total...)."""
    url = urljoin(config.base_url("worldbank"), f"country/{countries}/indicator/{indicator}")
    label = f"World Bank {indicator}"
    query: list[tuple[str, Any]] = [("format", "json"), ("per_page", per_page)]
    if date:
        query.append(("date", date))
    own_session = session is None
    session = session or make_session()
    budget = _Budget(limits or LIMITS)
    try:
        rows: list[dict] = []
        first_meta: dict | None = None
        page, pages = 1, None
        while True:
            where = f"{label} page {page}" + (f" of {pages}" if pages else "")
            payload = _json(*_get(session, url, query + [("page", page)], timeout, where, budget), where)
            error = _worldbank_error(payload)
            if error:
                raise FetchError(f"{where}: API error {error}")
            if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)):
                raise FetchError(f"{where}: expected [meta, rows], got {_one_line(json.dumps(payload), 80)}")
            meta, page_rows = payload
            page_rows = [] if page_rows is None else page_rows  # no data: [meta, null]
            if not isinstance(page_rows, list):
                raise FetchError(f"{where}: rows are {type(page_rows).__name__}, not a list")
            _flat_rows(page_rows, "rows", where, WORLDBANK_FIELDS)
            for key in ("page", "pages"):
                if key not in meta:
                    raise FetchError(f"{where}: meta lacks {key!r}")
            got_pages = _as_int(meta["pages"], "pages", where)
            if first_meta is None:
                first_meta, pages = meta, got_pages
            elif got_pages != pages:
                raise FetchError(f"{where}: pages changed from {pages} to {got_pages} mid-fetch; fetch again")
            if pages == 0:
                _progress(progress, 0, 0, f"{label}: no rows")
                return [], first_meta
            if _as_int(meta["page"], "page", where) != page:
                raise FetchError(f"{where}: server returned page {meta['page']} instead")
            rows.extend(page_rows)
            _progress(progress, page, pages, f"{label}: page {page} of {pages} ({len(rows)} rows)")
            if page >= pages:
                return rows, first_meta
            page += 1
    finally:
        if own_session:
            session.close()


# --- IDMC GIDD ---------------------------------------------------------------------------------

def _idmc_next(link: str, current: str, base: str, client_id: str) -> str:
    """The next page's URL, pinned to our configured host and carrying our client_id.

    A DRF `next` link behind a proxy can name another scheme or host (e.g. plain http); sending
    the key there would leak it. Links in stored fixtures carry a placeholder key instead.
    """
    target = urlsplit(urljoin(current, link))
    ours = urlsplit(base)
    query = [(k, v) for k, v in parse_qsl(target.query, keep_blank_values=True) if k != "client_id"]
    query.insert(0, ("client_id", client_id))
    return urlunsplit((ours.scheme, ours.netloc, target.path, urlencode(query), ""))


def _idmc_page(payload: Any, where: str) -> dict:
    """Check one IDMC envelope {count, next, previous, results, last_updated}."""
    if not isinstance(payload, dict):
        raise FetchError(f"{where}: expected a JSON object envelope, got {type(payload).__name__}")
    for key in ("results", "next"):
        if key not in payload:
            raise FetchError(f"{where}: response envelope lacks {key!r}")
    if not isinstance(payload["results"], list):
        raise FetchError(f"{where}: 'results' is {type(payload['results']).__name__}, not a list")
    for key in ("next", "last_updated"):
        if not isinstance(payload.get(key), (str, type(None))):
            raise FetchError(f"{where}: {key!r} is {type(payload[key]).__name__}, not a link or null")
    _flat_rows(payload["results"], "results", where)
    return payload


def fetch_idmc_gidd(client_id: str | None, *, params: dict | None = None,
                    session: requests.Session | None = None, progress: ProgressCallback | None = None,
                    timeout: Any = DEFAULT_TIMEOUT, limits: Limits | None = None) -> tuple[list[dict], str | None]:
    """All rows of IDMC's GIDD displacements endpoint and its `last_updated` date.

    client_id falls back to DISPLACEMENT_IDMC_CLIENT_ID. It never appears in errors or logs.
    """
    client_id = config.idmc_client_id(client_id)
    label = "IDMC GIDD gidd/displacements/"
    if not client_id:
        raise FetchError(f"{label}: no client_id; {IDMC_SETUP_HINT}")
    base = config.base_url("idmc")
    url: str | None = urljoin(base, "gidd/displacements/")
    query: list[tuple[str, Any]] | None = [("client_id", client_id)] + [
        (k, _param_value(v)) for k, v in (params or {}).items() if v is not None and k != "client_id"]
    own_session = session is None
    session = session or make_session()
    budget = _Budget(limits or LIMITS)
    try:
        rows: list[dict] = []
        last_updated: str | None = None
        seen: set[str] = set()
        page = 0
        while url:
            page += 1
            where = f"{label} page {page}"
            response, body = _get(session, url, query, timeout, where, budget, secret=client_id)
            payload = _idmc_page(_json(response, body, where, secret=client_id), where)
            rows.extend(payload["results"])
            last_updated = payload.get("last_updated") or last_updated
            _progress(progress, page, None, f"{label}: page {page} ({len(rows)} rows)")
            seen.add(response.url)
            if not payload["next"]:
                return rows, last_updated
            url, query = _idmc_next(payload["next"], response.url, base, client_id), None
            if requests.Request("GET", url).prepare().url in seen:  # a looping `next` would never end
                raise FetchError(f"{where}: 'next' points back to a page already fetched")
        return rows, last_updated  # pragma: no cover
    finally:
        if own_session:
            session.close()
