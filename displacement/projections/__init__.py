"""Projections of displacement series: a procedure, its real-time track record, calibrated ranges, scenarios.

The procedure (fit years, model, ranges) is run at every past origin with only the data known then
(:func:`track_record`); today's projection is the same computation at the last origin, so what is shown and
what is scored are one thing. Projected values are never mixed with official ones: every frame this package
returns carries ``label == "projection"`` (or ``"scenario"``) and sits apart from the observed series.
See docs/projections.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from displacement.formatting import local_number
from displacement.text import N_, _

from .backtest import (
    DEFAULT_HORIZONS,
    MAX_HORIZON,
    SCORED_HORIZON,
    TrackRecord,
    calibration_at,
    track_record,
)
from .bounds import cap_frame
from .models import (
    DEFAULT_MODEL,
    MIN_YEARS,
    MODELS,
    SeriesTooShortError,
    fit_predict,
    get_model,
    prepare_series,
)
from .procedure import check_scope, fit_rule_text, fit_years

__all__ = [
    "DEFAULT_MODEL",
    "MAX_HORIZON",
    "MODELS",
    "Projection",
    "SeriesTooShortError",
    "TrackRecord",
    "fit_predict",
    "fit_span",
    "labelled_rows",
    "project",
    "series_limits",
    "track_record",
    "versus_naive",
]

SHORT_RECORD = 10  # fewer scored origins than this: say the record is short
PROJECTION_LABEL = "projection"
BOUND_COLUMNS = ("point", "lo80", "hi80", "lo95", "hi95")
MODEL_ALIASES = {"auto": DEFAULT_MODEL}  # "auto": the default, or held flat where it did no better
GENERAL_LIMITS = (
    N_("A projection extends past patterns; it cannot foresee new crises, peace agreements, returns or changes "
     "in how people are counted. It is not an official figure."),
    N_("The track record uses today's revised data: UNHCR and IDMC revise back years at every release, so "
     "forecasts made at the time would have faced extra error."),
)


def resolve_model(name: str) -> str:
    """A model name from MODELS ("auto" means the default); KeyError naming the choices otherwise."""
    return get_model(MODEL_ALIASES.get(name, name)).name


@dataclass
class Projection:
    frame: pd.DataFrame  # year, point, lo80, hi80, lo95, hi95, model, label
    series_name: str | None
    model: str  # the model whose forecast is shown
    model_label: str
    method: str
    chosen_by: str  # "default" (the default method, or held flat where it did no better), or "user"
    reason: str  # why this model is shown, in words
    record: TrackRecord
    window: int | None
    fit_start: int
    fit_end: int
    last_value: float
    interval_method: str
    limits: list[str] = field(default_factory=list)
    scope: str = "global"
    fit_rule: str = ""
    first_observed: int | None = None
    ceiling: float | None = None
    ceiling_note: str = ""

    @property
    def versus_naive(self) -> pd.DataFrame:
        """The shown model's record next to holding the figure flat, per horizon 1-5 (see :func:`versus_naive`)."""
        return versus_naive(self.record, self.model)

    @property
    def beats_naive(self) -> bool:
        return bool(self.versus_naive.loc[list(DEFAULT_HORIZONS), "better"].fillna(False).any())

    def headline_ok(self, horizon: int) -> bool:
        """May the projection ``horizon`` years ahead be headlined? Only where its record, at that horizon
        (at 5 years beyond 5), is better than holding the figure flat."""
        if self.model == "naive":
            return True
        row = self.versus_naive.loc[min(horizon, SCORED_HORIZON)]
        return bool(row["better"]) if pd.notna(row["better"]) else False

    def headline(self, horizon: int | None = None) -> tuple[pd.Series, bool]:
        """The projected year to headline (the last shown, or ``horizon`` years ahead) and whether it is the
        last figure held flat because the shown method's record there is worse (see :meth:`headline_ok`).
        Held flat, the row is the naive forecast made today, with its own calibrated ranges."""
        horizon = horizon or len(self.frame)
        if self.headline_ok(horizon):
            return self.frame.iloc[horizon - 1], False
        flat = self.record.made_at("naive", self.record.last_origin).iloc[[horizon - 1]]
        flat = cap_frame(flat[["year", "point", "lo80", "hi80", "lo95", "hi95"]], self.ceiling)
        return pd.concat([flat.iloc[0], pd.Series({"model": "naive", "label": PROJECTION_LABEL})]), True

    def vintages(self, count: int = 3) -> dict[int, pd.DataFrame]:
        """What the shown method projected with data to one, two, ``count`` years before the last (made
        with today's revised data), up to the same projected year as today's: {origin: year, point}."""
        end = int(self.frame["year"].iloc[-1])
        out = {}
        for origin, rows in self.record.vintages(self.model, count).items():
            rows = cap_frame(rows[rows["year"] <= end][["year", "point"]], self.ceiling, columns=("point",))
            out[origin] = rows.reset_index(drop=True)
        return out

    @property
    def track_record(self) -> pd.DataFrame:
        """The summary rows of the model shown, at the horizons a record is shown at (1, 3, 5)."""
        rows = self.record.summary[self.record.summary["model"] == self.model]
        return rows[rows["horizon"].isin(self.record.horizons)].reset_index(drop=True)

    def to_dict(self) -> dict:
        records = self.frame.astype({"year": int}).to_dict(orient="records")
        return {
            "series": self.series_name, "label": PROJECTION_LABEL, "model": self.model,
            "model_label": self.model_label, "method": self.method, "chosen_by": self.chosen_by,
            "beats_naive": self.beats_naive, "reason": self.reason, "window": self.window,
            "fit_years": [self.fit_start, self.fit_end], "scope": self.scope, "fit_rule": self.fit_rule,
            "ceiling": None if self.ceiling is None else int(np.rint(self.ceiling)),
            "ceiling_note": self.ceiling_note,
            "last_observed": {"year": self.fit_end, "value": self.last_value},
            "interval_method": self.interval_method, "track_record": _records(self.track_record),
            "versus_naive": _records(self.versus_naive.reset_index()),
            "limits": list(self.limits),
            "projection": [_people(_clean_record(r)) for r in records],
        }


def versus_naive(record: TrackRecord, model: str) -> pd.DataFrame:
    """Per horizon 1-5: the model's and the naive forecast's mean and median absolute % errors on the same
    scored forecasts, how many, and ``better`` (lower mean error than holding flat; NA without forecasts)."""
    summary = record.summary.set_index(["model", "horizon"])
    index = pd.RangeIndex(1, SCORED_HORIZON + 1, name="horizon")
    out = pd.DataFrame(index=index, columns=["n", "mape", "naive_mape", "mdape", "naive_mdape"], dtype="float64")
    for h in index:
        if (model, h) in summary.index and ("naive", h) in summary.index:
            mine, flat = summary.loc[(model, h)], summary.loc[("naive", h)]
            out.loc[h] = [mine["n"], mine["mape"], flat["mape"], mine["mdape"], flat["mdape"]]
    out["better"] = (out["mape"] < out["naive_mape"]).astype("boolean").where(out["n"] > 0)
    return out


def _clean_record(record: dict) -> dict:
    return {k: (None if (isinstance(v, float) and np.isnan(v)) or v is pd.NA else v) for k, v in record.items()}


def _people(record: dict) -> dict:
    """Whole people in the projection rows (no false precision); None where no interval exists."""
    return {k: (int(np.rint(v)) if k in BOUND_COLUMNS and v is not None else v) for k, v in record.items()}


def _records(frame: pd.DataFrame) -> list[dict]:
    return [_clean_record(r) for r in frame.astype(object).to_dict(orient="records")]


def series_limits(series_name: str | None, fit_start: int, fit_end: int, scope: str = "global") -> list[str]:
    """Caveats specific to a series and its fit years (a loader adds its own, e.g. the basis of a total)."""
    if scope == "country":
        return [
            _("A country's series counts refugees, asylum-seekers and other people in need of international "
             "protection from it (by origin) or in it (by asylum); people displaced inside a country are not "
             "included. By-origin and by-asylum figures count the same people twice: never add them."),
            _("Country series swing with single events (a war, a mass return, a change in how a host country "
             "registers people); a few such events dominate the track record."),
        ]
    notes = []
    if series_name in ("forcibly_displaced", "oip") and fit_start <= 2018 <= fit_end:
        notes.append(_(
            "Other people in need of international protection (OIP, mostly Venezuelans displaced abroad) are "
            "counted from 2018 only: part of the 2018-2019 rise is a change of definition, which the models "
            "read as growth."
        ))
    return notes


def fit_span(series: pd.Series, scope: str = "global", window: int | None = None) -> tuple[pd.Series, str]:
    """The years today's projection is fitted on, and the rule that chose them, in words.

    The same rule as at every backtest origin (:func:`.procedure.fit_years`), applied to all the data.
    Raises SeriesTooShortError saying why when too few years qualify.
    """
    check_scope(scope)
    clean = prepare_series(series, min_years=MIN_YEARS)
    return fit_years(clean, scope, window), fit_rule_text(clean, scope, window)


def _shown_model(record: TrackRecord, model: str) -> tuple[str, str, str]:
    """(model shown, chosen_by, reason). The user's choice stands; the default method is shown unless its
    record is no better than holding the figure flat at any of 1, 3 and 5 years ahead."""
    if model != "auto":
        return resolve_model(model), "user", _("Chosen by the user.")
    compared = versus_naive(record, DEFAULT_MODEL).loc[list(DEFAULT_HORIZONS)]
    if compared["n"].fillna(0).eq(0).all():
        return "naive", "default", _("Too few past forecasts to judge any method: the last figure is held flat.")
    if not compared["better"].fillna(False).any():
        return "naive", "default", _(
            "The forecasts of the default method ({method}) for this series were no closer, on average, than holding "
            "the last figure flat, at 1, 3 or 5 years ahead: the last figure is held flat."
        ).format(method=_(MODELS[DEFAULT_MODEL].label).lower())
    return DEFAULT_MODEL, "default", _("The dashboard's default method.")


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
    notes: list[str] | tuple[str, ...] = (),
    record: TrackRecord | None = None,
) -> Projection:
    """Project ``series`` ``horizon`` years past its last observed year, with calibrated 80%/95% ranges.

    The projection is the forecast the track record's procedure makes at the last origin. ``model="auto"``
    shows the default method (:data:`.models.DEFAULT_MODEL`), or the last value held flat where its record is no
    better at any of 1, 3, 5 years. ``scope="country"`` fits from where the series reached its present order of size.
    ``ceiling`` (people) caps every point and bound. ``notes``: caveats from the loader. ``record``: a
    track record of the same series, scope and window already run (the dashboard caches it).
    Raises SeriesTooShortError if too few years qualify to fit.
    """
    if not 1 <= horizon <= MAX_HORIZON:
        raise ValueError(f"horizon must be between 1 and {MAX_HORIZON} years (got {horizon})")  # not text
    if model != "auto":
        resolve_model(model)
    fit, fit_rule = fit_span(series, scope, window)
    if record is None:
        record = track_record(series, scope, window)
    elif (record.window, record.scope, record.last_origin) != (window, scope, int(fit.index[-1])):
        raise ValueError("the track record given was run on another series, scope or window")  # not text
    name, chosen_by, reason = _shown_model(record, model)
    made = record.made_at(name, record.last_origin).head(horizon)
    frame = made[["year", "point", "lo80", "hi80", "lo95", "hi95"]].reset_index(drop=True)
    capped = _capped(frame, ceiling)
    frame = cap_frame(frame, ceiling).assign(model=name, label=PROJECTION_LABEL)
    limits = _limits(series_name, fit, name, chosen_by, horizon, record, scope, notes)
    if ceiling is not None and capped:
        limits.append(_(
            "The upper bounds reach a physical ceiling of {ceiling} million in {years} and are cut there ({why}): "
            "the record alone would have put them higher."
        ).format(ceiling=local_number(ceiling / 1e6, 1), years=", ".join(map(str, capped)),
                 why=ceiling_note or _("see the model card")))
    spec = MODELS[name]
    full = prepare_series(series, min_years=MIN_YEARS)
    return Projection(
        frame, series_name, name, _(spec.label), _(spec.method), chosen_by, reason, record, window,
        int(fit.index[0]), int(fit.index[-1]), float(fit.iloc[-1]), _interval_text(record, name, horizon),
        limits, scope, fit_rule, int(full.index[0]), ceiling, ceiling_note,
    )


def _interval_text(record: TrackRecord, model: str, horizon: int) -> str:
    widths = calibration_at(record, model, horizon)
    n_errors = int(widths["n_errors"].iloc[0])
    if widths["method"].eq("none").all():
        return _("No range: only {n} past errors of this method, too few to calibrate one.").format(n=n_errors)
    return _(
        "80% and 95% ranges from this method's {n} past errors on this series (forecasts made within "
        "the present fit years, each with only the data known at the time): split-conformal quantiles of "
        "|log(actual/forecast)|, at each horizon the wider of the quantile of that horizon's errors and h times "
        "that of all errors per year ahead."
    ).format(n=n_errors)


def _capped(frame: pd.DataFrame, ceiling: float | None) -> list[int]:
    """Years in which some bound would pass the ceiling."""
    if ceiling is None:
        return []
    above = (frame[list(BOUND_COLUMNS)].to_numpy(dtype="float64") > ceiling).any(axis=1)
    return [int(y) for y in frame["year"][above]]


def _limits(series_name, fit, model, chosen_by, horizon, record, scope, notes) -> list[str]:
    limits = [*map(_, GENERAL_LIMITS), *series_limits(series_name, int(fit.index[0]), int(fit.index[-1]), scope),
              *map(_, notes)]  # the loader's notes are messages too
    if len(record.origins) < SHORT_RECORD:
        limits.append(_("The track record is short ({n} past origins scored): treat the ranges as rough.")
                      .format(n=len(record.origins)))
    if model == "naive" and chosen_by == "default":
        limits.append(_("The last official figure is held flat: the default method's record here was no better."))
    if horizon > SCORED_HORIZON:
        limits.append(_(
            "Beyond {years} years there is no track record: the ranges there grow in proportion to the "
            "years ahead from the past errors per year, and the points are not checked against any past forecast."
        ).format(years=SCORED_HORIZON))
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
                           "value": observed.to_numpy(), "method": _("official figure")})]
    if projection is not None:
        frame = projection.frame.rename(columns={"point": "value"})
        parts.append(frame[["year", "label", "value", "lo80", "hi80", "lo95", "hi95"]].assign(
            method=_("{method} (fitted on {first}-{last})").format(
                method=projection.model_label, first=projection.fit_start, last=projection.fit_end)))
    if scenario is not None and not scenario.empty:
        parts.append(scenario[["year", "label", "value"]].assign(
            method=_("scenario: {description}").format(description=scenario_text) if scenario_text
            else _("scenario")))
    rows = pd.concat(parts, ignore_index=True).reindex(columns=ROW_COLUMNS)
    rows["series"] = series
    for column in ("value", "lo80", "hi80", "lo95", "hi95"):
        rows[column] = pd.to_numeric(rows[column], errors="coerce").round().astype("Int64")
    rows["year"] = rows["year"].astype(int)
    return rows
