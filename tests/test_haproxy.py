"""Sticky load balancing (issue 19, item 1): docs/deploy/haproxy.cfg itself, run by Debian's haproxy in front of
three `streamlit run app.py` processes on one store, with browser sessions that all come from one client
address (127.0.0.1), as an office behind one NAT does.

HAProxy logs every request with the state of its cookie (docs/deploy/haproxy.cfg: `capture cookie`, the
termination state's third letter: N no cookie, V valid and followed, D its process was down so the request
went to another). That log is what the tests read to say where each request went."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO
from test_multi_process import palestine_card, refresh_unrwa, synthetic_unrwa

from harness.browser import free_port, streamlit_process, wait_rendered

HAPROXY = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
pytestmark = pytest.mark.skipif(HAPROXY is None, reason="Debian's haproxy package is not installed (.ci/run "
                                                        "installs it: apt-get install haproxy)")
CONFIG = REPO / "docs" / "deploy" / "haproxy.cfg"
COOKIE = "DISPLACEMENT_PROCESS"
SESSIONS = 6
# e.g. `... dashboard streamlit/app2 0/0/0/3/3 200 1234 DISPLACEMENT_PROCESS=app2 - --VN ... "GET /x HTTP/1.1"`
REQUEST = re.compile(r' streamlit/(?P<server>\w+) .* (?:\S+=(?P<cookie>\w*)|-) - (?P<state>\S{4}) '
                     r'.*"(?P<request>[^"]*)"')


@dataclass
class Balanced:
    url: str
    processes: dict  # server name in the config -> its streamlit process
    store: Path
    log_path: Path

    def requests(self) -> list[dict]:
        lines = self.log_path.read_text(errors="replace").splitlines()
        return [found.groupdict() for line in lines if (found := REQUEST.search(line))]

    def wait_for_requests(self, matching, count: int, timeout: float = 60) -> list[dict]:
        """The log once `count` requests match (a websocket is logged when it closes)."""
        deadline = time.monotonic() + timeout
        while sum(map(matching, requests := self.requests())) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return requests


def wait_until_all_up(url: str, timeout: float = 60) -> None:
    """Until HAProxy answers and has had time to see every process healthy (checks every second)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    time.sleep(2.5)  # `rise 2` at `inter 1s`: each server's second good check
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("HAProxy did not answer")


@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    folder = tmp_path_factory.mktemp("haproxy")
    store = folder / "store"
    store.mkdir()
    env = {"DISPLACEMENT_STORE": str(store), "DISPLACEMENT_WARM_START": "false"}
    with ExitStack() as stack:
        processes = {f"app{n}": stack.enter_context(streamlit_process(env, log_path=folder / f"app{n}.log"))
                     for n in (1, 2, 3)}
        listen = f"127.0.0.1:{free_port()}"
        addresses = {name.upper(): url.removeprefix("http://") for name, (url, _) in processes.items()}
        log_path = folder / "haproxy.log"
        log = stack.enter_context(log_path.open("wb"))
        haproxy = subprocess.Popen([HAPROXY, "-db", "-f", str(CONFIG)], stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "LISTEN": listen, **addresses})
        stack.callback(haproxy.wait, 10)
        stack.callback(haproxy.terminate)
        url = f"http://{listen}"
        wait_until_all_up(url)
        yield Balanced(url, {name: process for name, (_, process) in processes.items()}, store, log_path)


def open_session(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(url + "/", timeout=120_000)
    wait_rendered(page, timeout_ms=300_000)
    return context, page


def process_of(context) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == COOKIE)


def headline(page) -> str:
    """The headline card's figure, found by its label rather than as the first card on the page: under load
    one full run read the published figure's card (117.3) first, then the headline's (117.8) after the move."""
    card = page.locator('[data-testid="stMetric"]', has_text="Forcibly displaced, ").first
    card.wait_for(timeout=120_000)
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def change_and_download(page) -> list[str]:
    """A rerun (the chart's start year) and a download (a file the session's process made): its first
    two lines, the header and the first year shown."""
    page.locator('[data-testid="stButtonGroup"] button', has_text="1951").first.click()
    page.wait_for_function("() => location.search.includes('since=1951')", timeout=120_000)
    wait_rendered(page, timeout_ms=300_000)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download the data shown (CSV)").first.click()
    return Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()[:2]


def test_sessions_from_one_address_are_spread_and_each_stays_on_its_process(balanced, browser):
    sessions = [open_session(browser, balanced.url) for _ in range(SESSIONS)]
    assert {process_of(context) for context, _ in sessions} == set(balanced.processes)
    for context, page in sessions:
        before = process_of(context)
        header, first_row = change_and_download(page)
        assert header.startswith("year,") and first_row.startswith("1951,")  # the rerun's rows, not the first run's
        assert process_of(context) == before
    assert len({headline(page) for _, page in sessions}) == 1  # one store: the same figures on every process
    for context, _ in sessions:
        context.close()
    requests = balanced.wait_for_requests(lambda r: "/_stcore/stream" in r["request"], SESSIONS)
    assert sum(r["state"][2] == "N" for r in requests if r["request"].startswith("GET / ")) == SESSIONS
    followed = [r for r in requests if r["state"][2] == "V"]
    assert any("/_stcore/stream" in r["request"] for r in followed)  # the websockets, by cookie
    assert any("/media/" in r["request"] for r in followed)  # the downloads, by cookie
    assert all(r["server"] == r["cookie"] for r in followed)
    assert not [r for r in requests if r["state"][2] not in "NV"], "a request lost its process"


def one_session_per_process(balanced, browser) -> dict:
    sessions: dict = {}
    for _ in range(3 * len(balanced.processes)):
        context, page = open_session(browser, balanced.url)
        if process_of(context) in sessions:
            context.close()
        else:
            sessions[process_of(context)] = (context, page)
        if len(sessions) == len(balanced.processes):
            return sessions
    raise AssertionError(f"new sessions reached only {sorted(sessions)}")


def millions(card: str) -> float:
    """'123.8 million' or '6.0 M' as 123.8 or 6.0."""
    return float(card.split()[0])


def test_a_refresh_reaches_every_process_whole(balanced, browser, tmp_path, shared_data):
    """The refresh job writes the store while a session is open on each process: each session's next run
    shows the new release on its own process, and whole: the headline moves by what the Palestine refugees
    card moves by (a view mixing releases would move one and not the other)."""
    sessions = one_session_per_process(balanced, browser)
    before = {name: (headline(page), palestine_card(page)) for name, (_, page) in sessions.items()}
    synthetic_unrwa(tmp_path)
    refresh_unrwa(tmp_path, balanced.store)
    for name, (context, page) in sessions.items():
        page.reload()
        wait_rendered(page, timeout_ms=300_000)
        assert process_of(context) == name
        (old_total, old_palestine), total, palestine = before[name], headline(page), palestine_card(page)
        assert (old_palestine, palestine) == ("6.0 M", "11.9 M")
        assert millions(total) - millions(old_total) == pytest.approx(5.9, abs=0.11)
        context.close()


def test_a_process_killed_mid_session_sends_its_viewers_to_another(balanced, browser):
    context, page = open_session(browser, balanced.url)
    victim = process_of(context)
    shown = headline(page)
    balanced.processes[victim].kill()
    deadline = time.monotonic() + 120
    while process_of(context) == victim and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert process_of(context) != victim, "the session did not move to a live process"
    wait_rendered(page, timeout_ms=300_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert headline(page) == shown
    moved = [r for r in balanced.requests() if r["state"][2] == "D"]
    assert moved and all(r["cookie"] == victim and r["server"] != victim for r in moved)
    context.close()
