"""Warm start (issue 17, item 8): the server opens every page once itself when it starts, over Streamlit's
websocket (components/stream_client.py), behind the access gate too. How much faster the first viewer's
visit is, is measured in benchmarks/warm_start.py, not here."""

from __future__ import annotations

import asyncio
import re
import threading

import pytest

from components import access, warm_start
from components.navigation import PAGES
from components.stream_client import Session, stream_address
from harness.browser import WARM_START_LINE, streamlit_server, wait_for_log_line


def warm_start_line(log_path) -> re.Match:
    return wait_for_log_line(log_path, WARM_START_LINE)


def own_visits(url: str) -> list:
    runs = []
    for page in PAGES:
        with Session(url) as session:
            runs.append(session.run(page.address))
    return runs


@pytest.fixture(scope="module")
def public_server(tmp_path_factory):
    log_path = tmp_path_factory.mktemp("warm") / "server.log"
    with streamlit_server(log_path=log_path) as url:
        yield url, warm_start_line(log_path)


def test_the_server_opens_every_page_once_at_start_without_an_error(public_server):
    _, line = public_server
    assert int(line.group(1)) == len(PAGES)
    assert "errors" not in line.group(3)


def test_the_warm_up_runs_each_page_as_a_viewers_first_visit_does(public_server):
    url, line = public_server
    runs = own_visits(url)
    assert all(run.finished and not run.exceptions for run in runs), [(r.page, r.exceptions) for r in runs]
    assert sum(run.deltas for run in runs) == int(line.group(2))  # the same elements drawn: whole pages


def test_a_download_built_when_clicked_is_fetched_over_the_protocol(public_server):
    url, _ = public_server
    with Session(url) as session:
        run = session.run("trends")
        csv = session.download(run.downloads["Download the data shown (CSV)"])
    assert b"year" in csv and len(csv.splitlines()) > 10  # the trend's rows, one a year


def test_a_gated_dashboard_is_warmed_behind_its_gate(public_server, tmp_path):
    _, public_line = public_server
    log_path = tmp_path / "server.log"
    with streamlit_server({"DISPLACEMENT_ACCESS_MODE": "password", "DISPLACEMENT_ACCESS_PASSWORD": "pw"},
                          log_path=log_path) as url:
        line = warm_start_line(log_path)
        # every page drawn whole, not the sign-in form (4 elements a page); Sources adds a line on the access mode
        assert int(public_line.group(2)) - 5 <= int(line.group(2)) <= int(public_line.group(2)) + 5
        with Session(url) as stranger:  # without the server's own token: the sign-in form only
            assert stranger.run(PAGES[0].address).deltas < int(line.group(2)) / len(PAGES)


def test_only_this_process_token_passes_the_gate_as_a_warm_up():
    assert access.is_warm_up(access.warm_up_headers())
    assert not access.is_warm_up({access.WARM_UP_HEADER: "guess"})
    assert not access.is_warm_up({})
    assert not access.is_warm_up(None)


def warm_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "warm-start"]


def test_warm_start_off_starts_no_warm_up(monkeypatch):
    monkeypatch.setenv("DISPLACEMENT_WARM_START", "false")

    async def open_and_close():
        async with warm_start.lifespan(None):
            return warm_threads()

    assert asyncio.run(open_and_close()) == []


def test_the_warm_up_waits_while_a_viewer_is_served(monkeypatch):
    monkeypatch.setattr(access, "is_warm_up", lambda headers: False)
    waited = threading.Event()
    with warm_start.viewer_run():
        waiter = threading.Thread(target=lambda: (warm_start.wait_for_quiet(0.2), waited.set()))
        waiter.start()
        assert not waited.wait(0.5)  # a viewer's run is in progress: the warm-up does not go on
    assert waited.wait(30)  # once the run ended and 0.2 s passed without another
    waiter.join()


def test_the_warm_ups_own_runs_do_not_hold_it_back(monkeypatch):
    monkeypatch.setattr(access, "is_warm_up", lambda headers: True)
    with warm_start.viewer_run():
        assert warm_start._viewers.running == 0


def test_a_server_that_never_answers_is_not_warmed():
    assert warm_start.warm("http://127.0.0.1:9", health_timeout=0.5) == []  # the discard port: nothing listens


def test_the_stream_address_follows_the_scheme_and_base_path():
    assert stream_address("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_address("https://example.org/displacement/") == "wss://example.org/displacement/_stcore/stream"
