"""Snapshot load and build: time and peak memory, each against a baseline run in the same session.

    python benchmarks/snapshot.py [--shared-data ../shared/data]

- load: open the bundled snapshot and read every table the app uses, plus the combined headline series;
  baseline: pandas reading the same parquet files directly (no store, no validation of pointers).
- memory: peak RSS of a fresh process doing the load, against a process that only imports pandas/pyarrow.
- build: the whole snapshot from the real bulk files; baseline: only reading those CSV files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LOAD = """
from displacement.storage.datasets import open_datasets, headline_totals
d = open_datasets()
for sid, rel in d.releases.items():
    for name in rel.table_names():
        d.table(sid, name)
headline_totals(d)
"""
BASELINE_IMPORTS = "import pandas, pyarrow.parquet"


def best_of(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_mb(code: str) -> float:
    # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec.
    script = code + ("\nprint(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def load_snapshot() -> None:
    exec(LOAD, {})


def read_parquet_directly() -> None:
    import pandas as pd
    for path in (REPO / "data" / "snapshot").rglob("*.parquet"):
        pd.read_parquet(path)


def build(shared: Path) -> None:
    from displacement.ingest.snapshot import build_snapshot
    with tempfile.TemporaryDirectory() as folder:
        build_snapshot(shared, target=Path(folder) / "snapshot")


def read_bulk_only(shared: Path) -> None:
    import pandas as pd
    for path in (shared / "unhcr_refugees_r_package").glob("*.csv"):
        pd.read_csv(path, dtype=str, keep_default_na=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    rows = []
    load_snapshot()  # warm the file cache for both
    load, base = best_of(load_snapshot), best_of(read_parquet_directly)
    rows.append(("snapshot load (s)", load, base))
    rows.append(("snapshot load peak RSS (MB)", peak_rss_mb(LOAD), peak_rss_mb(BASELINE_IMPORTS)))
    if args.shared_data.is_dir():
        rows.append(("snapshot build (s)", best_of(lambda: build(args.shared_data), 2),
                     best_of(lambda: read_bulk_only(args.shared_data), 2)))
    print(f"{'measure':<30} {'value':>9} {'baseline':>9} {'ratio':>7}")
    for name, value, baseline in rows:
        print(f"{name:<30} {value:>9.3f} {baseline:>9.3f} {value / baseline:>7.2f}")


if __name__ == "__main__":
    main()
