"""Compare: up to eight countries or regions on one measure over time (by origin, by asylum, IDPs by conflict
or disasters), in people or per 1,000 residents, as reported or indexed to the start year. Lays out what
displacement/figures/compare.py (and regions.py) compute and components/compare_charts.py draws."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, compare_charts, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import compare as cp
from displacement.figures import country as stats
from displacement.figures import regions as rg
from displacement.formatting import markdown_text

TITLE = "Compare countries and regions over time"
INTRO = ("Up to eight countries or regions on one chart. Refugees + other people in need of international protection "
         "(OIP), as UNHCR ranks countries, by country of origin or of asylum; people internally displaced by conflict "
         "or by disasters (IDMC). Stocks at the end of each year; a gap is a year without a figure, never zero.")
DEFAULT_YEARS = 2000


def _options(view: page.View) -> dict[str, str]:
    """Every pick the page offers: regions (UNHCR's, the World Bank's), then countries and areas, code -> label."""
    memberships = loaders.region_memberships(view.data)
    regions = {code: rg.region_label(*where) for code, where in rg.region_choices(memberships).items()}
    gidd_codes = set(view.table("idmc-gidd", "by_country")["iso3"].dropna().astype(str))
    names = stats.names_with_extras(view.names, sorted(set(view.names) | gidd_codes))
    countries = {code: cp.make_pick(code, names, {}).label for code in names}
    return regions | dict(sorted(countries.items(), key=lambda item: item[1]))


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.choice("pick", _options(view), expected="ISO3 codes such as SDN or region codes such as "
                             "unhcr-europe", multiple=True),
            url_state.choice("measure", cp.MEASURES), url_state.choice("unit", cp.UNITS),
            url_state.choice("scale", cp.SCALES),
            url_state.Param("years", url_state.year("years", view.first, view.last).accepts,
                            f"two years from {view.first} to {view.last}", multiple=True)]


view = page.start(TITLE, _params, intro=INTRO)
if len(st.query_params.get_all("years")) == 1:
    url_state.show_notices(["Link parameter “years” needs two years (a start and an end): showing the default range."])
OPTIONS = _options(view)
MEMBERSHIPS = loaders.region_memberships(view.data)
NAMES = stats.names_with_extras(view.names, [code for code in OPTIONS if cp.is_country_code(code)])


def controls() -> tuple[str, str, str, int, int]:
    left, middle, right = st.columns([4, 3, 3])
    measure = url_state.coded_select(left.selectbox, "Measure", list(cp.MEASURES), param="measure", default="origin",
                                     format_func=lambda m: cp.MEASURES[m].label,
                                     help="Refugees + OIP is UNHCR's basis for ranking countries (asylum-seekers "
                                          "apart). IDPs are IDMC's own figures, conflict and disasters apart.")
    unit = url_state.coded_select(middle.segmented_control, "Unit", list(cp.UNITS), param="unit", default="people",
                                  format_func=cp.UNITS.get, required=True)
    scale = url_state.coded_select(right.segmented_control, "Scale", list(cp.SCALES), param="scale",
                                   default="absolute", format_func=cp.SCALES.get, required=True,
                                   help="Indexed: each line divided by its own figure in the start year, times 100.")
    first, last = st.slider("Years (the first is the index's start year)", view.first, view.last,
                            (max(view.first, DEFAULT_YEARS), view.last), key="years", bind="query-params")
    return measure, unit, scale, min(first, last), max(first, last)


def cap_picks() -> None:
    """More than eight valid picks in a link: keep the first eight, and say so."""
    valid = [code for code in st.query_params.get_all("pick") if code in OPTIONS]
    if len(valid) > cp.MAX_PICKS:
        url_state.show_notices([f"Link parameter “pick” names {len(valid)} countries or regions: only the first "
                                f"{cp.MAX_PICKS} are shown."])
        st.query_params["pick"] = list(dict.fromkeys(valid))[:cp.MAX_PICKS]


def _suggest(codes: list[str]) -> None:
    st.query_params["pick"] = list(dict.fromkeys(codes))[:cp.MAX_PICKS]


def picker(values: pd.DataFrame) -> list[str]:
    cap_picks()
    chosen = url_state.coded_multiselect(f"Countries or regions (up to {cp.MAX_PICKS})", list(OPTIONS), param="pick",
                                         default=cp.default_picks(values), format_func=OPTIONS.get,
                                         max_selections=cp.MAX_PICKS,
                                         help="Regions: UNHCR's regions and the World Bank's, each the sum of its "
                                              "countries.")
    anchor = next((code for code in chosen if cp.is_country_code(code)), None)
    region, top = cp.suggested(values, MEMBERSHIPS["unhcr"], anchor) if anchor else (None, [])
    if region and top:
        st.button(markdown_text(f"Suggest: {NAMES.get(anchor, anchor)} and the top {len(top)} other countries of its "
                                f"UNHCR region ({region})"),
                  on_click=_suggest, args=([anchor, *top],), key="suggest",
                  help="No table of neighbouring countries is stored, so the countries of the same UNHCR region "
                       "with the highest figure in the latest year are suggested.")
    return chosen


def chart(shown: pd.DataFrame, measure: str, unit: str, scale: str, first: int, last: int):
    if shown.empty or shown["shown"].isna().all():
        st.info(f"No figures for the chosen countries or regions between {first} and {last}. Missing is not zero: "
                "try other years or another measure.")
        return None
    fig = compare_charts.compare_figure(shown, unit, scale)
    source = cp.source_line(measure, unit, list(shown["code"].unique()))
    charts.frame(fig, title=cp.chart_title(measure, unit, scale, first, last),
                 unit=cp.unit_text(measure, unit, scale, first), source=source,
                 as_of=view.data_as_of(cp.source_ids(measure, unit)), height=500)
    charts.show(fig, key="compare-main", alt=cp.alt_text(shown, measure, unit, scale, first, last))
    return fig


def data_table(shown: pd.DataFrame, values: pd.DataFrame, measure: str, unit: str, scale: str) -> None:
    with st.expander("The figures in a table"):
        wide = shown.pivot_table(index="year", columns="label", values="shown", sort=False, dropna=False)
        st.dataframe(wide.reset_index(), hide_index=True, width="stretch", placeholder="–",
                     column_config={"year": st.column_config.NumberColumn("Year", format="%d")})
        st.caption("“–” marks a year without a figure, never zero. The download gives, for each year, people, how "
                   "many countries have a figure and, per 1,000 residents, the population divided by.")
    download_buttons(cp.download_table(shown, measure, unit, scale), values.assign(measure=measure), view.data,
                     cp.source_ids(measure, unit),
                     f"{cp.MEASURES[measure].label}: countries and regions compared (Compare page)", "compare")


measure, unit, scale, first, last = controls()
spec = cp.MEASURES[measure]
values = cp.country_values(view.table(*spec.table), measure)
picks = cp.unique_labels([cp.make_pick(code, NAMES, MEMBERSHIPS) for code in picker(values)])
population = view.table("worldbank-population", "population")
shown = cp.compare_values(values, population, picks, first, last, unit, scale)
figure = chart(shown, measure, unit, scale, first, last) if picks else None
if not picks:
    st.info("Choose at least one country or region.")
for note in cp.notes(shown, measure, unit, scale, first, cp.population_years_used(population, shown, picks)):
    st.caption(markdown_text(note))
for scheme in dict.fromkeys(rg.region_choices(MEMBERSHIPS)[p.code][0] for p in picks if not cp.is_country_code(p.code)):
    if note := rg.without_region_note(values, MEMBERSHIPS[scheme], scheme, min(last, int(values["year"].max())),
                                      lambda code: NAMES.get(code, code)):
        st.caption(markdown_text(note))
if picks:
    data_table(shown, values, measure, unit, scale)
manifests = [(spec.source_line.split(" (")[0], view.data.manifest(spec.table[0]))]
share.share_bar(view.data, title=TITLE, source_ids=cp.source_ids(measure, unit),
                headline=cp.headline_sentence(shown, measure, manifests) if picks else None,
                figures=cp.key_figures(shown, unit, scale) if picks else None, fig=figure,
                notes=tuple(cp.notes(shown, measure, unit, scale, first, [])))
