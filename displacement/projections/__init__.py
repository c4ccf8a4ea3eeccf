"""Projections of displacement series: models, a published track record, calibrated intervals, scenarios.

Projected values are never mixed with official ones: every frame this package returns carries
``label == "projection"`` (or ``"scenario"``), and sits apart from the observed series.
See docs/projections.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .backtest import (
    BacktestResult,
    apply_intervals,
    backtest,
    choose_default_model,
    interval_halfwidths,
)
from .bounds import MIN_FIT_YEARS, REGIME_RULE, cap_frame, regime_start
from .models import MIN_YEARS, MODELS, SeriesTooShortError, fit_predict, get_model, prepare_series

__all__ = [
    "MAX_HORIZON",
    "MODELS",
    "BacktestResult",
    "Projection",
    "SeriesTooShortError",
    "backtest",
    "choose_default_model",
    "fit_predict",
    "fit_span",
    "labelled_rows",
    "project",
    "series_limits",
]

MAX_HORIZON = 10
SHORT_RECORD = 10  # fewer scored backtest origins than this: say the record is short
PROJECTION_LABEL = "projection"
BOUND_COLUMNS = ("point", "lo80", "hi80", "lo95", "hi95")
GENERAL_LIMITS = (
    "A projection extends past patterns; it cannot foresee new crises, peace agreements, returns or changes "
    "in how people are counted. It is not an official figure.",
    "The backtest uses today's revised data: UNHCR and IDMC revise back years at every release, so forecasts "
    "made in real time would have faced extra error.",
)


@dataclass
class Projection:
    frame: pd.DataFrame  # year, point, lo80, hi80, lo95, hi95, model, label
    series_name: str | None
    model: str
    model_label: str
    method: str
    chosen_by: str  # "backtest" or "user"
    beats_naive: bool
    reason: str
    window: int | None
    fit_start: int
    fit_end: int
    last_value: float
    interval_method: str
    backtest: BacktestResult
    limits: list[str] = field(default_factory=list)
    scope: str = "global"  # "global" or "country"
    fit_rule: str = ""  # how the first fitted year was chosen, in words
    first_observed: int | None = None  # first year of the contiguous observed series (before the fit rule)
    ceiling: float | None = None  # physical upper bound applied to points and bounds (people), if any
    ceiling_note: str = ""

    @property
    def track_record(self) -> pd.DataFrame:
        """The backtest summary rows of the model shown."""
        return self.backtest.summary[self.backtest.summary["model"] == self.model].reset_index(drop=True)

    def to_dict(self) -> dict:
        records = self.frame.astype({"year": int}).to_dict(orient="records")
        return {
            "series": self.series_name,
            "label": PROJECTION_LABEL,
            "model": self.model,
            "model_label": self.model_label,
            "method": self.method,
            "chosen_by": self.chosen_by,
            "beats_naive": bool(self.beats_naive),
            "reason": self.reason,
            "window": self.window,
            "fit_years": [self.fit_start, self.fit_end],
            "scope": self.scope,
            "fit_rule": self.fit_rule,
            "ceiling": None if self.ceiling is None else int(round(self.ceiling)),
            "ceiling_note": self.ceiling_note,
            "last_observed": {"year": self.fit_end, "value": self.last_value},
            "interval_method": self.interval_method,
            "track_record": _records(self.track_record),
            "limits": list(self.limits),
            "projection": [_people(_clean_record(r)) for r in records],
        }


def _clean_record(record: dict) -> dict:
    return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in record.items()}


def _people(record: dict) -> dict:
    """Whole people in the projection rows (no false precision); None where no interval exists."""
    return {k: (int(round(v)) if k in BOUND_COLUMNS and v is not None else v) for k, v in record.items()}


def _records(frame: pd.DataFrame) -> list[dict]:
    return [_clean_record(r) for r in frame.to_dict(orient="records")]


def series_limits(series_name: str | None, fit_start: int, fit_end: int, scope: str = "global") -> list[str]:
    """Caveats specific to a series and its fit years."""
    if scope == "country":
        return [
            "A country's series counts refugees, asylum-seekers and other people in need of international "
            "protection from it (by origin) or in it (by asylum); people displaced inside a country are not "
            "included. By-origin and by-asylum figures count the same people twice: never add them.",
            "Country series swing with single events (a war, a mass return, a change in how a host country "
            "registers people); a few such events dominate the track record.",
        ]
    notes = []
    if series_name in ("forcibly_displaced", "oip") and fit_start <= 2018 <= fit_end:
        notes.append(
            "Other people in need of international protection (OIP, mostly Venezuelans displaced abroad) are "
            "counted from 2018 only: part of the 2018-2019 rise is a change of definition, which the models "
            "read as growth."
        )
    if series_name == "forcibly_displaced":
        notes.append(
            "The total is the sum of its components from 1990 (when IDMC's conflict IDP series starts), "
            "without UNHCR's de-duplication of Gaza IDPs who are also Palestine refugees (from end-2023), so it "
            "is above the published headline."
        )
    return notes


def _interval_text(widths: pd.DataFrame, n_errors: int) -> str:
    if widths["method"].eq("none").all():
        return f"No interval: only {n_errors} backtest errors, too few to calibrate one."
    return (
        f"80% and 95% intervals from the model's {n_errors} backtest errors (split-conformal quantiles of "
        "|log(actual/forecast)| per horizon; pooled and widened with sqrt(h) where a horizon has few errors)."
    )


def _choose(result: BacktestResult, model: str) -> tuple[str, bool, str, str]:
    name, beats, reason = choose_default_model(result)
    if model == "auto":
        return name, beats, reason, "backtest"
    get_model(model)
    return model, beats, f"Chosen by the user. The backtest's choice is {name}: {reason}", "user"


def fit_span(series: pd.Series, scope: str = "global") -> tuple[pd.Series, str]:
    """The observed years a projection uses, and the rule that chose them, in words.

    Global series: the contiguous tail of observed years (see :func:`prepare_series`). Country series: from
    the first year the series has stayed at or above 10% of its latest value (:data:`REGIME_RULE`); a series
    that reached its present level too recently to backtest (fewer than ``MIN_FIT_YEARS`` years) raises
    SeriesTooShortError saying so.
    """
    if scope not in ("global", "country"):
        raise ValueError(f"scope must be 'global' or 'country', not {scope!r}")
    clean = prepare_series(series, min_years=MIN_YEARS)
    if scope == "global":
        return clean, f"All contiguous observed years ({clean.index[0]}-{clean.index[-1]})."
    start = regime_start(clean)
    if start == clean.index[0]:
        return clean, f"{REGIME_RULE} This series never fell below that level, so all its contiguous years " \
                      f"({clean.index[0]}-{clean.index[-1]}) are used."
    trimmed = clean.loc[start:]
    if len(trimmed) < MIN_FIT_YEARS:
        raise SeriesTooShortError(
            f"the series reached its present level only in {start} (it was below 10% of its latest value "
            f"until {start - 1}); {len(trimmed)} years at that level are too few to backtest a projection "
            f"({MIN_FIT_YEARS} needed)"
        )
    return trimmed, f"{REGIME_RULE} Here: from {start} (observed since {clean.index[0]})."


def project(
    series: pd.Series,
    horizon: int = 5,
    model: str = "auto",
    window: int | None = None,
    series_name: str | None = None,
    *,
    scope: str = "global",
    ceiling: float | None = None,
    ceiling_note: str = "",
    result: BacktestResult | None = None,
) -> Projection:
    """Project ``series`` ``horizon`` years past its last observed year, with calibrated 80%/95% intervals.

    ``model="auto"`` takes the model the backtest supports (see :func:`choose_default_model`).
    ``scope="country"`` fits from where the series reached its present order of size (:func:`fit_span`).
    ``ceiling`` (people) caps every point and bound: a physical limit such as a country's population.
    ``result``: a backtest of the same fitted series and window already run (the dashboard caches it), so
    changing the horizon or the model does not rerun it.
    Raises SeriesTooShortError if too few contiguous years are observed.
    """
    if not 1 <= horizon <= MAX_HORIZON:
        raise ValueError(f"horizon must be between 1 and {MAX_HORIZON} years (got {horizon})")
    if model != "auto":
        get_model(model)
    full = prepare_series(series, min_years=MIN_YEARS)
    clean, fit_rule = fit_span(series, scope)
    if result is None:
        result = backtest(clean, window=window)
    elif result.window != window:
        raise ValueError(f"the backtest given was run with window={result.window}, not {window}")
    name, beats, reason, chosen_by = _choose(result, model)
    points = fit_predict(name, clean, horizon, window)
    model_errors = result.errors[result.errors["model"] == name]
    widths = interval_halfwidths(model_errors, horizon)
    frame = points.assign(**apply_intervals(points["point"].to_numpy(), widths))
    capped = _capped(frame, ceiling)
    frame = cap_frame(frame, ceiling).assign(model=name, label=PROJECTION_LABEL)
    fit = clean.iloc[-window:] if window else clean
    limits = _limits(series_name, fit, beats, horizon, result, scope)
    if ceiling is not None and capped:
        limits.append(
            f"The upper bounds reach a physical ceiling of {ceiling / 1e6:,.1f} million in {', '.join(map(str, capped))} "
            f"and are cut there ({ceiling_note or 'see the model card'}): the record alone would have put them higher."
        )
    spec = MODELS[name]
    return Projection(
        frame, series_name, name, spec.label, spec.method, chosen_by, beats, reason, window,
        int(fit.index[0]), int(fit.index[-1]), float(clean.iloc[-1]),
        _interval_text(widths, len(model_errors)), result, limits,
        scope, fit_rule, int(full.index[0]), ceiling, ceiling_note,
    )


def _capped(frame: pd.DataFrame, ceiling: float | None) -> list[int]:
    """Years in which some bound would pass the ceiling."""
    if ceiling is None:
        return []
    above = (frame[list(BOUND_COLUMNS)].to_numpy(dtype="float64") > ceiling).any(axis=1)
    return [int(y) for y in frame["year"][above]]


def _limits(series_name, fit, beats, horizon, result, scope="global") -> list[str]:
    limits = list(GENERAL_LIMITS) + series_limits(series_name, int(fit.index[0]), int(fit.index[-1]), scope)
    if len(result.origins) < SHORT_RECORD:
        limits.append(
            f"The track record is short ({len(result.origins)} backtest origins): treat the model choice and "
            "the intervals as rough."
        )
    if not beats:
        limits.append("No model beat the naive baseline in the backtest: the last value is held flat.")
    if horizon > max(result.horizons):
        limits.append(
            f"Beyond {max(result.horizons)} years there is no backtest: the intervals there are extrapolated "
            "with sqrt(h) and the points are not checked against any track record."
        )
    return limits


ROW_COLUMNS = ["series", "year", "label", "value", "lo80", "hi80", "lo95", "hi95", "method"]


def labelled_rows(history: pd.Series, projection: Projection | None = None, scenario: pd.DataFrame | None = None,
                  series: str = "", scenario_text: str = "") -> pd.DataFrame:
    """Observed and projected values as separate, labelled rows (for tables and downloads).

    Observed years are ``label == "official"`` with only ``value``; projected years ``"projection"`` with the
    point in ``value`` and its 80%/95% bounds; scenario years ``"scenario"``. Projected and scenario rows
    never replace or add to an official row, even for the same year. Values are whole people (Int64).
    """
    observed = pd.to_numeric(pd.Series(history), errors="coerce").astype("float64").dropna()
    parts = [pd.DataFrame({"year": observed.index.astype(int), "label": "official",
                           "value": observed.to_numpy(), "method": "official figure"})]
    if projection is not None:
        frame = projection.frame.rename(columns={"point": "value"})
        parts.append(frame[["year", "label", "value", "lo80", "hi80", "lo95", "hi95"]].assign(
            method=f"{projection.model_label} (fitted on {projection.fit_start}-{projection.fit_end})"))
    if scenario is not None and not scenario.empty:
        parts.append(scenario[["year", "label", "value"]].assign(
            method="scenario" + (f": {scenario_text}" if scenario_text else "")))
    rows = pd.concat(parts, ignore_index=True).reindex(columns=ROW_COLUMNS)
    rows["series"] = series
    for column in ("value", "lo80", "hi80", "lo95", "hi95"):
        rows[column] = pd.to_numeric(rows[column], errors="coerce").round().astype("Int64")
    rows["year"] = rows["year"].astype(int)
    return rows
