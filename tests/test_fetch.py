"""The fetchers (displacement/sources/<api>.py, on displacement.ingest.http) through the real requests/urllib3
stack, offline.

`responses` replaces the socket layer but still applies the adapter's urllib3 Retry (it counts
attempts, it does not sleep). Timeouts, resets and Retry-After waits need real sockets, so
those tests use a tiny HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import struct
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from responses import matchers
from responses.registries import OrderedRegistry

from displacement import USER_AGENT
from displacement.ingest.http import FetchError, Limits, make_session
from displacement.sources.idmc_gidd import fetch_idmc_gidd
from displacement.sources.unhcr import fetch_unhcr
from displacement.sources.worldbank import fetch_worldbank

FIXTURES = Path(__file__).parent / "fixtures"
UNHCR = "https://api.unhcr.org/population/v1/"
POPULATION = UNHCR + "population/"
WB_URL = "https://api.worldbank.org/v2/country/AFG;SYR/indicator/SP.POP.TOTL"
GIDD = "https://helix-tools-api.idmcdb.org/external-api/gidd/displacements/"
SECRET = "s3cr3t-client-id-0042"


def load(source: str, name: str):
    return json.loads((FIXTURES / source / name).read_text(encoding="utf-8"))


def query(call) -> dict[str, list[str]]:
    return parse_qs(urlsplit(call.request.url).query, keep_blank_values=True)


def fast_session(total_retries: int = 5) -> requests.Session:
    return make_session(total_retries=total_retries, backoff_factor=0)


def envelope(items, page=1, max_pages=1):
    return {"page": page, "short-url": "XXXXXX", "maxPages": max_pages, "total": [], "items": items}


def page_matcher(page: int):
    return [matchers.query_param_matcher({"page": str(page)}, strict_match=False)]


@pytest.fixture(autouse=True)
def default_base_urls(monkeypatch):
    for name in ("DISPLACEMENT_UNHCR_API", "DISPLACEMENT_WORLDBANK_API", "DISPLACEMENT_IDMC_API",
                 "DISPLACEMENT_IDMC_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def mocked():
    with responses.RequestsMock(registry=OrderedRegistry, assert_all_requests_are_fired=False) as rsps:
        yield rsps


def add_population_pages(mocked):
    for page in (1, 2):
        mocked.get(POPULATION, json=load("population", f"page{page}_of_2.json"), match=page_matcher(page))


# --- UNHCR: paging and payloads ------------------------------------------------------------------

def test_unhcr_pages_until_page_equals_max_pages(mocked):
    add_population_pages(mocked)
    rows = fetch_unhcr("population/", {"coo_all": True, "coa_all": True}, session=fast_session())
    expected = load("population", "page1_of_2.json")["items"] + load("population", "page2_of_2.json")["items"]
    assert rows == expected
    assert len(rows) == 11
    assert [query(c)["page"] for c in mocked.calls] == [["1"], ["2"]]


def test_unhcr_items_come_back_untouched(mocked):
    add_population_pages(mocked)
    rows = fetch_unhcr("population/", session=fast_session())
    syr_deu = rows[0]
    assert (syr_deu["coo_iso"], syr_deu["coa_iso"]) == ("SYR", "DEU")
    assert syr_deu["refugees"] == 668647
    assert syr_deu["returned_refugees"] == "0"
    assert syr_deu["oip"] == "-"
    assert rows[5]["coo_name"] == "Unknown "


def test_unhcr_always_sends_an_explicit_limit(mocked):
    for _ in range(2):
        mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/", session=fast_session())
    fetch_unhcr("population/", session=fast_session(), page_limit=500)
    assert [query(c)["limit"] for c in mocked.calls] == [["10000"], ["500"]]


def test_unhcr_empty_result_with_max_pages_zero_returns_no_rows(mocked):
    mocked.get(POPULATION, json=load("population", "empty_result_maxpages0.json"))
    progress = []
    rows = fetch_unhcr("population/", {"coo": "DEU"}, session=fast_session(),
                       progress=lambda *a: progress.append(a))
    assert rows == []
    assert len(mocked.calls) == 1
    assert progress == [(0, 0, "UNHCR population/: no rows")]


def test_unhcr_reports_progress_per_page(mocked):
    add_population_pages(mocked)
    progress = []
    fetch_unhcr("population/", session=fast_session(), progress=lambda *a: progress.append(a))
    assert progress == [(1, 2, "UNHCR population/: page 1 of 2 (5 rows)"),
                        (2, 2, "UNHCR population/: page 2 of 2 (11 rows)")]


# --- UNHCR: parameter traps ----------------------------------------------------------------------

def test_unhcr_adds_cf_type_iso_with_country_codes(mocked):
    mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/", {"coo": "SYR", "coa": ["DEU", "JOR"]}, session=fast_session())
    q = query(mocked.calls[0])
    assert q["cf_type"] == ["ISO"]
    assert q["coo"] == ["SYR"]
    assert q["coa"] == ["DEU,JOR"]


def test_unhcr_adds_no_cf_type_without_country_codes(mocked):
    mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/", {"coo_all": True}, session=fast_session())
    assert "cf_type" not in query(mocked.calls[0])


def test_unhcr_keeps_an_explicit_cf_type(mocked):
    mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/", {"coa": "GFR", "cf_type": "UNHCR"}, session=fast_session())
    assert query(mocked.calls[0])["cf_type"] == ["UNHCR"]


def test_unhcr_sends_booleans_in_lower_case(mocked):
    mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/", {"coo_all": True, "coa_all": False}, session=fast_session())
    q = query(mocked.calls[0])
    assert (q["coo_all"], q["coa_all"]) == (["true"], ["false"])


def test_unhcr_sends_a_list_of_years_as_repeated_year_brackets(mocked):
    mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/", {"year": [2023, 2024]}, session=fast_session())
    q = query(mocked.calls[0])
    assert q["year[]"] == ["2023", "2024"]
    assert "year" not in q


def test_unhcr_rejects_a_comma_separated_year_string(mocked):
    with pytest.raises(ValueError, match="keeps only the first year"):
        fetch_unhcr("population/", {"year": "2023,2024"}, session=fast_session())
    assert len(mocked.calls) == 0


@pytest.mark.parametrize("given, missing", [("yearFrom", "yearTo"), ("yearTo", "yearFrom")])
def test_unhcr_rejects_a_lone_year_bound(mocked, given, missing):
    with pytest.raises(ValueError, match=f"^{given} without {missing}"):
        fetch_unhcr("population/", {given: 2020}, session=fast_session())
    assert len(mocked.calls) == 0


def test_unhcr_sends_a_year_pair(mocked):
    mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/", {"yearFrom": 2020, "yearTo": 2025}, session=fast_session())
    q = query(mocked.calls[0])
    assert (q["yearFrom"], q["yearTo"]) == (["2020"], ["2025"])


# --- UNHCR: malformed and failed responses -------------------------------------------------------

def test_unhcr_envelope_without_max_pages_is_an_error(mocked):
    mocked.get(POPULATION, json={"page": 1, "items": []})
    with pytest.raises(FetchError, match=r"^UNHCR population/ page 1: response envelope lacks 'maxPages'"):
        fetch_unhcr("population/", session=fast_session())


def test_unhcr_items_that_are_not_a_list_are_an_error(mocked):
    mocked.get(POPULATION, json={"page": 1, "maxPages": 1, "total": [], "items": {"year": 2024}})
    with pytest.raises(FetchError, match="'items' is dict, not a list"):
        fetch_unhcr("population/", session=fast_session())


@pytest.mark.parametrize("body", ["<html>Service Unavailable</html>", '{"page": 1, "maxPages": 2, "items": [{"ye'])
def test_unhcr_invalid_or_truncated_json_is_an_error(mocked, body):
    mocked.get(POPULATION, body=body, content_type="application/json")
    with pytest.raises(FetchError, match=r"^UNHCR population/ page 1: invalid JSON"):
        fetch_unhcr("population/", session=fast_session())


def test_unhcr_missing_middle_page_names_the_page(mocked):
    mocked.get(POPULATION, json=envelope([{"year": 2024}], 1, 3), match=page_matcher(1))
    mocked.get(POPULATION, status=404, body="Not found", match=page_matcher(2))
    with pytest.raises(FetchError) as info:
        fetch_unhcr("population/", session=fast_session())
    assert str(info.value) == "UNHCR population/ page 2 of 3: HTTP 404 Not Found (body: Not found)"
    assert len(mocked.calls) == 2


def test_unhcr_non_json_middle_page_names_the_page(mocked):
    mocked.get(POPULATION, json=envelope([{"year": 2024}], 1, 3), match=page_matcher(1))
    mocked.get(POPULATION, body="<html>502 Bad Gateway</html>", status=200, match=page_matcher(2))
    with pytest.raises(FetchError, match=r"^UNHCR population/ page 2 of 3: invalid JSON"):
        fetch_unhcr("population/", session=fast_session())


def test_unhcr_max_pages_changing_mid_fetch_is_an_error(mocked):
    mocked.get(POPULATION, json=envelope([{"year": 2024}], 1, 2), match=page_matcher(1))
    mocked.get(POPULATION, json=envelope([{"year": 2024}], 2, 3), match=page_matcher(2))
    with pytest.raises(FetchError, match="maxPages changed from 2 to 3"):
        fetch_unhcr("population/", session=fast_session())


def test_429_with_retry_after_is_retried(mocked):
    mocked.get(POPULATION, status=429, headers={"Retry-After": "0"}, body="Too Many Requests")
    mocked.get(POPULATION, json=load("population", "world_2023_2025_page1_of_1.json"))
    rows = fetch_unhcr("population/", session=fast_session())
    assert [r["year"] for r in rows] == [2023, 2024, 2025]
    assert [c.response.status_code for c in mocked.calls] == [429, 200]


def test_server_errors_then_success_are_retried(mocked):
    for status in (500, 502, 503, 504):
        mocked.get(POPULATION, status=status)
    mocked.get(POPULATION, json=load("population", "world_2023_2025_page1_of_1.json"))
    rows = fetch_unhcr("population/", session=fast_session(total_retries=5))
    assert len(rows) == 3
    assert len(mocked.calls) == 5


def test_persistent_500_fails_after_bounded_attempts(mocked):
    for _ in range(10):
        mocked.get(POPULATION, status=500, body="Internal Server Error")
    with pytest.raises(FetchError) as info:
        fetch_unhcr("population/", session=fast_session(total_retries=3))
    assert str(info.value) == ("UNHCR population/ page 1: HTTP 500 Internal Server Error "
                               "(body: Internal Server Error)")
    assert len(mocked.calls) == 4  # the first try and three retries


def test_client_errors_are_not_retried(mocked):
    mocked.get(POPULATION, status=400, body='{"message": "bad request"}')
    with pytest.raises(FetchError, match="HTTP 400"):
        fetch_unhcr("population/", session=fast_session())
    assert len(mocked.calls) == 1


def test_base_url_comes_from_the_environment_at_call_time(mocked, monkeypatch):
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", "https://mirror.example.org/unhcr")
    mocked.get("https://mirror.example.org/unhcr/unrwa/", json=load("unrwa", "world_2023_2025_page1_of_1.json"))
    rows = fetch_unhcr("unrwa/", session=fast_session())
    assert [r["total"] for r in rows] == [5968636, 5914401, 5964782]
    assert mocked.calls[0].request.url.startswith("https://mirror.example.org/unhcr/unrwa/?")


def test_requests_carry_the_project_user_agent(mocked):
    for _ in range(2):
        mocked.get(POPULATION, json=envelope([]))
    fetch_unhcr("population/")  # the fetcher's own session
    fetch_unhcr("population/", session=fast_session())
    assert [c.request.headers["User-Agent"] for c in mocked.calls] == [USER_AGENT, USER_AGENT]


# --- World Bank ---------------------------------------------------------------------------------

def test_worldbank_pages_and_returns_rows_with_meta(mocked):
    for page in (1, 2):
        mocked.get(WB_URL, json=load("worldbank-population", f"page{page}_of_2.json"), match=page_matcher(page))
    rows, meta = fetch_worldbank(countries="AFG;SYR", date="2020:2024", session=fast_session(), per_page=5)
    assert [(r["countryiso3code"], r["date"]) for r in rows][:2] == [("AFG", "2024"), ("AFG", "2023")]
    assert len(rows) == 10
    assert rows[5]["countryiso3code"] == "SYR"
    assert meta["lastupdated"] == "2025-10-07"
    assert query(mocked.calls[0]) == {"format": ["json"], "per_page": ["5"], "date": ["2020:2024"], "page": ["1"]}


def test_worldbank_error_body_with_http_200_is_an_error(mocked):
    url = "https://api.worldbank.org/v2/country/all/indicator/SP.POP.TOTAL"
    mocked.get(url, status=200, json=load("worldbank-population", "error_invalid_value_http200.json"))
    with pytest.raises(FetchError) as info:
        fetch_worldbank("SP.POP.TOTAL", session=fast_session())
    assert str(info.value) == ("World Bank SP.POP.TOTAL page 1: API error "
                               "120 Invalid value: The provided parameter value is not valid")


def test_worldbank_no_data_returns_no_rows(mocked):
    meta = {"page": 1, "pages": 0, "per_page": 20000, "total": 0, "sourceid": None, "lastupdated": "2025-10-07"}
    mocked.get(WB_URL, json=[meta, None])
    rows, got_meta = fetch_worldbank(countries="AFG;SYR", session=fast_session())
    assert (rows, got_meta["total"]) == ([], 0)


# --- IDMC GIDD ----------------------------------------------------------------------------------

def add_gidd_pages(mocked, first=None):
    mocked.get(GIDD, json=first or load("idmc-gidd", "page1_of_2.json"),
               match=[matchers.query_param_matcher({"client_id": SECRET}, strict_match=False)])
    mocked.get(GIDD, json=load("idmc-gidd", "page2_of_2.json"),
               match=[matchers.query_param_matcher({"client_id": SECRET, "offset": "2"}, strict_match=False)])


def test_idmc_follows_next_links_until_null(mocked):
    add_gidd_pages(mocked)
    rows, last_updated = fetch_idmc_gidd(SECRET, params={"start_year": 2023, "end_year": 2024},
                                         session=fast_session())
    assert [(r["iso3"], r["year"]) for r in rows] == [("AFG", 2023), ("AFG", 2024), ("SYR", 2023), ("SYR", 2024)]
    assert last_updated == "2025-05-13"
    second = query(mocked.calls[1])
    assert second["client_id"] == [SECRET]  # our key, not the fixture's placeholder
    assert (second["offset"], second["limit"]) == (["2"], ["2"])


def test_idmc_next_link_to_another_host_is_pinned_to_ours(mocked):
    first = load("idmc-gidd", "page1_of_2.json")
    first["next"] = first["next"].replace("https://helix-tools-api.idmcdb.org", "http://internal-proxy:8000")
    add_gidd_pages(mocked, first)
    rows, _ = fetch_idmc_gidd(SECRET, session=fast_session())
    assert len(rows) == 4
    assert urlsplit(mocked.calls[1].request.url).netloc == "helix-tools-api.idmcdb.org"
    assert mocked.calls[1].request.url.startswith("https://")


def test_idmc_reads_the_client_id_from_the_environment(mocked, monkeypatch):
    monkeypatch.setenv("DISPLACEMENT_IDMC_CLIENT_ID", SECRET)
    add_gidd_pages(mocked)
    rows, _ = fetch_idmc_gidd(None, session=fast_session())
    assert len(rows) == 4


def test_idmc_without_client_id_says_how_to_configure_it(mocked):
    with pytest.raises(FetchError, match="DISPLACEMENT_IDMC_CLIENT_ID"):
        fetch_idmc_gidd(None, session=fast_session())
    assert len(mocked.calls) == 0


def test_idmc_client_id_never_reaches_errors_or_logs(mocked, caplog):
    caplog.set_level(logging.DEBUG)
    mocked.get(GIDD, status=403, body=f'{{"detail": "client_id {SECRET} is not active"}}')
    with pytest.raises(FetchError) as info:
        fetch_idmc_gidd(SECRET, session=fast_session())
    text = "".join(traceback.format_exception(info.value))
    assert "HTTP 403" in str(info.value)
    assert SECRET not in text
    assert "client_id *** is not active" in str(info.value)
    assert caplog.records and SECRET not in caplog.text


# --- real sockets: Retry-After, timeouts, resets --------------------------------------------------

class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # resets and timeouts are the point here
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        server = self.server
        with server.lock:
            server.hits.append(self.path)
            action = server.script[min(len(server.hits), len(server.script)) - 1]  # last one repeats
        action(self)

    def log_message(self, *args):
        pass


def reply(body, status=200, headers=None):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()

    def act(handler):
        handler.send_response(status)
        for key, value in {"Content-Type": "application/json", **(headers or {})}.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
    return act


def stall(handler):
    handler.server.release.wait(5)  # never answer in time; released at teardown
    handler.close_connection = True


def reset_mid_body(body):
    data = json.dumps(body).encode()

    def act(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: len(data) // 2])
        handler.wfile.flush()
        time.sleep(0.05)  # let the client block on the rest of the body, then RST the connection
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True
    return act


@pytest.fixture
def local_server():
    started = []

    def start(*script):
        server = _Server(("127.0.0.1", 0), _Handler)
        server.script, server.hits = list(script), []
        server.lock, server.release = threading.Lock(), threading.Event()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append(server)
        return server, f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in started:
        server.release.set()
        server.shutdown()
        server.server_close()


def test_retry_after_header_is_honoured_on_the_wire(local_server, monkeypatch):
    world = load("population", "world_2023_2025_page1_of_1.json")
    server, base = local_server(reply(b"slow down", 429, {"Retry-After": "1"}), reply(world))
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", base)
    started = time.monotonic()
    rows = fetch_unhcr("population/", session=fast_session())
    assert time.monotonic() - started >= 0.9
    assert len(rows) == 3
    assert len(server.hits) == 2


def test_read_timeout_fails_after_bounded_retries(local_server, monkeypatch):
    server, base = local_server(stall)
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", base)
    with pytest.raises(FetchError) as info:
        fetch_unhcr("population/", session=fast_session(total_retries=2), timeout=(1, 0.2))
    assert str(info.value) == "UNHCR population/ page 1: timed out after retries"
    assert len(server.hits) == 3


def test_connection_reset_mid_body_fails_after_three_attempts(local_server, monkeypatch):
    server, base = local_server(reset_mid_body(load("population", "page1_of_2.json")))
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", base)
    with pytest.raises(FetchError) as info:
        fetch_unhcr("population/", session=fast_session(), timeout=(1, 2))
    assert str(info.value) == ("UNHCR population/ page 1: connection broken while reading the response "
                               "after 3 attempts")
    assert len(server.hits) == 3


def test_connection_reset_mid_body_once_is_retried(local_server, monkeypatch):
    world = load("population", "world_2023_2025_page1_of_1.json")
    server, base = local_server(reset_mid_body(world), reply(world))
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", base)
    rows = fetch_unhcr("population/", session=fast_session(), timeout=(1, 2))
    assert rows == world["items"]
    assert len(server.hits) == 2


def test_connection_refused_is_a_fetch_error(monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("DISPLACEMENT_WORLDBANK_API", f"http://127.0.0.1:{port}/v2/")
    with pytest.raises(FetchError, match=r"^World Bank SP\.POP\.TOTL page 1: connection failed .*refused"):
        fetch_worldbank(session=fast_session(total_retries=1), timeout=(1, 1))


def test_urllib3_retry_logs_are_redacted(local_server, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    gidd = load("idmc-gidd", "page2_of_2.json")
    server, base = local_server(reply(b"busy", 503), reply(gidd))
    monkeypatch.setenv("DISPLACEMENT_IDMC_API", base)
    rows, _ = fetch_idmc_gidd(SECRET, session=fast_session())
    assert len(rows) == 2 and len(server.hits) == 2
    assert SECRET in server.hits[0]  # the key did travel to the server...
    urllib3_records = [r for r in caplog.records if r.name.startswith("urllib3")]
    assert any("client_id=***" in r.getMessage() for r in urllib3_records)
    assert SECRET not in caplog.text  # ...but never into a log record


# --- bounds: deadlines, sizes, redirects, strict JSON ----------------------------------------------------

def test_a_redirect_to_the_same_host_is_followed(local_server, monkeypatch):
    world = load("population", "world_2023_2025_page1_of_1.json")
    server, base = local_server(reply(b"", 302, {"Location": "/moved/population/?page=1&limit=10000"}), reply(world))
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", base)
    assert len(fetch_unhcr("population/", session=fast_session())) == 3
    assert server.hits[1].startswith("/moved/population/")


def test_a_redirect_to_another_port_is_refused_and_never_requested(local_server, monkeypatch):
    other, other_base = local_server(reply(load("idmc-gidd", "page2_of_2.json")))
    _, base = local_server(reply(b"", 307, {"Location": other_base + "gidd/displacements/?client_id=" + SECRET}))
    monkeypatch.setenv("DISPLACEMENT_IDMC_API", base)
    with pytest.raises(FetchError) as info:
        fetch_idmc_gidd(SECRET, session=fast_session())
    assert str(info.value) == ("IDMC GIDD gidd/displacements/ page 1: HTTP 307 redirect to another host "
                               "(http://127.0.0.1) refused")
    assert other.hits == []


def test_retries_stop_when_the_next_wait_would_pass_the_deadline(local_server, monkeypatch):
    server, base = local_server(reply(b"busy", 503, {"Retry-After": "30"}))
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", base)
    with pytest.raises(FetchError, match=r"^UNHCR population/ page 1: HTTP 503"):
        fetch_unhcr("population/", session=fast_session(), limits=Limits(request_seconds=5))
    assert len(server.hits) == 1  # not 6 requests with 30 s between them


def test_a_read_timeout_is_cut_to_the_time_left(local_server, monkeypatch):
    _, base = local_server(stall)
    monkeypatch.setenv("DISPLACEMENT_UNHCR_API", base)
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch_unhcr("population/", session=fast_session(), timeout=(5, 60), limits=Limits(request_seconds=1))
    assert str(info.value) == "UNHCR population/ page 1: no complete answer within the 1 s deadline"
    assert time.monotonic() - started < 30  # not 6 x 60 s


@pytest.mark.parametrize("body, reason", [
    (b'{"page": 1, "maxPages": 1, "items": [{"total": NaN}]}', "NaN is not a JSON number"),
    (b'{"page": 1, "maxPages": 1, "items": [{"total": -Infinity}]}', "-Infinity is not a JSON number"),
    (b'{"page": 1, "maxPages": 1, "items": [{"total": 1e400}]}', "1e400 is beyond a float"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deep to parse"),
])
def test_json_that_is_not_strict_or_too_deep_is_an_invalid_page(mocked, body, reason):
    mocked.get(POPULATION, body=body)
    with pytest.raises(FetchError, match=rf"^UNHCR population/ page 1: invalid JSON \({re.escape(reason)}\)"):
        fetch_unhcr("population/", session=fast_session())


def test_a_response_announcing_more_than_the_cap_is_not_read(mocked):
    mocked.get(POPULATION, body=b"[]", headers={"Content-Length": str(64 * 2**20)}, auto_calculate_content_length=False)
    with pytest.raises(FetchError, match=r"announces 67,108,864 bytes, over the 32 MiB limit$"):
        fetch_unhcr("population/", session=fast_session())


def test_idmc_next_of_the_wrong_type_is_an_error(mocked):
    page = load("idmc-gidd", "page1_of_2.json")
    mocked.get(GIDD, json={**page, "next": {"href": "x"}})
    with pytest.raises(FetchError, match=r"^IDMC GIDD gidd/displacements/ page 1: 'next' is dict, not a link or null$"):
        fetch_idmc_gidd(SECRET, session=fast_session())
