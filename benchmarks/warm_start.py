"""First visit against second, per page, on a server just started: with its warm start (components/warm_start.py)
and without it (DISPLACEMENT_WARM_START=false, the baseline), in the same run.

    python benchmarks/warm_start.py [--repeats 3]

For each page and mode a new server is started on an empty store; once it answers (and, with warm start,
once its log says the warm-up is done) a viewer opens the page in a new session, then a second viewer in
another new session. Each time is the server's run: from the page request sent over Streamlit's websocket
(components/stream_client.py, what a browser sends) to the server's script_finished, so the browser's own
drawing is left out. Medians per page; the ratio first / second is what the issue asks to bring to 1.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from components.navigation import PAGES
from components.stream_client import Session
from harness.browser import WARM_START_LINE, streamlit_server, wait_for_log_line

MODES = {"warm start": "true", "no warm start": "false"}


def first_and_second(address: str, warm: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as store:
        log_path = Path(store) / "server.log"
        with streamlit_server({"DISPLACEMENT_STORE": store, "DISPLACEMENT_WARM_START": warm},
                              log_path=log_path) as url:
            if warm == "true":
                wait_for_log_line(log_path, WARM_START_LINE)
            seconds = []
            for _ in range(2):
                with Session(url) as viewer:
                    seconds.append(viewer.run(address).seconds)
    return seconds[0], seconds[1]


def measure(repeats: int) -> dict[str, dict[str, list[tuple[float, float]]]]:
    times = {mode: {page.name: [] for page in PAGES} for mode in MODES}
    for _ in range(repeats):
        for page in PAGES:
            for mode, warm in MODES.items():
                times[mode][page.name].append(first_and_second(page.address, warm))
    return times


def report(times: dict) -> None:
    print("| page | " + " | ".join(f"{mode}: first (s) | second (s) | first / second" for mode in MODES) + " |")
    print("|---|" + "---:|---:|---:|" * len(MODES))
    ratios = {mode: [] for mode in MODES}
    for page in PAGES:
        cells = []
        for mode in MODES:
            first = statistics.median(pair[0] for pair in times[mode][page.name])
            second = statistics.median(pair[1] for pair in times[mode][page.name])
            ratios[mode].append(first / second)
            cells.append(f"{first:.2f} | {second:.2f} | {first / second:.2f}")
        print(f"| {page.title} | " + " | ".join(cells) + " |")
    for mode, values in ratios.items():
        print(f"{mode}: median first / second over the pages {statistics.median(values):.2f}, "
              f"worst {max(values):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    report(measure(parser.parse_args().repeats))


if __name__ == "__main__":
    main()
