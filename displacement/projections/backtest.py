"""Rolling-origin backtest, interval calibration from past errors, model choice.

At each origin year ``o`` every model sees only the observed values up to ``o`` (and, with a window, only the
last ``window`` of them) and forecasts ``o+1 .. o+H``. Errors are compared with what was later observed.
Intervals for a forecast made at ``o`` are calibrated only from errors already known at ``o`` (target year
``<= o``), so the coverage reported is measured out of sample.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .models import MODELS, ModelFn, prepare_series

DEFAULT_HORIZONS = (1, 3, 5)
DEFAULT_FIRST_ORIGIN = 2000
MIN_TRAIN = 5  # years of history a model needs at an origin
MIN_PER_HORIZON = 8  # errors at one horizon before its own quantile is used
MIN_POOLED = 4  # errors in all before any interval is given
LEVELS = (0.80, 0.95)
NORMAL_RATIO_95_80 = 1.959964 / 1.281552  # used only when too few errors for a 95% quantile


@dataclass
class BacktestResult:
    errors: pd.DataFrame  # one row per model x origin x horizon (all horizons 1..max)
    summary: pd.DataFrame  # model x horizon: n, mape, mase, coverage80, coverage95, n_coverage
    horizons: tuple[int, ...]
    origins: tuple[int, ...]  # the scored origins
    window: int | None
    models: tuple[str, ...]


def _resolve_models(models: Iterable[str] | Mapping[str, ModelFn] | None) -> dict[str, ModelFn]:
    if models is None:
        return {name: spec.fn for name, spec in MODELS.items()}
    if isinstance(models, Mapping):
        return dict(models)
    return {name: MODELS[name].fn for name in models}


def _feasible_origins(clean: pd.Series) -> list[int]:
    years = clean.index
    return list(range(int(years[0]) + MIN_TRAIN - 1, int(years[-1])))


def _default_scored(feasible: list[int]) -> list[int]:
    later = [o for o in feasible if o >= DEFAULT_FIRST_ORIGIN]
    return later or feasible


def _forecast_rows(clean, origin, window, fns, max_h) -> list[dict]:
    history = clean.loc[:origin]
    train = history.iloc[-window:] if window else history
    # MASE scale: the in-sample one-year naive error over the years the models are fitted on (Hyndman-Koehler),
    # so a window or a country's fit rule sets the scale too, not years the models never saw.
    scale = float(np.mean(np.abs(np.diff(train.to_numpy()))))
    rows = []
    for name, fn in fns.items():
        points = np.asarray(fn(train.copy(), max_h), dtype="float64")
        for h in range(1, max_h + 1):
            target = origin + h
            if target in clean.index:
                rows.append(_error_row(name, origin, h, float(clean.loc[target]), points[h - 1], scale))
    return rows


def _error_row(model, origin, h, actual, forecast, scale) -> dict:
    return {
        "model": model,
        "origin": origin,
        "horizon": h,
        "target_year": origin + h,
        "actual": actual,
        "forecast": forecast,
        "ape": abs(actual - forecast) / actual if actual else np.nan,
        "scaled_error": abs(actual - forecast) / scale if scale > 0 else np.nan,
        "log_ratio": math.log1p(max(actual, 0.0)) - math.log1p(max(forecast, 0.0)),
    }


def _conformal_quantile(scores: np.ndarray, level: float) -> float:
    """Split-conformal quantile: the ceil((n+1)·level)-th smallest score, NaN if n is too small."""
    n = len(scores)
    k = math.ceil((n + 1) * level)
    return float(np.sort(scores)[k - 1]) if 0 < k <= n else np.nan


def interval_halfwidths(errors: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Half-widths in log space ``q80, q95`` for horizons 1..horizon from one model's past errors.

    Per horizon: the conformal quantile of |log(actual/forecast)| when there are at least MIN_PER_HORIZON
    errors; otherwise the pooled errors rescaled by sqrt(h). Made non-decreasing in h; NaN when fewer than
    MIN_POOLED errors exist.
    """
    q80, q95, methods = _halfwidths(
        errors["log_ratio"].abs().to_numpy(dtype="float64"), errors["horizon"].to_numpy(), horizon
    )
    index = pd.RangeIndex(1, horizon + 1, name="horizon")
    return pd.DataFrame({"q80": q80, "q95": q95, "method": methods}, index=index)


def _halfwidths(abs_err: np.ndarray, horizons: np.ndarray, horizon: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The arithmetic of :func:`interval_halfwidths` on plain arrays (the backtest calls it per origin)."""
    q80 = np.full(horizon, np.nan)
    q95 = np.full(horizon, np.nan)
    if len(abs_err) < MIN_POOLED:
        return q80, q95, ["none"] * horizon
    pooled = abs_err / np.sqrt(horizons)
    methods = []
    for i, h in enumerate(range(1, horizon + 1)):
        at_h = abs_err[horizons == h]
        own = len(at_h) >= MIN_PER_HORIZON
        source, factor = (at_h, 1.0) if own else (pooled, math.sqrt(h))
        lo = _conformal_quantile(source, 0.80) * factor
        hi = _conformal_quantile(source, 0.95) * factor
        if np.isnan(hi):
            hi = lo * NORMAL_RATIO_95_80
        q80[i], q95[i] = lo, max(hi, lo)
        methods.append("per-horizon" if own else "pooled-sqrt(h)")
    return np.fmax.accumulate(q80), np.fmax.accumulate(q95), methods


def apply_intervals(points: np.ndarray, widths: pd.DataFrame) -> dict[str, np.ndarray]:
    """Bounds around the points: multiplicative (log1p space), never negative, and never narrower,
    in people, than at the previous horizon (the distance below and above the point only grows)."""
    points = np.maximum(np.asarray(points, dtype="float64"), 0.0)
    base = np.log1p(points)
    bounds = {}
    for level in ("80", "95"):
        q = np.asarray(widths[f"q{level}"], dtype="float64")[: len(points)]
        below = np.fmax.accumulate(points - np.expm1(base - q))
        above = np.fmax.accumulate(np.expm1(base + q) - points)
        bounds[f"lo{level}"] = np.maximum(points - below, 0.0)
        bounds[f"hi{level}"] = points + above
    return bounds


def _out_of_sample_intervals(errors: pd.DataFrame, max_h: int) -> pd.DataFrame:
    """lo/hi bounds for every row, calibrated only on that model's errors known at the row's origin."""
    columns = ["lo80", "hi80", "lo95", "hi95"]
    out = np.full((len(errors), len(columns)), np.nan)
    abs_err = errors["log_ratio"].abs().to_numpy(dtype="float64")
    horizons, targets = errors["horizon"].to_numpy(), errors["target_year"].to_numpy()
    origins, forecasts = errors["origin"].to_numpy(), errors["forecast"].to_numpy(dtype="float64")
    for positions in errors.groupby("model", sort=False).indices.values():
        for origin in np.unique(origins[positions]):
            known = positions[targets[positions] <= origin]
            q80, q95, _ = _halfwidths(abs_err[known], horizons[known], max_h)
            rows = positions[origins[positions] == origin]
            at = horizons[rows] - 1
            bounds = apply_intervals(forecasts[rows], {"q80": q80[at], "q95": q95[at]})
            for i, column in enumerate(columns):
                out[rows, i] = bounds[column]
    return pd.DataFrame(out, index=errors.index, columns=columns)


def _coverage(errors: pd.DataFrame) -> pd.DataFrame:
    out = errors.copy()
    for level in ("80", "95"):
        inside = (out["actual"] >= out[f"lo{level}"]) & (out["actual"] <= out[f"hi{level}"])
        out[f"covered{level}"] = inside.astype(float).where(out[f"lo{level}"].notna())
    return out


def summarise(errors: pd.DataFrame, horizons: Iterable[int]) -> pd.DataFrame:
    """model x horizon: n, MAPE (%), MASE, out-of-sample coverage of the 80% and 95% intervals."""
    scored = errors[errors["scored"] & errors["horizon"].isin(list(horizons))]
    grouped = scored.groupby(["model", "horizon"], sort=False)
    summary = grouped.agg(
        n=("ape", "size"),
        mape=("ape", lambda s: 100 * s.mean()),
        mase=("scaled_error", "mean"),
        coverage80=("covered80", "mean"),
        coverage95=("covered95", "mean"),
        n_coverage=("covered80", "count"),
    )
    return summary.reset_index()


def backtest(
    series: pd.Series,
    models: Iterable[str] | Mapping[str, ModelFn] | None = None,
    origins: Iterable[int] | None = None,
    horizons: Iterable[int] = DEFAULT_HORIZONS,
    window: int | None = None,
) -> BacktestResult:
    """Rolling-origin backtest. Errors are computed at every feasible origin (for calibration);
    the summary scores ``origins`` (default: each year from 2000, or all feasible if the series starts later)."""
    horizons = tuple(sorted(set(int(h) for h in horizons)))
    fns = _resolve_models(models)
    clean = prepare_series(series, min_years=MIN_TRAIN + 1)
    feasible = _feasible_origins(clean)
    scored = sorted(set(origins) & set(feasible)) if origins is not None else _default_scored(feasible)
    max_h = max(horizons)
    rows = [r for o in feasible for r in _forecast_rows(clean, o, window, fns, max_h)]
    errors = pd.DataFrame(rows)
    errors = errors.join(_out_of_sample_intervals(errors, max_h))
    errors = _coverage(errors).assign(scored=lambda d: d["origin"].isin(scored))
    summary = summarise(errors, horizons)
    return BacktestResult(errors, summary, horizons, tuple(scored), window, tuple(fns))


def choose_default_model(result: BacktestResult) -> tuple[str, bool, str]:
    """The model with the lowest mean MASE over the backtest horizons; naive if nothing beats it.

    Returns ``(name, beats_naive, reason)``. Ties go to the model listed first (baselines first).
    """
    summary = result.summary.dropna(subset=["mase"])
    if summary.empty:
        return "naive", False, "Too little history to backtest; showing the naive baseline (last value held flat)."
    scores = summary.groupby("model", sort=False)["mase"].mean()
    order = {name: i for i, name in enumerate(result.models)}
    ranked = sorted(scores.index, key=lambda m: (round(scores[m], 12), order.get(m, len(order))))
    best = ranked[0]
    naive_score = scores.get("naive", np.nan)
    beats = best != "naive" and not np.isnan(naive_score) and scores[best] < naive_score
    span = f"{len(result.origins)} origins {min(result.origins)}-{max(result.origins)}"
    hs = ", ".join(str(h) for h in result.horizons)
    if not beats:
        return "naive", False, (
            f"No model beat the naive baseline (last value held flat) on mean MASE at horizons {hs} "
            f"over {span}; the naive baseline is shown."
        )
    return best, True, (
        f"{best} has the lowest mean MASE at horizons {hs} over {span} "
        f"({scores[best]:.2f} vs {naive_score:.2f} for the naive baseline)."
    )
