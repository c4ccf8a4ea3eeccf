"""Flows: where people from one country of origin are hosted, or where the people one country hosts
come from (a Sankey of the largest corridors), and the largest corridors worldwide. Lays out what
displacement/figures/corridors.py computes and components/flow_charts.py draws."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, flow_charts, page, share, url_state
from components.downloads import download_buttons
from displacement import formatting as fmt
from displacement.figures import corridors as cr
from displacement.figures.countries import country_label
from displacement.formatting import markdown_text
from displacement.vocabulary import CROSS_BORDER

SIDES = ["origin", "asylum"]
TOPS = [5, 10, 15, 20]
WORLD_ROWS = [10, 25, 50, 100]
SOURCE_LINE = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
TITLE = "Where do displaced people go?"
INTRO = ("Corridors from a country of origin to a country of asylum: refugees, asylum-seekers and other people "
         "in need of international protection (OIP), as a stock at the end of the year. " + cr.BUNDLED)


def _codes(view: page.View) -> dict[str, list[str]]:
    table = view.table("population", "corridors")
    return {side: sorted(set(table[f"{side}_iso3"].astype(str)), key=lambda c: country_label(c, view.names))
            for side in SIDES}


def _params(view: page.View) -> list[url_state.Param]:
    codes, (first, last) = _codes(view), view.years_of("population", "corridors")

    sides = [url_state.country(side, codes[side], view.lookup) for side in SIDES]
    return [url_state.choice("direction", SIDES), *sides,
            url_state.year("year", first, last), url_state.choice("top", TOPS), url_state.choice("rows", WORLD_ROWS)]


view = page.start(TITLE, _params, intro=INTRO)
table = view.table("population", "corridors")
CODES = _codes(view)
FIRST, LAST = view.years_of("population", "corridors")
as_of = view.data_as_of(["population"])
totals_by = {side: view.table("population", f"by_{side}") for side in SIDES}


def largest(side: str) -> str:
    """The largest origin (or host) in the latest year: a stable default for a given release."""
    latest = table[table["year"] == LAST]
    return str(latest.groupby(f"{side}_iso3")[CROSS_BORDER].sum(min_count=1).sum(axis=1, min_count=1).idxmax())


def controls() -> tuple[str, str, int, int]:
    side = st.segmented_control("Start from a country of", SIDES, default="origin", required=True,
                                key="direction", bind="query-params",
                                help="origin: where its people are hosted. asylum: where the people it "
                                     "hosts come from.") or "origin"
    default = largest(side)
    left, right = st.columns([3, 2])
    with left:
        country = url_state.country_select(
            st.selectbox, "Country of origin" if side == "origin" else "Country of asylum", CODES[side],
            param=side, default=default, format_func=lambda c: country_label(c, view.names), lookup=view.lookup)
    with right:
        top = st.select_slider("Corridors shown", TOPS, value=10, key="top", bind="query-params",
                               help="The rest are grouped as “Other countries”.")
    year = st.slider("Year (end of year)", FIRST, LAST, LAST, key="year", bind="query-params")
    return side, country or default, year, top


def sankey(rows: pd.DataFrame, side: str, country: str, year: int, top: int) -> go.Figure | None:
    """The Sankey of one country's largest corridors (None when no corridor is itemised)."""
    label = country_label(country, view.names)
    parts = cr.country_parts(totals_by[side], year, country)
    if rows.empty:
        st.info(markdown_text(cr.none_itemised_note(side, label, year, parts)))
        return None
    compact = rows.assign(**{s: [country_label(c, view.names, compact=True) for c in rows[f"{s}_iso3"]]
                             for s in SIDES})
    links = cr.sankey_links(compact, side, top, parts)
    fig = flow_charts.sankey_figure(links, side)
    period, total = fmt.period_label(year, rows["period"].iloc[0]), cr.country_total(parts, rows)
    charts.frame(fig, title=cr.sankey_title(side, label, period),
                 unit=cr.sankey_unit(side, label, total),
                 source=SOURCE_LINE + f"; corridors of {cr.MIN_PEOPLE:,}+ people itemised", as_of=as_of,
                 height=max(440, 120 + 34 * min(top + 2, flow_charts.node_count(links))))
    charts.show(fig, key="flows-sankey", alt=cr.sankey_alt(rows, side, label, period, total, top))
    st.caption(markdown_text(cr.sankey_notes(links, side, label, total)))
    return fig


def _columns() -> dict:
    number = {part: st.column_config.NumberColumn(label, format="localized") for part, label in
              [("refugees", "Refugees"), ("asylum_seekers", "Asylum-seekers"), ("oip", "OIP"), ("total", "Total")]}
    return {"origin": st.column_config.TextColumn("Country of origin"),
            "origin_iso3": st.column_config.TextColumn("ISO3", width="small"),
            "asylum": st.column_config.TextColumn("Country of asylum"),
            "asylum_iso3": st.column_config.TextColumn("ISO3 ", width="small"), **number}


def country_table(rows: pd.DataFrame, side: str, country: str, year: int) -> None:
    if rows.empty:
        return
    partner, towards = cr.partner_of(side), "from" if side == "origin" else "to"
    with st.expander(f"All {len(rows)} itemised corridors {towards} {country_label(country, view.names)}, {year}"):
        st.dataframe(rows[[partner, f"{partner}_iso3", *CROSS_BORDER, "total"]], hide_index=True, width="stretch",
                     column_config=_columns(), placeholder="–")
    download_buttons(rows, table, view.data, ["population"],
                     f"Corridors {towards} {country}, {year} (pairs of {cr.MIN_PEOPLE:,}+ people)",
                     f"corridors-{side}-{country}-{year}")


def world_table(year: int) -> None:
    rows = cr.corridor_rows(table, year, view.names)
    period = fmt.period_label(year, rows["period"].iloc[0]) if len(rows) else str(year)
    st.subheader(f"The largest corridors worldwide, {period}")
    count = st.segmented_control("Corridors listed", WORLD_ROWS, default=25, required=True, key="rows",
                                 bind="query-params") or 25
    if rows.empty:
        st.info(f"No corridors for {year} in the bundled data.")
        return
    shown = rows.head(count)
    st.dataframe(shown[["origin", "origin_iso3", "asylum", "asylum_iso3", *CROSS_BORDER, "total"]], hide_index=True,
                 width="stretch", column_config=_columns(), height=min(38 + 35 * len(shown), 560), placeholder="–")
    st.caption(markdown_text(cr.world_caption(shown, len(rows), year)))
    download_buttons(shown, table, view.data, ["population"], f"Largest corridors worldwide, {year}",
                     f"corridors-world-{year}")


def drop_unused_bad_value(side: str) -> None:
    """The other side's country is in the link but drives no widget, so nothing would drop a bad value
    of it: remove it (page.start has named it), so the view's link never repeats it."""
    other = cr.partner_of(side)
    if any(view.lookup.resolve(v, set(CODES[other])) is None for v in st.query_params.get_all(other)):
        del st.query_params[other]


def brief(rows: pd.DataFrame, side: str, country: str, year: int, top: int, fig: go.Figure | None) -> None:
    parts = cr.country_parts(totals_by[side], year, country)
    period = fmt.period_label(year, rows["period"].iloc[0]) if len(rows) else f"end-{year}"
    cited = fmt.according_to([("UNHCR's Refugee Population Statistics Database", view.data.manifest("population"))])
    share.share_bar(view.data, title=TITLE, source_ids=["population"],
                    headline=cr.headline_sentence(rows, parts, side, country_label(country, view.names), period,
                                                  cited),
                    figures=cr.key_figures(rows, parts, side, top), fig=fig,
                    notes=(cr.BUNDLED, "Counted by country of origin and by country of asylum, the same people are "
                                       "never added together."))


side, country, year, top = controls()
drop_unused_bad_value(side)
rows = cr.corridor_rows(table, year, view.names, side, country)
figure = sankey(rows, side, country, year, top)
country_table(rows, side, country, year)
world_table(year)
brief(rows, side, country, year, top, figure)
