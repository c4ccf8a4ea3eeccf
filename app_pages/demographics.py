"""Age and sex: the shares of children, women and girls, and older people among displaced people in a country and
in the world, each with how much of the population the breakdown covers. Lays out what
displacement/figures/demographics.py computes and components/demographics_charts.py draws."""

from __future__ import annotations

import streamlit as st

from components import charts, demographics_charts, page, share, url_state
from components.downloads import download_buttons
from displacement.figures import countries as cs
from displacement.figures import demographics as dm
from displacement.formatting import markdown_text

TITLE = "Age and sex of displaced people"
INTRO = ("How many displaced people are children, women and girls, or older people, from UNHCR's sex and age "
         "breakdown, by country of asylum (or location, for IDPs). The breakdown does not cover everyone: how much "
         "of the population it covers is shown beside every share.")
SOURCE = "UNHCR Refugee Population Statistics Database: demographics and population figures (CC BY 4.0)"
SOURCE_IDS = ["demographics", "population"]


def _codes(view: page.View) -> list[str]:
    return sorted(set(view.table("demographics", "by_asylum")["iso3"].dropna().astype(str)))


def _params(view: page.View) -> list[url_state.Param]:
    first, last = view.years_of("demographics", "by_asylum")
    return [url_state.country("iso3", _codes(view), view.lookup), url_state.year("year", first, last),
            url_state.choice("scope", dm.SCOPES)]


view = page.start(TITLE, _params, intro=INTRO)
demographics = view.table("demographics", "by_asylum")
population = view.table("population", "by_asylum")
YEARS = sorted({int(y) for y in demographics["year"]}, reverse=True)
CODES = _codes(view)


def label(code: str) -> str:
    return cs.country_label(code, view.names)


def controls() -> tuple[str, int, str]:
    left, middle, right = st.columns([4, 2, 4])
    scope = url_state.coded_select(right.selectbox, "People", list(dm.SCOPES), param="scope", default="protection",
                                   format_func=lambda s: dm.SCOPES[s].label)
    year = middle.selectbox("Year (end of year)", YEARS, key="year", bind="query-params")
    ranked = dm.countries_with_breakdown(demographics, year, scope)
    iso3 = url_state.country_select(left.selectbox, "Country (of asylum or location)", CODES, param="iso3",
                                    default=ranked[0] if ranked else CODES[0], format_func=label, lookup=view.lookup)
    return iso3, year, scope


def cards(name: str, found: dict) -> None:
    st.subheader(markdown_text(name))
    columns = st.columns(4)
    for column, key, heading in zip(columns, ["children", "women_and_girls", "older"],
                                    ["Children (0-17)", "Women and girls", "Older people (60+)"]):
        column.metric(heading, dm.share_text(found[key]), border=True, help=dm.SHARES[key])
    columns[3].metric("Breakdown covers", dm.share_text(found["coverage_pct"]), border=True,
                      help="People with a sex breakdown, % of UNHCR's population figure for the same year and scope.")


def chart(found: list[tuple[str, dict]], scope: str, year: int):
    if not any(f["with_sex"] for _, f in found):
        st.info("No sex or age breakdown for this choice: no shares can be given (missing, not zero).")
        return None
    fig = demographics_charts.shares_figure(found)
    charts.frame(fig, title=f"Age and sex, {dm.SCOPES[scope].label.lower()}, end-{year}",
                 unit="% of the people covered by UNHCR's sex and age breakdown (coverage in the legend)",
                 source=SOURCE, as_of=view.data_as_of(SOURCE_IDS), height=380)
    charts.show(fig, key="demographics-shares", alt=dm.alt_text(found, scope))
    return fig


iso3, year, scope = controls()
name = label(iso3)
found = [(name, dm.breakdown(demographics, population, year, scope, iso3)),
         ("World", dm.breakdown(demographics, population, year, scope))]
for place, figures in found:
    cards(place, figures)
    st.caption(markdown_text(dm.coverage_sentence(figures, place, scope)))
figure = chart(found, scope, year)
table = dm.comparison(demographics, population, year, scope, iso3, name)
with st.expander("The figures in a table"):
    st.dataframe(table, hide_index=True, width="stretch", placeholder="–")
    st.caption("“–” marks a figure that cannot be given (no breakdown or no population figure), never zero.")
download_buttons(table.assign(year=year, scope=scope, iso3=iso3), demographics, view.data, SOURCE_IDS,
                 f"Age and sex of {dm.SCOPES[scope].label.lower()}, {name} and the world, end-{year}",
                 f"demographics-{iso3}-{year}")
for note in dm.NOTES:
    st.caption(note)
share.share_bar(view.data, title=TITLE, source_ids=SOURCE_IDS,
                headline=dm.headline_sentence(found[0][1], name, scope, view.data.manifest("demographics")),
                figures=dm.key_figures(table), fig=figure, notes=dm.NOTES)
