"""Projections: where a series may head in the next few years, with ranges calibrated on the method's own
track record, what-if scenarios, and the claim "growing by 10 million each year" checked against the data.
Projected values are labelled "projection" everywhere, drawn dashed over a shaded range, and never added to an
official figure. The view lives in the URL (?series=refugees&horizon=3&sc_chg=2M ...)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state
from components import data as loaders
from components import projection_charts as pc
from components.downloads import download_buttons
from displacement.figures import countries as cs
from displacement.figures import headline
from displacement.formatting import markdown_text
from displacement.projections import (
    DEFAULT_MODEL,
    MAX_HORIZON,
    MODELS,
    Projection,
    SeriesTooShortError,
    labelled_rows,
    project,
    track_record,
    versus_naive,
)
from displacement.projections import series as dseries
from displacement.projections.scenarios import (
    ScenarioError,
    ScenarioSettings,
    parse_value,
    scenario_path,
)

GLOBAL_SERIES = dseries.SERIES
COUNTRY_SERIES = ["forcibly_displaced", "refugees", "asylum_seekers", "oip"]
PERSPECTIVES = {"origin": "People from the country (origin)", "asylum": "People in the country (asylum)"}
HORIZONS = list(range(1, MAX_HORIZON + 1))
MODEL_CHOICES = ["auto", *MODELS]
MODEL_OPTION = f"{MODELS[DEFAULT_MODEL].label}, or held flat where it did no better (default)"
YEARS_AHEAD = {1: "one year ahead", 2: "two years ahead", 3: "three years ahead", 4: "four years ahead",
               5: "five years ahead"}
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
    url_state.choice("vintages", ["true", "false"]),
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
def _record(_data, key: tuple, name: str, iso3: str | None, perspective: str, window: int | None):
    series, options = _series(_data, key, name, iso3, perspective)
    return track_record(series, options["scope"], window)


@st.cache_data(show_spinner=False, max_entries=256)
def _projection(_data, key: tuple, name: str, iso3: str | None, perspective: str, window: int | None,
                horizon: int, model: str) -> Projection:
    series, options = _series(_data, key, name, iso3, perspective)
    record = _record(_data, key, name, iso3, perspective, window)
    return project(series, horizon, model, window, name, record=record, **options)


# --- words -----------------------------------------------------------------------------------------


def series_label(name: str, iso3: str | None, perspective: str) -> str:
    if not iso3:
        return labels.LABELS[dseries.WORLD_SERIES if name == "forcibly_displaced" else name]
    where = f"{'from' if perspective == 'origin' else 'in'} {NAMES.get(iso3, iso3)}"
    if name == "forcibly_displaced":
        return f"Refugees, asylum-seekers and other people in need of international protection {where}"
    return f"{labels.LABELS[name]} {where}"


def series_option(name: str, country: bool) -> str:
    if country and name == "forcibly_displaced":
        return "Refugees + asylum-seekers + other in need of int. protection"
    return labels.LABELS[dseries.WORLD_SERIES if name == "forcibly_displaced" else name]


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
        url_state.show_notices([(f"Link parameter “series” = “{url_state.safe_text(raw)}” is only available "
                                 "for the world: showing this country's refugees, asylum-seekers and other people "
                                 "in need of international protection.")])
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
            help="All the years the fit rule allows (the default) or only the most recent of them. Whichever you "
                 "pick, the track record is remade with the same choice at every past year.")
    with bottom[2]:
        model = url_state.coded_select(
            st.selectbox, "Model", MODEL_CHOICES, param="model", default="auto",
            format_func=lambda m: MODEL_OPTION if m == "auto" else MODELS[m].label)
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
        url_state.show_notices([(f"Scenario parameter “sc_sy”: the crisis year {settings.shock_year} is outside "
                                 f"the years shown ({last_year + 1}-{last_year + horizon}), so the scenario leaves "
                                 "the shock out. Raise “Years ahead” or pick an earlier year.")])
        settings = ScenarioSettings(horizon=horizon, change=settings.change, unit=unit, return_pct=settings.return_pct)
        if not (settings.change or settings.return_pct):
            return None
    return settings


def off_by(record: pd.DataFrame, column: str = "mape", horizons=(1, 3, 5)) -> str:
    """'6% one year ahead, 14% three years ahead and 20% five years ahead' from a versus-naive table (a
    decimal where the method and holding flat would otherwise read the same)."""
    parts = [f"{_percent(record.loc[h, column], _digits(record.loc[h]))} {YEARS_AHEAD[h]}" for h in horizons
             if h in record.index and pd.notna(record.loc[h, column])]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + (parts[-1] if parts else "")


def record_span(p: Projection) -> str:
    origins = p.record.origins
    return f"{min(origins)}-{max(origins)}" if origins else "no past year"


def compared(p: Projection) -> str:
    """The method whose record is set beside holding flat: the one shown, or, where the page fell back to
    holding flat, the default method it fell back from."""
    return DEFAULT_MODEL if p.model == "naive" and p.chosen_by == "default" else p.model


def choice_block(p: Projection) -> None:
    """What is shown and how far off it has been, in plain words (the exact measures are in the model card)."""
    record = versus_naive(p.record, compared(p))
    span = record_span(p)
    if record["n"].fillna(0).eq(0).all():
        st.warning(f"**{p.model_label}.** {p.reason} There are no past forecasts to check it against yet.",
                   icon=":material/warning:")
    elif p.model == "naive" and p.chosen_by == "default":
        st.warning(f"**The last figure is held flat ({mil(p.last_value)}, {p.fit_end}).** The default method "
                   f"({MODELS[DEFAULT_MODEL].label.lower()}) did no better for this series: forecasts it made each "
                   f"year {span}, with only the data known then, "
                   f"were off by {off_by(record)} on average; holding the last figure flat was off by "
                   f"{off_by(record, 'naive_mape')}. The shaded range shows how far the series has moved from a flat "
                   "forecast before.", icon=":material/warning:")
    else:
        chosen = "the dashboard's default" if p.chosen_by == "default" else "chosen by you"
        ahead = min(len(p.frame), 5)
        held = "" if p.headline_ok(ahead) else (
            f" At {YEARS_AHEAD[ahead]} it did no better than holding the figure flat, so the headline figure for "
            f"{int(p.frame['year'].iloc[-1])} holds the last one flat.")
        st.info(f"**{p.model_label}**, {chosen}. Forecasts it made for this series each year {span}, with only "
                f"the data known then, were off by {off_by(record)} on average; holding the last figure flat was "
                f"off by {off_by(record, 'naive_mape')}.{held}", icon=":material/model_training:")


def figure_cards(p: Projection | None, history: pd.Series) -> None:
    cols = st.columns(3)
    last_year = int(history.index[-1])
    cols[0].metric(f"Last official figure ({last_year})", mil(history.iloc[-1]),
                   help=f"{history.iloc[-1]:,.0f} people (official, a stock at the end of {last_year}).")
    if p is None:
        return
    end, held = p.headline()
    year = int(end["year"])
    if held:
        record = p.versus_naive.loc[min(len(p.frame), 5)]
        cols[1].metric(f"Held flat for {year} (not official)", mil(end["point"]), help=(
            f"At {YEARS_AHEAD[min(len(p.frame), 5)]}, forecasts by {p.model_label} for this series were off by "
            f"{record['mape']:.0f}% on average, holding the figure flat by {record['naive_mape']:.0f}%: the "
            f"headline holds the last figure flat. {p.model_label}'s projection is still drawn on the chart."))
    else:
        cols[1].metric(f"Projection for {year} (not official)", mil(end["point"]),
                       help=f"{end['point']:,.0f} people: a projection by {p.model_label}, not an official figure.")
    cols[2].metric("Its 80% range (projection)", range_text(end).replace(" million", " M").replace(" to ", "–"),
                   help=f"95% range: {range_text(end, '95')}.")


def vintage_toggle(p: Projection | None, last_year: int) -> dict[int, pd.DataFrame] | None:
    """The earlier projections, when the reader asks for them (kept in the link as ?vintages=true)."""
    if p is None:
        return None
    shown = st.toggle(f"Show earlier projections (made with data to {last_year - 3}, {last_year - 2} and "
                      f"{last_year - 1})", key="vintages", bind="query-params",
                      help="What the same method projected with the data up to one, two and three years before "
                           "the last official figure (recomputed on today's revised data). How far they moved "
                           "from year to year is how far today's may move.")
    return p.vintages() if shown else None


def main_chart(history: pd.Series, p: Projection | None, scenario: pd.DataFrame | None, settings, sel: dict,
               label: str, source: str, as_of: str, vintages: dict[int, pd.DataFrame] | None = None) -> go.Figure:
    colour = labels.COLOURS.get(sel["name"], "#333333")
    frame = p.frame if p is not None else pd.DataFrame(columns=["year", "point", "lo80", "hi80", "lo95", "hi95"])
    last_year = int(history.index[-1])
    name = f"{labels.SHORT.get(sel['name'], 'Series')} (official)" if not sel["iso3"] else "Official figures"
    fig = pc.fan_chart(history, frame, colour=colour, name=name, scenario=scenario,
                       scenario_name="Scenario (your assumptions)",
                       first_year=max(int(history.index[0]), last_year - 35), vintages=vintages)
    charts.frame(fig, title=f"{label}: official figures and projection", source=f"{source}. {PROJECTION_NOTE}",
                 unit="People (a stock at the end of each year). Solid: official. Dashed with shaded 80% and 95% "
                      "ranges: projection." + (" Thin grey dots: earlier projections." if vintages else "")
                      + (f" Dotted: scenario ({scenario_words(settings)})." if scenario is not None else ""),
                 as_of=as_of, height=520)
    alt = f"Line chart. Official figures up to {last_year} ({mil(history.iloc[-1])}) as a solid line."
    if p is not None:
        end = p.frame.iloc[-1]
        alt += (f" Dashed projection ({p.model_label}) to {int(end['year'])}: {mil(end['point'])} "
                f"(80% range {range_text(end)}; 95% range {range_text(end, '95')}).")
    for origin, path in sorted((vintages or {}).items()):
        alt += (f" Projected with data to {origin}: {mil(path['point'].iloc[-1])} in {int(path['year'].iloc[-1])}.")
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


def track_record_section(p: Projection, label: str, source: str, as_of: str, source_ids: list[str]) -> go.Figure:
    st.subheader("Track record: how far off past projections were")
    record, span = p.record, record_span(p)
    st.caption(f"Each year {span}, the method was run with only the figures known that year (which years to fit, "
               "the forecast, its ranges) and its forecasts were compared with what happened, in today's figures. "
               "“Off by”: the average distance from the actual figure. “Range held”: how often the actual figure "
               "fell inside the range. The exact measures are in the model card.")
    model = compared(p)
    versus = versus_naive(record, model)
    digits = versus.apply(_digits, axis=1)
    own = record.of(model).reindex(versus.index)
    shown = pd.DataFrame({
        "Years ahead": versus.index,
        "Off by, on average": [_percent(v, d) for v, d in zip(versus["mape"], digits)],
        "Held flat: off by": [_percent(v, d) for v, d in zip(versus["naive_mape"], digits)],
        "Half its forecasts within": versus["mdape"].map(_percent),
        "80% range held the figure": own["coverage80"].map(_share),
        "95% range held the figure": own["coverage95"].map(_share),
        "Past forecasts": versus["n"].fillna(0).astype(int)})
    st.markdown(f"**{MODELS[model].label}** next to holding the last figure flat:")
    st.dataframe(shown, hide_index=True, width="stretch")
    skipped = [o for o in record.abstained if record.origins and min(record.origins) <= o <= max(record.origins)]
    if skipped:
        st.caption(f"No forecast was made in {_years_list(skipped)}: too few years at the series' level then to "
                   "fit one (as the page shows none today for such a series).")
    fig = pc.track_record_chart(record.summary, model, {m: s.label for m, s in MODELS.items()})
    charts.frame(fig, title=f"How far off each method was, by years ahead: {label}",
                 source=f"{source}. Track record by this dashboard",
                 unit=f"Average % distance from the actual figure, forecasts made {span} (lower is better)",
                 as_of=as_of, height=420)
    charts.show(fig, key="projection-track", alt=(
        f"Line chart of how far off each method's forecasts were, by years ahead. {MODELS[model].label}: "
        f"off by {off_by(versus, horizons=versus.index)}; holding the last figure flat: "
        f"{off_by(versus, 'naive_mape', versus.index)}."))
    forecasts = record.forecasts.assign(series=label)
    download_buttons(shown, forecasts, data, source_ids, f"Track record of projection methods: {label}",
                     "projection-track-record")
    return fig


def _digits(row: pd.Series) -> int:
    """0, or 1 where the method's and holding flat's errors round to the same whole percent but differ."""
    mine, flat = row.get("mape"), row.get("naive_mape")
    return int(pd.notna(mine) and pd.notna(flat) and round(mine) == round(flat) and mine != flat)


def _percent(value: float, digits: int = 0) -> str:
    return "" if pd.isna(value) else f"{value:.{digits}f}%"


def _share(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.0%}"


def _years_list(years) -> str:
    years = sorted(years)
    return ", ".join(map(str, years[:-1])) + (" and " if len(years) > 1 else "") + str(years[-1])


def exact_measures(record, models: list[str]) -> pd.DataFrame:
    """The track record's exact measures for the model card (what the command line's --backtest prints)."""
    rows = record.summary[record.summary["model"].isin(models) & record.summary["horizon"].isin(record.horizons)]
    rows = rows.assign(order=rows["model"].map({m: i for i, m in enumerate(models)})).sort_values(["order", "horizon"])
    return pd.DataFrame({
        "Model": rows["model"].map(lambda m: MODELS[m].label), "Years ahead": rows["horizon"], "n": rows["n"],
        "MAPE %": rows["mape"].round(1), "Median APE %": rows["mdape"].round(1), "MASE": rows["mase"].round(2),
        "MASE / naive": rows["rel_mase"].round(3), "80% coverage": rows["coverage80"].round(2),
        "95% coverage": rows["coverage95"].round(2), "Ranges checked": rows["n_coverage"]})


def model_card(p: Projection, label: str, source: str) -> None:
    st.subheader("Model card")
    with st.container(border=True):
        st.markdown(f"**What this is.** A projection of *{markdown_text(label)}*: a statistical extension of past figures, "
                    "labelled “projection” wherever it appears. It is not an official figure and is never added "
                    "to one.")
        chosen = "chosen by you" if p.chosen_by == "user" else "the default"
        st.markdown(f"**Method.** {p.model_label}, {chosen}. {MODELS[p.model].method} {p.reason}")
        st.markdown(f"**How the default was chosen.** Once, for every series alike: {MODELS[DEFAULT_MODEL].label.lower()} "
                    "was picked by a rule declared beforehand, from it and combinations of the other methods, on the "
                    "record of the largest countries of origin and of asylum and the world total, and checked on the "
                    "next-largest countries. It is never re-chosen per series. On the page it gives way to holding "
                    "the last figure flat only where its own record for the series is no better at any of 1, 3 and 5 "
                    "years ahead, and a year is headlined only where its record at that distance beats holding flat.")
        window = "every year its fit rule allows" if not p.window else f"only the last {p.window} of them"
        st.markdown(f"**Data.** {source}: yearly figures {p.first_observed}-{p.fit_end}; today's fit uses "
                    f"{p.fit_start}-{p.fit_end} ({window}). The last official figure is {mil(p.last_value)} "
                    f"({p.fit_end}).")
        st.markdown(f"**Fit years.** {p.fit_rule}")
        if p.scope == "country":
            if p.ceiling is not None:
                st.markdown(f"**Ceiling.** No projected value or range goes above {mil(p.ceiling)}: "
                            f"{p.ceiling_note}.")
            else:
                st.markdown("**Ceiling.** None: a host country can receive more people, so figures by asylum have "
                            "no physical upper bound here.")
        st.markdown(f"**Track record.** Every year {record_span(p)}, the whole procedure (fit years, forecast, "
                    "ranges) was run with only the data known then; the measures below compare its forecasts "
                    "with today's figures. MAPE: mean absolute % error; median APE: its median; MASE: mean absolute "
                    "error over the mean one-year change of the fitted years; MASE / naive below 1: closer than "
                    "holding the figure flat; coverage: the share of actual figures inside the range, measured out "
                    "of sample.")
        st.dataframe(exact_measures(p.record, list(dict.fromkeys([p.model, DEFAULT_MODEL, "naive"]))),
                     hide_index=True, width="stretch")
        with st.expander("Every method's exact measures"):
            st.dataframe(exact_measures(p.record, list(MODELS)), hide_index=True, width="stretch")
        st.markdown("**Ranges.** " + p.interval_method.replace("|log(actual/forecast)|", "the forecasts' relative "
                                                                 "errors"))
        st.markdown("**Known limits.**\n" + "\n".join(f"- {limit}" for limit in p.limits))


def claim_block() -> go.Figure:
    """The one check of the claim (displacement.figures.headline.claim_table), as the overview, the brief and
    `project --check-claim` give it."""
    st.subheader("“Growing by 10 million each year”: tested against the data")
    as_of = loaders.data_as_of(data, ["population", "unrwa", "idmc"])
    totals = loaders.totals(data)
    table = headline.claim_table(totals)
    shown = pd.DataFrame({
        "Year": table["year"].astype(int), "Period": table["period"],
        "The data (UNHCR's basis)": table["value"].map(mil),
        "Change on the year before": table["change"].map(lambda v: "" if pd.isna(v) else f"{v / 1e6:+.1f} million"),
        "+10 million a year from May 2023 would give": table["claimed"].map(lambda v: "" if pd.isna(v) else mil(v)),
        "Data minus claim": table["difference"].map(lambda v: "" if pd.isna(v) else f"{v / 1e6:+.1f} million"),
    })
    claim = headline.SEED_CLAIM
    st.markdown(markdown_text(f"UNHCR estimated {claim.text} {claim.source}. This is a check of that claim "
                              "against the data, not a projection."))
    st.dataframe(shown[shown["Year"] >= claim.as_of.year - 1], hide_index=True, width="stretch")
    verdict = headline.claim_verdict(table)
    st.markdown(markdown_text(verdict))
    fig = pc.claim_chart(table, claim.as_of.year)
    charts.frame(fig, title="“Growing by 10 million each year” next to what happened",
                 unit="People forcibly displaced (stock at the end of each year; UNHCR's basis)",
                 source=GLOBAL_SOURCE, as_of=as_of, height=380)
    charts.show(fig, key="projection-claim", alt=f"Line chart of the data and of what the claim implied. {verdict}")
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
    end, held = p.headline()
    if held:
        return (f"{official}; this dashboard's projection, not an official figure, holds it flat at "
                f"{mil(end['point'])} to the end of {int(end['year'])} (80% range {range_text(end)}): at that "
                f"distance, {p.model_label}'s past forecasts for this series were no closer than holding the figure "
                "flat.")
    return (f"{official}; this dashboard's projection ({p.model_label}, fitted on {p.fit_start}-{p.fit_end}), "
            f"not an official figure, puts it at {mil(end['point'])} at the end of {int(end['year'])} "
            f"(80% range {range_text(end)}).")


def headlined(table: pd.DataFrame, p: Projection | None) -> pd.DataFrame:
    """The labelled rows with each projected year as it may be headlined: held flat (naive's value and range,
    kind "projection (held flat)") where the shown method's record at that distance is worse."""
    if p is None:
        return table
    out = table.copy()
    for h in range(1, len(p.frame) + 1):
        row, held = p.headline(h)
        if held:
            at = (out["label"] == "projection") & (out["year"] == int(row["year"]))
            out.loc[at, ["value", "lo80", "hi80"]] = [round(row["point"]), round(row["lo80"]), round(row["hi80"])]
            out.loc[at, "label"] = "projection (held flat)"
    return out


def key_figures(table: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """The last official figure, then each projected year with its 80% range (as headlined), then the
    scenario (its last year only when the table would exceed 20 rows)."""
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
        return _no_series(markdown_text(f"No figures for {label} in the data."))
    history = history.astype("float64").dropna()
    if history.empty:
        return _no_series(markdown_text(f"No figures to show for {label}."))
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
        st.warning(f"**No projection for {markdown_text(label)}.** {markdown_text(why_not[:1].upper() + why_not[1:])}. "
                   "The official figures and any scenario are still shown.", icon=":material/warning:")
    else:
        choice_block(p)
    figure_cards(p, history)
    table = labelled_rows(history, p, scenario, label, scenario_words(settings) if settings else "")

    def draw(section: str) -> list[go.Figure]:
        if section == "Projection":
            fig = main_chart(history, p, scenario, settings, sel, label, source, as_of,
                             vintage_toggle(p, last_year))
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
            st.info(markdown_text(f"No projection for {label}, so no track record or model card."))
        elif section == "Track record":
            return [track_record_section(p, label, source, as_of, source_ids)]
        else:
            model_card(p, label, source)
        return []

    drawn = page.sections(SECTIONS, draw)
    notes = [("Projection, not an official figure: a statistical extension of past figures by this dashboard, "
              "never added to an official figure.")]
    if p is not None:
        chosen = "the default" if p.chosen_by == "default" else "chosen by the user"
        notes.append(f"Method: {p.model_label} ({chosen}); its track record and its 80% and 95% ranges come from "
                     f"forecasts it made each year {record_span(p)} with only the data known then.")
    if scenario is not None:
        notes.append(f"Scenario rows follow the user's assumptions ({scenario_words(settings)}), not the data: "
                     "not a forecast and not an official figure.")
    return {"source_ids": source_ids, "headline": headline_sentence(history, p, label, source_ids, why_not),
            "figures": key_figures(headlined(table, p), last_year), "fig": drawn[0] if drawn else None,  # the open section's
            "notes": tuple(notes)}


view = render()
if view is not None:
    share.share_bar(data, title=TITLE, **view)
else:
    share.share_bar(data, title=TITLE, source_ids=["population", "unrwa", "idmc"])
