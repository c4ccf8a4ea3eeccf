"""Internal displacement (IDMC GIDD): people displaced inside their country (stocks) and internal
displacements during each year (flows), for conflict and for disasters, world-wide and by country.
Lays out what displacement/figures/idps.py computes and components/idp_charts.py draws. Stocks and
flows are never added; conflict and disaster figures are shown side by side, not summed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, idp_charts, labels, page, share, url_state
from components.downloads import download_buttons
from displacement.figures import country as stats
from displacement.figures import idps
from displacement.formatting import markdown_text

SOURCE = "IDMC GIDD (CC BY-NC 4.0)"  # short: the frame draws it on one line, phones included
SOURCE_IDS = ["idmc-gidd"]
TITLE = "Internal displacement"
INTRO = ("People displaced inside their own country, by conflict and violence and by disasters, as estimated by "
         "the Internal Displacement Monitoring Centre (IDMC).")
CAVEATS = (
    "**Read these figures with IDMC's caveats**\n"
    "- **Stocks and flows are different measures.** *People displaced* (a stock) counts people living in "
    "displacement on 31 December. *Internal displacements* (a flow) count movements during the year: one "
    "person can be displaced several times, so flows are never added to stocks.\n"
    "- **Coverage:** conflict stocks from 2009; disaster stocks only from 2019; flows from 2008. A gap is a "
    "missing figure, not zero.\n"
    "- **Conflict and disaster figures are shown apart**, and added up only into the totals IDMC itself "
    "publishes (people displaced by conflict and disasters; internal displacements by both).\n"
    "- **Two places, two releases:** IDMC's conflict figure also reaches the forcibly displaced headline "
    "through UNHCR, from a later IDMC release that runs a year further; it is drawn beside IDMC's own.\n"
    "- **Licence:** IDMC's data are CC BY-NC 4.0 (non-commercial use only), unlike UNHCR's CC BY 4.0.")
NOTES = ("IDMC's data are CC BY-NC 4.0: non-commercial use only.",
         "Stocks (people displaced at 31 December) and flows (movements during a year) are never added; conflict "
         "and disaster figures are shown apart and added only into IDMC's own totals.")


def _names(view: page.View) -> dict[str, str]:
    return stats.names_with_extras(view.names, sorted(set(view.table("idmc-gidd", "by_country")["iso3"].dropna())))


def _params(view: page.View) -> list[url_state.Param]:
    first, last = view.years_of("idmc-gidd", "by_country")
    return [url_state.country("iso3", _names(view), view.lookup), url_state.year("year", first, last),
            url_state.choice("measure", idps.MEASURES)]


view = page.start(TITLE, _params, intro=INTRO)
NAMES = _names(view)
gidd = view.table("idmc-gidd", "by_country")
world = idps.world_with_headline(gidd, view.table("idmc", "totals"))
latest_year = idps.latest_year(world)
YEARS = sorted({int(y) for y in gidd["year"]}, reverse=True)


def world_cards() -> None:
    row = world[world["year"] == latest_year].iloc[0]
    st.subheader(f"World, {latest_year}")
    for column, (heading, unit, cards) in zip(st.columns(2), idps.WORLD_CARDS):
        with column:
            st.markdown(f"**{heading.format(year=latest_year)}**")
            for card, (label, name) in zip(st.columns(len(cards)), cards):
                card.metric(label, labels.millions(row[name]), border=True, help=idps.card_help(row, name, unit))
    st.caption(f"Sums of IDMC's country figures for {latest_year} (IDMC Global Internal Displacement Database, "
               "CC BY-NC 4.0); the totals add conflict and disasters as IDMC's own report does. Stocks count "
               "people, flows count movements: the two are never added.")


def stock_chart(frame: pd.DataFrame, *, title: str, key: str, where: str) -> go.Figure:
    fig = idp_charts.stock_figure(frame)
    charts.frame(fig, title=title, unit=idp_charts.STOCK_UNIT,
                 source=SOURCE + "; IDMC via UNHCR (CC BY 4.0)", as_of=view.data_as_of(["idmc-gidd", "idmc"]),
                 height=400)
    charts.show(fig, key=key, alt=f"Line chart of people internally displaced {where}: "
                + stats.latest_words(frame, idp_charts.stock_lines(), "at end-", lower=True) + ".")
    return fig


def flow_chart(frame: pd.DataFrame, *, title: str, key: str, where: str) -> go.Figure:
    fig = idp_charts.flow_figure(frame)
    charts.frame(fig, title=title, unit=idp_charts.FLOW_UNIT,
                 source=SOURCE, as_of=view.data_as_of(SOURCE_IDS), height=400)
    charts.show(fig, key=key, alt=f"Bar chart of internal displacements {where}: "
                + stats.latest_words(frame, idp_charts.flow_bars(), "in ", lower=True) + ".")
    return fig


def world_trend() -> dict[str, go.Figure]:
    st.subheader("The world trend")
    left, right = st.columns(2)
    with left:
        stock = stock_chart(world, title="People internally displaced worldwide", key="internal-world-stock",
                            where="worldwide")
    with right:
        flow = flow_chart(world, title="Internal displacements worldwide", key="internal-world-flow",
                          where="worldwide")
    st.caption("World figures are sums of the countries IDMC reports on in each year; the number of countries "
               "varies (see the download).")
    download_buttons(world, gidd, view.data, SOURCE_IDS, "Internal displacement worldwide by year (IDMC GIDD)",
                     "internal-world")
    return {"stock": stock, "flow": flow}


def headline_note() -> None:
    totals = view.table("idmc", "totals")
    compare = idps.headline_idps_vs_gidd(totals, gidd)
    st.subheader("This figure and the headline's IDP figure")
    st.markdown(idps.headline_idps_note(totals, compare, view.data.manifest("idmc")["release"],
                                        view.data.manifest("idmc-gidd")["release"]))
    shown = compare.tail(6).rename(columns={
        "year": "Year", "headline_idps_conflict": "Headline (IDMC via UNHCR)",
        "gidd_conflict_stock": "IDMC database, sum of countries", "difference": "Difference"}).drop(columns=["period"])
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="localized") for c in shown.columns
                                if c != "Year"} | {"Year": st.column_config.NumberColumn(format="%d")})
    download_buttons(compare, None, view.data, ["idmc", "idmc-gidd"],
                     "Conflict IDPs: UNHCR headline series and IDMC GIDD", "internal-headline-vs-gidd")


def country_charts(rows: pd.DataFrame, name: str) -> dict[str, go.Figure]:
    figures = {}
    left, right = st.columns(2)
    with left:
        stock_columns = [*idps.GIDD_STOCKS, "conflict_via_unhcr"]
        if stats.has_data(rows, stock_columns):
            stocks = rows[rows["year"] >= rows.loc[rows[stock_columns].notna().any(axis=1), "year"].min()]
            figures["stock"] = stock_chart(stocks, title=f"People internally displaced in {name}",
                                           key="internal-country-stock", where=f"in {name}")
        else:
            st.info(markdown_text(f"No data: IDMC reports no IDP stock figures (people displaced) for {name}."),
                    icon=":material/block:")
    with right:
        if stats.has_data(rows, idps.GIDD_FLOWS):
            figures["flow"] = flow_chart(rows, title=f"Internal displacements in {name}",
                                         key="internal-country-flow", where=f"in {name}")
        else:
            st.info(markdown_text(f"No data: IDMC reports no internal displacements (flows) for {name}."),
                    icon=":material/block:")
    return figures


def country_block() -> tuple[str, dict[str, go.Figure]]:
    """The chosen country's charts; returns its code and the figures drawn ("stock", "flow")."""
    st.subheader("By country")
    iso3 = url_state.country_select(st.selectbox, "Country or territory", sorted(NAMES, key=NAMES.get), param="iso3",
                                    default=idps.gidd_default_country(gidd), lookup=view.lookup,
                                    format_func=lambda c: f"{NAMES[c]} ({c})",
                                    help="Type a name to search. The link in the address bar opens this country.")
    name = NAMES[iso3]
    rows = idps.idp_sources(view.table("idmc", "by_country"), gidd, iso3)
    figures = country_charts(rows, name)
    if iso3 in view.names:
        st.page_link("app_pages/profile.py", label=markdown_text(f"Open the country profile of {name}"),
                     icon=":material/flag:", query_params={"iso3": iso3})
    download_buttons(rows, None, view.data, SOURCE_IDS, f"Internal displacement in {name} (IDMC GIDD)",
                     f"internal-{iso3}")
    return iso3, figures


def top_block() -> tuple[int, str, pd.DataFrame, go.Figure | None]:
    """The countries with the most for the chosen year and measure; returns the year, the measure, the
    top countries and the chart (None when IDMC has no figures for that year)."""
    st.subheader("Countries with the most")
    left, right = st.columns([1, 2])
    year = left.selectbox("Year", YEARS, index=0, key="year", bind="query-params")
    with right:
        slug = url_state.coded_select(st.radio, "Measure", list(idps.MEASURES), param="measure",
                                      default="conflict-stock", format_func=lambda m: idps.MEASURES[m].words,
                                      horizontal=True)
    measure = idps.MEASURES[slug]
    top = idps.top_countries(gidd, year, measure.column, 15)
    if top.empty:
        st.info(idps.no_top_note(measure, year), icon=":material/block:")
        return year, slug, top, None
    top = top.assign(name=top["iso3"].map(NAMES))
    fig = idp_charts.top_figure(top, measure.column)
    charts.frame(fig, title=f"{measure.words}: top {len(top)} countries, {year}", unit=measure.unit(year),
                 source=SOURCE, as_of=view.data_as_of(SOURCE_IDS), height=max(380, 150 + 26 * len(top)))
    idp_charts.names_at_left(fig, top["name"])
    charts.show(fig, key="internal-top", alt=idps.top_alt(top, measure, year))
    download_buttons(top[["iso3", "name", measure.column]], gidd[gidd["year"] == year], view.data, SOURCE_IDS,
                     f"{measure.words}, {year}, by country (IDMC GIDD)", f"internal-top-{slug}-{year}")
    return year, slug, top, fig


def brief(iso3: str, year: int, slug: str, top: pd.DataFrame, figures: list[go.Figure | None],
          world_stock: go.Figure) -> None:
    """The share bar; when IDMC has no such figures that year, the brief gives the world's latest stock."""
    measure = idps.MEASURES[slug]
    drawn = idps.has_world_figure(world, year, measure)
    share.share_bar(view.data, title=TITLE, source_ids=SOURCE_IDS,
                    headline=idps.headline_sentence(gidd, world, NAMES[iso3], iso3, year, measure,
                                                    view.data.manifest("idmc-gidd")),
                    figures=idps.key_figures(gidd, world, NAMES, iso3, year, measure, top),
                    fig=next(f for f in figures if f is not None) if drawn else world_stock, notes=NOTES)


st.info(CAVEATS, icon=":material/info:")
world_cards()
world_figures = world_trend()
headline_note()
iso3, country_figures = country_block()
chosen_year, slug, top, top_figure = top_block()
side = "stock" if idps.MEASURES[slug].is_stock else "flow"
brief(iso3, chosen_year, slug, top, [top_figure, country_figures.get(side), world_figures[side]],
      world_figures["stock"])
