"""The projections' track record on the world series and the country panel, against the baselines.

    python benchmarks/projections_panel.py [--held-out] [--series "SYR origin" ...]

Every forecast is made the way the page makes today's: at each origin, with only the data known then, the
procedure decides its fit years, fits, and calibrates its 80%/95% ranges (displacement.projections
.track_record, the same function the page and `python -m displacement project --backtest` call). Scored: origins
2000 to 2024, horizons 1, 3 and 5 years, against today's data.

- world: the forcibly displaced total, read through displacement.projections.series.WORLD_SERIES;
- panel: the top 20 countries of origin and of asylum by their latest refugees + asylum-seekers + OIP
  (displacement.projections.series.panel; the series the command line refuses are listed);
- --held-out: also ranks 21-40, a panel the procedure's design never looked at.
Models: every model the page offers, and statsmodels' ETSModel (AICc) and ThetaModel fitted on all years
(displacement.projections.baselines; computed from the 1990 origin only, to keep the run to minutes).

Per model and horizon: relative MASE (a series' MASE over naive's on the same forecasts; the panel's is the
geometric mean over series), mean and median absolute % error (pooled), and the share of actual values inside
the 80% and 95% ranges (pooled over the forecasts that had a range). Then how far the 5-year point moves from
one vintage (origin) to the next. Nothing here is pass/fail.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny fits: BLAS threads only contend on a busy machine
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import platform
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from displacement.projections import MODELS, track_record
from displacement.projections.baselines import BASELINES
from displacement.projections.series import WORLD_SERIES, global_series, panel
from displacement.storage.datasets import open_datasets

HORIZONS = (1, 3, 5)
BASELINE_SINCE = 1990
ORDER = [*MODELS, *BASELINES]


def scored_rows(series: pd.Series, scope: str) -> tuple[pd.DataFrame, int]:
    """Every model's forecasts on one series (the page's models, then the baselines), and how many origins
    from 2000 made no forecast (too few fitted years: the page would show none; scored for no model)."""
    own = track_record(series, scope)
    outside = track_record(series, scope, models=["naive", *BASELINES.values()], since=BASELINE_SINCE)
    rows = pd.concat([own.forecasts, outside.forecasts[outside.forecasts["model"].isin(list(BASELINES))]])
    return rows, sum(2000 <= o < own.last_origin for o in own.abstained)


def series_rows(named: dict[str, tuple[pd.Series, str]]) -> tuple[pd.DataFrame, int]:
    parts, abstained = [], 0
    for key, (series, scope) in named.items():
        started = time.perf_counter()
        rows, skipped = scored_rows(series, scope)
        parts.append(rows.assign(series=key))
        abstained += skipped
        print(f"  {key}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return pd.concat(parts, ignore_index=True), abstained


def accuracy(rows: pd.DataFrame) -> pd.DataFrame:
    """model x horizon: relative MASE (geometric mean over series), MAPE, median APE, coverage, counts."""
    scored = rows[rows["scored"] & rows["horizon"].isin(HORIZONS) & rows["log_ratio"].notna()]
    mase = scored.groupby(["series", "model", "horizon"])["scaled_error"].mean().unstack("model")
    relative = np.log(mase.div(mase["naive"], axis=0)).replace([np.inf, -np.inf], np.nan)
    by_horizon = relative.groupby("horizon")
    geo = np.exp(by_horizon.mean()).stack().rename("rel_mase")
    # the spread of the series' log ratios: a 95% interval for the geometric mean (none for one series)
    margin = (1.96 * by_horizon.std() / np.sqrt(by_horizon.count())).stack().rename("margin")
    better = (relative < 0).groupby("horizon").sum().stack().rename("series_better")
    pooled = scored.groupby(["model", "horizon"]).agg(
        n=("ape", "size"), mape=("ape", lambda s: 100 * s.mean()), mdape=("ape", lambda s: 100 * s.median()),
        cover80=("covered80", "mean"), cover95=("covered95", "mean"), ranged=("covered80", "count"))
    table = pooled.join(geo.swaplevel()).join(margin.swaplevel()).join(better.swaplevel()).reset_index()
    table["model"] = pd.Categorical(table["model"], ORDER, ordered=True)
    return table.sort_values(["model", "horizon"])


def stability(rows: pd.DataFrame) -> pd.DataFrame:
    """How far the 5-year point moves from one origin to the next (|p5(o+1) / p5(o) - 1|), origins from
    2000: median and 90th percentile over series and origins, per model."""
    five = rows[(rows["horizon"] == 5) & (rows["origin"] >= 2000)].set_index(["series", "model", "origin"])["point"]
    following = five.rename(index=lambda origin: origin - 1, level="origin")  # the next vintage, lined up
    moves = (following.reindex(five.index) / five - 1).abs().dropna()
    table = moves.groupby(level="model").agg(median="median", p90=lambda s: s.quantile(0.9), n="size")
    table.index = pd.CategoricalIndex(table.index, ORDER, ordered=True)
    return table.sort_index()


def last_vintages(rows: pd.DataFrame, key: str, model: str = "combined", count: int = 4) -> str:
    five = rows[(rows["series"] == key) & (rows["model"] == model) & (rows["horizon"] == 5)]
    five = five.sort_values("origin").tail(count)
    return "; ".join(f"data to {o}: {p / 1e6:,.1f} M for {o + 5}" for o, p in zip(five["origin"], five["point"]))


def show(title: str, table: pd.DataFrame, n_series: int) -> None:
    print(f"\n### {title} ({n_series} series)\n")
    print("| model | h | rel. MASE | its 95% interval | series better than naive | MAPE % | median APE % "
          "| 80% cover | 95% cover | forecasts (with a range) |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in table.itertuples():
        spread = "" if pd.isna(r.margin) else \
            f"{r.rel_mase * np.exp(-r.margin):.3f}-{r.rel_mase * np.exp(r.margin):.3f}"
        print(f"| {r.model} | {r.horizon} | {r.rel_mase:.3f} | {spread} | {int(r.series_better)} | {r.mape:.1f} | "
              f"{r.mdape:.1f} | {r.cover80:.0%} | {r.cover95:.0%} | {r.n} ({r.ranged}) |")


def show_stability(title: str, table: pd.DataFrame) -> None:
    print(f"\n### {title}: how far the 5-year point moves from one vintage to the next\n")
    print("| model | median move | 90th percentile | pairs of vintages |")
    print("|---|---:|---:|---:|")
    for model, r in table.iterrows():
        print(f"| {model} | {r['median']:.1%} | {r['p90']:.1%} | {int(r['n'])} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out", action="store_true", help="also the countries ranked 21-40")
    parser.add_argument("--series", nargs="*", help="only these panel series, e.g. 'SYR origin' (a quick look)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = open_datasets()
    panels = {"panel": panel(data)}
    if args.held_out:
        panels["held-out panel (ranks 21-40)"] = panel(data, 20, 40)
    world, _ = series_rows({f"world ({WORLD_SERIES})": (global_series(data, "forcibly_displaced"), "global")})
    results, notes = [("World", world, 1)], []
    for name, (accepted, refused) in panels.items():
        chosen = {k: (s, "country") for k, s in accepted.items() if not args.series or k in args.series}
        rows, abstained = series_rows(chosen)
        results.append((name.capitalize(), rows, len(chosen)))
        made = rows.loc[rows["scored"] & (rows["model"] == "naive") & (rows["horizon"] == 1), "origin"].size
        notes.append(f"{name}: {len(chosen)} series; refused by the command line (too recently at their level): "
                     f"{', '.join(refused) or 'none'}; origins 2000-2024 with no forecast (too few fitted years "
                     f"then): {abstained} of {abstained + made}.")
    print(f"# Projections track record, {date.today()} ({platform.node() or 'machine'}: {os.cpu_count()} CPUs, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()})")
    for note in notes:
        print(f"\n{note}")
    for title, rows, n in results:
        show(title, accuracy(rows), n)
    for title, rows, _ in results:
        show_stability(title, stability(rows))
    print(f"\nWorld, combined, latest vintages: {last_vintages(world, f'world ({WORLD_SERIES})')}")
    print(f"\nRun time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
