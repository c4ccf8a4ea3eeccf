"""Compare: up to eight countries or regions on one measure over time (by origin, by asylum, IDPs by conflict
or disasters), in people or per 1,000 residents, as reported or indexed to the start year. Lays out what
displacement/figures/compare.py (and regions.py) compute and word and components/compare_charts.py draws."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, compare_charts, page, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import compare as cp
from displacement.figures import country as stats
from displacement.formatting import markdown_text
from displacement.text import _

DEFAULT_YEARS = 2000


def _options(view: page.View) -> dict[str, str]:
    gidd_codes = set(view.table("idmc-gidd", "by_country")["iso3"].dropna().astype(str))
    return cp.pick_options(loaders.region_memberships(view.data), view.names, gidd_codes)


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.choice("pick", _options(view), multiple=True,
                             expected=_("ISO3 codes such as SDN or region codes such as unhcr-europe")),
            url_state.choice("measure", cp.MEASURES), url_state.choice("unit", cp.UNITS),
            url_state.choice("scale", cp.SCALES),
            url_state.Param("years", url_state.year("years", view.first, view.last).accepts, multiple=True,
                            expected=_("two years from {first} to {last}").format(first=view.first, last=view.last))]


view = page.start(_(cp.TITLE), _params, intro=_(cp.INTRO))
if len(st.query_params.get_all("years")) == 1:
    url_state.show_notices([cp.years_notice()])
OPTIONS = _options(view)
MEMBERSHIPS = loaders.region_memberships(view.data)
NAMES = stats.names_with_extras(view.names, [code for code in OPTIONS if cp.is_country_code(code)])


def controls() -> tuple[str, str, str, int, int]:
    left, middle, right = st.columns([4, 3, 3])
    measure = url_state.coded_select(left.selectbox, _("Measure"), list(cp.MEASURES), param="measure",
                                     default="origin", format_func=cp.measure_label, help=_(cp.HELP["measure"]))
    unit = url_state.coded_select(middle.segmented_control, _("Unit"), list(cp.UNITS), param="unit", default="people",
                                  format_func=lambda u: _(cp.UNITS[u]), required=True)
    scale = url_state.coded_select(right.segmented_control, _("Scale"), list(cp.SCALES), param="scale",
                                   default="absolute", format_func=lambda s: _(cp.SCALES[s]), required=True,
                                   help=_(cp.HELP["scale"]))
    first, last = st.slider(_("Years (the first is the index's start year)"), view.first, view.last,
                            (max(view.first, DEFAULT_YEARS), view.last), key="years", bind="query-params")
    return measure, unit, scale, min(first, last), max(first, last)


def cap_picks() -> None:
    """More than eight valid picks in a link: keep the first eight, and say so."""
    valid = [code for code in st.query_params.get_all("pick") if code in OPTIONS]
    if len(valid) > cp.MAX_PICKS:
        url_state.show_notices([cp.too_many_picks_notice(len(valid))])
        st.query_params["pick"] = list(dict.fromkeys(valid))[:cp.MAX_PICKS]


def _suggest(codes: list[str]) -> None:
    st.query_params["pick"] = list(dict.fromkeys(codes))[:cp.MAX_PICKS]


def picker(values: pd.DataFrame) -> list[str]:
    cap_picks()
    chosen = url_state.coded_multiselect(cp.picker_label(), list(OPTIONS), param="pick", format_func=OPTIONS.get,
                                         default=cp.default_picks(values), max_selections=cp.MAX_PICKS,
                                         help=_(cp.HELP["pick"]))
    anchor = next((code for code in chosen if cp.is_country_code(code)), None)
    region, top = cp.suggested(values, MEMBERSHIPS["unhcr"], anchor) if anchor else (None, [])
    if region and top:
        st.button(markdown_text(cp.suggestion_label(NAMES.get(anchor, anchor), len(top), region)),
                  on_click=_suggest, args=([anchor, *top],), key="suggest", help=_(cp.HELP["suggest"]))
    return chosen


def chart(shown: pd.DataFrame, measure: str, unit: str, scale: str, first: int, last: int):
    if shown.empty or shown["shown"].isna().all():
        st.info(cp.no_figures_message(first, last))
        return None
    fig = compare_charts.compare_figure(shown, unit, scale)
    charts.frame(fig, title=cp.chart_title(measure, unit, scale, first, last),
                 unit=cp.unit_text(measure, unit, scale, first),
                 source=cp.source_line(measure, unit, list(shown["code"].unique())),
                 as_of=view.data_as_of(cp.source_ids(measure, unit)), height=500)
    charts.show(fig, key="compare-main", alt=cp.alt_text(shown, measure, unit, scale, first, last))
    return fig


def data_table(shown: pd.DataFrame, values: pd.DataFrame, measure: str, unit: str, scale: str) -> None:
    with st.expander(_("The figures in a table")):
        wide = shown.pivot_table(index="year", columns="label", values="shown", sort=False, dropna=False)
        st.dataframe(wide.reset_index(), hide_index=True, width="stretch", placeholder="–",
                     column_config={"year": st.column_config.NumberColumn(_("Year"), format="%d")})
        st.caption(cp.table_caption())
    download_buttons(cp.download_table(shown, measure, unit, scale), values.assign(measure=measure), view.data,
                     cp.source_ids(measure, unit), cp.download_title(measure), "compare")


measure, unit, scale, first, last = controls()
spec = cp.MEASURES[measure]
values = cp.country_values(view.table(*spec.table), measure)
picks = cp.unique_labels([cp.make_pick(code, NAMES, MEMBERSHIPS) for code in picker(values)])
population = view.table("worldbank-population", "population")
shown = cp.compare_values(values, population, picks, first, last, unit, scale)
figure = chart(shown, measure, unit, scale, first, last) if picks else None
if not picks:
    st.info(_("Choose at least one country or region."))
for note in [*cp.notes(shown, measure, unit, scale, first, cp.population_years_used(population, shown, picks)),
             *cp.region_notes(values, picks, MEMBERSHIPS, last, NAMES)]:
    st.caption(markdown_text(note))
if picks:
    data_table(shown, values, measure, unit, scale)
share.share_bar(view.data, title=_(cp.TITLE), source_ids=cp.source_ids(measure, unit),
                headline=cp.headline_sentence(shown, measure, cp.cited_sources(measure, view.data.manifest(
                    spec.table[0]))) if picks else None,
                figures=cp.key_figures(shown, unit, scale) if picks else None, fig=figure,
                notes=tuple(cp.notes(shown, measure, unit, scale, first, [])))
