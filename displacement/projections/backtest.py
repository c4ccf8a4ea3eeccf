"""The track record: the whole procedure, run at every origin with only the data known then.

At each origin ``o`` (every year from the fifth observed one to the last), :func:`.procedure.fit_years`
decides the fit years from the data up to ``o``; every model forecasts ``o+1 .. o+MAX_HORIZON`` from them (a
baseline marked ``fits_history`` from all years up to ``o``); the 80% and 95% ranges are calibrated only on
that model's errors already known at ``o`` (target year ``<= o``). An origin whose fit years are too few makes
no forecast (the page would show none): it is listed in ``abstained`` and scored for no model.

The last origin is today's projection and the three before it are the earlier vintages, so the page, the
command line, the model card and the benchmark read one computation. Errors are scored at horizons 1-5.

Ranges (split-conformal, from the method's own past errors on the series): at an origin, the errors used are
|log((actual+1)/(forecast+1))| of forecasts made from origins inside the fit years chosen there (errors made
while a country's series was a fraction of its present level say little about it now) and already observed.
The half-width at h years ahead is the wider of (a) the conformal quantile of the errors at h (8 or more) and
(b) h times the conformal quantile of all those errors per year ahead (|error|/h; 4 or more): (b) brings in
the freshest errors, which (a) lacks at long horizons. Fewer than 4 errors: no range. Why: docs/projections.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from displacement.text import _

from .models import MODELS, ModelFn, ModelSpec, SeriesTooShortError, prepare_series
from .procedure import fit_years

DEFAULT_HORIZONS = (1, 3, 5)  # the horizons a record is shown at
SCORED_HORIZON = 5  # errors are measured up to here; beyond, ranges grow with h from the per-year errors
MAX_HORIZON = 10
DEFAULT_FIRST_ORIGIN = 2000
MIN_TRAIN = 5  # years of history before the first origin
MIN_PER_HORIZON = 8  # errors at one horizon before its own quantile is used
MIN_POOLED = 4  # errors in all before any range is given
NORMAL_RATIO_95_80 = 1.959964 / 1.281552  # used only when too few errors for a 95% quantile
BOUNDS = ("lo80", "hi80", "lo95", "hi95")


@dataclass
class TrackRecord:
    forecasts: pd.DataFrame  # one row per model x origin x horizon 1..MAX_HORIZON (see _forecast_rows)
    summary: pd.DataFrame  # model x horizon 1..5: n, mape, mdape, mase, rel_mase, coverage80, coverage95, n_coverage
    origins: tuple[int, ...]  # the scored origins
    window: int | None
    models: tuple[str, ...]
    scope: str
    abstained: tuple[int, ...]  # origins where the fit years were too few: no forecast, nothing scored
    last_origin: int
    horizons: tuple[int, ...] = DEFAULT_HORIZONS
    fit_starts: dict[int, int] = field(default_factory=dict)  # origin -> first fitted year

    def made_at(self, model: str, origin: int) -> pd.DataFrame:
        """The forecast ``model`` made at ``origin`` (year, point, bounds), horizon 1..MAX_HORIZON."""
        rows = self.forecasts[(self.forecasts["model"] == model) & (self.forecasts["origin"] == origin)]
        return rows.sort_values("horizon").reset_index(drop=True)

    def vintages(self, model: str, count: int = 3) -> dict[int, pd.DataFrame]:
        """The forecasts made with data to one, two, ``count`` years before the last: {origin: rows}."""
        made = set(self.forecasts.loc[self.forecasts["model"] == model, "origin"])
        return {o: self.made_at(model, o) for o in range(self.last_origin - 1, self.last_origin - count - 1, -1)
                if o in made}

    def of(self, model: str) -> pd.DataFrame:
        """The summary rows of one model, indexed by horizon."""
        return self.summary[self.summary["model"] == model].set_index("horizon")


def _resolve_models(models) -> dict[str, tuple[ModelFn, bool]]:
    """{name: (fn, fits_history)} from None (every model in MODELS), a {name: fn} mapping, or names and
    ModelSpec objects (e.g. the benchmark's baselines)."""
    if models is None:
        models = MODELS.values()
    if isinstance(models, Mapping):
        return {name: (fn, False) for name, fn in models.items()}
    specs = [spec if isinstance(spec, ModelSpec) else MODELS[spec] for spec in models]
    return {spec.name: (spec.fn, spec.fits_history) for spec in specs}


def _forecast_rows(clean: pd.Series, origin: int, span: pd.Series, fns, max_h: int) -> list[dict]:
    known = clean.loc[:origin]
    # MASE scale: the in-sample one-year naive error over the years fitted at this origin (Hyndman-Koehler),
    # the same for every model, so a country's early, tiny years do not set it.
    scale = float(np.mean(np.abs(np.diff(span.to_numpy()))))
    rows = []
    for name, (fn, fits_history) in fns.items():
        points = np.asarray(fn((known if fits_history else span).copy(), max_h), dtype="float64")
        for h in range(1, max_h + 1):
            actual = float(clean.get(origin + h, np.nan))
            rows.append({"model": name, "origin": origin, "horizon": h, "year": origin + h,
                         "fit_start": int(span.index[0]), "scale": scale,
                         "point": max(points[h - 1], 0.0), "actual": actual})
    return rows


def _errors(frame: pd.DataFrame) -> pd.DataFrame:
    actual, point = frame["actual"], frame["point"]
    measured = actual.notna() & (frame["horizon"] <= SCORED_HORIZON)
    gap = (actual - point).abs()
    return frame.assign(
        ape=(gap / actual).where(measured & (actual > 0)),
        scaled_error=(gap / frame["scale"]).where(measured & (frame["scale"] > 0)),
        log_ratio=(np.log1p(actual.clip(lower=0)) - np.log1p(point.clip(lower=0))).where(measured),
    )


def _conformal_quantile(scores: np.ndarray, level: float) -> float:
    """Split-conformal quantile: the ceil((n+1)·level)-th smallest score, NaN if n is too small."""
    n = len(scores)
    k = math.ceil((n + 1) * level)
    return float(np.sort(scores)[k - 1]) if 0 < k <= n else np.nan


def interval_halfwidths(errors: np.ndarray, horizons: np.ndarray, horizon: int) -> pd.DataFrame:
    """Half-widths in log space ``q80, q95`` for horizons 1..horizon from known |log errors| and their horizons.

    Per horizon h: the wider of the conformal quantile of the errors at h (when at least MIN_PER_HORIZON)
    and h times the conformal quantile of all errors divided by their horizons. Non-decreasing in h; NaN
    with fewer than MIN_POOLED errors. ``method`` says whether the horizon's own errors took part.
    """
    errors, horizons = np.asarray(errors, dtype="float64"), np.asarray(horizons)
    q80, q95 = np.full(horizon, np.nan), np.full(horizon, np.nan)
    methods = ["none"] * horizon
    if len(errors) >= MIN_POOLED:
        per_year = errors / horizons
        for i, h in enumerate(range(1, horizon + 1)):
            q80[i], q95[i] = (h * q for q in _quantiles(per_year))
            at_h = errors[horizons == h]
            own = len(at_h) >= MIN_PER_HORIZON
            if own:
                q80[i], q95[i] = np.fmax([q80[i], q95[i]], _quantiles(at_h))
            methods[i] = "own and per-year" if own else "per-year x h"  # not text: a key in the record's table
    index = pd.RangeIndex(1, horizon + 1, name="horizon")
    return pd.DataFrame({"q80": np.fmax.accumulate(q80), "q95": np.fmax.accumulate(q95), "method": methods},
                        index=index)


def _quantiles(errors: np.ndarray) -> tuple[float, float]:
    """The 80% and 95% conformal quantiles; with too few errors for a 95% one, the 80% one x 1.96/1.28."""
    lo, hi = _conformal_quantile(errors, 0.80), _conformal_quantile(errors, 0.95)
    return lo, max(lo * NORMAL_RATIO_95_80 if np.isnan(hi) else hi, lo)


def apply_intervals(points: np.ndarray, q80: np.ndarray, q95: np.ndarray) -> dict[str, np.ndarray]:
    """Bounds around the points: multiplicative (log1p space), never negative, and never narrower,
    in people, than at the previous horizon (the distance below and above the point only grows)."""
    points = np.maximum(np.asarray(points, dtype="float64"), 0.0)
    base = np.log1p(points)
    bounds = {}
    for level, q in (("80", q80), ("95", q95)):
        q = np.asarray(q, dtype="float64")[: len(points)]
        below = np.fmax.accumulate(points - np.expm1(base - q))
        above = np.fmax.accumulate(np.expm1(base + q) - points)
        bounds[f"lo{level}"] = np.maximum(points - below, 0.0)
        bounds[f"hi{level}"] = points + above
    return bounds


def _known_errors(frame: pd.DataFrame, positions: np.ndarray, origin: int, fit_start: int) -> np.ndarray:
    """Rows (of ``positions``, one model's) whose error is known at ``origin``: measured, target year at most
    ``origin``, made from an origin inside the fit years chosen at ``origin``."""
    rows = frame.iloc[positions]
    keep = rows["log_ratio"].notna() & (rows["year"] <= origin) & (rows["origin"] >= fit_start)
    return positions[keep.to_numpy()]


def _intervals_as_of(frame: pd.DataFrame) -> pd.DataFrame:
    """Bounds for every row, calibrated only on that model's errors known at the row's origin."""
    out = np.full((len(frame), len(BOUNDS)), np.nan)
    errors = frame["log_ratio"].abs().to_numpy()
    horizons, origins = frame["horizon"].to_numpy(), frame["origin"].to_numpy()
    points, fit_starts = frame["point"].to_numpy(dtype="float64"), frame["fit_start"].to_numpy()
    for positions in frame.groupby("model", sort=False).indices.values():
        for origin in np.unique(origins[positions]):
            rows = positions[origins[positions] == origin]
            rows = rows[np.argsort(horizons[rows])]
            known = _known_errors(frame, positions, origin, fit_starts[rows[0]])
            widths = interval_halfwidths(errors[known], horizons[known], len(rows))
            bounds = apply_intervals(points[rows], widths["q80"].to_numpy(), widths["q95"].to_numpy())
            for i, column in enumerate(BOUNDS):
                out[rows, i] = bounds[column]
    return pd.DataFrame(out, index=frame.index, columns=list(BOUNDS))


def _coverage(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    measured = out["log_ratio"].notna()
    for level in ("80", "95"):
        inside = (out["actual"] >= out[f"lo{level}"]) & (out["actual"] <= out[f"hi{level}"])
        out[f"covered{level}"] = inside.astype(float).where(measured & out[f"lo{level}"].notna())
    return out


def summarise(forecasts: pd.DataFrame) -> pd.DataFrame:
    """model x horizon (1-5) over the scored rows: n, MAPE and median APE (%), MASE, MASE relative to the
    naive forecast's on the same rows, out-of-sample coverage of the 80% and 95% ranges."""
    scored = forecasts[forecasts["scored"]]
    summary = scored.groupby(["model", "horizon"], sort=False).agg(
        n=("ape", "size"),
        mape=("ape", lambda s: 100 * s.mean()),
        mdape=("ape", lambda s: 100 * s.median()),
        mase=("scaled_error", "mean"),
        coverage80=("covered80", "mean"),
        coverage95=("covered95", "mean"),
        n_coverage=("covered80", "count"),
    ).reset_index()
    naive = summary[summary["model"] == "naive"].set_index("horizon")["mase"]
    summary["rel_mase"] = summary["mase"] / summary["horizon"].map(naive)
    return summary


def _origins(clean: pd.Series) -> list[int]:
    return list(range(int(clean.index[0]) + MIN_TRAIN - 1, int(clean.index[-1]) + 1))


def _scored(made: list[int], last: int, first: int | None) -> list[int]:
    past = [o for o in made if o < last]
    later = [o for o in past if o >= (DEFAULT_FIRST_ORIGIN if first is None else first)]
    return later if later or first is not None else past


def track_record(
    series: pd.Series,
    scope: str = "global",
    window: int | None = None,
    models: Iterable[str | ModelSpec] | Mapping[str, ModelFn] | None = None,
    first_origin: int | None = None,
    since: int | None = None,
) -> TrackRecord:
    """Run the procedure at every origin (see the module docstring) and score it.

    ``series``: all observed years (the fit rule is applied at each origin, never to the whole series).
    ``models``: names from MODELS, or ``{name: fn(train, horizon)}`` (e.g. a test wrapper). Scored origins:
    from ``first_origin`` (default 2000, or every origin if the series starts later) to the year before the
    last. ``since``: make no forecast before this origin (a benchmark's shortcut for slow baselines; their
    ranges then rest on fewer errors). Raises SeriesTooShortError if no origin can be fitted.
    """
    clean = prepare_series(series, min_years=MIN_TRAIN + 1)
    fns = _resolve_models(models)
    spans, abstained = _fit_years_by_origin(clean, scope, window)
    last = int(clean.index[-1])
    scored = _scored(sorted(spans), last, first_origin)
    # Only origins inside some scored origin's (or today's) fit years matter: earlier forecasts are neither
    # scored nor used to calibrate a range.
    needed = min((int(spans[o].index[0]) for o in [*scored, last] if o in spans), default=last)
    needed = max(needed, since or needed)
    rows = [r for origin, span in spans.items() if origin >= needed
            for r in _forecast_rows(clean, origin, span, fns, MAX_HORIZON)]
    if not rows:
        raise SeriesTooShortError(_("no year of this series has enough fitted years before it to make a forecast"))
    frame = _errors(pd.DataFrame(rows))
    frame = _coverage(frame.join(_intervals_as_of(frame)))
    frame["scored"] = frame["origin"].isin(scored) & frame["log_ratio"].notna()  # measured, horizons 1-5
    starts = {origin: int(span.index[0]) for origin, span in spans.items()}
    return TrackRecord(frame, summarise(frame), tuple(scored), window, tuple(fns), scope, tuple(abstained),
                       last, DEFAULT_HORIZONS, starts)


def _fit_years_by_origin(clean: pd.Series, scope: str, window: int | None) -> tuple[dict, list[int]]:
    """{origin: the years fitted there} and the origins with too few years to fit (no forecast there)."""
    spans, abstained = {}, []
    for origin in _origins(clean):
        try:
            spans[origin] = fit_years(clean.loc[:origin], scope, window)
        except SeriesTooShortError:
            abstained.append(origin)
    return spans, abstained


def calibration_at(record: TrackRecord, model: str, horizon: int) -> pd.DataFrame:
    """The half-widths and the rule used per horizon for the forecast made at the last origin (what the
    projection's ranges rest on, for the model card), with the number of errors behind them."""
    frame = record.forecasts.reset_index(drop=True)
    positions = np.flatnonzero((frame["model"] == model).to_numpy())
    known = _known_errors(frame, positions, record.last_origin, record.fit_starts[record.last_origin])
    rows = frame.iloc[known]
    widths = interval_halfwidths(rows["log_ratio"].abs().to_numpy(), rows["horizon"].to_numpy(), horizon)
    return widths.assign(n_errors=len(known))
