"""Chart images for PDF briefs: one Chromium per image (kaleido's one-shot export, the baseline) against the
one Chromium the process keeps (displacement.outputs.brief.chart_png), for the same figures in the same run.
Time is wall-clock per image; memory is the peak summed PSS of its Chromium processes, sampled from /proc.

    python benchmarks/brief_images.py [--images 6]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import kaleido
import plotly.graph_objects as go

from displacement.outputs import brief
from displacement.storage.datasets import headline_totals, open_datasets


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit():
                parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(proc.name))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def chromium_rss_mb() -> float:
    """The summed proportional set size (PSS: shared pages split between the processes sharing them) of this
    process's Chromium children (MB); other browsers on the machine (tests, other benchmarks) are not counted."""
    total = 0
    for pid in _descendants(os.getpid()):
        try:
            if b"chrom" in Path(f"/proc/{pid}/cmdline").read_bytes():
                status = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                total += next((int(line.split()[1]) for line in status if line.startswith("Pss:")), 0)
        except OSError:
            continue
    return total / 1024


class PeakMemory:
    """Samples chromium_rss_mb every 50 ms while the block runs."""

    def __enter__(self):
        self.peak, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, chromium_rss_mb())
            time.sleep(0.05)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def figures(count: int) -> list[go.Figure]:
    rows = headline_totals(open_datasets()).query("year >= 1990")
    return [go.Figure(go.Scatter(x=rows["year"], y=rows["forcibly_displaced"].astype(float) * (1 + k / 100)))
            for k in range(count)]


def one_shot(fig: go.Figure) -> bytes:
    opts = {"format": "png", "width": 1000, "height": 560, "scale": 2}
    return kaleido.calc_fig_sync(brief.exportable_figure(fig), opts=opts,
                                 kopts={"path": brief.chromium_path(), "mathjax": False})


def timed(draw, figs: list[go.Figure]) -> tuple[list[float], float]:
    seconds = []
    with PeakMemory() as memory:
        for fig in figs:
            start = time.perf_counter()
            assert draw(fig).startswith(b"\x89PNG")
            seconds.append(time.perf_counter() - start)
    return seconds, memory.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=6)
    args = parser.parse_args()
    missing = brief.chromium_missing()
    if missing:
        sys.exit(missing)
    figs = figures(args.images)
    base, base_peak = timed(one_shot, figs)
    kept, kept_peak = timed(brief.chart_png, figs)  # the first image includes starting the browser
    print("| measure | one Chromium per image (baseline) | one Chromium kept | ratio |\n|---|---:|---:|---:|")
    print(f"| first image (s) | {base[0]:.2f} | {kept[0]:.2f} | {kept[0] / base[0]:.2f} |")
    later_base, later_kept = statistics.median(base[1:]), statistics.median(kept[1:])
    print(f"| each later image, median of {len(figs) - 1} (s) | {later_base:.2f} | {later_kept:.2f} | "
          f"{later_kept / later_base:.2f} |")
    print(f"| all {len(figs)} images (s) | {sum(base):.2f} | {sum(kept):.2f} | {sum(kept) / sum(base):.2f} |")
    print(f"| peak Chromium memory (PSS, MB) | {base_peak:.0f} | {kept_peak:.0f} | {kept_peak / base_peak:.2f} |")


if __name__ == "__main__":
    main()
