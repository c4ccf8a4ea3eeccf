"""Overview: the headline for the latest period on UNHCR's basis, its parts, the change, the long-run
trend and the claim "growing by 10 million each year" checked against the data."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement import formatting as fmt
from displacement.figures import headline, relatable
from displacement.figures.headline import HEADLINE, PLAIN_SUM
from displacement.formatting import markdown_text
from displacement.storage.datasets import HEADLINE_COMPONENTS

SOURCES = ["population", "unrwa", "idmc"]
SINCE_OPTIONS = [1951, 1990]
SOURCE_LINE = "UNHCR Refugee Population Statistics Database; IDMC via UNHCR (CC BY 4.0)"

view = page.start("How many people are forcibly displaced?", lambda v: [
    url_state.choice("since", SINCE_OPTIONS), url_state.choice("types", HEADLINE_COMPONENTS, multiple=True),
    url_state.year("change_since", v.first, v.last - 1)])
data, FIRST, LAST = view.data, view.first, view.last
totals = loaders.totals(data)
headlines = loaders.table(data, "published-headlines", "headlines")
releases = loaders.table(data, "headline-releases", "releases")
latest = totals.iloc[-1]
year, label = int(latest["year"]), headline.period_label(latest["year"], latest["period"])
as_of = loaders.data_as_of(data, SOURCES)


def headline_block() -> None:
    left, middle, right = st.columns(3)
    left.metric(f"Forcibly displaced, {label}", labels.millions(latest[HEADLINE]),
                help=f"{labels.GLOSSARY[HEADLINE]} Exact figure: {labels.exact(latest[HEADLINE])}.")
    published = headline.published_for(headlines, year, latest["period"])
    shown = published if published is not None else headline.latest_published(headlines)
    middle.metric(f"Published by UNHCR, {shown['period_label']}", f"{shown['forcibly_displaced_m']:.1f} million",
                  help="UNHCR's headline as first published (Global Trends, Mid-Year Trends); never revised.")
    right.metric(f"Sum of the five components, {label}", labels.millions(latest[PLAIN_SUM]),
                 help=f"{labels.GLOSSARY[PLAIN_SUM]} Exact figure: {labels.exact(latest[PLAIN_SUM])}.")
    for note in headline.headline_notes(totals, headlines, releases):
        st.caption(markdown_text(note))


def change_block() -> None:
    change = headline.yearly_change(totals).iloc[-1]
    columns = st.columns(len(HEADLINE_COMPONENTS) + 1)
    if pd.notna(change["change"]):
        columns[0].metric(f"Change on {year - 1}", f"{change['change'] / 1e6:+.1f} M", f"{change['change_pct']:+.1f}%",
                          delta_color="off", help="Forcibly displaced on UNHCR's basis, change on the year before.")
    previous = totals[totals["year"] == year - 1]
    for column, name in zip(columns[1:], labels.HEADLINE_ORDER):
        before = None if previous.empty else previous[name].iloc[0]
        delta = None if before is None or pd.isna(before) else f"{(latest[name] - before) / 1e6:+.2f} M"
        column.metric(labels.SHORT[name], labels.short_millions(latest[name]), delta, delta_color="off",
                      help=f"{labels.GLOSSARY[name]} Exact figure: {labels.exact(latest[name])}.")


def change_since_block() -> None:
    choices = list(range(LAST - 1, FIRST - 1, -1))
    if not choices:
        return  # a single year of data: no change to give
    picker, sentence = st.columns([1, 4], vertical_alignment="bottom")
    since = picker.selectbox("Change since", choices, index=choices.index(max(FIRST, LAST - 5)), key="change_since",
                             bind="query-params", help="The change in the number forcibly displaced (UNHCR's basis) "
                                                       "from the end of that year to the latest period.")
    try:
        sentence.markdown(markdown_text(headline.change_sentence(headline.change_since(totals, since))))
    except ValueError as error:
        sentence.info(str(error))


def trend_chart() -> go.Figure:
    st.subheader("The long-run trend")
    since = st.segmented_control("Start in", SINCE_OPTIONS, default=1990, key="since", bind="query-params",
                                 help="IDMC's estimate of conflict IDPs starts in 1990; "
                                      "before it the sum is incomplete.")
    chosen = url_state.coded_multiselect("Population types", HEADLINE_COMPONENTS, param="types",
                                         default=HEADLINE_COMPONENTS, format_func=lambda c: labels.SHORT[c],
                                         widget=st.pills, selection_mode="multi")
    rows = totals[totals["year"] >= (since or 1990)]
    fig = go.Figure()
    for name in [c for c in labels.HEADLINE_ORDER if c in chosen]:
        fig.add_trace(go.Scatter(x=rows["year"], y=rows[name].astype("Float64"), name=labels.SHORT[name],
                                 stackgroup="one", line={"width": 0.5, "color": labels.COLOURS[name]},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + labels.SHORT[name] + "</extra>"))
    if set(chosen) == set(HEADLINE_COMPONENTS):
        fig.add_trace(go.Scatter(x=rows["year"], y=rows[HEADLINE].astype("Float64"), mode="lines",
                                 name="Forcibly displaced (UNHCR's basis)",
                                 line={"color": labels.COLOURS[HEADLINE], "width": 2, "dash": "dot"},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>UNHCR's basis</extra>"))
    charts.frame(fig, title="People forcibly displaced worldwide, by population type",
                 unit="People (stock at the end of each year; the latest year may be mid-year). Dotted: the total "
                      "on UNHCR's basis, the Gaza overlap counted once", source=SOURCE_LINE, as_of=as_of)
    charts.show(fig, key="overview-trend", alt=headline.trend_alt_text(rows, latest))
    shown = rows[["year", "period", *chosen, PLAIN_SUM, "gaza_overlap", HEADLINE, "components_missing"]]
    download_buttons(shown, totals, data, SOURCES, "Forcibly displaced people by type and year", "forcibly-displaced")
    return fig


def claim_block() -> None:
    st.subheader(f"“{headline.SEED_CLAIM.text.capitalize()}”?")
    table = headline.claim_table(totals)
    fig = go.Figure(go.Bar(x=table["year"], y=table["change"], marker_color=labels.COLOURS["refugees"],
                           name="Change on the previous year", hovertemplate="%{x}: %{y:+,.0f}<extra></extra>"))
    fig.add_hline(y=headline.SEED_CLAIM.per_year, line_dash="dot", line_color="#D25A45",
                  annotation_text="+10 million a year", annotation_position="top left")
    charts.frame(fig, title="Yearly change in the number of forcibly displaced people",
                 unit="People, change on the previous year (UNHCR's basis)", source=SOURCE_LINE, as_of=as_of)
    verdict = headline.claim_verdict(table)
    charts.show(fig, key="overview-claim", alt=f"Bar chart of the yearly change since {int(table['year'].min())}. "
                + verdict)
    st.markdown(f"UNHCR estimated **{headline.SEED_CLAIM.text}** {headline.SEED_CLAIM.source}. {verdict}")


def scale_block() -> None:
    """The headline made relatable, each comparison with its denominator."""
    population = loaders.table(data, "worldbank-population", "population")
    change = headline.yearly_change(totals).iloc[-1]
    comparison = relatable.as_many_as(latest[HEADLINE], population, view.names, year)
    daily = relatable.per_day(change["change"], 365)
    text = f"{labels.millions(latest[HEADLINE])} people is {comparison}." if comparison else ""
    if daily:
        text += f" In {year} the total {'fell' if change['change'] < 0 else 'rose'} by {daily}."
    if text:
        st.markdown(markdown_text(text))


def citation() -> str:
    cited = fmt.according_to([(("UNHCR's Refugee Population Statistics Database, with UNRWA and IDMC figures via "
                               "UNHCR"), data.manifest("population"))])
    return headline.citation_sentence(latest, cited)


top = st.container()  # the cards show above the trend chart but are sent after it: the chart starts drawing sooner
trend_figure = trend_chart()
with top:
    headline_block()
    change_block()
    change_since_block()
    scale_block()
claim_block()
st.subheader("Cite this")
st.code(citation(), language=None, wrap_lines=True)
share.share_bar(data, title="How many people are forcibly displaced?", source_ids=[*SOURCES, "published-headlines"],
                headline=citation(), figures=headline.key_figures(latest, labels.LABELS, labels.HEADLINE_ORDER),
                fig=trend_figure, notes=tuple(n for n in [headline.overlap_sentence(latest),
                                                          headline.claim_verdict(headline.claim_table(totals))] if n))
