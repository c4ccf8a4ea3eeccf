"""Trends: the headline components, their totals and stateless people over time, with UNHCR's published
figures beside them (never merged) and the crises that moved the series. Lays out what
displacement/figures/trends.py computes and components/trend_charts.py draws."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import annotations, charts, labels, page, share, url_state
from components import data as loaders
from components import trend_charts as tc
from components.downloads import download_buttons
from displacement.figures import headline as hl
from displacement.figures import trends
from displacement.formatting import markdown_text

SOURCES = ["population", "unrwa", "idmc"]
SERIES = trends.TREND_SERIES
LABEL = {name: labels.SHORT[name] for name in SERIES}
DEFAULT_SERIES = [name for name in SERIES if name not in ("stateless", "forcibly_displaced")]
TOTAL = hl.HEADLINE
MEASURES = ["people", "share", "change"]
MEASURE_HELP = ("people: the number of people at the end of each year (a stock). share: each component as a % "
                "of the sum of the five components (from 1990, when IDMC's estimate starts). change: the change on "
                "the previous year-end, in people.")
SCALES = ["linear", "log"]
BOOLEAN = {"true", "false"}
SOURCE_LINE = "UNHCR Refugee Population Statistics Database; UNRWA and IDMC figures via UNHCR (CC BY 4.0)"
TITLE = "How has forced displacement changed over time?"


def _boolean(name: str) -> url_state.Param:
    return url_state.Param(name, lambda v: v.lower() in BOOLEAN, "true or false")


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.choice("types", SERIES, multiple=True),
            url_state.Param("years", url_state.year("years", view.first, view.last).accepts,
                            f"two years from {view.first} to {view.last}", multiple=True),
            url_state.choice("measure", MEASURES), url_state.choice("scale", SCALES),
            _boolean("published"), _boolean("events")]


view = page.start(TITLE, _params,
                  intro="Stocks at the end of each year. The forcibly displaced total is UNHCR's: its five components "
                        "with the Palestine refugees also displaced inside Gaza counted once; stateless people are "
                        "reported beside it, never inside it.")
if len(st.query_params.get_all("years")) == 1:
    url_state.show_notices(["Link parameter “years” needs two years (a start and an end): showing the default range."])
data = view.data
totals = loaders.totals(data)
headlines = view.table("published-headlines", "headlines")
as_of = loaders.data_as_of(data, SOURCES)


def controls() -> tuple[list[str], int, int, str, str, bool, bool]:
    chosen = url_state.coded_multiselect("Population types", SERIES, param="types", default=DEFAULT_SERIES,
                                         format_func=LABEL.get,
                                         help="Stateless people are drawn in a separate chart: they are reported "
                                              "beside the headline, not inside it.")
    first, last = st.slider("Years", view.first, view.last, (max(view.first, 1990), view.last), key="years",
                            bind="query-params")
    first, last = min(first, last), max(first, last)
    left, middle, right = st.columns([3, 2, 3])
    measure = left.segmented_control("Show", MEASURES, default="people", required=True, key="measure",
                                     bind="query-params", help=MEASURE_HELP) or "people"
    scale = middle.segmented_control("Scale", SCALES, default="linear", required=True, key="scale",
                                     bind="query-params",
                                     help="A log scale shows growth rates: equal steps are equal % changes.",
                                     ) or "linear"
    published = right.checkbox("Figures published by UNHCR", value=True, key="published", bind="query-params",
                               help="UNHCR's headline figures as first published (Global Trends, Mid-Year Trends), "
                                    "drawn as separate markers: they are not part of the series.")
    events = right.checkbox("Crisis annotations", value=True, key="events", bind="query-params")
    return chosen, first, last, measure, scale, published, events


def drawable(chosen: list[str], first: int, measure: str) -> list[str]:
    """The series the main chart draws; says why a chosen one is left out."""
    series = [n for n in chosen if n != "stateless"]
    if measure == "share":
        if any(n in trends.TOTALS for n in series):
            st.caption("The share view shows the five components as a % of their sum, so the totals are not drawn.")
        if first < trends.FIRST_COMPLETE_SHARE_YEAR:
            st.caption(f"Shares start in {trends.FIRST_COMPLETE_SHARE_YEAR}: before it there is no estimate of "
                       "conflict IDPs, so the total is incomplete. Earlier years are left empty, not zero.")
        series = [n for n in series if n not in trends.TOTALS]
    if not series and "stateless" not in chosen:
        st.info("Choose at least one population type to draw the chart.")
    return series


def main_chart(chosen: list[str], first: int, last: int, measure: str, scale: str, published: bool,
               events: bool) -> tuple[pd.DataFrame | None, go.Figure | None]:
    """The chart of the chosen series and measure; its values and figure (None, None: nothing to draw)."""
    series = drawable(chosen, first, measure)
    values = trends.trend_values(totals, series, first, last, measure) if series else None
    if values is None or values[series].isna().all().all():
        if series:
            st.info(f"No figures for the chosen population types between {first} and {last}. "
                    "Missing figures are not zero: try a wider year range.")
        return None, None
    if scale == "log" and measure == "change":
        st.info("A log scale cannot show decreases, so the change on the year is drawn on a linear scale.")
    log = scale == "log" and measure != "change"
    fig = tc.trend_figure(values, series, measure, log, LABEL, trends.TOTALS, first, last)
    points = trends.published_points(headlines, series, first, last) if published and measure == "people" else None
    if points is not None:
        tc.published_markers(fig, points, LABEL)
    if events:
        tc.crisis_marks(fig, annotations.within(first, last))
    charts.frame(fig, title=trends.CHART_TITLES[measure], unit=trends.chart_unit(measure, log, values.iloc[-1]),
                 source=SOURCE_LINE, as_of=as_of, height=520)
    totals_shown = None if points is None else points[points["series"] == TOTAL]
    charts.show(fig, key="trends-main", alt=trends.alt_text(values, series, measure, first, last, LABEL, totals_shown))
    notes = trends.uncollected_notes(totals, series, first, last, labels.LABELS)
    if published and measure != "people":
        notes.append("UNHCR's published figures are shown with the number of people only.")
    if points is not None and TOTAL in series:
        notes += hl.range_notes(totals, headlines, view.table("headline-releases", "releases"), first, last)
    for note in notes:
        st.caption(markdown_text(note))
    return values, fig


def change_note(chosen: list[str], first: int, last: int) -> None:
    """The change over the chosen years, in people and %, for the total (or the first series chosen)."""
    name = TOTAL if TOTAL in chosen else next(iter(chosen), None)
    try:
        change = hl.change_since(totals, first, name, until=last) if name else None
    except ValueError:
        change = None  # no figure at the start of the range: the chart says what is missing
    if change:
        st.markdown(markdown_text(hl.change_sentence(change, trends.WORDS[name][0])))


def stateless_chart(first: int, last: int, scale: str, published: bool) -> tuple[pd.DataFrame | None, go.Figure | None]:
    st.subheader("Stateless people (reported beside the headline)")
    values = trends.trend_values(totals, ["stateless"], first, last, "people")
    known = values[values["stateless"].notna()]
    if known.empty:
        st.info(f"No figures for stateless people between {first} and {last}.")
        return None, None
    fig = tc.trend_figure(values, ["stateless"], "people", scale == "log", LABEL, (), first, last)
    if published:
        tc.published_markers(fig, trends.published_points(headlines, ["stateless"], first, last), LABEL)
    charts.frame(fig, title="Stateless people reported to UNHCR",
                 unit="People (stock at the end of each year; a partial count)"
                      + (" · log scale" if scale == "log" else ""),
                 source="UNHCR Refugee Population Statistics Database (CC BY 4.0)",
                 as_of=loaders.data_as_of(data, ["population"]), height=380)
    for note in trends.uncollected_notes(totals, ["stateless"], first, last, labels.LABELS):
        st.caption(markdown_text(note))
    start, end = known.iloc[0], known.iloc[-1]
    charts.show(fig, key="trends-stateless", alt=(
        f"Line chart. Stateless people reported to UNHCR: {labels.millions(start['stateless'])} "
        f"in {int(start['year'])}, "
        f"{labels.millions(end['stateless'])} in {int(end['year'])}. Not part of the forcibly displaced total; "
        "UNHCR estimates the real number is higher."))
    return values, fig


def crisis_list(first: int, last: int) -> None:
    crises = annotations.within(first, last)
    if not crises:
        return
    with st.expander("Crises marked on the chart"):
        for crisis in crises:
            st.markdown(f"**{crisis.label}**, {crisis.date_text}: {crisis.description}")
        st.caption("Curated context written by the dashboard team, not part of the data. Points on the chart are "
                   "stocks at 31 December, so a crisis shows up in the figure for the year it began at the earliest.")


def data_table(shown: pd.DataFrame | None) -> None:
    if shown is None:
        return
    with st.expander("The figures in a table"):
        st.dataframe(shown, hide_index=True, width="stretch", placeholder="–", column_config=table_columns(shown))
        st.caption("“–” marks a missing figure (not collected or not applicable), never zero. The download keeps "
                   "these columns under their data names.")
    download_buttons(shown, totals, data, SOURCES, "Forcibly displaced people by type and year (Trends page)", "trends")


def table_columns(shown: pd.DataFrame) -> dict:
    """Readable headings and thousands separators for the table (the download keeps the data names)."""
    config = {"year": st.column_config.NumberColumn("Year", format="%d"),
              "period": st.column_config.TextColumn("Period")}
    for column in shown.columns:
        for suffix, words in trends.TABLE_UNITS.items():
            name = column.removesuffix(f"_{suffix}")
            if name != column and name in labels.LABELS:
                config[column] = st.column_config.NumberColumn(
                    f"{labels.SHORT.get(name, labels.LABELS[name])} ({words})", help=labels.LABELS[name],
                    format="%.1f%%" if suffix == "pct_of_sum" else "localized")
    return config


chosen, first, last, measure, scale, published, events = controls()
values, main_figure = main_chart(chosen, first, last, measure, scale, published, events)
change_note(chosen, first, last)
if events:
    crisis_list(first, last)
stateless, stateless_figure = stateless_chart(first, last, scale, published) if "stateless" in chosen else (None, None)
data_table(trends.table_of(values, stateless, measure))

drawn = [n for n in SERIES if values is not None and n in values]
key = TOTAL if TOTAL in drawn else drawn[0] if drawn else "stateless" if stateless is not None else None
headline = (trends.citation_sentence(values if key != "stateless" else stateless, key,
                                     measure if key != "stateless" else "people", data.manifest("population"))
            if key else None)
figures = trends.key_figures([(values, [n for n in drawn if n != "stateless"], measure),
                              (stateless, ["stateless"] if stateless is not None else [], "people")],
                             measure, labels.LABELS)
share.share_bar(data, title=TITLE,
                source_ids=SOURCES + (["published-headlines"] if published and measure == "people" else []),
                headline=headline, figures=figures, fig=main_figure if main_figure is not None else stateless_figure,
                notes=trends.share_notes(published, measure))
