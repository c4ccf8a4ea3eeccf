"""Countries: for one year, where refugees, asylum-seekers and other people in need of international
protection are hosted and where they come from; a world map (total or relative to population) and a
searchable table. Lays out what displacement/figures/hosting.py computes (and words) and
components/country_charts.py draws. By-asylum and by-origin count the same people twice: they are never added."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, country_charts, page, share, url_state, world_map
from components import data as loaders
from components.downloads import download_buttons
from displacement import vocabulary
from displacement.figures import countries as cs
from displacement.figures import hosting as ho
from displacement.figures import regions as rg
from displacement.formatting import markdown_text
from displacement.text import _

VIEWS, COUNTS = ho.VIEWS, vocabulary.COUNTS


def _params(view: page.View) -> list[url_state.Param]:
    first, last = view.years_of("population", "by_asylum")
    return [url_state.year("year", first, last), url_state.choice("view", VIEWS),
            url_state.choice("measure", ho.MEASURES), url_state.choice("top", ho.TOPS),
            url_state.choice("count", COUNTS),
            url_state.Param("q", lambda v: len(v) <= 60, _("a search text of up to 60 characters"))]


view = page.start(_(ho.TITLE), _params, intro=_(ho.INTRO))
FIRST, LAST = view.years_of("population", "by_asylum")
population = view.table("worldbank-population", "population")
tables = {side: view.table("population", f"by_{side}") for side in VIEWS}


def controls() -> tuple[int, str, str, int, str]:
    """The view and the measure keep their English keys in the link (?view=origin), whatever the language shown."""
    year = st.slider(_("Year (end of year)"), FIRST, LAST, LAST, key="year", bind="query-params")
    count = url_state.coded_select(st.segmented_control, _("Count"), list(COUNTS), param="count", required=True,
                                   default=vocabulary.DEFAULT_COUNT, format_func=vocabulary.count_label,
                                   help=_(ho.HELP["count"]))
    left, middle, right = st.columns([2, 4, 2])
    side = url_state.coded_select(left.segmented_control, _("Count by country of"), VIEWS, param="view",
                                  default="asylum", format_func=_, required=True, help=_(ho.HELP["view"]))
    measure = url_state.coded_select(middle.selectbox, _("Map and table show"), ho.MEASURES, param="measure",
                                     default="total", format_func=_, help=_(ho.HELP["measure"]))
    top = right.select_slider(_("Countries in the top lists"), ho.TOPS, value=10, key="top", bind="query-params")
    return year, side, measure, top, count


def bar_chart(rows: pd.DataFrame, side: str, top: int, year: int, count: str) -> go.Figure | None:
    if rows.empty:
        st.info(ho.no_bars_message(side, year))
        return None
    shown, period = cs.top_countries(rows[rows["total"].notna()], top), ho.period_of(rows, year)
    fig = country_charts.bar_figure(shown, count, view.names)
    charts.frame(fig, title=ho.bar_title(side, len(shown), period), unit=ho.bar_unit(count),
                 source=ho.source_line("total"), as_of=view.data_as_of(["population"]),
                 height=max(360, 150 + 28 * len(shown)))
    charts.show(fig, key=f"countries-top-{side}", alt=ho.bar_alt(shown, side, count, period))
    if note := ho.unknown_note(rows, side, year):
        st.caption(note)
    return fig


def country_map(rows: pd.DataFrame, side: str, column: str, year: int, count: str) -> go.Figure | None:
    period, (unit, what) = ho.period_of(rows, year), ho.measure_words(side, column, count)
    mapped = cs.map_rows(rows, column)
    if mapped.empty:
        st.info(ho.no_map_message(period))
        return None
    bins, classes = ho.classes(side, column)
    mapped["class"] = cs.classify(mapped[column], bins, classes)
    fig = country_charts.map_figure(rows, mapped, column, period, classes, view.names)
    charts.frame(fig, title=ho.map_title(side, column, period), unit=ho.map_unit(unit, rows, column, year),
                 source=ho.source_line(column), as_of=view.data_as_of(ho.source_ids(column)), height=520)
    fig.update_layout(legend={"title": {"text": what}})
    too_small = mapped[~mapped["iso3"].isin(world_map.country_codes())]
    charts.show(fig, key="countries-map", alt=ho.map_alt(mapped, column, what, period, len(mapped) - len(too_small)))
    st.caption(markdown_text(ho.map_notes(rows, too_small, side, column)))
    return fig


def _columns(headers: dict[str, str]) -> dict:
    number, text = st.column_config.NumberColumn, st.column_config.TextColumn
    special = {"country": text(headers["country"], pinned=True), "iso3": text(headers["iso3"], width="small"),
               "oip": number(headers["oip"], format="localized", help=vocabulary.definition("oip"))}
    return {key: special[key] if key in special else number(header, format=ho.NUMBER_FORMATS[key])
            for key, header in headers.items()}


def table(rows: pd.DataFrame, side: str, column: str, year: int, count: str) -> pd.DataFrame:
    st.subheader(ho.table_heading(period := ho.period_of(rows, year)))
    query = st.text_input(_("Search by country name or ISO3 code"), key="q", bind="query-params",
                          placeholder=_("e.g. Sudan or SDN"), max_chars=60)
    shown = cs.filter_rows(rows, query)
    if rows.empty or shown.empty:
        st.info(ho.no_rows_message(rows.empty, period, url_state.safe_text(query or "")))
        return shown
    columns = ho.table_columns(side, column, count)
    st.dataframe(shown[columns].sort_values(column, ascending=False, na_position="last"), hide_index=True,
                 column_config=_columns(ho.column_headers(side, column, count)), width="stretch", height=420,
                 placeholder="–")
    st.caption(ho.table_caption(len(shown), len(rows)))
    return shown[["year", "period", *columns]]


def regional_totals(rows: pd.DataFrame, side: str, year: int, count: str) -> None:
    """A small table of totals by UNHCR region and by World Bank region (displacement/figures/regions.py)."""
    values, memberships = rg.from_country_rows(rows), loaders.region_memberships(view.data)
    with st.expander(ho.regions_heading(period := ho.period_of(rows, year))):
        st.dataframe(rg.region_table(values, memberships, year), hide_index=True, width="stretch", placeholder="–",
                     column_config=rg.region_table_headers())
        st.caption(markdown_text(rg.region_table_caption(side, period, vocabulary.count_short(count))))
        for scheme, membership in memberships.items():
            if note := rg.without_region_note(values, membership, scheme, year, lambda c: view.names.get(c, c)):
                st.caption(markdown_text(note))


year, side, measure, top, count = controls()
rows = {v: cs.cross_border(tables[v], year, view.names, count) for v in VIEWS}
bars = {}
for v, place in zip(VIEWS, st.columns(2)):
    with place:
        bars[v] = bar_chart(rows[v], v, top, year, count)

column, notice = ho.measure_column(side, measure, year)
if notice:
    st.info(notice)
chosen, population_notice = ho.chosen_rows(rows[side], population, column, year)
if population_notice:
    st.info(population_notice)
st.subheader(ho.map_heading(side))
map_figure = None if chosen.empty else country_map(chosen, side, column, year, count)
if chosen.empty:
    st.info(ho.no_view_message(side, year))
shown = table(chosen, side, column, year, count)
if not rows[side].empty:
    regional_totals(rows[side], side, year, count)
download_buttons(shown, tables[side], view.data, ho.source_ids(column),
                 ho.download_title(side, count, ho.period_of(chosen, year)), f"countries-{side}-{year}")
share.share_bar(view.data, title=_(ho.TITLE), source_ids=ho.source_ids(column),
                headline=ho.headline_sentence(chosen, side, column, year, count,
                                              {s: view.data.manifest(s) for s in ho.source_ids(column)}),
                figures=ho.key_figures(chosen, side, column, top, count),
                fig=map_figure if map_figure is not None else bars[side], notes=ho.page_notes(count, column))
