"""Internal displacement (IDMC GIDD): people displaced inside their country (stocks) and internal
displacements during each year (flows), for conflict and for disasters, world-wide and by country.
Lays out what displacement/figures/idps.py computes and writes and components/idp_charts.py draws. Stocks
and flows are never added; conflict and disaster figures are shown side by side, not summed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, idp_charts, page, share, url_state
from components.downloads import download_buttons
from displacement.figures import country as stats
from displacement.figures import idps
from displacement.formatting import markdown_text
from displacement.text import _


def _names(view: page.View) -> dict[str, str]:
    return stats.names_with_extras(view.names, sorted(set(view.table("idmc-gidd", "by_country")["iso3"].dropna())))


def _params(view: page.View) -> list[url_state.Param]:
    first, last = view.years_of("idmc-gidd", "by_country")
    return [url_state.country("iso3", _names(view), view.lookup), url_state.year("year", first, last),
            url_state.choice("measure", idps.MEASURES)]


view = page.start(_(idps.TITLE), _params, intro=_(idps.INTRO))
NAMES = _names(view)
gidd = view.table("idmc-gidd", "by_country")
world = idps.world_with_headline(gidd, view.table("idmc", "totals"))
latest_year = idps.latest_year(world)
YEARS = sorted({int(y) for y in gidd["year"]}, reverse=True)


def world_cards() -> None:
    st.subheader(_("World, {year}").format(year=latest_year))
    for column, (heading, cards) in zip(st.columns(2), idps.world_cards(world, latest_year)):
        column.markdown(f"**{heading}**")
        for card, (label, figure, help_text) in zip(column.columns(len(cards)), cards):
            card.metric(label, figure, border=True, help=help_text)
    st.caption(idps.world_caption(latest_year))


def idp_chart(frame: pd.DataFrame, kind: str, name: str | None = None) -> go.Figure:
    """Stocks ('stock') as lines or flows ('flow') as bars, worldwide (no name) or for one country."""
    fig = idp_charts.figure(kind, frame)
    source, source_ids = idps.chart_source(kind)
    charts.frame(fig, title=idps.chart_title(kind, name), unit=idp_charts.unit(kind), source=source,
                 as_of=view.data_as_of(source_ids), height=400)
    charts.show(fig, key=f"internal-{'world' if name is None else 'country'}-{kind}",
                alt=idps.chart_alt(frame, kind, idp_charts.series(kind), name))
    return fig


def world_trend() -> dict[str, go.Figure]:
    st.subheader(_("The world trend"))
    figures = {}
    for kind, column in zip(("stock", "flow"), st.columns(2)):
        with column:
            figures[kind] = idp_chart(world, kind)
    st.caption(_(idps.WORLD_TREND_NOTE))
    download_buttons(world, gidd, view.data, idps.SOURCE_IDS, _("Internal displacement worldwide by year (IDMC GIDD)"),
                     "internal-world")
    return figures


def headline_note() -> None:
    totals = view.table("idmc", "totals")
    compare = idps.headline_idps_vs_gidd(totals, gidd)
    st.subheader(_("This figure and the headline's IDP figure"))
    st.markdown(idps.headline_idps_note(totals, compare, view.data.manifest("idmc").release,
                                        view.data.manifest("idmc-gidd").release))
    shown = idps.headline_table(compare)  # the year first, then figures
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        c: st.column_config.NumberColumn(format="localized" if i else "%d") for i, c in enumerate(shown.columns)})
    download_buttons(compare, None, view.data, ["idmc", "idmc-gidd"],
                     _("Conflict IDPs: UNHCR headline series and IDMC GIDD"), "internal-headline-vs-gidd")


def country_block() -> tuple[str, dict[str, go.Figure]]:
    """The chosen country's charts; returns its code and the figures drawn ("stock", "flow")."""
    st.subheader(_("By country"))
    iso3 = url_state.country_select(st.selectbox, _("Country or territory"), sorted(NAMES, key=NAMES.get),
                                    param="iso3", default=idps.gidd_default_country(gidd), lookup=view.lookup,
                                    format_func=lambda c: f"{NAMES[c]} ({c})",
                                    help=_("Type a name to search. The link in the address bar opens this country."))
    name, figures = NAMES[iso3], {}
    rows = idps.idp_sources(view.table("idmc", "by_country"), gidd, iso3)
    for (kind, frame), column in zip(idps.country_frames(rows).items(), st.columns(2)):
        with column:
            if frame is None:
                st.info(markdown_text(idps.no_data_note(kind, name)), icon=":material/block:")
            else:
                figures[kind] = idp_chart(frame, kind, name)
    if iso3 in view.names:
        st.page_link("app_pages/profile.py", label=markdown_text(_("Open the country profile of {name}").format(
            name=name)), icon=":material/flag:", query_params={"iso3": iso3})
    download_buttons(rows, None, view.data, idps.SOURCE_IDS,
                     _("Internal displacement in {name} (IDMC GIDD)").format(name=name), f"internal-{iso3}")
    return iso3, figures


def top_block() -> tuple[int, str, pd.DataFrame, go.Figure | None]:
    """The countries with the most for the chosen year and measure; returns the year, the measure, the
    top countries and the chart (None when IDMC has no figures for that year)."""
    st.subheader(_("Countries with the most"))
    left, right = st.columns([1, 2])
    year = left.selectbox(_("Year"), YEARS, index=0, key="year", bind="query-params")
    with right:
        slug = url_state.coded_select(st.radio, _("Measure"), list(idps.MEASURES), param="measure",
                                      default="conflict-stock", format_func=lambda m: idps.MEASURES[m].name(),
                                      horizontal=True)
    measure = idps.MEASURES[slug]
    top = idps.top_countries(gidd, year, measure.column, 15)
    if top.empty:
        st.info(idps.no_top_note(measure, year), icon=":material/block:")
        return year, slug, top, None
    top = top.assign(name=top["iso3"].map(NAMES))
    fig = idp_charts.top_figure(top, measure.column)
    charts.frame(fig, title=idps.top_title(measure, len(top), year), unit=measure.unit(year), source=_(idps.SOURCE),
                 as_of=view.data_as_of(idps.SOURCE_IDS), height=max(380, 150 + 26 * len(top)))
    idp_charts.names_at_left(fig, top["name"])
    charts.show(fig, key="internal-top", alt=idps.top_alt(top, measure, year))
    download_buttons(top[["iso3", "name", measure.column]], gidd[gidd["year"] == year], view.data, idps.SOURCE_IDS,
                     idps.top_download_title(measure, year), f"internal-top-{slug}-{year}")
    return year, slug, top, fig


def brief(iso3: str, year: int, slug: str, top: pd.DataFrame, fig: go.Figure) -> None:
    measure = idps.MEASURES[slug]
    share.share_bar(view.data, title=_(idps.TITLE), source_ids=idps.SOURCE_IDS,
                    headline=idps.headline_sentence(gidd, world, NAMES[iso3], iso3, year, measure,
                                                    view.data.manifest("idmc-gidd")),
                    figures=idps.key_figures(gidd, world, NAMES, iso3, year, measure, top), fig=fig,
                    notes=idps.notes())


st.info(_(idps.CAVEATS), icon=":material/info:")
world_cards()
world_figures = world_trend()
headline_note()
iso3, country_figures = country_block()
chosen_year, slug, top, top_figure = top_block()
brief(iso3, chosen_year, slug, top, idps.brief_chart(world, chosen_year, idps.MEASURES[slug], top_figure,
                                                     country_figures, world_figures))
