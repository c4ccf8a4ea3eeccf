"""Flows: where people from one country of origin are hosted, or where the people one country hosts
come from (a Sankey of the largest corridors), and the largest corridors worldwide. Lays out what
displacement/figures/corridors.py computes and writes and components/flow_charts.py draws."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, flow_charts, page, share, url_state
from components.downloads import download_buttons
from displacement import formatting as fmt
from displacement.figures import corridors as cr
from displacement.figures.countries import country_label
from displacement.formatting import markdown_text
from displacement.text import _
from displacement.vocabulary import CROSS_BORDER

TOPS = [5, 10, 15, 20]
WORLD_ROWS = [10, 25, 50, 100]


def _params(view: page.View) -> list[url_state.Param]:
    codes = cr.codes_by_side(view.table("population", "corridors"), view.names)
    first, last = view.years_of("population", "corridors")
    sides = [url_state.country(side, codes[side], view.lookup) for side in cr.SIDES]
    return [url_state.choice("direction", cr.SIDES), *sides,
            url_state.year("year", first, last), url_state.choice("top", TOPS), url_state.choice("rows", WORLD_ROWS)]


view = page.start(_(cr.TITLE), _params, intro=cr.intro())
table = view.table("population", "corridors")
CODES = cr.codes_by_side(table, view.names)
FIRST, LAST = view.years_of("population", "corridors")
totals_by = {side: view.table("population", f"by_{side}") for side in cr.SIDES}


def controls() -> tuple[str, str, int, int]:
    side = url_state.coded_select(st.segmented_control, _("Start from a country of"), cr.SIDES, param="direction",
                                  default="origin", format_func=_, required=True,
                                  help=_("origin: where its people are hosted. asylum: where the people it hosts "
                                         "come from."))
    default = cr.largest(table, side, LAST)
    left, right = st.columns([3, 2])
    country = url_state.country_select(
        left.selectbox, _("Country of origin") if side == "origin" else _("Country of asylum"), CODES[side],
        param=side, default=default, format_func=lambda c: country_label(c, view.names), lookup=view.lookup)
    top = right.select_slider(_("Corridors shown"), TOPS, value=10, key="top", bind="query-params",
                              help=_("The rest are grouped as “Other countries”."))
    year = st.slider(_("Year (end of year)"), FIRST, LAST, LAST, key="year", bind="query-params")
    return side, country or default, year, top


def sankey(rows: pd.DataFrame, side: str, country: str, year: int, top: int) -> go.Figure | None:
    """The Sankey of one country's largest corridors (None when no corridor is itemised)."""
    label = country_label(country, view.names)
    parts = cr.country_parts(totals_by[side], year, country)
    if rows.empty:
        st.info(markdown_text(cr.none_itemised_note(side, label, year, parts)))
        return None
    links = cr.sankey_links(cr.with_compact_labels(rows, view.names), side, top, parts)
    fig = flow_charts.sankey_figure(links, side)
    period, total = cr.period_of(rows, year), cr.country_total(parts, rows)
    charts.frame(fig, title=cr.sankey_title(side, label, period), unit=cr.sankey_unit(side, label, total),
                 source=cr.sankey_source(), as_of=view.data_as_of(["population"]),
                 height=max(440, 120 + 34 * min(top + 2, flow_charts.node_count(links))))
    charts.show(fig, key="flows-sankey", alt=cr.sankey_alt(rows, side, label, period, total, top))
    st.caption(markdown_text(cr.sankey_notes(links, side, label, total)))
    return fig


def _columns() -> dict:
    """The corridor tables' headers: figures in the viewer's number format, codes narrow."""
    return {column: st.column_config.NumberColumn(header, format="localized") if column in [*CROSS_BORDER, "total"]
            else st.column_config.TextColumn(header, width="small" if column.endswith("_iso3") else None)
            for column, header in cr.table_headers().items()}


def country_table(rows: pd.DataFrame, side: str, country: str, year: int) -> None:
    if rows.empty:
        return
    partner = cr.partner_of(side)
    with st.expander(markdown_text(cr.table_title(side, len(rows), country_label(country, view.names), year))):
        st.dataframe(rows[[partner, f"{partner}_iso3", *CROSS_BORDER, "total"]], hide_index=True, width="stretch",
                     column_config=_columns(), placeholder="–")
    download_buttons(rows, table, view.data, ["population"], cr.download_title(side, country, year),
                     f"corridors-{side}-{country}-{year}")


def world_table(year: int) -> None:
    rows = cr.corridor_rows(table, year, view.names)
    st.subheader(_("The largest corridors worldwide, {period}").format(
        period=cr.period_of(rows, year) if len(rows) else year))
    count = st.segmented_control(_("Corridors listed"), WORLD_ROWS, default=25, required=True, key="rows",
                                 bind="query-params") or 25
    if rows.empty:
        st.info(_("No corridors for {year} in the bundled data.").format(year=year))
        return
    shown = rows.head(count)
    st.dataframe(shown[["origin", "origin_iso3", "asylum", "asylum_iso3", *CROSS_BORDER, "total"]], hide_index=True,
                 width="stretch", column_config=_columns(), height=min(38 + 35 * len(shown), 560), placeholder="–")
    st.caption(markdown_text(cr.world_caption(shown, len(rows), year)))
    download_buttons(shown, table, view.data, ["population"], _("Largest corridors worldwide, {year}").format(
        year=year), f"corridors-world-{year}")


def drop_unused_bad_value(side: str) -> None:
    """The other side's country is in the link but drives no widget, so nothing would drop a bad value
    of it: remove it (page.start has named it), so the view's link never repeats it."""
    other = cr.partner_of(side)
    if any(view.lookup.resolve(v, set(CODES[other])) is None for v in st.query_params.get_all(other)):
        del st.query_params[other]


def brief(rows: pd.DataFrame, side: str, country: str, year: int, top: int, fig: go.Figure | None) -> None:
    parts, label = cr.country_parts(totals_by[side], year, country), country_label(country, view.names)
    cited = fmt.according_to([(_(cr.SOURCE_NAME), view.data.manifest("population"))])
    share.share_bar(view.data, title=_(cr.TITLE), source_ids=["population"],
                    headline=cr.headline_sentence(rows, parts, side, label, cr.period_of(rows, year), cited),
                    figures=cr.key_figures(rows, parts, side, top), fig=fig, notes=cr.notes())


side, country, year, top = controls()
drop_unused_bad_value(side)
rows = cr.corridor_rows(table, year, view.names, side, country)
figure = sankey(rows, side, country, year, top)
country_table(rows, side, country, year)
world_table(year)
brief(rows, side, country, year, top, figure)
