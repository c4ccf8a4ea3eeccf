"""Age and sex: the shares of children, women and girls, and older people among displaced people in a country and
in the world, each with how much of the population the breakdown covers. Lays out what
displacement/figures/demographics.py computes and writes and components/demographics_charts.py draws."""

from __future__ import annotations

import streamlit as st

from components import charts, demographics_charts, page, share, url_state
from components.downloads import download_buttons
from displacement.figures import countries as cs
from displacement.figures import demographics as dm
from displacement.formatting import markdown_text
from displacement.text import _


def _codes(view: page.View) -> list[str]:
    return sorted(set(view.table("demographics", "by_asylum")["iso3"].dropna().astype(str)))


def _params(view: page.View) -> list[url_state.Param]:
    first, last = view.years_of("demographics", "by_asylum")
    return [url_state.country("iso3", _codes(view), view.lookup), url_state.year("year", first, last),
            url_state.choice("scope", dm.SCOPES)]


view = page.start(_(dm.TITLE), _params, intro=_(dm.INTRO))
demographics = view.table("demographics", "by_asylum")
population = view.table("population", "by_asylum")
YEARS = sorted({int(y) for y in demographics["year"]}, reverse=True)
CODES = _codes(view)


def label(code: str) -> str:
    return cs.country_label(code, view.names)


def controls() -> tuple[str, int, str]:
    left, middle, right = st.columns([4, 2, 4])
    scope = url_state.coded_select(right.selectbox, _("People"), list(dm.SCOPES), param="scope", default="protection",
                                   format_func=dm.scope_name)
    year = middle.selectbox(_("Year (end of year)"), YEARS, key="year", bind="query-params")
    ranked = dm.countries_with_breakdown(demographics, year, scope)
    iso3 = url_state.country_select(left.selectbox, _("Country (of asylum or location)"), CODES, param="iso3",
                                    default=ranked[0] if ranked else CODES[0], format_func=label, lookup=view.lookup)
    return iso3, year, scope


def chart(found: list[tuple[str, dict]], scope: str, year: int):
    if not any(figures["with_sex"] for place, figures in found):
        st.info(_(dm.NO_BREAKDOWN))
        return None
    fig = demographics_charts.shares_figure(found)
    charts.frame(fig, title=dm.chart_title(scope, year), unit=_(dm.CHART_UNIT), source=_(dm.SOURCE),
                 as_of=view.data_as_of(dm.SOURCE_IDS), height=380)
    charts.show(fig, key="demographics-shares", alt=dm.alt_text(found, scope))
    return fig


iso3, year, scope = controls()
name = label(iso3)
found = dm.places(demographics, population, year, scope, iso3, name)
for place, figures in found:
    st.subheader(markdown_text(place))
    for column, (heading, value, help_text) in zip(st.columns(4), dm.cards(figures)):
        column.metric(heading, value, border=True, help=help_text)
    st.caption(markdown_text(dm.coverage_sentence(figures, place, scope)))
figure = chart(found, scope, year)
table = dm.comparison(demographics, population, year, scope, iso3, name)
with st.expander(_("The figures in a table")):
    st.dataframe(table, hide_index=True, width="stretch", placeholder="–")
    st.caption(_(dm.TABLE_NOTE))
download_buttons(table.assign(year=year, scope=scope, iso3=iso3), demographics, view.data, dm.SOURCE_IDS,
                 dm.download_title(scope, name, year), f"demographics-{iso3}-{year}")
for note in dm.notes():
    st.caption(note)
share.share_bar(view.data, title=_(dm.TITLE), source_ids=dm.SOURCE_IDS,
                headline=dm.headline_sentence(found[0][1], name, scope, view.data.manifest("demographics")),
                figures=dm.key_figures(table), fig=figure, notes=dm.notes())
