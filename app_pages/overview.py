"""Overview: the headline for the latest period on UNHCR's basis, its parts, the change, the long-run
trend and the claim "growing by 10 million each year" checked against the data. Lays out what
displacement/figures/headline.py says and components/trend_charts.py draws."""

import plotly.graph_objects as go
import streamlit as st

from components import charts, page, share, url_state
from components import data as loaders
from components import trend_charts as tc
from components.downloads import download_buttons
from displacement.figures import headline
from displacement.figures.headline import HEADLINE, PLAIN_SUM
from displacement.formatting import markdown_text, quotation
from displacement.storage.datasets import HEADLINE_COMPONENTS
from displacement.text import _
from displacement.vocabulary import short_label

SOURCES = ["population", "unrwa", "idmc"]
SINCE_OPTIONS = [1951, 1990]

view = page.start(_(headline.TITLE), lambda v: [
    url_state.choice("since", SINCE_OPTIONS), url_state.choice("types", HEADLINE_COMPONENTS, multiple=True),
    url_state.year("change_since", v.first, v.last - 1)])
data = view.data
totals = loaders.totals(data)
headlines = loaders.table(data, "published-headlines", "headlines")
as_of = loaders.data_as_of(data, SOURCES)


def metrics(cards: list, delta_color: str = "normal") -> None:
    for column, card in zip(st.columns(len(cards)), cards):
        if card:
            column.metric(card.label, card.value, card.delta, delta_color=delta_color, help=card.help)


def change_since_block() -> None:
    choices, default = headline.change_since_choices(view.first, view.last)
    if not choices:
        return  # a single year of data: no change to give
    picker, sentence = st.columns([1, 4], vertical_alignment="bottom")
    since = picker.selectbox(_("Change since"), choices, index=default, key="change_since", bind="query-params",
                             help=_(headline.CHANGE_SINCE_HELP))
    try:
        sentence.markdown(markdown_text(headline.change_sentence(headline.change_since(totals, since))))
    except ValueError as error:
        sentence.info(str(error))


def trend_chart() -> go.Figure:
    st.subheader(_("The long-run trend"))
    since = st.segmented_control(_("Start in"), SINCE_OPTIONS, default=1990, key="since", bind="query-params",
                                 help=_(headline.START_HELP))
    chosen = url_state.coded_multiselect(_("Population types"), HEADLINE_COMPONENTS, param="types",
                                         default=HEADLINE_COMPONENTS, format_func=short_label,
                                         widget=st.pills, selection_mode="multi")
    rows = totals[totals["year"] >= (since or 1990)]
    fig = tc.stacked_components(rows, chosen)
    charts.frame(fig, title=_(headline.TREND_TITLE), unit=_(headline.TREND_UNIT), source=_(headline.SOURCE_LINE),
                 as_of=as_of)
    charts.show(fig, key="overview-trend", alt=headline.trend_alt_text(rows, totals.iloc[-1]))
    shown = rows[["year", "period", *chosen, PLAIN_SUM, "gaza_overlap", HEADLINE, "components_missing"]]
    download_buttons(shown, totals, data, SOURCES, _(headline.DOWNLOAD_TITLE), "forcibly-displaced")
    return fig


def claim_block() -> None:
    st.subheader(headline.claim_heading())
    table = headline.claim_table(totals)
    fig = tc.yearly_change_bars(table, headline.SEED_CLAIM.per_year)
    charts.frame(fig, title=_(headline.CLAIM_TITLE), unit=_(headline.CLAIM_UNIT), source=_(headline.SOURCE_LINE),
                 as_of=as_of)
    charts.show(fig, key="overview-claim", alt=headline.claim_alt_text(table))
    st.markdown(headline.claim_paragraph(table))


top = st.container()  # the cards show above the trend chart but are sent after it: the chart starts drawing sooner
trend_figure = trend_chart()
with top:
    metrics(headline.headline_cards(totals, headlines))
    for note in headline.headline_notes(totals, headlines, loaders.table(data, "headline-releases", "releases")):
        st.caption(markdown_text(note))
    metrics(headline.change_cards(totals), delta_color="off")
    change_since_block()
    scale = headline.scale_sentence(totals, loaders.table(data, "worldbank-population", "population"), view.names)
    if scale:
        st.markdown(markdown_text(scale))
claim_block()
st.subheader(_("Cite this"))
citation = headline.cited_headline(totals, data.manifest("population"))
# A quotation, not a code block: a code block here made the browser load and run its 1.5 MB syntax
# highlighter before the first chart appeared (0.5 s of a cold start, docs/benchmarks.md). The share bar
# below gives the same sentence with a copy button.
st.markdown(quotation(citation))
share.share_bar(data, title=_(headline.TITLE), source_ids=[*SOURCES, "published-headlines"], headline=citation,
                figures=headline.key_figures(totals.iloc[-1]), fig=trend_figure, notes=headline.brief_notes(totals))
