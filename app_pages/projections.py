"""Projections: where a series may head in the next few years, with ranges calibrated on the method's own
track record, what-if scenarios, and the claim "growing by 10 million each year" checked against the data.
Projected values are labelled "projection" everywhere, drawn dashed over a shaded range, and never added to an
official figure. The view lives in the URL (?series=refugees&horizon=3&sc_chg=2M ...)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state
from components import data as loaders
from components import projection_charts as pc
from components.downloads import download_buttons
from displacement import country_stats as cs
from displacement import series as dseries
from displacement.projections import (
    MAX_HORIZON,
    MODELS,
    Projection,
    SeriesTooShortError,
    backtest,
    choose_default_model,
    fit_span,
    labelled_rows,
    project,
)
from displacement.projections.scenarios import (
    SEED_CLAIM,
    ScenarioError,
    ScenarioSettings,
    claim_vs_actual,
    parse_value,
    scenario_path,
)

GLOBAL_SERIES = dseries.SERIES
COUNTRY_SERIES = ["forcibly_displaced", "refugees", "asylum_seekers", "oip"]
PERSPECTIVES = {"origin": "People from the country (origin)", "asylum": "People in the country (asylum)"}
HORIZONS = list(range(1, MAX_HORIZON + 1))
MODEL_CHOICES = ["auto", *MODELS]
WINDOWS = {"all": "All years", "20": "Last 20 years", "15": "Last 15 years", "10": "Last 10 years"}
DEFAULT_HORIZON = 5
WORLD = ""  # the country selector's "whole world" option: no iso3 in the URL
GLOBAL_SOURCE = "UNHCR Refugee Population Statistics Database; UNRWA and IDMC figures via UNHCR (CC BY 4.0)"
COUNTRY_SOURCE = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
PROJECTION_NOTE = "Projection: this dashboard's model, not an official figure"
TITLE = "Where is displacement heading?"
MAX_FIGURES = 20  # rows in the key-figures table of the brief
# Scenario widgets: URL key -> (min, max) in the widget's unit. sc_chg depends on sc_unit.
CHANGE_LIMITS = {"abs": (-50_000_000.0, 50_000_000.0), "pct": (-99.0, 100.0)}
SCENARIO_LIMITS = {"sc_shock": (0.0, 200_000_000.0), "sc_sd": (0.0, 100.0), "sc_ret": (0.0, 100.0)}
UNITS = {"abs": "people a year", "pct": "% a year"}
# Sections as tabs whose choice lives in the link (?section=Track+record); only the open one is built and
# drawn, so a widget change redraws one chart (re-render target, docs/benchmarks.md).
SECTIONS = ["Projection", "Track record", "Model card", "Claim check"]

_opened = loaders.datasets()
NAMES = loaders.country_names(_opened)
CODES = sorted(NAMES, key=lambda c: NAMES[c])
LAST = int(loaders.totals(_opened)["year"].max())


# --- URL parameters --------------------------------------------------------------------------------


def _unit_in_url() -> str:
    unit = st.query_params.get("sc_unit", "abs")
    return unit if unit in UNITS else "abs"


def _scenario_param(key: str, expected: str) -> url_state.Param:
    def accepts(raw: str) -> bool:
        try:
            value = parse_value(key, raw, _unit_in_url())
        except ScenarioError:
            return False
        low, high = CHANGE_LIMITS[_unit_in_url()] if key == "sc_chg" else SCENARIO_LIMITS[key]
        return low <= value <= high
    return url_state.Param(key, accepts, expected)


PARAMS = [
    url_state.choice("series", GLOBAL_SERIES),
    url_state.country("iso3", NAMES),
    url_state.choice("perspective", PERSPECTIVES),
    url_state.choice("horizon", HORIZONS, expected=f"a number of years from 1 to {MAX_HORIZON}"),
    url_state.choice("model", MODEL_CHOICES),
    url_state.choice("window", WINDOWS),
    url_state.choice("section", SECTIONS),
    _scenario_param("sc_chg", "a yearly change: people (e.g. 2000000 or 2M, from -50M to 50M) or, with "
                              "sc_unit=pct, a % from -99 to 100"),
    url_state.choice("sc_unit", UNITS),
    _scenario_param("sc_shock", "a number of people from 0 to 200M (e.g. 10M or 500k)"),
    url_state.year("sc_sy", LAST + 1, LAST + MAX_HORIZON),
    _scenario_param("sc_sd", "a yearly decay in % from 0 to 100"),
    _scenario_param("sc_ret", "a yearly return rate in % from 0 to 100"),
]
data = page.start(
    TITLE, PARAMS,
    intro="Projections extend past figures a few years ahead, with ranges calibrated on how well the same "
          "method did before. They are not official figures: every projected value is labelled “projection”, "
          "drawn dashed over a shaded range, and never added to an official figure.")
KEY = loaders.release_key(data)


def _unit_to_url(key: str) -> None:
    unit = st.session_state.get(key) or "abs"
    if unit == "abs":
        st.query_params.pop("sc_unit", None)
    else:
        st.query_params["sc_unit"] = unit
    st.query_params.pop("sc_chg", None)  # people and % have different ranges: the change starts afresh


def _unit_select(label: str) -> str:
    """Like url_state.coded_select, and a change of unit also clears the yearly change (a number of
    people is no valid percentage), so the user's own click never triggers a notice."""
    unit = _unit_in_url()
    if st.query_params.get("sc_unit") not in (None, unit):
        st.query_params.pop("sc_unit", None)
    st.session_state["url-sc_unit"] = unit
    st.segmented_control(label, list(UNITS), key="url-sc_unit", format_func=UNITS.get, on_change=_unit_to_url,
                         args=("url-sc_unit",))
    return unit


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")


def _number_to_url(key: str, param: str) -> None:
    value = st.session_state.get(key)
    if not value:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = _number_text(float(value))


def _url_number(label: str, *, param: str, key: str, unit: str = "abs", **kwargs) -> float:
    """A number input whose link value may be written 10M or 500k (a bound input would silently drop those):
    read and checked here, kept in the URL as a plain number. page.start has already named a bad value."""
    raw = st.query_params.get(param)
    value = 0.0
    if raw:
        try:
            value = float(parse_value(param, raw, unit))
        except ScenarioError:
            value = 0.0
        if not kwargs["min_value"] <= value <= kwargs["max_value"]:
            value = 0.0  # page.start has named it
        text = _number_text(value)
        if not value:
            st.query_params.pop(param, None)
        elif raw != text:
            st.query_params[param] = text  # ?sc_shock=10M becomes ?sc_shock=10000000
    st.session_state[key] = value
    return st.number_input(label, key=key, on_change=_number_to_url, args=(key, param), **kwargs) or 0.0


# --- cached computations (keyed on simple arguments and the release) --------------------------------


@st.cache_data(show_spinner=False, max_entries=128)
def _series(_data, key: tuple, name: str, iso3: str | None, perspective: str) -> tuple[pd.Series, dict]:
    for source_id, table in [("population", "totals"), ("population", f"by_{perspective}"),
                             ("population", "by_origin"), ("unrwa", "totals"), ("idmc", "totals"),
                             ("worldbank-population", "population")]:
        _data.tables[f"{source_id}/{table}"] = loaders.table(_data, source_id, table)
    series = dseries.load_series(_data, name, iso3, perspective)
    return series, dict(series.attrs)


@st.cache_data(show_spinner="Running the track record (once per series and window)…", max_entries=64)
def _backtest(_data, key: tuple, name: str, iso3: str | None, perspective: str, window: int | None):
    series, options = _series(_data, key, name, iso3, perspective)
    clean, _ = fit_span(series, options["scope"])
    return backtest(clean, window=window)


@st.cache_data(show_spinner=False, max_entries=256)
def _projection(_data, key: tuple, name: str, iso3: str | None, perspective: str, window: int | None,
                horizon: int, model: str) -> Projection:
    series, options = _series(_data, key, name, iso3, perspective)
    result = _backtest(_data, key, name, iso3, perspective, window)
    return project(series, horizon, model, window, name, result=result, **options)


# --- words -----------------------------------------------------------------------------------------


def series_label(name: str, iso3: str | None, perspective: str) -> str:
    if not iso3:
        return labels.LABELS[name]
    where = f"{'from' if perspective == 'origin' else 'in'} {NAMES.get(iso3, iso3)}"
    if name == "forcibly_displaced":
        return f"Refugees, asylum-seekers and other people in need of international protection {where}"
    return f"{labels.LABELS[name]} {where}"


def series_option(name: str, country: bool) -> str:
    if country and name == "forcibly_displaced":
        return "Refugees + asylum-seekers + other in need of int. protection"
    return labels.LABELS[name]


def mil(value: float) -> str:
    return labels.millions(value)


def range_text(row: pd.Series, level: str = "80") -> str:
    lo, hi = row[f"lo{level}"], row[f"hi{level}"]
    if pd.isna(lo) or pd.isna(hi):
        return "no range (too short a record)"
    return f"{mil(lo)} to {mil(hi)}"


def scenario_words(settings: ScenarioSettings) -> str:
    parts = []
    if settings.change:
        parts.append(f"{settings.change / 1e6:+,.1f} million a year" if settings.unit == "abs"
                     else f"{settings.change:+.1f}% a year")
    if settings.shock_size:
        decay = f", shrinking {settings.shock_decay_pct:g}% a year" if settings.shock_decay_pct else ""
        parts.append(f"a new crisis displaces {settings.shock_size / 1e6:,.1f} million in {settings.shock_year}{decay}")
    if settings.return_pct:
        parts.append(f"{settings.return_pct:g}% return each year")
    return "; ".join(parts)


# --- the view --------------------------------------------------------------------------------------


def controls() -> dict:
    top = st.columns([3, 2, 3])
    with top[0]:
        iso3 = url_state.coded_select(
            st.selectbox, "Where", [WORLD, *CODES], param="iso3", default=WORLD,
            format_func=lambda c: "The world (global totals)" if c == WORLD else f"{NAMES[c]} ({c})",
            normalise=lambda v: v.strip().upper(),
            help="A country's series counts refugees, asylum-seekers and other people in need of international "
                 "protection from it or in it (UNHCR). Its internally displaced people are not included.")
    perspective = "origin"
    if iso3:
        with top[1]:
            perspective = url_state.coded_select(
                st.segmented_control, "Count people", list(PERSPECTIVES), param="perspective", default="origin",
                format_func={"origin": "from it", "asylum": "in it"}.get,
                help=f"{PERSPECTIVES['origin']} or {PERSPECTIVES['asylum']}. The two count the same people "
                     "twice: never add them.") or "origin"
    options = COUNTRY_SERIES if iso3 else GLOBAL_SERIES
    raw = st.query_params.get("series")
    if iso3 and raw and raw in GLOBAL_SERIES and raw not in COUNTRY_SERIES:
        url_state.show_notices([f"Link parameter “series” = “{url_state.safe_text(raw)}” is only available "
                                "for the world: showing this country's refugees, asylum-seekers and other people "
                                "in need of international protection."])
    with top[2]:
        name = url_state.coded_select(st.selectbox, "Series", options, param="series", default="forcibly_displaced",
                                      format_func=lambda n: series_option(n, bool(iso3)))
    bottom = st.columns([3, 2, 3])
    with bottom[0]:
        horizon = st.slider("Years ahead", 1, MAX_HORIZON, DEFAULT_HORIZON, key="horizon", bind="query-params",
                            help="Beyond 5 years nothing has been checked against a track record.")
    with bottom[1]:
        window = url_state.coded_select(
            st.selectbox, "Fit on", list(WINDOWS), param="window", default="all", format_func=WINDOWS.get,
            help="All years (the default) or only the most recent ones. Shorter windows follow recent growth more "
                 "closely and have scored better on 2000-2024, a period of growth.")
    with bottom[2]:
        model = url_state.coded_select(
            st.selectbox, "Model", MODEL_CHOICES, param="model", default="auto",
            format_func=lambda m: "Chosen by the track record (auto)" if m == "auto" else MODELS[m].label)
    return {"iso3": iso3 or None, "perspective": perspective, "name": name, "horizon": int(horizon),
            "window": None if window == "all" else int(window), "model": model}


def scenario_controls(horizon: int, last_year: int) -> ScenarioSettings | None:
    active = any(k in st.query_params for k in ("sc_chg", "sc_shock", "sc_ret"))
    with st.expander("What if? Add a scenario beside the projection", expanded=active, icon=":material/tune:"):
        st.caption("A scenario follows your assumptions, not the data: it starts from the last official figure "
                   "and is drawn dotted in orange. It is not a forecast and not an official figure. The settings "
                   "are kept in the link.")
        left, middle, right = st.columns(3)
        with left:
            unit = _unit_select("Yearly change in")
            low, high = CHANGE_LIMITS[unit]
            change = _url_number(f"Yearly change ({UNITS[unit]})", param="sc_chg", key="proj-sc-chg", unit=unit,
                                 min_value=low, max_value=high, step=500_000.0 if unit == "abs" else 0.5,
                                 format="%.0f" if unit == "abs" else "%.1f",
                                 help="Added every year (negative: a fall). In people (you can type 2000000; a "
                                      "link can say 2M), or in % of the year before.")
            if unit == "abs" and change:
                st.caption(f"{change / 1e6:+,.2f} million a year")
        with middle:
            low, high = SCENARIO_LIMITS["sc_shock"]
            shock = _url_number("New crisis: people newly displaced", param="sc_shock", key="proj-sc-shock",
                                min_value=low, max_value=high, step=500_000.0, format="%.0f",
                                help="People added in the shock year by a new crisis (0: no shock). A link can "
                                     "say 10M or 500k.")
            if shock:
                st.caption(f"{shock / 1e6:,.2f} million")
            shock_year = st.number_input("…in the year", LAST + 1, LAST + MAX_HORIZON, value=LAST + 1, step=1,
                                         key="sc_sy", bind="query-params")
            decay = st.number_input("…then shrinking by (% a year)", *SCENARIO_LIMITS["sc_sd"], value=0.0, step=5.0,
                                    format="%.0f", key="sc_sd", bind="query-params",
                                    help="The share of the crisis' displaced who return or settle each year after.")
        with right:
            ret = st.number_input("Return rate (% of the stock a year)", *SCENARIO_LIMITS["sc_ret"], value=0.0,
                                  step=1.0, format="%.1f", key="sc_ret", bind="query-params",
                                  help="The share of people who return home (or otherwise stop being counted) each year.")
    settings = ScenarioSettings(horizon=horizon, change=float(change or 0), unit=unit,
                                shock_size=float(shock or 0), shock_year=int(shock_year or LAST + 1),
                                shock_decay_pct=float(decay or 0), return_pct=float(ret or 0))
    if not (settings.change or settings.shock_size or settings.return_pct):
        return None
    if settings.shock_size and not last_year < settings.shock_year <= last_year + horizon:
        url_state.show_notices([f"Scenario parameter “sc_sy”: the crisis year {settings.shock_year} is outside the "
                                f"years shown ({last_year + 1}-{last_year + horizon}), so the scenario leaves the "
                                "shock out. Raise “Years ahead” or pick an earlier year."])
        settings = ScenarioSettings(horizon=horizon, change=settings.change, unit=unit, return_pct=settings.return_pct)
        if not (settings.change or settings.return_pct):
            return None
    return settings


def choice_block(p: Projection) -> None:
    scores = p.backtest.summary.groupby("model")["mase"].mean()
    naive = scores.get("naive", np.nan)
    span = f"{min(p.backtest.origins)}-{max(p.backtest.origins)}"
    if not p.beats_naive:
        st.warning(
            f"**No model beat the simplest rule, “the last figure stays the same”.** Forecasts made from each year "
            f"{span} with only the data known then were, on average, no closer than holding the last value flat "
            f"(average scaled error {naive:.2f}). So the projection holds the last official figure "
            f"({mil(p.last_value)}, {p.fit_end}) flat; the shaded range shows how far the series has moved from "
            "such a forecast before.", icon=":material/warning:")
    if p.chosen_by == "backtest":
        if p.beats_naive:
            st.info(f"**Model: {p.model_label}**, chosen automatically by the track record: forecasts made from "
                    f"each year {span} with only the data known then had the lowest average scaled error "
                    f"(MASE {scores[p.model]:.2f}, against {naive:.2f} for holding the last figure flat).",
                    icon=":material/model_training:")
    else:
        auto = _auto_choice(p)
        st.info(f"**Model: {p.model_label}**, chosen by you. The track record would choose "
                f"{MODELS[auto].label}" + (f" (average scaled error {scores[auto]:.2f}; this model "
                                           f"{scores[p.model]:.2f})." if auto != p.model else "."),
                icon=":material/model_training:")


def _auto_choice(p: Projection) -> str:
    return choose_default_model(p.backtest)[0]


def figure_cards(p: Projection | None, history: pd.Series) -> None:
    cols = st.columns(3)
    last_year = int(history.index[-1])
    cols[0].metric(f"Last official figure ({last_year})", mil(history.iloc[-1]),
                   help=f"{history.iloc[-1]:,.0f} people (official, a stock at the end of {last_year}).")
    if p is None:
        return
    end = p.frame.iloc[-1]
    cols[1].metric(f"Projection for {int(end['year'])} (not official)", mil(end["point"]),
                   help=f"{end['point']:,.0f} people: a projection by {p.model_label}, not an official figure.")
    cols[2].metric("Its 80% range (projection)", range_text(end).replace(" million", " M").replace(" to ", "–"),
                   help=f"95% range: {range_text(end, '95')}.")


def main_chart(history: pd.Series, p: Projection | None, scenario: pd.DataFrame | None, settings, sel: dict,
               label: str, source: str, as_of: str) -> go.Figure:
    colour = labels.COLOURS.get(sel["name"], "#333333")
    frame = p.frame if p is not None else pd.DataFrame(columns=["year", "point", "lo80", "hi80", "lo95", "hi95"])
    last_year = int(history.index[-1])
    name = f"{labels.SHORT.get(sel['name'], 'Series')} (official)" if not sel["iso3"] else "Official figures"
    fig = pc.fan_chart(history, frame, colour=colour, name=name, scenario=scenario,
                       scenario_name="Scenario (your assumptions)",
                       first_year=max(int(history.index[0]), last_year - 35))
    charts.frame(fig, title=f"{label}: official figures and projection", source=f"{source}. {PROJECTION_NOTE}",
                 unit="People (a stock at the end of each year). Solid: official. Dashed with shaded 80% and 95% "
                      "ranges: projection." + (f" Dotted: scenario ({scenario_words(settings)})."
                                               if scenario is not None else ""),
                 as_of=as_of, height=520)
    alt = f"Line chart. Official figures up to {last_year} ({mil(history.iloc[-1])}) as a solid line."
    if p is not None:
        end = p.frame.iloc[-1]
        alt += (f" Dashed projection ({p.model_label}) to {int(end['year'])}: {mil(end['point'])} "
                f"(80% range {range_text(end)}; 95% range {range_text(end, '95')}).")
    if scenario is not None:
        alt += f" Dotted scenario ({scenario_words(settings)}): {mil(scenario['value'].iloc[-1])} in " \
               f"{int(scenario['year'].iloc[-1])}."
    charts.show(fig, key="projection-fan", alt=alt)
    return fig


def projection_rows(table: pd.DataFrame, last_year: int) -> None:
    recent = table[(table["year"] >= last_year - 2)]
    shown = recent.assign(
        **{c: recent[c].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}") for c in ["value", "lo80", "hi80", "lo95", "hi95"]})
    st.dataframe(shown.drop(columns="series"), hide_index=True, width="stretch", column_config={
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "label": st.column_config.TextColumn("Kind", help="official: published data. projection: this model's "
                                                          "output. scenario: your assumptions."),
        "value": "People", "lo80": "80% low", "hi80": "80% high", "lo95": "95% low", "hi95": "95% high",
        "method": "How"})


def track_record(p: Projection, label: str, source: str, as_of: str, source_ids: list[str]) -> go.Figure:
    st.subheader("Track record: how each method did before")
    result = p.backtest
    span = f"{min(result.origins)}-{max(result.origins)}"
    st.caption(f"For each year {span} ({len(result.origins)} starting points), every model was fitted only on the "
               "figures known then and its forecasts compared with what happened. Average error: mean distance from "
               "the actual figure, in %. MASE: that error divided by the typical one-year change (below 1 at one "
               "year ahead: better than “no change” in-sample; compare models with the naive row). Coverage: how "
               "often the 80% and 95% ranges, calibrated only on errors already known at the time, held the actual "
               "figure.")
    order = {m: i for i, m in enumerate(MODELS)}
    summary = result.summary.sort_values(["model", "horizon"], key=lambda s: s.map(order) if s.name == "model" else s)
    shown = pd.DataFrame({
        "Model": summary["model"].map(lambda m: MODELS[m].label + (" ✓" if m == p.model else "")),
        "Years ahead": summary["horizon"], "Forecasts": summary["n"],
        "MAPE %": summary["mape"].round(1), "MASE": summary["mase"].round(2),
        "80% held %": (100 * summary["coverage80"]).round(0),
        "95% held %": (100 * summary["coverage95"]).round(0),
        "Ranges checked": summary["n_coverage"]})
    left, right = st.columns([11, 9])
    with left:
        st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 460), column_config={
            "Model": st.column_config.TextColumn("Model", help="✓ the model shown above"),
            "MAPE %": st.column_config.NumberColumn("MAPE %", help="Average error: mean |actual − forecast| / actual"),
            "MASE": st.column_config.NumberColumn("MASE", help="Average error divided by the typical one-year change"),
            "80% held %": st.column_config.NumberColumn("80% held %", help="How often the 80% range held the actual figure"),
            "95% held %": st.column_config.NumberColumn("95% held %", help="How often the 95% range held the actual figure"),
        })
    with right:
        fig = pc.track_record_chart(summary, p.model, {m: s.label for m, s in MODELS.items()})
        charts.frame(fig, title=f"Average error by years ahead: {label}", source=f"{source}. Backtest by this dashboard",
                     unit=f"Mean absolute % error of forecasts made {span} (lower is better)", as_of=as_of, height=440)
        chosen = summary[summary["model"] == p.model].set_index("horizon")
        naive = summary[summary["model"] == "naive"].set_index("horizon")
        charts.show(fig, key="projection-track", alt=(
            f"Line chart of average forecast error by years ahead for {len(MODELS)} models. {p.model_label} (shown): "
            + ", ".join(f"{h} year(s) ahead {chosen.loc[h, 'mape']:.1f}%" for h in chosen.index)
            + "; holding the last figure flat: "
            + ", ".join(f"{naive.loc[h, 'mape']:.1f}%" for h in naive.index) + "."))
    errors = result.errors.drop(columns=["scored"]).assign(series=label)
    download_buttons(shown, errors, data, source_ids, f"Track record of projection models: {label}",
                     "projection-track-record")
    return fig


def model_card(p: Projection, label: str, source: str) -> None:
    st.subheader("Model card")
    record = p.track_record.set_index("horizon")
    with st.container(border=True):
        st.markdown(f"**What this is.** A projection of *{label}*: a statistical extension of past figures, "
                    "labelled “projection” wherever it appears. It is not an official figure and is never added "
                    "to one.")
        chosen = ("chosen automatically by the track record" if p.chosen_by == "backtest" else "chosen by you")
        st.markdown(f"**Method.** {p.model_label}, {chosen}. {MODELS[p.model].method}")
        window = "all of them" if not p.window else f"only the last {p.window}"
        data_line = (f"**Data.** {source}: yearly figures {p.fit_start}-{p.fit_end}; the models were fitted on "
                     f"{window}. The last official figure is {mil(p.last_value)} ({p.fit_end}).")
        st.markdown(data_line)
        if p.scope == "country":
            st.markdown(f"**Fit window.** {p.fit_rule}")
            if p.ceiling is not None:
                st.markdown(f"**Ceiling.** No projected value or range goes above {mil(p.ceiling)}: "
                            f"{p.ceiling_note}.")
            else:
                st.markdown("**Ceiling.** None: a host country can receive more people, so figures by asylum have "
                            "no physical upper bound here.")
        else:
            st.markdown(f"**Fit window.** {p.fit_rule} " + (f"Fitted on the last {p.window} years." if p.window else ""))
        if record.empty or record["n"].isna().all():
            st.markdown("**Backtest results.** Too little history to test the method.")
        else:
            errs = ", ".join(f"{h} year{'s' if h > 1 else ''} ahead {record.loc[h, 'mape']:.1f}%" for h in record.index)
            cover = "; ".join(
                f"{h} yr: {record.loc[h, 'coverage80']:.0%} / {record.loc[h, 'coverage95']:.0%}"
                for h in record.index if pd.notna(record.loc[h, "coverage80"]))
            st.markdown(f"**Backtest results.** Forecasts made from each year {min(p.backtest.origins)}-"
                        f"{max(p.backtest.origins)} with only the data known then were off by, on average: {errs}. "
                        + (f"The 80% and 95% ranges held the actual figure this often: {cover}." if cover else
                           "Too few forecasts to check the ranges yet."))
        st.markdown("**Ranges.** " + p.interval_method.replace("|log(actual/forecast)|", "the forecasts' relative "
                                                                 "errors").replace("sqrt(h)", "the square root of "
                                                                                   "the years ahead"))
        st.markdown("**Known limits.**\n" + "\n".join(f"- {_plain(limit)}" for limit in p.limits))


def _plain(text: str) -> str:
    return text.replace("with sqrt(h)", "in proportion to the square root of the years ahead")


def claim_block() -> go.Figure:
    st.subheader("“Growing by 10 million each year”: tested against the data")
    as_of = loaders.data_as_of(data, ["population", "unrwa", "idmc"])
    totals = loaders.totals(data)
    total = totals.dropna(subset=["idps_conflict"]).set_index("year")["forcibly_displaced"].astype("float64")
    base_year = SEED_CLAIM["base_year"]
    table = claim_vs_actual(total, base_year, SEED_CLAIM["per_year"])
    headlines = loaders.table(data, "published-headlines", "headlines")
    periods = totals.set_index("year")["period"]

    def published(year: int) -> str:
        rows = headlines[(headlines["year"] == year) & headlines["forcibly_displaced_m"].notna()]
        if rows.empty:
            return ""
        row = rows.sort_values("period").iloc[0]  # end-year before mid-year
        return f"{row['forcibly_displaced_m']:.1f} million ({row['period_label']})"

    shown = pd.DataFrame({
        "Year": table["year"].astype(int),
        "Period": table["year"].map(periods),
        "+10 million a year would give": table["claimed"].map(mil),
        "The data (sum of the five components)": table["actual"].map(mil),
        "Published by UNHCR": table["year"].map(published),
        "Data minus claim": table["difference"].map(lambda v: f"{v / 1e6:+.1f} million"),
        "Change on the year before (data)": table["actual_change"].map(lambda v: f"{v / 1e6:+.1f} million"),
    })
    st.markdown(
        f"In May 2023 UNHCR counted “some 110 million” forcibly displaced people, “growing by 10 million each "
        f"year”. Read as +10 million a year from the end-{base_year} figure in today's data "
        f"({mil(total.loc[base_year])}), this is what the rate would have given for each year since, next to what "
        "the data show. This is a check of a claim, not a projection.")
    st.dataframe(shown, hide_index=True, width="stretch")
    held = table[table["actual_change"] >= 9_500_000]["year"].astype(int).tolist()
    last = table.iloc[-1]
    st.markdown(
        f"The total grew by about 10 million or more in {', '.join(map(str, held)) or 'none of these years'}; "
        f"in {int(last['year'])} it changed by {last['actual_change'] / 1e6:+.1f} million, and stands "
        f"{abs(last['difference']) / 1e6:.1f} million {'below' if last['difference'] < 0 else 'above'} what the claim "
        "implied. Published figures differ from the sum of components (UNHCR counts Palestine refugees displaced "
        "inside Gaza once, and the data are revised back).")
    fig = pc.claim_chart(table, total, base_year)
    charts.frame(fig, title="“Growing by 10 million each year” next to what happened",
                 unit="People forcibly displaced (stock at the end of each year; sum of the five components)",
                 source=GLOBAL_SOURCE, as_of=as_of, height=380)
    charts.show(fig, key="projection-claim", alt=(
        f"Line chart from {base_year - 5}. Had the total grown by 10 million a year from {mil(total.loc[base_year])} "
        f"at end-{base_year}, it would have reached {mil(last['claimed'])} in {int(last['year'])}; the data show "
        f"{mil(last['actual'])}."))
    return fig


def headline_sentence(history: pd.Series, p: Projection | None, label: str, source_ids: list[str],
                      why_not: str) -> str:
    """The last official figure with its source, then the projection, named as such (never an official
    figure), with its 80% range and method."""
    last_year = int(history.index[-1])
    name = ("UNHCR's Refugee Population Statistics Database" if source_ids[:1] == ["population"] and
            "unrwa" not in source_ids else
            "UNHCR's Refugee Population Statistics Database, with UNRWA and IDMC figures via UNHCR")
    official = (f"{label} stood at {mil(history.iloc[-1])} at the end of {last_year} (official figure, a stock), "
                f"{cs.according_to([(name, data.manifest('population'))])}")
    if p is None:
        return f"{official}; no projection could be made ({why_not.rstrip('.')})."
    end = p.frame.iloc[-1]
    return (f"{official}; this dashboard's projection ({p.model_label}, fitted on {p.fit_start}-{p.fit_end}), "
            f"not an official figure, puts it at {mil(end['point'])} at the end of {int(end['year'])} "
            f"(80% range {range_text(end)}).")


def key_figures(table: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """The last official figure, then each projected year with its 80% range, then the scenario (its
    last year only when the table would exceed 20 rows)."""
    rows = table[table["year"] >= last_year]
    rows = rows[(rows["label"] != "official") | (rows["year"] == last_year)]
    scenario = rows[rows["label"] == "scenario"]
    if len(rows) > MAX_FIGURES and len(scenario):
        rows = pd.concat([rows[rows["label"] != "scenario"], scenario.tail(1)])
    rows = rows.head(MAX_FIGURES)
    ranges = [f"{cs.people(lo)} to {cs.people(hi)}" if pd.notna(lo) and pd.notna(hi) else "" for lo, hi
              in zip(rows["lo80"], rows["hi80"])]
    return pd.DataFrame({"Year (end of)": rows["year"].astype(int).astype(str), "Kind": rows["label"],
                         "People": rows["value"].map(cs.people), "80% range (projection)": ranges})


def _no_series(message: str) -> None:
    """No series to project: each section says so, except the claim check (the world total)."""
    def draw(section: str) -> list[go.Figure]:
        if section == "Claim check":
            return [claim_block()]
        st.info(message)
        return []
    page.sections(SECTIONS, draw)
    return None


def render() -> dict | None:
    """The view of the chosen series; returns what the share bar needs (None when there is no series)."""
    sel = controls()
    if not sel["iso3"] and any(v not in PERSPECTIVES for v in st.query_params.get_all("perspective")):
        # no widget reads it for the world view, so nothing else drops a bad value (page.start named it):
        # the view's link must not repeat it
        del st.query_params["perspective"]
    label = series_label(sel["name"], sel["iso3"], sel["perspective"])
    try:
        history, options = _series(data, KEY, sel["name"], sel["iso3"], sel["perspective"])
    except (KeyError, LookupError, ValueError):
        return _no_series(f"No figures for {label} in the data.")
    history = history.astype("float64").dropna()
    if history.empty:
        return _no_series(f"No figures to show for {label}.")
    source_ids = (["population"] + (["worldbank-population"] if options.get("ceiling") is not None else [])
                  if sel["iso3"] else ["population", "unrwa", "idmc"])
    source = (COUNTRY_SOURCE + ("; population: World Bank (CC BY 4.0)" if options.get("ceiling") is not None else "")
              if sel["iso3"] else GLOBAL_SOURCE)
    as_of = loaders.data_as_of(data, source_ids)
    p, why_not = None, ""
    try:
        p = _projection(data, KEY, sel["name"], sel["iso3"], sel["perspective"], sel["window"], sel["horizon"],
                        sel["model"])
    except SeriesTooShortError as exc:
        why_not = str(exc)
    last_year = int(history.index[-1])
    settings = scenario_controls(sel["horizon"], last_year)
    scenario = None
    if settings is not None:
        try:
            scenario = scenario_path(last_year, float(history.iloc[-1]), settings)
        except ScenarioError as exc:
            url_state.show_notices([f"Scenario parameter “{exc.param}”: {url_state.safe_text(str(exc))}"])
    if p is None:
        st.warning(f"**No projection for {label}.** {why_not[:1].upper() + why_not[1:]}. The official figures and "
                   "any scenario are still shown.", icon=":material/warning:")
    else:
        choice_block(p)
    figure_cards(p, history)
    table = labelled_rows(history, p, scenario, label, scenario_words(settings) if settings else "")

    def draw(section: str) -> list[go.Figure]:
        if section == "Projection":
            fig = main_chart(history, p, scenario, settings, sel, label, source, as_of)
            with st.expander("Year by year (official, projection and scenario rows)", expanded=False):
                projection_rows(table, last_year)
            download_buttons(table, None, data, source_ids,
                             f"{label}: official figures (label 'official') and projection (label 'projection'; "
                             "not an official figure)" + (" and scenario (label 'scenario')" if scenario is not None
                                                          else ""), "projection")
            return [fig]
        if section == "Claim check":
            return [claim_block()]
        if p is None:
            st.info(f"No projection for {label}, so no track record or model card.")
        elif section == "Track record":
            return [track_record(p, label, source, as_of, source_ids)]
        else:
            model_card(p, label, source)
        return []

    drawn = page.sections(SECTIONS, draw)
    notes = ["Projection, not an official figure: a statistical extension of past figures by this dashboard, "
             "never added to an official figure."]
    if p is not None:
        chosen = "chosen by its track record" if p.chosen_by == "backtest" else "chosen by the user"
        notes.append(f"Method: {p.model_label} ({chosen}); "
                     f"80% and 95% ranges calibrated on its own past errors, {min(p.backtest.origins)}-"
                     f"{max(p.backtest.origins)}.")
    if scenario is not None:
        notes.append(f"Scenario rows follow the user's assumptions ({scenario_words(settings)}), not the data: "
                     "not a forecast and not an official figure.")
    return {"source_ids": source_ids, "headline": headline_sentence(history, p, label, source_ids, why_not),
            "figures": key_figures(table, last_year), "fig": drawn[0] if drawn else None,  # the open section's
            "notes": tuple(notes)}


view = render()
if view is not None:
    share.share_bar(data, title=TITLE, **view)
else:
    share.share_bar(data, title=TITLE, source_ids=["population", "unrwa", "idmc"])
