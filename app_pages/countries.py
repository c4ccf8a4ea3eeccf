"""Countries: for one year, where refugees, asylum-seekers and other people in need of international
protection are hosted and where they come from; a world map (total or relative to population) and a
searchable table. Lays out what displacement/figures/hosting.py computes and components/country_charts.py
draws. By-asylum and by-origin count the same people twice: they are never added."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, country_charts, labels, page, share, url_state, world_map
from components import data as loaders
from components.downloads import download_buttons
from displacement import formatting as fmt
from displacement import vocabulary
from displacement.figures import countries as cs
from displacement.figures import hosting as ho
from displacement.figures import regions as rg
from displacement.formatting import markdown_text

VIEWS = ho.VIEWS
TOPS = [5, 10, 15, 20, 30]
COUNTS = vocabulary.COUNTS
SOURCE_UNHCR = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
SOURCE_WB = "UNHCR Refugee Population Statistics Database; World Bank, Population, total (SP.POP.TOTL) (CC BY 4.0)"
TITLE = "Where are displaced people hosted, and where do they come from?"
INTRO = ("Refugees, asylum-seekers and other people in need of international protection (OIP), as a stock at the end "
         "of the year. Countries are ranked as UNHCR ranks them, by refugees + OIP, with asylum-seekers (whose claims "
         "are not yet decided) apart unless you add them. Counted once by country of asylum and once by country of "
         "origin: two views of the same people, never added together. Palestine refugees under UNRWA's mandate and "
         "internally displaced people are not included here.")


def _params(view: page.View) -> list[url_state.Param]:
    first, last = view.years_of("population", "by_asylum")
    return [url_state.year("year", first, last), url_state.choice("view", VIEWS),
            url_state.choice("measure", ho.MEASURES), url_state.choice("top", TOPS), url_state.choice("count", COUNTS),
            url_state.Param("q", lambda v: len(v) <= 60, "a search text of up to 60 characters")]


view = page.start(TITLE, _params, intro=INTRO)
FIRST, LAST = view.years_of("population", "by_asylum")
population = view.table("worldbank-population", "population")
tables = {side: view.table("population", f"by_{side}") for side in VIEWS}


def controls() -> tuple[int, str, str, int, str]:
    year = st.slider("Year (end of year)", FIRST, LAST, LAST, key="year", bind="query-params")
    count = url_state.coded_select(st.segmented_control, "Count", list(COUNTS), param="count",
                                   default=vocabulary.DEFAULT_COUNT, format_func=vocabulary.COUNT_LABELS.get,
                                   required=True,
                                   help="UNHCR ranks host and origin countries by refugees + other people in need "
                                        "of international protection; asylum-seekers can be added.")
    left, middle, right = st.columns([2, 4, 2])
    side = left.segmented_control("Count by country of", VIEWS, default="asylum", required=True, key="view",
                                  bind="query-params",
                                  help="asylum: where people are hosted. origin: the country they fled.") or "asylum"
    measure = middle.selectbox("Map and table show", ho.MEASURES, key="measure", bind="query-params",
                               help="Total people, or relative to the World Bank's population of each country.")
    top = right.select_slider("Countries in the top lists", TOPS, value=10, key="top", bind="query-params")
    return year, side, measure, top, count


def bar_chart(rows: pd.DataFrame, side: str, top: int, year: int, count: str) -> go.Figure | None:
    if rows.empty:
        heading = "Hosting countries" if side == "asylum" else "Countries of origin"
        st.info(f"{heading}: no figures for {year} in the data. Missing is not zero.")
        return None
    shown, period = cs.top_countries(rows[rows["total"].notna()], top), ho.period_of(rows, year)
    fig = country_charts.bar_figure(shown, count, view.names)
    charts.frame(fig, title=ho.bar_title(side, len(shown), period),
                 unit=f"People: {vocabulary.COUNT_SHORT[count]} (stock)", source=SOURCE_UNHCR,
                 as_of=view.data_as_of(["population"]), height=max(360, 150 + 28 * len(shown)))
    charts.show(fig, key=f"countries-top-{side}", alt=ho.bar_alt(shown, side, count, period))
    if note := ho.unknown_note(rows, side, year):
        st.caption(note)
    return fig


def country_map(rows: pd.DataFrame, side: str, column: str, year: int, count: str) -> go.Figure | None:
    period = ho.period_of(rows, year)
    unit, what = ho.measure_words(side, column, count)
    mapped = cs.map_rows(rows, column)
    if mapped.empty:
        st.info(f"No country has a figure to map for {period}. Missing is not zero.")
        return None
    bins, classes = ho.classes(side, column)
    mapped["class"] = cs.classify(mapped[column], bins, classes)
    fig = country_charts.map_figure(rows, mapped, column, period, classes, view.names)
    charts.frame(fig, title=f"{ho.MAP_TITLES[side, column]}, {period}",
                 unit=unit if column == "total" else f"{unit}; {ho.population_note(rows, year)}",
                 source=SOURCE_UNHCR if column == "total" else SOURCE_WB,
                 as_of=view.data_as_of(ho.source_ids(column)), height=520)
    fig.update_layout(legend={"title": {"text": what}})
    too_small = mapped[~mapped["iso3"].isin(world_map.country_codes())]
    charts.show(fig, key="countries-map", alt=ho.map_alt(mapped, column, what, period, len(mapped) - len(too_small)))
    st.caption(markdown_text(ho.map_notes(rows, too_small, side, column)))
    return fig


def _columns(side: str, column: str, count: str) -> dict:
    number = st.column_config.NumberColumn
    config = {"country": st.column_config.TextColumn("Country or area", pinned=True),
              "iso3": st.column_config.TextColumn("ISO3", width="small"),
              "refugees": number("Refugees", format="localized"),
              "asylum_seekers": number("Asylum-seekers", format="localized"),
              "oip": number("OIP", format="localized", help=labels.GLOSSARY["oip"]),
              "total": number(f"Total ({vocabulary.COUNT_SHORT[count]})", format="localized")}
    if column != "total":
        config |= {"population": number("Population (World Bank)", format="localized"),
                   "population_year": number("Population year", format="plain"),
                   "share_pct": number("% of population" if side == "asylum"
                                       else "% of origin population displaced abroad", format="%.3f")}
        if side == "asylum":
            config["per_1000"] = number("Per 1,000 inhabitants", format="%.2f")
    return config


def table(rows: pd.DataFrame, side: str, column: str, year: int, count: str) -> pd.DataFrame:
    st.subheader(f"All countries and areas, {ho.period_of(rows, year)}")
    query = st.text_input("Search by country name or ISO3 code", key="q", bind="query-params",
                          placeholder="e.g. Sudan or SDN", max_chars=60)
    shown = cs.filter_rows(rows, query)
    if rows.empty or shown.empty:
        st.info(f"No figures for {ho.period_of(rows, year)} in the data." if rows.empty
                else f"No country or area matches “{url_state.safe_text(query)}”.")
        return shown
    columns = ["country", "iso3", *COUNTS[count], *[p for p in cs.CROSS_BORDER if p not in COUNTS[count]], "total"]
    if column != "total":
        columns += ["population", "population_year", *(["per_1000"] if side == "asylum" else []), "share_pct"]
    st.dataframe(shown[columns].sort_values(column, ascending=False, na_position="last"), hide_index=True,
                 column_config=_columns(side, column, count), width="stretch", height=420, placeholder="–")
    st.caption(f"{len(shown)} of {len(rows)} countries and areas. Click a column heading to sort. “–” marks a "
               "missing figure (not collected or not applicable), never zero. Rows marked “not a country” are "
               "UNHCR codes for unknown origin, stateless people and similar; they are kept here, not on the map.")
    return shown[["year", "period", *columns]]


def chosen_rows(rows: pd.DataFrame, column: str, year: int) -> pd.DataFrame:
    """The chosen view's rows, with each country's population when a ratio is asked for."""
    if column == "total" or rows.empty:
        return rows
    rows = cs.with_population(rows, population, year)
    if notice := ho.population_notice(rows, year):
        st.info(notice)
    return rows


def regional_totals(rows: pd.DataFrame, side: str, year: int, count: str) -> None:
    """A small table of totals by UNHCR region and by World Bank region (displacement/figures/regions.py)."""
    values, memberships = rg.from_country_rows(rows), loaders.region_memberships(view.data)
    period = ho.period_of(rows, year)
    with st.expander(f"Totals by region, {period}"):
        st.dataframe(rg.region_table(values, memberships, year), hide_index=True, width="stretch", placeholder="–")
        st.caption(markdown_text(rg.region_table_caption(side, period, vocabulary.COUNT_SHORT[count])))
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
chosen = chosen_rows(rows[side], column, year)
st.subheader(f"Map: {ho.VIEW_WORDS[side]}")
map_figure = None
if chosen.empty:
    st.info(f"No figures {ho.VIEW_WORDS[side]} for {year} in the data. Missing is not zero.")
else:
    map_figure = country_map(chosen, side, column, year, count)
shown = table(chosen, side, column, year, count)
if not rows[side].empty:
    regional_totals(rows[side], side, year, count)
who = fmt.sentence_case(vocabulary.COUNT_SHORT[count])
download_buttons(shown, tables[side], view.data, ho.source_ids(column),
                 f"{who} {ho.VIEW_WORDS[side]}, {ho.period_of(chosen, year)}", f"countries-{side}-{year}")
manifests = {s: view.data.manifest(s) for s in ho.source_ids(column)}
share.share_bar(view.data, title=TITLE, source_ids=ho.source_ids(column),
                headline=ho.headline_sentence(chosen, side, column, year, count, manifests),
                figures=ho.key_figures(chosen, side, column, top, count),
                fig=map_figure if map_figure is not None else bars[side], notes=ho.page_notes(count, column))
