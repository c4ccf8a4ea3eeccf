"""Forecast models for annual stock series (pure functions, no Streamlit).

Every model has the signature ``fn(train, horizon) -> np.ndarray`` of ``horizon`` point forecasts, where
``train`` is a clean series (float, int-year index, contiguous, no NaN) as made by :func:`prepare_series`:
the years the procedure fits on at one origin (see :mod:`.procedure`). Points are never negative: these are
counts of people.

``shrunk_drift`` is the dashboard's default: the last value plus the recent average yearly change, believed
only as far as it stands out from its noise and fading with the horizon. It was chosen once, by a rule declared
beforehand, among it and combinations of these models (docs/projections.md, "How the default was chosen").
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from displacement.text import N_, ngettext

ModelFn = Callable[[pd.Series, int], np.ndarray]

MIN_YEARS = 5  # fewest contiguous observed years a projection accepts
DRIFT_YEARS = 10  # the shrunk drift looks at the last 10 yearly changes
DRIFT_DAMPING = 0.8  # ... and lets the yearly change fade by a fifth a year


class SeriesTooShortError(ValueError):
    """The series has too few contiguous observed years to fit or backtest."""


def prepare_series(series: pd.Series, window: int | None = None, min_years: int = 1) -> pd.Series:
    """Float series on int years: NaN dropped (never filled), leading zeros dropped, sorted, the contiguous
    tail of consecutive years, then the last ``window`` years."""
    clean = pd.to_numeric(pd.Series(series), errors="coerce").astype("float64").dropna()
    clean.index = clean.index.astype(int)
    clean = clean.sort_index()
    clean = clean[~clean.index.duplicated(keep="last")]
    clean = clean.loc[(clean > 0).cummax()]  # leading zeros: before the series began, not a measured stock
    if len(clean):
        breaks = np.flatnonzero(np.diff(clean.index.to_numpy()) != 1)
        if len(breaks):
            clean = clean.iloc[breaks[-1] + 1 :]
    if window is not None:
        if window < 2:
            raise ValueError(f"window must be at least 2 years (got {window})")  # not text: for callers
        clean = clean.iloc[-window:]
    if len(clean) < min_years:
        raise SeriesTooShortError(ngettext(
            "series has {years} contiguous observed year; at least {needed} needed",
            "series has {years} contiguous observed years; at least {needed} needed", len(clean),
        ).format(years=len(clean), needed=min_years))
    return clean.rename(series.name if hasattr(series, "name") else None)


def _steps(horizon: int) -> np.ndarray:
    return np.arange(1, horizon + 1, dtype="float64")


def naive(train: pd.Series, horizon: int) -> np.ndarray:
    """Last observed value carried forward."""
    return np.full(horizon, float(train.iloc[-1]))


def drift(train: pd.Series, horizon: int) -> np.ndarray:
    """Last value plus the average yearly change over the fit years (random walk with drift)."""
    y = train.to_numpy()
    slope = (y[-1] - y[0]) / (len(y) - 1) if len(y) > 1 else 0.0
    return np.maximum(y[-1] + slope * _steps(horizon), 0.0)


def shrink_factor(changes: np.ndarray) -> float:
    """How much of an average yearly change to believe: max(0, 1 - 1/t²), t the change's t-statistic.

    A change no larger than its own noise (|t| <= 1) counts for nothing; a steady one counts almost fully.
    """
    n = len(changes)
    if n < 2:
        return 0.0
    mean, spread = float(np.mean(changes)), float(np.std(changes, ddof=1))
    if mean == 0.0:
        return 0.0
    if spread == 0.0:
        return 1.0
    t_squared = n * mean * mean / (spread * spread)
    return max(0.0, 1.0 - 1.0 / t_squared)


def shrunk_drift(train: pd.Series, horizon: int) -> np.ndarray:
    """The average yearly change of the last 10 years, shrunk by its noise and fading by a fifth a year."""
    changes = np.diff(train.to_numpy()[-(DRIFT_YEARS + 1):])
    if not len(changes):
        return naive(train, horizon)
    step = shrink_factor(changes) * float(np.mean(changes))
    fading = np.cumsum(DRIFT_DAMPING ** _steps(horizon))
    return np.maximum(float(train.iloc[-1]) + step * fading, 0.0)


def holt_damped(train: pd.Series, horizon: int) -> np.ndarray:
    """Holt's linear method with a damped trend (statsmodels), parameters by maximum likelihood."""
    if len(train) < 4:
        return drift(train, horizon)
    return np.array(_holt_forecast(tuple(train.to_numpy(dtype="float64")), horizon))


@lru_cache(maxsize=8192)
def _holt_forecast(values: tuple[float, ...], horizon: int) -> tuple[float, ...]:
    """Cached on the exact values: every model list and the combination refit the same years."""
    from statsmodels.tsa.holtwinters import Holt

    y = np.asarray(values)
    scale = float(np.mean(np.abs(y))) or 1.0
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fit = Holt(y / scale, damped_trend=True, initialization_method="estimated").fit()
        points = np.asarray(fit.forecast(horizon), dtype="float64") * scale
    return _finite_or_flat(points, y)


def theta(train: pd.Series, horizon: int) -> np.ndarray:
    """The Theta method (statsmodels ThetaModel, no seasonality): exponential smoothing plus half the
    slope of a straight line through the fit years."""
    if len(train) < 4:
        return drift(train, horizon)
    return np.array(_theta_forecast(tuple(train.to_numpy(dtype="float64")), horizon))


@lru_cache(maxsize=8192)
def _theta_forecast(values: tuple[float, ...], horizon: int) -> tuple[float, ...]:
    from statsmodels.tsa.forecasting.theta import ThetaModel

    y = np.asarray(values)
    scale = float(np.mean(np.abs(y))) or 1.0
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fit = ThetaModel(y / scale, period=1, deseasonalize=False).fit()
        points = np.asarray(fit.forecast(horizon), dtype="float64") * scale
    return _finite_or_flat(points, y)


def _finite_or_flat(points: np.ndarray, y: np.ndarray) -> tuple[float, ...]:
    """A fit that fails numerically holds the last value rather than publish NaN or infinity."""
    if not np.all(np.isfinite(points)):
        points = np.full(len(points), y[-1])
    return tuple(np.maximum(points, 0.0))


COMBINED_MEMBERS = ("naive", "shrunk_drift", "holt_damped", "theta")


def combined(train: pd.Series, horizon: int) -> np.ndarray:
    """Median, year by year, of the naive, shrunk-drift, damped-trend and Theta forecasts (with four
    members, the mean of the middle two)."""
    paths = [MODELS[name].fn(train, horizon) for name in COMBINED_MEMBERS]
    return np.maximum(np.median(paths, axis=0), 0.0)


@dataclass(frozen=True)
class ModelSpec:
    name: str
    label: str  # a message (N_): shown through _()
    method: str  # a message (N_): shown through _()
    fn: ModelFn
    baseline: bool = False
    fits_history: bool = False  # fitted on all observed years up to the origin, not the procedure's fit years


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec("shrunk_drift", N_("Shrunk drift"),
                  N_("The last value plus the average yearly change of the last 10 years, believed only as far as "
                  "it stands out from the year-to-year noise (shrunk by 1 - 1/t²) and fading by a fifth each "
                  "year ahead."), shrunk_drift),
        ModelSpec("naive", N_("Held flat (last value)"), N_("The last observed value, held flat."), naive, True),
        ModelSpec("drift", N_("Drift"), N_("The last value plus the average yearly change over the fit years."),
                  drift, True),
        ModelSpec("holt_damped", N_("Damped trend (Holt)"),
                  N_("Holt's exponential smoothing with a damped trend (statsmodels): recent changes count most "
                  "and the trend fades with the horizon."), holt_damped),
        ModelSpec("theta", N_("Theta"),
                  N_("The Theta method (statsmodels ThetaModel): exponential smoothing of the level plus half the "
                  "slope of a straight line through the fit years."), theta),
        ModelSpec("combined", N_("Combined (median of four methods)"),
                  N_("The median, year by year, of four simple forecasts: the last value held flat, the shrunk "
                  "drift, the damped trend and the Theta method."), combined),
    )
}
DEFAULT_MODEL = "shrunk_drift"


def get_model(name: str) -> ModelSpec:
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")  # not text: for callers
    return MODELS[name]


def fit_predict(model_name: str, series: pd.Series, horizon: int, window: int | None = None) -> pd.DataFrame:
    """Point forecasts ``[year, point]`` for the ``horizon`` years after the last observed year, fitted on
    the whole series given (no fit rule: see :func:`displacement.projections.project` for the procedure)."""
    if horizon < 1:
        raise ValueError(f"horizon must be at least 1 (got {horizon})")  # not text: for callers
    train = prepare_series(series, window, min_years=2)
    points = get_model(model_name).fn(train, horizon)
    years = np.arange(train.index[-1] + 1, train.index[-1] + horizon + 1)
    return pd.DataFrame({"year": years, "point": points})
