"""Time and peak memory of one fetch under hostile responses, against a normal page in the same run.

    python benchmarks/hostile_network.py [--markdown]

Each case runs `unhcr.fetch_unhcr("unrwa/")` in its own process (so its peak resident memory is its
own) against harness/fake_apis.py on 127.0.0.1 with production limits (http.Limits: 32 MiB per body,
300 s per page, 1,800 s per source), except the never-ending bodies, whose page deadline is set to
10 s so the run ends (they end at the deadline whatever it is). Memory and time are given as
measured and as a ratio to the baseline case (a normal 5-row page) from the same run. Nothing here
is pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from harness import fake_apis as fa

DEADLINE_CASES = {"drip", "slow endless"}
CASES = {
    "baseline: a normal 5-row page": None,
    "a 10,000-row page (3.3 MB, a real page's size)": "page-10k",
    "a 150,000-row page (27.8 MB, under the 32 MiB cap)": "page-150k",
    "2 GB announced in Content-Length": "2gb",
    "an endless body, as fast as it is read": "endless",
    "a 6.4 MB gzip body expanding to 6 GiB": "bomb",
    "drip: 1 byte every 0.05 s for ever": "drip",
    "slow endless: a chunk every 0.2 s for ever": "slow endless",
    "JSON nested 200,000 deep": "deep",
}


def serve(apis: fa.FakeAPIs, case: str | None) -> None:
    from test_faults import huge_unrwa
    if case == "page-10k":
        apis.set_items("unrwa", huge_unrwa(10_000), per_page=10_000)
    elif case == "page-150k":
        apis.set_items("unrwa", huge_unrwa(150_000), per_page=150_000)
    elif case is not None:
        fault = {"2gb": fa.huge(2_000_000_000), "endless": fa.fast_endless, "bomb": fa.gzip_bomb(6 * 2**30),
                 "drip": fa.drip(0.05), "slow endless": fa.slow_endless(0.2), "deep": fa.deep_json(200_000)}[case]
        apis.inject(fault, api="unhcr", endpoint="unrwa")


def one(case: str | None) -> dict:
    """Run in the child: one fetch; its time, peak memory and outcome."""
    from displacement.ingest import http
    from displacement.sources import unhcr
    limits = replace(http.Limits(), request_seconds=10) if case in DEADLINE_CASES else http.Limits()
    started = time.perf_counter()
    try:
        rows = unhcr.fetch_unhcr("unrwa/", session=http.make_session(backoff_factor=0), limits=limits)
        outcome = f"ok, {len(rows):,} rows"
    except http.FetchError as error:
        outcome = str(error).split(": ", 1)[1]
    return {"seconds": time.perf_counter() - started, "outcome": outcome, "peak_mb": peak_mb()}


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would carry the parent's over exec)."""
    line = next(ln for ln in Path("/proc/self/status").read_text().splitlines() if ln.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def measure(case: str | None) -> dict:
    with fa.FakeAPIs() as apis:
        serve(apis, case)
        child = subprocess.run([sys.executable, __file__, "--one", json.dumps(case)], check=True, cwd=REPO,
                               capture_output=True, text=True, timeout=900, env={**os.environ, **apis.env()})
    return json.loads(child.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(json.loads(args.one))))
        return
    results = {name: measure(case) for name, case in CASES.items()}
    base = results["baseline: a normal 5-row page"]
    print("| response | outcome | seconds | x baseline | peak memory MB | x baseline |\n|---|---|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} | {r['outcome']} | {r['seconds']:.2f} | {r['seconds'] / base['seconds']:.1f} | "
              f"{r['peak_mb']:.0f} | {r['peak_mb'] / base['peak_mb']:.2f} |")


if __name__ == "__main__":
    main()
