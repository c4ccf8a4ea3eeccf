"""How many viewers one dashboard process serves: sessions driven at the protocol level (Streamlit's websocket,
components/stream_client.py), so the browsers' own cost (173 of 209 CPU-seconds in the 20-browser run) is
not on the machine measured.

    python benchmarks/capacity.py [--levels 1 2 4 8 16 32] [--seconds 60] [--think 2 6]

One `streamlit run app.py` process on an empty store (the bundled snapshot), warmed by its own warm start and
then by one pass over VIEWS. At each level, N readers work at once for --seconds: each repeatedly opens a
view picked at random (a page and its link's parameters) in a new session, as a reader following links
does, and waits --think seconds (uniform) before the next. Each run is timed
from the request to the server's script_finished. Per level: runs, p50, p95 and max, the server process's
CPU-seconds and memory (VmRSS), and the load generator's own CPU-seconds.

Views differ in cost (0.5-1.2 s each on the slow machine of docs/benchmarks.md), so each run is also set
against its view's time alone (the median of 3 runs in new sessions on the idle server): the slowdown.
The bound is a p95 under 1 s, or, on a machine where a lone reader's p95 is already over it, a p95 under
1.5 times the lone reader's (the first level): viewers then wait for one another by less than half a
view's time. The capacity is the largest level within the bound; levels stop once p95 passes 5 s.
Streamlit options go to the server as environment variables, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from components.stream_client import Session
from harness.browser import WARM_START_LINE, streamlit_process, wait_for_log_line

# (page's url path, query string): every page, defaults and views a link or a filter gives.
VIEWS = [("", ""), ("", "since=1951"), ("", "change_since=2015"), ("trends", ""), ("trends", "scale=log"),
         ("trends", "measure=share"), ("countries", ""), ("countries", "year=2015"), ("countries", "count=all"),
         ("flows", ""), ("flows", "origin=UKR"), ("flows", "year=2020"), ("internal", ""), ("internal", "year=2020"),
         ("profile", ""), ("profile", "iso3=SDN"), ("profile", "iso3=UKR"), ("profile", "iso3=AFG"),
         ("compare", ""), ("demographics", ""), ("demographics", "year=2020"), ("projections", ""),
         ("projections", "iso3=SYR"), ("returns", ""), ("sources", "")]
P95_TARGET = 1.0
QUEUEING = 1.5  # the bound on a slow machine, as a multiple of a lone reader's p95
OVERLOADED = 5.0  # s: no further levels past a p95 this long


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks of 1/100 s


def rss_mb(pid: int) -> float:
    line = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def viewer(url: str, seed: int, stop: threading.Event, think: tuple[float, float], times: list, errors: list):
    """One reader following links: each view in a new session (as a link opened in a new tab), so a run costs
    what the same view costs alone, whatever the reader opened before (pages remember the last country)."""
    picker = random.Random(seed)
    while not stop.is_set():
        view = picker.choice(VIEWS)
        try:
            with Session(url, timeout=300) as session:
                run = session.run(*view)
        except Exception as error:  # a session cut off counts as an error of the level
            errors.append(f"{type(error).__name__}: {error}")
            return
        times.append((view, run.seconds))
        errors.extend(run.exceptions)
        stop.wait(picker.uniform(*think))


def level(url: str, pid: int, sessions: int, seconds: float, think: tuple[float, float], alone: dict) -> dict:
    stop, times, errors = threading.Event(), [], []
    cpu_before, own_before, started = process_cpu_seconds(pid), time.process_time(), time.monotonic()
    threads = [threading.Thread(target=viewer, args=(url, n, stop, think, times, errors)) for n in range(sessions)]
    for thread in threads:
        thread.start()
        time.sleep(min(0.2, seconds / 10 / sessions))  # arrivals spread, not one burst
    time.sleep(max(0.0, seconds - (time.monotonic() - started)))
    memory = rss_mb(pid)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    seconds_only, slowdowns = [t for _, t in times], [t / alone[view] for view, t in times]
    if not times:
        return {"sessions": sessions, "runs": 0, "errors": len(errors) + 1}
    return {"sessions": sessions, "runs": len(times), "errors": len(errors), "elapsed": elapsed,
            "p50": statistics.median(seconds_only), "p95": percentile(seconds_only, 0.95), "max": max(seconds_only),
            "slowdown_p95": percentile(slowdowns, 0.95),
            "server_cpu": process_cpu_seconds(pid) - cpu_before, "client_cpu": time.process_time() - own_before,
            "rss_mb": memory}


def prepared_server(store: str):
    """The server, once its warm start is done and every view has been opened once (backtests cached)."""
    log_path = Path(store) / "server.log"
    server = streamlit_process({"DISPLACEMENT_STORE": store}, log_path=log_path)
    url, process = server.__enter__()
    wait_for_log_line(log_path, WARM_START_LINE)
    with Session(url, timeout=600) as session:
        failed = [view for view in VIEWS if session.run(*view).exceptions]
    if failed:
        raise RuntimeError(f"views with an error: {failed}")
    return server, url, process


def alone_seconds(url: str) -> dict:
    """Each view's time with nothing else running: the median of 3 runs, each in a new session."""
    times = {}
    for view in VIEWS:
        runs = []
        for _ in range(3):
            with Session(url, timeout=600) as session:
                runs.append(session.run(*view).seconds)
        times[view] = statistics.median(runs)
    return times


HEADER = ("| sessions | runs | errors | p50 (s) | p95 (s) | max (s) | p95 slowdown | server CPU (s/s) "
          "| load generator CPU (s/s) | server memory (MB) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def row(r: dict) -> str:
    if not r["runs"]:
        return f"| {r['sessions']} | 0 | {r['errors']} | | | | | | | |"
    return (f"| {r['sessions']} | {r['runs']} | {r['errors']} | {r['p50']:.2f} | {r['p95']:.2f} | {r['max']:.2f} | "
            f"{r['slowdown_p95']:.2f} | {r['server_cpu'] / r['elapsed']:.2f} | {r['client_cpu'] / r['elapsed']:.2f} | "
            f"{r['rss_mb']:.0f} |")


def within_bound(r: dict, bound: float) -> bool:
    return r["runs"] > 0 and r["errors"] == 0 and r["p95"] <= bound


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32])
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--think", type=float, nargs=2, default=[2.0, 6.0])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as store:
        server, url, process = prepared_server(store)
        try:
            alone = alone_seconds(url)
            spread = sorted(alone.values())
            print(f"idle server: {rss_mb(process.pid):.0f} MB; views alone: median {statistics.median(spread):.2f} s, "
                  f"{spread[0]:.2f}-{spread[-1]:.2f} s", flush=True)
            print(HEADER, flush=True)
            within = previous = None
            bound = P95_TARGET
            for sessions in args.levels:
                r = level(url, process.pid, sessions, args.seconds, tuple(args.think), alone)
                print(row(r), flush=True)
                if sessions == args.levels[0] and r["runs"]:
                    bound = max(P95_TARGET, QUEUEING * r["p95"])
                if within_bound(r, bound) and within == previous:  # every level up to this one within
                    within = sessions
                previous = sessions
                if not r["runs"] or r["p95"] > OVERLOADED:
                    break
            print(f"capacity: {within} sessions per process (p95 under {bound:.2f} s)")
        finally:
            server.__exit__(None, None, None)


if __name__ == "__main__":
    main()
