"""Many browser sessions at once against `streamlit run app.py`, with a refresh landing mid-run: the
measurement (harness/concurrency.py says what a session does and what is checked).

    python benchmarks/concurrency.py [--sessions 20] [--seconds 90] [--no-refresh]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.concurrency import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--no-refresh", action="store_true", help="do not write a new release mid-run")
    args = parser.parse_args()
    print(f"{args.sessions} sessions x {args.seconds:.0f} s against streamlit run app.py "
          f"({os.cpu_count()} CPUs)", flush=True)
    results = run(args.sessions, args.seconds, not args.no_refresh)
    print(results.summary())
    for line in results.mixes[:20] + sorted({e.split(": ", 1)[1] for e in results.errors})[:20]:
        print("  ", line)
    for line in results.cut_off_while:
        print("   cut off while waiting:", line)


if __name__ == "__main__":
    main()
