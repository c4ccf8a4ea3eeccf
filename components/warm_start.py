"""Warm start: once the server answers, it opens every page once itself, as a viewer would (over Streamlit's
own websocket, components/stream_client.py, a new session per page), so the first real viewer finds the
modules imported, the release read and each page's default figures (projections' track record included)
in the caches.

It runs in a background thread started by the server's lifespan (app.py), default page first, at once; a
viewer arriving meanwhile shares that work (imports and cache entries are computed once). The other pages
wait until no viewer's run has been served for QUIET_SECONDS, so the warm-up keeps out of viewers' way (on a
small machine the server and a viewer's browser share the CPUs while a page is drawn). Setting `warm_start`
(secrets or $DISPLACEMENT_WARM_START) = false turns it off. It never stops the server: what fails is
logged and the pages are then warmed by their first viewer, as without it."""

from __future__ import annotations

import threading
import time
import urllib.request
from contextlib import asynccontextmanager, contextmanager

import streamlit as st
from streamlit.logger import get_logger

from components import access
from components.navigation import PAGES
from components.settings import flag
from components.stream_client import Run, Session

LOG = get_logger(__name__)
HEALTH_WAIT_SECONDS = 120
QUIET_SECONDS = 3.0


class _Viewers:
    """Viewers' runs in progress in this process, and when the last one ended."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = 0
        self.last_ended = 0.0

    def quiet_for(self) -> float:
        with self.lock:
            return 0.0 if self.running else time.monotonic() - self.last_ended


_viewers = _Viewers()


@contextmanager
def viewer_run():
    """Around each run of the app (app.py), so the warm-up can keep out of viewers' way; its own runs do not count."""
    if access.is_warm_up(getattr(st.context, "headers", None)):
        yield
        return
    with _viewers.lock:
        _viewers.running += 1
    try:
        yield
    finally:
        with _viewers.lock:
            _viewers.running -= 1
            _viewers.last_ended = time.monotonic()


def wait_for_quiet(quiet: float = QUIET_SECONDS) -> None:
    while (waited := _viewers.quiet_for()) < quiet:
        time.sleep(max(0.1, quiet - waited))


@asynccontextmanager
async def lifespan(_app):
    """st.App's lifespan: start the warm-up beside the server, which starts listening right after."""
    if flag("warm_start", default=True):
        threading.Thread(target=warm, args=(local_url(),), name="warm-start", daemon=True).start()
    yield


def local_url() -> str:
    """This server as seen from its own host (a wildcard address is reached on the loopback)."""
    address = st.get_option("server.address") or "127.0.0.1"
    host = "127.0.0.1" if address in {"0.0.0.0", "::"} else f"[{address}]" if ":" in address else address
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://{host}:{st.get_option('server.port')}" + (f"/{base}" if base else "")


def warm(base_url: str, health_timeout: float = HEALTH_WAIT_SECONDS) -> list[Run]:
    """Visit every page once, in the navigation's order; returns the runs (none when the server never answered)."""
    started = time.perf_counter()
    if not wait_until_healthy(base_url, health_timeout):
        LOG.warning("Warm start skipped: %s did not answer its health check", base_url)
        return []
    runs: list[Run] = []
    try:
        for index, page in enumerate(PAGES):  # a session each: defaults, not the last country chosen
            if index:
                wait_for_quiet()
            with Session(base_url, headers=access.warm_up_headers()) as session:
                runs.append(session.run(page.address))
    except Exception as error:  # best effort: the first viewers then warm the rest
        LOG.warning("Warm start stopped after %d of %d pages: %s", len(runs), len(PAGES), error)
        return runs
    failed = [run.page or "(default)" for run in runs if run.exceptions or not run.finished]
    LOG.info("Warm start: %d pages in %.1f s, %d elements drawn%s", len(runs), time.perf_counter() - started,
             sum(run.deltas for run in runs), f"; errors on {', '.join(failed)}" if failed else "")
    return runs


def wait_until_healthy(base_url: str, timeout: float) -> bool:
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through an HTTP(S)_PROXY
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with direct.open(base_url + "/_stcore/health", timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.05)
    return False
