"""Many browser sessions at once against `streamlit run app.py`, with a refresh landing mid-run.

    python benchmarks/concurrency.py [--sessions 20] [--seconds 90] [--no-refresh]   (the measurement)
    tests/test_concurrency.py                                                  (the pass/fail form)

N headless Chromium contexts (one browser) open the app on 127.0.0.1 and, until the time is up, each
moves through the pages (clicking the navigation in the sidebar) and changes filters (segmented controls,
checkboxes, radios, select boxes, sliders by keyboard). It reports, per kind of action, how long the
app took from the click until the server reported the run it started finished (ForwardMsg
script_finished on Streamlit's websocket) and the page shows the script state idle again
(`data-test-script-state` on stApp; p50/p95/max), and every error: an stException element, a console
error or page error, a failed request, an HTTP status >= 400 (Streamlit's own
/<page>/_stcore/(health|host-config) 404 probes excepted, as in tests/test_browser.py).

Half-way through (see Plan), it writes a new release of `unrwa` and `idmc` into the app's store with every
figure doubled (displacement.storage.store.write_release: a whole release, then CURRENT switched). Each time
a session shows the overview, the Palestine refugees and IDP cards, the same series' last points in
the trend chart, and the sum card are read and classified old/new: within a source they must agree,
and the sum must be the sum of what the cards show. No page may show a mix.

tests/test_concurrency.py runs the same harness as a pass/fail test, by counts rather than the clock
(a few sessions, a set number of changes each, the refresh once every session has made some) and with
limits (Limits, PATIENT) that only a hang reaches: it checks correctness, not speed.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import re
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from components.navigation import NAMES
from harness.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server

STREAMLIT_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")
PAGES = NAMES  # components/navigation.py: the app's page list, in the order of its navigation
CHANGED_SOURCES = {"unrwa": ["palestine_refugees"], "idmc": ["idps_conflict"]}
FACTOR = 2
THINK = (2.0, 6.0)  # seconds a reader looks at a page before the next click (uniform)
RETRIES = 1  # a click that starts no run is made again this many times before it counts as doing nothing
STAGGER = 1.0  # seconds between two sessions' arrival


@dataclass(frozen=True)
class Limits:
    """How long the harness waits for the browser and the server.

    The benchmark's limits (the defaults) count a slow change as an error or a lost click: it measures.
    The pass/fail test uses PATIENT, far above any delay a loaded machine gives, so that only a hang
    fails it (tests/test_concurrency.py)."""
    action_ms: int = 120_000  # a page or filter change (its click included) not done by then is an error:
    # under 20 sessions on 2 CPUs a starved browser once took over 30 s to make a target clickable
    noop_after_ms: int = 20_000  # a click after which the browser asks for no run within this long did nothing
    prepare_ms: int = 30_000  # focusing a slider or opening a list, before the clock: else do something else
    stable_read_s: float = 15  # the overview's cards and chart must agree in two reads within this long
    grace_s: float = 90  # after the deadline, sessions still waiting are cut off (counted, not errors)


PATIENT = Limits(action_ms=900_000, noop_after_ms=30_000, prepare_ms=300_000, stable_read_s=300, grace_s=1800)
LIMITS = Limits()  # run() sets the limits of the run
TRACE = os.environ.get("CONCURRENCY_TRACE") == "1"  # print every action
CARDS = {"unrwa": "Palestine refugees", "idmc": "IDPs (conflict)"}  # labels.SHORT

STATE = "() => { const a = document.querySelector('[data-testid=\"stApp\"]'); " \
        "return a ? a.getAttribute('data-test-script-state') : null; }"
READ_OVERVIEW = """labels => {
  const metrics = {};
  document.querySelectorAll('[data-testid="stMetric"]').forEach(m => {
    const l = m.querySelector('[data-testid="stMetricLabel"]'), v = m.querySelector('[data-testid="stMetricValue"]');
    if (l && v) metrics[l.innerText.trim()] = v.innerText.trim(); });
  const last = {};  // the last point of each series of the stacked trend chart (the chart holding the cards' series)
  document.querySelectorAll('.js-plotly-plot').forEach(plot => {
    if (!plot._fullData || !plot._fullData.some(t => labels.includes(t.name))) return;
    plot._fullData.forEach(t => {
      if (t.y && t.y.length && !(t.name in last)) last[t.name] = Number(t.y[t.y.length - 1]);
    });
  });
  // components/page.py: a link made with an earlier release can show that release's figures, on request
  const linked = document.body.innerText.includes('You are looking at an earlier data release');
  return {metrics, last, linked};
}"""


@dataclass
class Results:
    timings: dict[str, list[float]] = field(default_factory=lambda: {"page switch": [], "widget change": [],
                                                                      "first load": []})
    errors: list[str] = field(default_factory=list)
    noops: int = 0
    actions: int = 0
    overview_reads: list[dict] = field(default_factory=list)
    refreshed_at: float | None = None
    mixes: list[str] = field(default_factory=list)
    cut_off: int = 0
    cut_off_while: list[str] = field(default_factory=list)  # what each cut-off session was waiting for
    socket_closes: list = field(default_factory=list)
    final_checks: int = 0
    chose_linked: int = 0
    lost_clicks: int = 0
    overview_gone: list[str] = field(default_factory=list)  # reads that found another page (check_overview)
    warm_up: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    wall: float = 0.0

    def percentile(self, kind: str, q: float) -> float | None:
        values = sorted(self.timings[kind])
        if not values:
            return None
        return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]

    def summary(self) -> str:
        lines = [f"{'action':<15} {'n':>5} {'p50 s':>7} {'p95 s':>7} {'max s':>7}"]
        for kind, values in self.timings.items():
            if values:
                lines.append(f"{kind:<15} {len(values):>5} {statistics.median(values):>7.2f} "
                             f"{self.percentile(kind, 0.95):>7.2f} {max(values):>7.2f}")
        all_renders = self.timings["page switch"] + self.timings["widget change"]
        if all_renders:
            ordered = sorted(all_renders)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            lines.append(f"{'all re-renders':<15} {len(ordered):>5} {statistics.median(ordered):>7.2f} "
                         f"{p95:>7.2f} {max(ordered):>7.2f}")
        states = {}
        for read in self.overview_reads:
            states[read["state"]] = states.get(read["state"], 0) + 1
        lines.append(f"actions {self.actions} (no run started: {self.noops}; clicks made again after "
                     f"{LIMITS.noop_after_ms // 1000} s with no run: {self.lost_clicks}); errors {len(self.errors)}; "
                     f"overview reads by (unrwa, idmc) data: {states or 'none'} (another page by then: "
                     f"{len(self.overview_gone)}); mixed pages {len(self.mixes)}; "
                     f"sessions cut off {LIMITS.grace_s:.0f} s after the deadline: {self.cut_off}; "
                     f"warm-up {self.warm_up:.0f} s; "
                     f"websockets closed by the server: {len(self.socket_closes)}")
        if self.cpu:
            lines.append(f"CPU seconds over the {self.wall:.0f} s measured: streamlit server "
                         f"{self.cpu['server']:.0f}, Chromium {self.cpu['browser']:.0f} ({os.cpu_count()} CPUs)")
        return "\n".join(lines)


# --- the server -------------------------------------------------------------------------------------

def server_errors(log_path: Path) -> list[str]:
    """Lines of the server's output that report an error (a traceback, an exception, an ERROR log)."""
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    return [line.strip()[:300] for line in text.splitlines()
            if re.search(r"Traceback|Error|Exception|ERROR|CRITICAL", line)]


# --- CPU used by the server and by the browser (both are children of this process) -------------------

def cpu_seconds() -> dict[str, float]:
    """User+system CPU seconds of this process's descendants, by kind (server, browser, driver)."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, info = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        parent[int(entry.name)] = int(fields[1])
        # own time and that of children already reaped (Chromium's renderers come and go)
        info[int(entry.name)] = (sum(int(f) for f in fields[11:15]) / tick, command)
    totals = {"server": 0.0, "browser": 0.0, "driver": 0.0}
    for pid, (seconds, command) in info.items():
        ancestor = parent.get(pid)
        while ancestor and ancestor != os.getpid():
            ancestor = parent.get(ancestor)
        if ancestor != os.getpid():
            continue
        kind = "server" if "streamlit" in command else "browser" if "chrom" in command else "driver"
        totals[kind] += seconds
    return totals


# --- the altered release ---------------------------------------------------------------------------

def write_doubled_release(store_root: Path) -> None:
    """A new release of unrwa and idmc in the store: the snapshot's tables with every figure x2."""
    from displacement import config
    from displacement.storage import store
    for source_id, columns in CHANGED_SOURCES.items():
        release = store.current_release(config.SNAPSHOT_DIR, source_id)
        tables = {}
        for name in release.table_names():
            table = release.table(name)
            for column in columns:
                if column in table:
                    table[column] = table[column] * FACTOR
            tables[name] = table
        manifest = {k: v for k, v in release.manifest.items() if k not in ("tables", "checksum", "source_id")}
        manifest["release"] = f"{manifest.get('release')} (figures x{FACTOR}, concurrency test)"
        store.write_release(store_root, source_id, tables, manifest, datetime.now(UTC))


def expected_figures() -> dict:
    """Latest-year figures old and new, as the overview formats them (labels.short_millions/millions)."""
    from components import labels
    from displacement import config
    from displacement.storage.datasets import (
        HEADLINE_COMPONENTS,
        headline_totals,
        open_datasets,
    )
    data = open_datasets(store_root=Path(tempfile.mkdtemp()), snapshot_root=config.SNAPSHOT_DIR)
    totals = headline_totals(data)
    latest = totals.iloc[-1]
    values = {c: int(latest[c]) for c in HEADLINE_COMPONENTS}
    old_sum = sum(values.values())
    sums = {}
    for u in ("old", "new"):
        for i in ("old", "new"):
            extra = (FACTOR - 1) * ((values["palestine_refugees"] if u == "new" else 0)
                                    + (values["idps_conflict"] if i == "new" else 0))
            sums[labels.millions(old_sum + extra)] = (u, i)
    return {
        "cards": {"unrwa": {labels.short_millions(values["palestine_refugees"]): "old",
                            labels.short_millions(values["palestine_refugees"] * FACTOR): "new"},
                  "idmc": {labels.short_millions(values["idps_conflict"]): "old",
                           labels.short_millions(values["idps_conflict"] * FACTOR): "new"}},
        "chart": {"unrwa": {values["palestine_refugees"]: "old", values["palestine_refugees"] * FACTOR: "new"},
                  "idmc": {values["idps_conflict"]: "old", values["idps_conflict"] * FACTOR: "new"}},
        "sums": sums,
    }


def classify(read: dict, expected: dict) -> tuple[str, list[str]]:
    """('unrwa-old/idmc-new' style state, problems) for one overview read."""
    problems, states = [], {}
    for source_id, label in CARDS.items():
        card = expected["cards"][source_id].get(read["metrics"].get(label, "?"), "?")
        chart_value = read["last"].get(label)
        if chart_value is None:  # the series is not drawn (a reader took it out of the chart): nothing to compare
            chart = card
        else:
            chart = expected["chart"][source_id].get(None if math.isnan(chart_value) else int(chart_value), "?")
        if card != chart or card == "?":
            problems.append(f"{source_id}: card {read['metrics'].get(label)!r} ({card}) "
                            f"vs chart {chart_value} ({chart})")
        states[source_id] = card
    sum_cards = [v for k, v in read["metrics"].items() if k.startswith("Sum of the five") or "computed" in k]
    if sum_cards:
        combo = expected["sums"].get(sum_cards[0])
        if combo != (states["unrwa"], states["idmc"]):
            problems.append(f"sum card {sum_cards[0]!r} is {combo}, the cards say {states}")
    return f"unrwa-{states['unrwa']}/idmc-{states['idmc']}", problems


# --- one session -----------------------------------------------------------------------------------

async def wait_idle(page, timeout_ms: int | None = None) -> None:
    timeout_ms = timeout_ms or LIMITS.action_ms
    await page.wait_for_selector('[data-testid="stHeading"], [data-testid="stException"]', timeout=timeout_ms)
    await page.wait_for_function(f"() => ({STATE})() === 'notRunning'", timeout=timeout_ms)


def address_of(url: str) -> str:
    """The page's path and query, as a reader would quote it."""
    return url.split("/", 3)[-1][:100]


def page_of(url: str) -> str:
    path = url.split("://", 1)[-1].split("/", 1)[1] if url.count("/") > 2 else ""
    name = path.split("?", 1)[0].strip("/")
    return name if name in PAGES else "overview"


class Skip(Exception):
    """The chosen widget offered nothing to change."""


class Runs:
    """The script runs one browser context asks for and the server reports: when the browser sent a
    rerun request (BackMsg.rerun_script) and when and how each run finished (ForwardMsg.script_finished),
    read from Streamlit's websocket. The DOM alone is not enough: a busy browser can apply 'running' and
    'not running' in one render, so the page never shows it."""

    def __init__(self, page) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        self.finished: list[tuple[float, int]] = []
        self.asked: list[float] = []
        self.last_message = time.monotonic()
        self.lost_clicks = 0
        self._message, self._success, self._request = ForwardMsg, ForwardMsg.FINISHED_SUCCESSFULLY, BackMsg
        page.on("websocket", self._watch)

    def _watch(self, websocket) -> None:
        websocket.on("framereceived", self._frame)
        websocket.on("framesent", self._sent)

    def _sent(self, payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        request = self._request()
        try:
            request.ParseFromString(bytes(payload))
        except Exception:
            return
        if request.WhichOneof("type") == "rerun_script":
            self.asked.append(time.monotonic())

    def _frame(self, payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        message = self._message()
        try:
            message.ParseFromString(bytes(payload))
        except Exception:
            return
        self.last_message = time.monotonic()
        if message.WhichOneof("type") == "script_finished":
            self.finished.append((time.monotonic(), message.script_finished))

    def since(self, moment: float) -> str:
        """What the server said after a moment: how its runs finished, and when it last sent anything."""
        ends = [self._message.ScriptFinishedStatus.Name(status) for t, status in self.finished if t >= moment]
        return (f"runs finished since: {', '.join(ends) or 'none'}; "
                f"last message {time.monotonic() - self.last_message:.0f} s ago")

    def succeeded_since(self, moment: float) -> bool:
        return any(t >= moment and status == self._success for t, status in self.finished)

    def any_since(self, moment: float) -> bool:
        return any(t >= moment for t, _ in self.finished)

    def asked_since(self, moment: float) -> bool:
        return any(t >= moment for t in self.asked)


async def timed(page, runs: Runs, act) -> float | None:
    """Seconds from the change until the server has finished the run it started and the page shows
    Streamlit's script state idle again; None when the change started no run at all. An action's
    `prepare` step (opening a select box's list) runs before the clock starts: choosing from an open
    list is the change, opening it is not part of the re-render."""
    timeout_ms = LIMITS.action_ms
    await page.wait_for_function(f"() => ({STATE})() === 'notRunning'", timeout=timeout_ms)
    began = await _prepared_and_done(page, act)
    if began is None:
        return None
    clicks = 1
    while not runs.succeeded_since(began):
        waited = time.monotonic() - began
        # Only a click after which the browser asked for no run can have done nothing: how long the
        # server then takes is limited by action_ms alone.
        if (waited > clicks * LIMITS.noop_after_ms / 1000 and not runs.asked_since(began)
                and not runs.any_since(began)):
            if clicks > RETRIES:
                return None
            # A starved browser can lose a click (the element re-rendered under the pointer): again.
            runs.lost_clicks += 1
            clicks += 1
            if await _prepared_and_done(page, act) is None:  # the clock keeps running from the first try
                return None
            continue
        if waited > timeout_ms / 1000:
            raise TimeoutError(f"no run finished within {timeout_ms / 1000:.0f} s of the click")
        await asyncio.sleep(0.05)
    await page.wait_for_function(f"() => ({STATE})() === 'notRunning'", timeout=timeout_ms)
    return time.monotonic() - began


async def _prepared_and_done(page, act) -> float | None:
    """Run the action's preparation, then the action; the moment the action began, or None (Skip)."""
    await close_lists(page)
    try:
        if getattr(act, "prepare", None):
            await act.prepare()
        began = time.monotonic()
        await act()
    except Skip:
        return None
    return began


async def stable_read(page) -> dict:
    """The overview's cards and chart once two reads 400 ms apart agree (React and Plotly draw after
    the script is done; a half-drawn page is not a mixed one)."""
    read, end = await page.evaluate(READ_OVERVIEW, list(CARDS.values())), time.monotonic() + LIMITS.stable_read_s
    while time.monotonic() < end:
        await page.wait_for_timeout(400)
        again = await page.evaluate(READ_OVERVIEW, list(CARDS.values()))
        if again == read:
            return read
        read = again
    return read


# Filters are in the page's main area: the sidebar holds the navigation and the language menu, and a session
# that switched language would read the overview's figures in other words than the ones it checks.
MAIN = '[data-testid="stMain"] '
WIDGETS = [  # (selector of things that change a filter when clicked, how to act on one)
    (MAIN + '[data-testid="stButtonGroup"] button[role="radio"][aria-checked="false"]', "click"),
    (MAIN + '[data-testid="stCheckbox"] label', "click"),
    (MAIN + '[data-testid="stRadio"] label:not(:has(input:checked))', "click"),
    (MAIN + '[data-testid="stSelectbox"]', "select"),
    (MAIN + '[data-testid="stSlider"] [role="slider"]', "key"),
]


async def close_lists(page) -> None:
    """Close an open drop-down list: left open, it would swallow the next click (a click outside
    closes it and does nothing else)."""
    listbox = page.locator('[role="listbox"]')
    for _ in range(3):
        if not await listbox.filter(visible=True).count():
            return
        await page.keyboard.press("Escape")
        await page.wait_for_timeout(300)


async def change_a_widget(page, rng: random.Random):
    """A random filter change on the current page; returns an async action, or None if none exists."""
    choices = []
    for selector, how in WIDGETS:  # only what a reader can see (not inside a closed expander)
        count = await page.locator(selector).filter(visible=True).count()
        choices += [(selector, how, i) for i in range(count)]
    if not choices:
        return None
    selector, how, index = rng.choice(choices)
    target = page.locator(selector).filter(visible=True).nth(index)

    options = page.locator('[role="option"][aria-selected="false"]')
    key = []

    async def prepare():  # before the clock: focus the slider, or open the select box's list
        if how == "key":
            await target.focus(timeout=LIMITS.prepare_ms)
            end = await target.evaluate("e => { const v = e.getAttribute('aria-valuenow'); "
                                        "return v === e.getAttribute('aria-valuemax') ? 'max' : "
                                        "v === e.getAttribute('aria-valuemin') ? 'min' : ''; }")
            key[:] = [{"max": "ArrowLeft", "min": "ArrowRight"}.get(end) or rng.choice(["ArrowLeft", "ArrowRight"])]
        elif how == "select":
            # Streamlit's select box is a combo box: clicking its text field only focuses it, its
            # button opens the list (older select boxes have no such button and open on a click).
            opener = target.locator('button[aria-haspopup="listbox"]')
            await (opener if await opener.count() else target).click(timeout=LIMITS.prepare_ms)
            try:  # the list opening is the browser's own reaction: as patient as for a click's request
                await page.locator('[role="option"]').filter(visible=True).first.wait_for(
                    timeout=LIMITS.noop_after_ms)
                offered = await options.count()
            except Exception:
                offered = 0
            if not offered:  # nothing else to choose (or no list): do something else
                await close_lists(page)
                raise Skip()

    async def act():  # the change itself
        if how == "click":
            await target.click(timeout=LIMITS.action_ms)
        elif how == "key":
            await page.keyboard.press(key[0])
        else:
            count = await options.count()
            await options.nth(rng.randrange(min(count, 12))).click(timeout=LIMITS.action_ms)

    act.prepare = prepare
    act.description = f"{how} on {selector} #{index}"
    return act


async def check_overview(page, results: Results, expected: dict, index: int) -> dict | None:
    """Read the overview and classify it; the read, or None when another page had replaced it."""
    labels = list(CARDS.values())
    await page.wait_for_function(
        """labels => { const p = document.querySelector('.js-plotly-plot');
                       const shown = Array.from(document.querySelectorAll('[data-testid="stMetricLabel"]'))
                                          .map(e => e.innerText.trim());
                       return p && p._fullData && labels.every(l => shown.includes(l)); }""",
        arg=labels, timeout=LIMITS.action_ms)
    read = await stable_read(page)
    where = address_of(page.url)
    if not any(label in read["metrics"] for label in labels) and page_of(page.url) != "overview":
        # Under load a rerun asked for on the previous page can run after the switch to the overview
        # and bring that page back: nothing of the overview is shown, so nothing to classify.
        results.overview_gone.append(f"session {index}: {where}")
        return None
    state, problems = classify(read, expected)
    results.overview_reads.append({"state": state, "t": time.monotonic(), "session": index,
                                   "linked": read.get("linked", False)})
    results.mixes += [f"session {index}: {p} ({where})" for p in problems]
    return results.overview_reads[-1]


def _first_and_last_lines(text: str) -> str:
    """A Playwright error's first line and the end of its call log (what it waited for, and why)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(lines[:1] + lines[-3:] if len(lines) > 4 else lines)[:500]


def _where(error) -> str:
    """The first frames of a browser error's stack, to name the code that threw."""
    frames = [line.strip() for line in (getattr(error, "stack", "") or "").splitlines()[1:4]]
    return " < ".join(frames) or "no stack"


async def final_check(page, runs, results: Results, expected: dict, index: int, error) -> None:
    """After the refresh every session must show the new release on its next run of the overview.
    A second try when another page replaced the overview before it was read (see check_overview)."""
    await wait_idle(page)
    for _ in range(2):
        if page_of(page.url) != "overview":
            link = page.locator('[data-testid="stSidebarNavLink"]').nth(PAGES.index("overview"))
            seconds = await timed(page, runs, lambda link=link: link.click(timeout=LIMITS.action_ms))
        else:  # already there: change its start year, which reruns it
            button = page.locator('[data-testid="stButtonGroup"] button[role="radio"][aria-checked="false"]'
                                  ).filter(visible=True).first
            seconds = await timed(page, runs, lambda button=button: button.click(timeout=LIMITS.action_ms))
        if seconds is None:
            connection = await page.evaluate("() => document.querySelector('[data-testid=stApp]')"
                                             ".getAttribute('data-test-connection-state')")
            error(f"the final run of the overview did not start ({page.url}; {connection}; "
                  f"{len(runs.finished)} runs finished in this session)")
        last = await check_overview(page, results, expected, index)
        if last is not None:
            break
    else:
        error("the overview was replaced by another page twice before its final read")
        return
    if last["state"] != "unrwa-new/idmc-new" and not last["linked"]:
        error(f"after the refresh the overview still shows {last['state']}")
    if last["linked"]:
        results.chose_linked += 1
    results.final_checks += 1


class Plan:
    """When the sessions stop and when the refresh lands.

    By the clock (the benchmark): each session works for `seconds`, and the refresh lands at
    `refresh_at` of them. By counts (the pass/fail test): each session makes `actions` changes, and the
    refresh lands once every session has made `refresh_after` of them, so it falls while all of them are
    at work however slow the machine is. Either way each session then checks the overview once more."""

    def __init__(self, sessions: int, seconds: float | None = None, refresh_at: float | None = 0.5,
                 actions: int | None = None, refresh_after: int | None = None) -> None:
        self.seconds, self.actions = seconds, actions
        self.refresh_at, self.refresh_after = refresh_at, refresh_after
        self.refreshes = refresh_at is not None if actions is None else refresh_after is not None
        self.made = [0] * sessions
        self.deadline: float | None = None
        self.all_made = asyncio.Event()  # count mode: every session made refresh_after changes (or ended)
        self.refreshed = asyncio.Event()

    def start(self) -> float:
        started = time.monotonic()
        self.deadline = started + self.seconds if self.actions is None else None
        return started

    def more(self, index: int) -> bool:
        if self.actions is None:
            return time.monotonic() < self.deadline
        return self.made[index] < self.actions

    def count(self, index: int, ended: bool = False) -> None:
        self.made[index] = math.inf if ended else self.made[index] + 1
        if self.refresh_after is not None and min(self.made) >= self.refresh_after:
            self.all_made.set()

    async def until_refresh(self) -> None:
        if self.actions is None:
            await asyncio.sleep(self.seconds * self.refresh_at)
        else:
            await self.all_made.wait()

    def cut_off_at(self, started: float) -> float:
        return (self.deadline or started) + LIMITS.grace_s


def _watch(page, results: Results, index: int, closing: list[bool]):
    """Record the page's errors as the session's; the function that records one more."""
    def error(text: str) -> None:
        results.errors.append(f"session {index}: {text}"[:600])
    page.on("console", lambda m: error(f"console: {m.text}") if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: error(f"page error: {e} | at {_where(e)}"))
    page.on("response", lambda r: error(f"{r.status} {r.url}") if r.status >= 400
            and not STREAMLIT_PROBE.search(r.url) else None)
    page.on("requestfailed", lambda r: error(f"failed {r.url} {r.failure}")
            if not closing[0] and not STREAMLIT_PROBE.search(r.url) else None)
    page.on("websocket", lambda ws: ws.on("close", lambda _: results.socket_closes.append(
        (index, round(time.monotonic(), 1))) if not closing[0] else None))
    return error


async def one_change(page, runs: Runs, rng: random.Random, current: str, waiting: list) -> tuple | None:
    """A page switch or a filter change, timed: (seconds or None, kind); None when nothing could change."""
    if rng.random() < 0.45:
        # any other page; the overview twice as often, as it is the one checked for mixed data
        target = rng.choice([p for p in [*PAGES, "overview"] if p != current])
        link = page.locator('[data-testid="stSidebarNavLink"]').nth(PAGES.index(target))
        waiting[:] = [f"page switch to {target}", time.monotonic()]
        return await timed(page, runs, lambda: link.click(timeout=LIMITS.action_ms)), "page switch"
    act = await change_a_widget(page, rng)
    if act is None:
        return None
    waiting[:] = [act.description, time.monotonic()]
    return await timed(page, runs, act), "widget change"


async def change_and_check(page, runs: Runs, rng: random.Random, current: str, waiting: list, context: tuple) -> str:
    """One change (page or filter), recorded; the overview it lands on is read and classified. Returns the
    page now shown."""
    index, plan, results, expected, error = context
    change = await one_change(page, runs, rng, current, waiting)
    if change is None:
        return current
    (seconds, kind), current = change, page_of(page.url)
    if TRACE:
        print(f"session {index}: {kind} -> {seconds if seconds is None else round(seconds, 2)} "
              f"now {address_of(page.url)} ({len(runs.finished)} runs)", flush=True)
    results.actions += 1
    plan.count(index)
    if seconds is None:
        results.noops += 1
    else:
        results.timings[kind].append(seconds)
    if await page.locator('[data-testid="stException"]').count():
        error("stException: " + (await page.locator('[data-testid="stException"]').first.inner_text())[:200])
    if current == "overview" and expected is not None and seconds is not None:
        await check_overview(page, results, expected, index)
    return current


async def session(browser, url: str, index: int, plan: Plan, results: Results, expected: dict | None,
                  rng: random.Random) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    closing = [False]
    error = _watch(page, results, index, closing)
    runs = Runs(page)
    waiting = ["arriving", None]  # what the session waits for, and since when: reported if it is cut off
    try:
        await asyncio.sleep(index * STAGGER)  # visitors arrive one after another, not in one instant
        started = time.monotonic()
        current = PAGES[index % len(PAGES)]
        await page.goto(f"{url}/{'' if current == 'overview' else current}", timeout=LIMITS.action_ms)
        await wait_idle(page)
        results.timings["first load"].append(time.monotonic() - started)
        if current == "overview" and expected is not None:
            await check_overview(page, results, expected, index)
        while plan.more(index):
            await asyncio.sleep(rng.uniform(*THINK))
            current = await change_and_check(page, runs, rng, current, waiting, (index, plan, results, expected, error))
        if expected is not None and plan.refreshes:
            waiting[:] = ["the refresh", time.monotonic()]
            plan.count(index, ended=True)
            await plan.refreshed.wait()
            waiting[:] = ["final check", time.monotonic()]
            await final_check(page, runs, results, expected, index, error)
    except asyncio.CancelledError:
        results.cut_off += 1
        what, since = waiting
        since = f", for {time.monotonic() - since:.0f} s ({runs.since(since)})" if since is not None else ""
        results.cut_off_while.append(f"session {index}: {what} on {page_of(page.url)}{since}")
    except Exception as exc:
        error(f"{type(exc).__name__} on {address_of(page.url)}: {_first_and_last_lines(str(exc))}")
    finally:
        plan.count(index, ended=True)
        results.lost_clicks += runs.lost_clicks
        closing[0] = True
        try:
            await asyncio.shield(context.close())
        except (asyncio.CancelledError, Exception):
            pass


async def warm_up(browser, url: str) -> None:
    """One visit to every page, so the measured sessions find the server as it is after its first users."""
    context = await browser.new_context()
    page = await context.new_page()
    for name in PAGES:
        await page.goto(f"{url}/{'' if name == 'overview' else name}", timeout=LIMITS.action_ms)
        await wait_idle(page)
    await context.close()


async def refresh_when_planned(plan: Plan, store_root: Path, results: Results) -> None:
    await plan.until_refresh()
    await asyncio.to_thread(write_doubled_release, store_root)
    results.refreshed_at = time.monotonic()
    plan.refreshed.set()


async def run_sessions(url: str, plan: Plan, store_root: Path | None, seed: int = 1) -> Results:
    from playwright.async_api import async_playwright
    results = Results()
    expected = expected_figures() if store_root is not None else None
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.monotonic()
        await warm_up(browser, url)  # a server that has been up: each page's tables already cached
        results.warm_up = time.monotonic() - started
        started, cpu_before = plan.start(), cpu_seconds()
        tasks = [asyncio.create_task(session(browser, url, i, plan, results, expected, random.Random(seed + i)))
                 for i in range(len(plan.made))]
        refresher = (asyncio.create_task(refresh_when_planned(plan, store_root, results))
                     if store_root is not None and plan.refreshes else None)
        _, pending = await asyncio.wait(tasks, timeout=max(0.0, plan.cut_off_at(started) - time.monotonic()))
        for task in [*pending, *([refresher] if refresher and not refresher.done() else [])]:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        cpu_after = cpu_seconds()
        results.cpu = {k: cpu_after[k] - cpu_before.get(k, 0) for k in cpu_after}
        results.wall = time.monotonic() - started
        await browser.close()
    return results


def run(sessions: int = 20, seconds: float | None = 90, refresh: bool = True, refresh_at: float = 0.5, *,
        actions: int | None = None, refresh_after: int | None = None, limits: Limits | None = None) -> Results:
    """Start the app on a fresh store, run the sessions (see Plan), stop it; server errors count as errors."""
    global LIMITS
    LIMITS = limits or Limits()
    plan = Plan(sessions, seconds, refresh_at if refresh else None, actions, refresh_after if refresh else None)
    with tempfile.TemporaryDirectory() as folder:
        store_root, log = Path(folder) / "store", Path(folder) / "server.log"
        store_root.mkdir()  # DISPLACEMENT_STORE must name a folder that exists
        env = {"DISPLACEMENT_STORE": str(store_root), "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full"}
        with streamlit_server(env, log_path=log) as url:  # the log is read back for server errors
            results = asyncio.run(run_sessions(url, plan, store_root))
        results.errors += [f"server: {line}" for line in server_errors(log)]
        return results
