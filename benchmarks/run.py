"""All the dashboard's benchmarks in one table, against their targets and a baseline from the same run.

    python benchmarks/run.py [--repeats 9] [--markdown] [--shared-data ../shared/data]

- cold start to first chart: `streamlit run app.py` vs a bare Streamlit app with one Plotly chart
  (benchmarks/bare_app.py), process start -> `.js-plotly-plot .main-svg` visible (benchmarks/cold_start.py);
- re-render per page: a filter change (segmented control, checkbox, radio, select box or slider, chosen
  with a fixed seed) -> the server's run finished and Streamlit's status idle, one browser session, median;
- snapshot load time and peak memory (benchmarks/snapshot.py): open the bundled snapshot, read every
  table and the headline series; baseline: pandas reading the same parquet files / a process that only
  imports pandas and pyarrow;
- full snapshot build from the real bulk files (baseline: only reading the UNHCR CSV files);
- rows per second through validation and reshaping: displacement.ingest.pipeline.build(population) on the
  real population.csv (UNHCR's R package export), the CSV read beforehand and not timed.
Timings are medians unless the row says otherwise. Nothing here is pass/fail: the table says
whether each target is met.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
sys.path[:0] = [str(REPO), str(BENCH)]

import cold_start
import snapshot as snapshot_bench

from harness import concurrency  # not benchmarks/concurrency.py, which this folder on sys.path would find first
from harness.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server

PAGES = concurrency.PAGES


def machine() -> str:
    import streamlit
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory / 1024:.1f} GiB memory, Python {platform.python_version()}, "
            f"Streamlit {streamlit.__version__}, {platform.system()} {platform.release()}; "
            f"load average at start {load}; {date.today().isoformat()}")


def median_of(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# --- re-render per page ------------------------------------------------------------------------------

async def rerender_per_page(changes: int, seed: int = 7) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright
    rng = random.Random(seed)
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as store, streamlit_server({"DISPLACEMENT_STORE": store}) as url:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            await concurrency.warm_up(browser, url)
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await context.new_page()
            runs = concurrency.Runs(page)
            for name in PAGES:
                times[name] = []
                await page.goto(f"{url}/{'' if name == 'overview' else name}", timeout=120_000)
                await concurrency.wait_idle(page)
                await page.wait_for_timeout(1500)  # charts drawn before the first change
                for _ in range(changes * 3):  # some picks change nothing; stop at `changes` measured
                    if len(times[name]) >= changes or concurrency.page_of(page.url) != name:
                        break
                    act = await concurrency.change_a_widget(page, rng)
                    if act is None:
                        break
                    seconds = await concurrency.timed(page, runs, act)
                    if seconds is not None:
                        times[name].append(seconds)
                    await page.wait_for_timeout(1000)
            await browser.close()
    return times


# --- pipeline throughput -------------------------------------------------------------------------------

def population_rows_per_second(shared: Path, repeat: int = 3) -> tuple[float, int, float]:
    from displacement.ingest import pipeline
    from displacement.ingest.bulk import read_bulk
    from displacement.sources import get_source
    raw, _ = read_bulk(get_source("population"), [shared / "unhcr_refugees_r_package"])
    seconds = median_of(lambda: pipeline.build(get_source("population"), raw, date(2026, 6, 25)), repeat)
    return len(raw) / seconds, len(raw), seconds


# --- the table -----------------------------------------------------------------------------------------

def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "meets" if value <= target else f"MISSES (+{(value / target - 1) * 100:.0f}%)"


def print_table(rows: list[tuple[str, str, str, str, str]], markdown: bool) -> None:
    header = ("measure", "measured", "target", "baseline", "verdict")
    if markdown:
        print("\n| measure | measured | target | baseline (same run) | verdict |\n|---|---:|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [*rows, header]) for i in range(5)]
    print()
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def cold_start_rows(repeats: int) -> list[tuple[str, str, str, str, str]]:
    cold = cold_start.measure(repeats)
    app, bare = statistics.median(cold["dashboard"]), statistics.median(cold["bare app"])
    ratio, target = app / bare, cold_start.TARGET
    floor = statistics.median(cold["bare app + pandas, pyarrow"]) / bare
    return [(f"cold start to first chart, dashboard (s, median of {repeats})", f"{app:.2f}", "",
             f"bare app {bare:.2f}", ""),
            ("cold start ratio dashboard / bare app", f"{ratio:.2f}", f"<= {target}", "1.00", verdict(ratio, target)),
            ("cold start ratio bare app importing pandas and pyarrow / bare app", f"{floor:.2f}", "", "1.00", "")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9, help="cold starts per app (default 9)")
    parser.add_argument("--changes", type=int, default=6, help="filter changes timed per page (default 6)")
    parser.add_argument("--shared-data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    print(machine(), flush=True)
    rows: list[tuple[str, str, str, str, str]] = []  # measure, measured, target, baseline, verdict

    rows.extend(cold_start_rows(args.repeats))
    rerender = asyncio.run(rerender_per_page(args.changes))
    everything = [t for values in rerender.values() for t in values]
    for name, values in rerender.items():
        if values:
            rows.append((f"re-render after a filter change: {name} (s, median of {len(values)})",
                         f"{statistics.median(values):.2f}", "<= 0.5", "", verdict(statistics.median(values), 0.5)))
        else:
            rows.append((f"re-render after a filter change: {name}", "no filter", "<= 0.5", "", ""))
    if everything:
        rows.append((f"re-render, all pages (s, median of {len(everything)}; max {max(everything):.2f})",
                     f"{statistics.median(everything):.2f}", "<= 0.5", "", verdict(statistics.median(everything), 0.5)))

    snapshot_bench.load_snapshot()  # warm the file cache for both
    load = median_of(snapshot_bench.load_snapshot, 5)
    direct = median_of(snapshot_bench.read_parquet_directly, 5)
    rows.append(("snapshot load (s, median of 5)", f"{load:.3f}", "<= 0.3", f"parquet only {direct:.3f}",
                 verdict(load, 0.3)))
    peak = snapshot_bench.peak_rss_mb(snapshot_bench.LOAD)
    imports = snapshot_bench.peak_rss_mb(snapshot_bench.BASELINE_IMPORTS)
    rows.append(("snapshot load peak RSS (MB, whole process)", f"{peak:.0f}", "<= 200", f"imports only {imports:.0f}",
                 verdict(peak, 200)))

    if args.shared_data.is_dir():
        build = median_of(lambda: snapshot_bench.build(args.shared_data), 1)
        csv_only = median_of(lambda: snapshot_bench.read_bulk_only(args.shared_data), 1)
        rows.append(("full snapshot build (s, one run)", f"{build:.1f}", "<= 10", f"reading the CSVs {csv_only:.1f}",
                     verdict(build, 10)))
        speed, count, seconds = population_rows_per_second(args.shared_data)
        rows.append((f"validation + reshaping, population.csv ({count:,} rows in {seconds:.2f} s)",
                     f"{speed:,.0f} rows/s", "", "", ""))

    print_table(rows, args.markdown)


if __name__ == "__main__":
    main()
