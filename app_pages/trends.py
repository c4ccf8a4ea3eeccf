"""Trends: the headline components, their totals and stateless people over time, with UNHCR's published
figures beside them (never merged) and the crises that moved the series. Lays out what
displacement/figures/trends.py computes and says and components/trend_charts.py draws."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import annotations, charts, page, share, url_state
from components import data as loaders
from components import trend_charts as tc
from components.downloads import download_buttons
from displacement.figures import trends
from displacement.figures.trends import TOTAL
from displacement.figures.trends import TREND_SERIES as SERIES
from displacement.formatting import markdown_text
from displacement.text import _
from displacement.vocabulary import short_label


def _boolean(name: str) -> url_state.Param:
    return url_state.Param(name, lambda v: v.lower() in {"true", "false"}, _("true or false"))


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.choice("types", SERIES, multiple=True),
            url_state.Param("years", url_state.year("years", view.first, view.last).accepts,
                            _("two years from {first} to {last}").format(first=view.first, last=view.last),
                            multiple=True),
            url_state.choice("measure", trends.MEASURES), url_state.choice("scale", trends.SCALES),
            _boolean("published"), _boolean("events")]


view = page.start(_(trends.TITLE), _params, intro=_(trends.INTRO))
if len(st.query_params.get_all("years")) == 1:
    url_state.show_notices([_(trends.YEARS_NOTICE)])
data = view.data
totals = loaders.totals(data)
headlines = view.table("published-headlines", "headlines")
as_of = loaders.data_as_of(data, trends.SOURCES)


def controls() -> tuple[list[str], int, int, str, str, bool, bool]:
    chosen = url_state.coded_multiselect(_("Population types"), SERIES, param="types", default=trends.DEFAULT_SERIES,
                                         format_func=short_label, help=_(trends.HELP["types"]))
    first, last = st.slider(_("Years"), view.first, view.last, (max(view.first, 1990), view.last), key="years",
                            bind="query-params")
    left, middle, right = st.columns([3, 2, 3])
    # Coded, not bound: a bound widget would write the option's words, in the viewer's language, into the link
    measure = url_state.coded_select(left.segmented_control, _("Show"), trends.MEASURES, param="measure",
                                     default="people", format_func=_, required=True, help=_(trends.HELP["measure"]))
    scale = url_state.coded_select(middle.segmented_control, _("Scale"), trends.SCALES, param="scale",
                                   default="linear", format_func=_, required=True, help=_(trends.HELP["scale"]))
    published = right.checkbox(_("Figures published by UNHCR"), value=True, key="published", bind="query-params",
                               help=_(trends.HELP["published"]))
    events = right.checkbox(_("Crisis annotations"), value=True, key="events", bind="query-params")
    return chosen, min(first, last), max(first, last), measure, scale, published, events


def main_chart(chosen: list[str], first: int, last: int, measure: str, scale: str, published: bool,
               events: bool) -> tuple[pd.DataFrame | None, go.Figure | None]:
    """The chart of the chosen series and measure; its values and figure (None, None: nothing to draw)."""
    series, values, log, captions, notices = trends.chart_plan(totals, chosen, first, last, measure, scale)
    for caption in captions:
        st.caption(caption)
    for notice in notices:
        st.info(notice)
    if values is None:
        return None, None
    fig = tc.trend_figure(values, series, measure, log, trends.TOTALS, first, last)
    points = trends.published_points(headlines, series, first, last) if published and measure == "people" else None
    if points is not None:
        tc.published_markers(fig, points)
    if events:
        tc.crisis_marks(fig, annotations.within(first, last))
    charts.frame(fig, title=trends.chart_title(measure), unit=trends.chart_unit(measure, log, values.iloc[-1]),
                 source=_(trends.SOURCE_LINE), as_of=as_of, height=520)
    totals_shown = None if points is None else points[points["series"] == TOTAL]
    charts.show(fig, key="trends-main", alt=trends.alt_text(values, series, measure, first, last, totals_shown))
    for note in trends.chart_notes(totals, series, first, last, measure, published,
                                   points is not None and TOTAL in series,
                                   lambda: (headlines, view.table("headline-releases", "releases"))):
        st.caption(markdown_text(note))
    return values, fig


def stateless_chart(first: int, last: int, scale: str, published: bool) -> tuple[pd.DataFrame | None, go.Figure | None]:
    st.subheader(_("Stateless people (reported beside the headline)"))
    values = trends.trend_values(totals, ["stateless"], first, last, "people")
    known = values[values["stateless"].notna()]
    if known.empty:
        st.info(_("No figures for stateless people between {first} and {last}.").format(first=first, last=last))
        return None, None
    fig = tc.trend_figure(values, ["stateless"], "people", scale == "log", (), first, last)
    if published:
        tc.published_markers(fig, trends.published_points(headlines, ["stateless"], first, last))
    charts.frame(fig, title=_("Stateless people reported to UNHCR"), unit=trends.stateless_unit(scale == "log"),
                 source=_(trends.STATELESS_SOURCE_LINE), as_of=loaders.data_as_of(data, ["population"]), height=380)
    for note in trends.uncollected_notes(totals, ["stateless"], first, last):
        st.caption(markdown_text(note))
    charts.show(fig, key="trends-stateless", alt=trends.stateless_alt_text(known))
    return values, fig


def crisis_list(first: int, last: int) -> None:
    crises = annotations.within(first, last)
    if crises:
        with st.expander(_("Crises marked on the chart")):
            for crisis in crises:
                st.markdown(annotations.crisis_line(crisis))
            st.caption(_(trends.CRISES_CAPTION))


def data_table(shown: pd.DataFrame | None) -> None:
    if shown is None:
        return
    columns = {"year": st.column_config.NumberColumn(_("Year"), format="%d"),
               "period": st.column_config.TextColumn(_("Period"))}
    for column, (heading, description, number_format) in trends.table_headings(list(shown.columns)).items():
        columns[column] = st.column_config.NumberColumn(heading, help=description, format=number_format)
    with st.expander(_("The figures in a table")):
        st.dataframe(shown, hide_index=True, width="stretch", placeholder="–", column_config=columns)
        st.caption(_(trends.TABLE_CAPTION))
    download_buttons(shown, totals, data, trends.SOURCES, _(trends.DOWNLOAD_TITLE), "trends")


chosen, first, last, measure, scale, published, events = controls()
values, main_figure = main_chart(chosen, first, last, measure, scale, published, events)
change = trends.change_text(totals, chosen, first, last)
if change:
    st.markdown(markdown_text(change))
if events:
    crisis_list(first, last)
stateless, stateless_figure = stateless_chart(first, last, scale, published) if "stateless" in chosen else (None, None)
data_table(trends.table_of(values, stateless, measure))
headline, figures = trends.brief(values, stateless, measure, data.manifest("population"))
share.share_bar(data, title=_(trends.TITLE), source_ids=trends.share_sources(published, measure), headline=headline,
                figures=figures, fig=main_figure if main_figure is not None else stateless_figure,
                notes=trends.share_notes(published, measure))
