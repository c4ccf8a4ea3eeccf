"""Forecast models for annual stock series (pure functions, no Streamlit).

Every model has the signature ``fn(train, horizon) -> np.ndarray`` of ``horizon`` point forecasts, where
``train`` is a clean series (float, int-year index, contiguous, no NaN) as made by :func:`prepare_series`.
Points are never negative: these are counts of people.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

ModelFn = Callable[[pd.Series, int], np.ndarray]

MIN_YEARS = 5  # fewest contiguous observed years a projection accepts


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
            raise ValueError(f"window must be at least 2 years (got {window})")
        clean = clean.iloc[-window:]
    if len(clean) < min_years:
        raise SeriesTooShortError(
            f"series has {len(clean)} contiguous observed year(s); at least {min_years} needed"
        )
    return clean.rename(series.name if hasattr(series, "name") else None)


def _steps(horizon: int) -> np.ndarray:
    return np.arange(1, horizon + 1, dtype="float64")


def naive(train: pd.Series, horizon: int) -> np.ndarray:
    """Last observed value carried forward."""
    return np.full(horizon, float(train.iloc[-1]))


def drift(train: pd.Series, horizon: int) -> np.ndarray:
    """Last value plus the average yearly change over the fit window (random walk with drift)."""
    y = train.to_numpy()
    slope = (y[-1] - y[0]) / (len(y) - 1) if len(y) > 1 else 0.0
    return np.maximum(y[-1] + slope * _steps(horizon), 0.0)


def linear_trend(train: pd.Series, horizon: int) -> np.ndarray:
    """Least-squares straight line on year, extended."""
    if len(train) < 2:
        return naive(train, horizon)
    years = train.index.to_numpy(dtype="float64")
    slope, intercept = np.polyfit(years, train.to_numpy(), 1)
    future = years[-1] + _steps(horizon)
    return np.maximum(intercept + slope * future, 0.0)


def log_linear(train: pd.Series, horizon: int) -> np.ndarray:
    """Constant growth rate: least-squares line on log(value), fitted on the trailing positive values."""
    positive = train[train > 0]
    if len(positive) < 2 or positive.index[-1] != train.index[-1]:
        return naive(train, horizon)
    positive = positive.loc[_trailing_run(positive.index.to_numpy()) :]
    if len(positive) < 2:
        return naive(train, horizon)
    years = positive.index.to_numpy(dtype="float64")
    slope, intercept = np.polyfit(years, np.log(positive.to_numpy()), 1)
    return np.exp(intercept + slope * (years[-1] + _steps(horizon)))


def _trailing_run(years: np.ndarray) -> int:
    breaks = np.flatnonzero(np.diff(years) != 1)
    return int(years[breaks[-1] + 1]) if len(breaks) else int(years[0])


def holt_damped(train: pd.Series, horizon: int) -> np.ndarray:
    """Holt's linear method with a damped trend (statsmodels), parameters by maximum likelihood."""
    if len(train) < 4:
        return drift(train, horizon)
    return np.array(_holt_forecast(tuple(train.to_numpy(dtype="float64")), horizon))


@lru_cache(maxsize=4096)
def _holt_forecast(values: tuple[float, ...], horizon: int) -> tuple[float, ...]:
    """Cached on the exact values: the backtest and the ensemble refit the same windows."""
    from statsmodels.tsa.holtwinters import Holt

    y = np.asarray(values)
    scale = float(np.mean(np.abs(y))) or 1.0
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fit = Holt(y / scale, damped_trend=True, initialization_method="estimated").fit()
        points = np.asarray(fit.forecast(horizon), dtype="float64") * scale
    if not np.all(np.isfinite(points)):
        points = np.full(horizon, y[-1])
    return tuple(np.maximum(points, 0.0))


ENSEMBLE_MEMBERS = ("drift", "linear", "log_linear", "holt_damped")


def ensemble(train: pd.Series, horizon: int) -> np.ndarray:
    """Equal-weight mean of the drift, linear, log-linear and damped-trend forecasts."""
    paths = [MODELS[name].fn(train, horizon) for name in ENSEMBLE_MEMBERS]
    return np.mean(paths, axis=0)


@dataclass(frozen=True)
class ModelSpec:
    name: str
    label: str
    method: str
    fn: ModelFn
    baseline: bool = False


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec("naive", "Naive (last value)", "The last observed value, held flat.", naive, True),
        ModelSpec(
            "drift", "Drift", "The last value plus the average yearly change over the fit window.", drift, True
        ),
        ModelSpec("linear", "Linear trend", "A least-squares straight line through the fit window.", linear_trend),
        ModelSpec(
            "log_linear",
            "Constant growth",
            "A constant yearly growth rate: a least-squares line on the logarithm of the values.",
            log_linear,
        ),
        ModelSpec(
            "holt_damped",
            "Damped trend (Holt)",
            "Holt's exponential smoothing with a damped trend (statsmodels): recent changes count most "
            "and the trend fades with the horizon.",
            holt_damped,
        ),
        ModelSpec(
            "ensemble",
            "Ensemble",
            "The equal-weight mean of the drift, linear, constant-growth and damped-trend forecasts.",
            ensemble,
        ),
    )
}


def get_model(name: str) -> ModelSpec:
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")
    return MODELS[name]


def fit_predict(model_name: str, series: pd.Series, horizon: int, window: int | None = None) -> pd.DataFrame:
    """Point forecasts ``[year, point]`` for the ``horizon`` years after the last observed year."""
    if horizon < 1:
        raise ValueError(f"horizon must be at least 1 (got {horizon})")
    train = prepare_series(series, window, min_years=2)
    points = get_model(model_name).fn(train, horizon)
    years = np.arange(train.index[-1] + 1, train.index[-1] + horizon + 1)
    return pd.DataFrame({"year": years, "point": points})
