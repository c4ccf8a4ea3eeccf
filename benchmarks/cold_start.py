"""Cold start: from starting `streamlit run` to the first chart drawn in headless Chromium, for the
dashboard and for a bare Streamlit app with one Plotly chart (benchmarks/bare_app.py), in the same run; and
for the bare app importing pandas and pyarrow first (benchmarks/bare_app_with_data_libraries.py), the
floor of any page that reads its data with them.

    python benchmarks/cold_start.py [--repeats 9]

Each repeat starts a new server process (the clock starts just before it), waits for its health
endpoint, opens a fresh browser context on "/" and stops the clock when `.js-plotly-plot .main-svg`
is visible. The browser is launched once beforehand and not counted. The apps alternate, after
one unmeasured start of each (so none pays for a cold OS file cache alone). Median per app.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from harness.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server

APPS = {"dashboard": "app.py", "bare app": "benchmarks/bare_app.py",
        "bare app + pandas, pyarrow": "benchmarks/bare_app_with_data_libraries.py"}
TARGET = 1.1  # dashboard / bare app (issue 17)
FIRST_CHART = ".js-plotly-plot .main-svg"


def start_to_chart(browser, app: str) -> float:
    with tempfile.TemporaryDirectory() as store:
        started = time.perf_counter()
        with streamlit_server({"DISPLACEMENT_STORE": store}, app=app) as url:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(url + "/", timeout=120_000)
            page.wait_for_selector(FIRST_CHART, state="visible", timeout=120_000)
            seconds = time.perf_counter() - started
            context.close()
    return seconds


def measure(repeats: int = 5) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright
    times: dict[str, list[float]] = {name: [] for name in APPS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for app in APPS.values():
            start_to_chart(browser, app)  # unmeasured
        for _ in range(repeats):
            for name, app in APPS.items():
                times[name].append(start_to_chart(browser, app))
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    times = measure(args.repeats)
    for name, values in times.items():
        print(f"{name:<26} median {statistics.median(values):.2f} s  ({', '.join(f'{v:.2f}' for v in values)})")
    bare = statistics.median(times["bare app"])
    for name in APPS:
        if name != "bare app":
            print(f"ratio {name} / bare app {statistics.median(times[name]) / bare:.2f}")
    print(f"target for the dashboard <= {TARGET}")


if __name__ == "__main__":
    main()
