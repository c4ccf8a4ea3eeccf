"""Overview: the headline for the latest period, its parts, the change, the long-run trend."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement import analysis, relatable
from displacement.datasets import HEADLINE_COMPONENTS

SOURCES = ["population", "unrwa", "idmc"]
SINCE_OPTIONS = [1951, 1990]

params = [url_state.choice("since", SINCE_OPTIONS),
          url_state.choice("types", HEADLINE_COMPONENTS, multiple=True)]
data = page.start("How many people are forcibly displaced?", params)
totals = loaders.totals(data)
headlines = loaders.table(data, "published-headlines", "headlines")
latest = analysis.latest_row(totals)
year, period = int(latest["year"]), latest["period"]
as_of = loaders.data_as_of(data, SOURCES)


def headline_block() -> None:
    computed = latest["forcibly_displaced"]
    published = analysis.published_for(headlines, year, period)
    label = f"{period.split('-')[0]}-{year}"
    left, right = st.columns(2)
    if published is not None and pd.notna(published["forcibly_displaced_m"]):
        left.metric(f"Forcibly displaced, {label} (published by UNHCR)", f"{published['forcibly_displaced_m']:.1f} million")
        right.metric(f"Sum of the five components, {label}", labels.millions(computed))
        st.caption(analysis.why_they_differ(year, computed, published["forcibly_displaced_m"]))
    else:
        left.metric(f"Forcibly displaced, {label} (computed from the components)", labels.millions(computed),
                    help=labels.GLOSSARY["forcibly_displaced"])
        last = analysis.latest_published(headlines)
        right.metric(f"Latest figure published by UNHCR ({last['period_label']})",
                     f"{last['forcibly_displaced_m']:.1f} million")
        st.caption(f"UNHCR's published headline for {label} is not in this dataset, so the first figure is the sum "
                   f"of its five components. The published {last['period_label']} figure covers a different date "
                   "and is shown for reference, not as a comparison.")
        comparison = analysis.published_vs_computed(totals, headlines)
        if comparison:
            st.caption(comparison)


def change_block() -> None:
    change = analysis.yearly_change(totals)
    row = change.iloc[-1]
    columns = st.columns(len(HEADLINE_COMPONENTS) + 1)
    if pd.notna(row["change"]):
        columns[0].metric(f"Change on {year - 1}", f"{row['change'] / 1e6:+.1f} M", f"{row['change_pct']:+.1f}%",
                          delta_color="off")
    for column, name in zip(columns[1:], HEADLINE_ORDER):
        previous = totals.loc[totals["year"] == year - 1, name]
        delta = None if previous.empty or pd.isna(previous.iloc[0]) else f"{(latest[name] - previous.iloc[0]) / 1e6:+.2f} M"
        column.metric(labels.SHORT[name], labels.short_millions(latest[name]), delta, delta_color="off",
                      help=f"{labels.GLOSSARY[name]} Exact figure: {labels.exact(latest[name])}.")


HEADLINE_ORDER = labels.HEADLINE_ORDER


def trend_chart() -> go.Figure:
    st.subheader("The long-run trend")
    since = st.segmented_control("Start in", SINCE_OPTIONS, default=1990, key="since", bind="query-params",
                                 help="IDMC's estimate of conflict IDPs starts in 1990; before it the sum is incomplete.")
    chosen = url_state.coded_multiselect("Population types", HEADLINE_COMPONENTS, param="types",
                                         default=HEADLINE_COMPONENTS, format_func=lambda c: labels.SHORT[c],
                                         widget=st.pills, selection_mode="multi")
    rows = totals[totals["year"] >= (since or 1990)]
    fig = go.Figure()
    for name in [c for c in HEADLINE_ORDER if c in chosen]:
        fig.add_trace(go.Scatter(x=rows["year"], y=rows[name].astype("Float64"), name=labels.SHORT[name],
                                 stackgroup="one", line={"width": 0.5, "color": labels.COLOURS[name]},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + labels.SHORT[name] + "</extra>"))
    charts.frame(fig, title="People forcibly displaced worldwide, by population type",
                 unit="People (stock at the end of each year; the latest year may be mid-year)",
                 source="UNHCR Refugee Population Statistics Database; IDMC via UNHCR (CC BY 4.0)", as_of=as_of)
    first = rows.iloc[0]
    charts.show(fig, key="overview-trend", alt=(
        f"Stacked area chart. The forcibly displaced total rose from {labels.millions(first['forcibly_displaced'])} "
        f"in {int(first['year'])} to {labels.millions(latest['forcibly_displaced'])} in {year}; conflict IDPs are "
        f"the largest part ({labels.millions(latest['idps_conflict'])} in {year}). Gaps before 1990 (IDPs) and 2018 "
        "(other people in need of international protection) are missing data, not zero."))
    shown = rows[["year", "period", *chosen, "forcibly_displaced", "components_missing"]]
    download_buttons(shown, totals, data, SOURCES, "Forcibly displaced people by type and year", "forcibly-displaced")
    return fig


def claim_block() -> None:
    st.subheader("“Some 110 million, growing by 10 million each year”?")
    change = analysis.yearly_change(totals, since=2012)
    fig = go.Figure(go.Bar(x=change["year"], y=change["change"], marker_color=labels.COLOURS["refugees"],
                           name="Change on the previous year",
                           hovertemplate="%{x}: %{y:+,.0f}<extra></extra>"))
    fig.add_hline(y=10_000_000, line_dash="dot", line_color="#D25A45",
                  annotation_text="+10 million a year", annotation_position="top left")
    charts.frame(fig, title="Yearly change in the number of forcibly displaced people",
                 unit="People, change on the previous year (sum of the five components)",
                 source="UNHCR Refugee Population Statistics Database; IDMC via UNHCR (CC BY 4.0)", as_of=as_of)
    claimed = analysis.claim_check(totals, 2023, 110_000_000, 10_000_000)
    grew = change.dropna(subset=["change"])
    above = grew[grew["change"] >= 10_000_000]["year"].astype(str).tolist()
    charts.show(fig, key="overview-claim", alt=(
        f"Bar chart of the yearly change since 2013. The total grew by 10 million or more only in "
        f"{', '.join(above) or 'no year'}"
        + (f"; in {year} it changed by {grew.iloc[-1]['change'] / 1e6:+.1f} million." if len(grew) else ".")))
    st.markdown(
        "UNHCR estimated **110 million** forcibly displaced in May 2023. Had the total kept growing by 10 million a "
        "year, the data would show: " + "; ".join(
            f"{int(r['year'])}: {r['claimed'] / 1e6:.0f} million claimed, {r['forcibly_displaced'] / 1e6:.1f} million in the data"
            for _, r in claimed.iterrows()) + ".")


def scale_block() -> None:
    """The headline made relatable, each comparison with its denominator."""
    population = loaders.table(data, "worldbank-population", "population")
    change = analysis.yearly_change(totals).iloc[-1]
    comparison = relatable.as_many_as(latest["forcibly_displaced"], population, loaders.country_names(data), year)
    daily = relatable.per_day(change["change"], 365)
    text = f"{labels.millions(latest['forcibly_displaced'])} people is {comparison}." if comparison else ""
    if daily:
        text += f" In {year} the total {'fell' if change['change'] < 0 else 'rose'} by {daily}."
    if text:
        st.markdown(text)


def headline_sentence() -> str:
    manifest = data.manifest("population")
    return (f"{labels.millions(latest['forcibly_displaced'])} people were forcibly displaced worldwide at "
            f"{period.split('-')[0]}-{year} (refugees, Palestine refugees under UNRWA's mandate, asylum-seekers, "
            f"other people in need of international protection and conflict IDPs, summed), according to the UNHCR "
            f"Refugee Population Statistics Database ({manifest.get('release')}) and IDMC, data retrieved "
            f"{manifest['retrieved_at'][:10]}.")


def key_figures() -> pd.DataFrame:
    rows = [(labels.LABELS[name], labels.exact(latest[name])) for name in [*HEADLINE_ORDER, "forcibly_displaced"]]
    return pd.DataFrame(rows, columns=[f"{period.split('-')[0]}-{year}", "people"])


top = st.container()  # the cards show above the trend chart but are sent after it: the chart starts drawing sooner
trend_figure = trend_chart()
with top:
    headline_block()
    change_block()
    scale_block()
claim_block()
st.subheader("Cite this")
st.code(headline_sentence(), language=None, wrap_lines=True)
share.share_bar(data, title="How many people are forcibly displaced?", source_ids=SOURCES,
                headline=headline_sentence(), figures=key_figures(), fig=trend_figure)
