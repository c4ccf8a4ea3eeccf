"""Browsing while many PDF briefs are asked for at once: does one kind of viewer stall the others?

    python benchmarks/heavy_work.py [--readers 2] [--briefs 20] [--seconds 60]

For each setting of `heavy_at_once` (components/heavy_work.py: 1, the default, then 32, i.e. no bound) a new
`streamlit run app.py` process, warmed as in benchmarks/capacity.py. Readers browse as there (a view in a new
session, 2-6 s apart); --briefs sessions have opened the overview beforehand. For the first third of
--seconds the readers browse alone (the baseline); then the brief sessions all ask for the overview's PDF
brief at the same moment, as colleagues would after one e-mail, and the readers go on until the last
brief has arrived. All over Streamlit's websocket (components/stream_client.py), as a browser does;
the brief is built by the server when asked (a deferred download) and fetched from the address it answers.
Reported: the readers' p50 and p95 before and during the briefs, and how long the briefs took.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]

from capacity import percentile, prepared_server, viewer

from components.stream_client import Session

BRIEF = "Download a PDF brief of this view"


def ask_for_brief(url: str, ready: threading.Semaphore, start: threading.Event, seconds: list, errors: list):
    try:
        with Session(url, timeout=900) as session:
            file_id = session.run("").downloads[BRIEF]
            ready.release()
            start.wait()
            began = time.perf_counter()
            pdf = session.download(file_id)
            if not pdf.startswith(b"%PDF"):
                raise RuntimeError("the brief is not a PDF")
            seconds.append(time.perf_counter() - began)
    except Exception as error:  # counted and reported, never hidden
        errors.append(f"{type(error).__name__}: {error}")
        ready.release()


def one_setting(at_once: int, readers: int, briefs: int, seconds: float) -> dict:
    import os
    os.environ["DISPLACEMENT_HEAVY_AT_ONCE"] = str(at_once)  # the server inherits it
    with tempfile.TemporaryDirectory() as store:
        server, url, _ = prepared_server(store)
        try:
            stop, start, ready, times, errors, brief_times = (threading.Event(), threading.Event(),
                                                              threading.Semaphore(0), [], [], [])
            asking = [threading.Thread(target=ask_for_brief, args=(url, ready, start, brief_times, errors))
                      for _ in range(briefs)]
            for thread in asking:  # the brief sessions open their page first, and ask later
                thread.start()
            for _ in asking:
                ready.acquire()
            browsing = [threading.Thread(target=viewer, args=(url, n, stop, (2.0, 6.0), times, errors))
                        for n in range(readers)]
            for thread in browsing:
                thread.start()
            time.sleep(seconds / 3)
            before = len(times)
            start.set()
            for thread in asking:
                thread.join()
            during = len(times)
            stop.set()
            for thread in browsing:
                thread.join()
        finally:
            server.__exit__(None, None, None)
    alone, loaded = [t for _, t in times[:before]], [t for _, t in times[before:during]]
    return {"at_once": at_once, "alone": alone, "loaded": loaded, "briefs": brief_times, "errors": errors}


def report(result: dict) -> str:
    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} / {percentile(values, 0.95):.2f} (n={len(values)})" if values else "-"
    return (f"| {result['at_once']} | {cell(result['alone'])} | {cell(result['loaded'])} | {cell(result['briefs'])} "
            f"| {max(result['briefs'], default=float('nan')):.1f} | {len(result['errors'])} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--briefs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    print("| heavy_at_once | readers alone: p50 / p95 (s) | readers during the briefs: p50 / p95 (s) "
          "| briefs: p50 / p95 (s) | last brief (s) | errors |\n|---:|---|---|---|---:|---:|")
    for at_once in (1, 32):
        result = one_setting(at_once, args.readers, args.briefs, args.seconds)
        print(report(result), flush=True)
        for error in result["errors"][:5]:
            print("   ", error)


if __name__ == "__main__":
    main()
