"""Run the real app (`streamlit run app.py`) and drive it in headless Chromium with Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("DISPLACEMENT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = REPO / "test-artifacts"


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_process(env: dict | None = None, app: str = "app.py", log_path: Path | None = None, cwd: Path = REPO):
    """Start `streamlit run` on a free port, in `cwd` (the repository, or elsewhere as another machine's
    checkout would be); yield its base URL and process; stop it. The server's output goes to a file
    (log_path, or a temporary one), never a pipe nobody reads: a chatty server would block."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / app), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log_path = log_path or Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log")[1])
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT)
        process.log_path = log_path
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def streamlit_server(env: dict | None = None, app: str = "app.py", log_path: Path | None = None):
    """streamlit_process, yielding the base URL only."""
    with streamlit_process(env, app, log_path) as (url, _):
        yield url


def wait_healthy(url: str, process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.log_path.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy")


def wait_for_log_line(log_path: Path, pattern: str, timeout: float = 600) -> re.Match:
    """The first match of `pattern` in a server's log once it appears (the timeout is a hang limit)."""
    deadline = time.monotonic() + timeout
    while not (found := re.search(pattern, log_path.read_text(errors="replace"))):
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {pattern!r} in the server log: {log_path.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    return found


WARM_START_LINE = r"Warm start: (\d+) pages in [\d.]+ s, (\d+) elements drawn(.*)"  # components/warm_start.py


def wait_rendered(page, timeout_ms: int = 90_000) -> None:
    """Streamlit has finished the run: something is drawn, the app reports its script idle, and every
    element of the run is on the page (no skeleton left, every chart's SVG drawn)."""
    page.wait_for_selector('[data-testid="stHeading"], [data-testid="stException"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_function(ELEMENTS_DRAWN, timeout=timeout_ms)
    page.wait_for_timeout(200)


# The run is over but its elements are still being drawn: Streamlit shows a skeleton while an element's code
# loads (charts, tables, widgets), and Plotly draws its SVG after that.
ELEMENTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('svg.main-svg'))"""


def screenshot_dir(name: str) -> Path:
    folder = ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def full_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main container, so grow the viewport to its height first."""
    height = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
                                    return m ? m.scrollHeight : document.body.scrollHeight; }""")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(max(height, 600), 12000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})
