"""Return after conflict: refugee and IDP returns after past turning points (UNHCR's data beside curated, sourced
context), and labelled scenarios for a country today, never drawn as the continuation of an official figure. Lays
out what displacement/figures/returns.py, return_scenarios.py, return_words.py and components/return_charts.py make."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components import charts, page, return_charts, share, url_state
from components.downloads import download_buttons
from displacement.figures import return_scenarios as rs
from displacement.figures import return_words as words
from displacement.figures import returns
from displacement.formatting import markdown_text
from displacement.text import _
from displacement.turning_points import TurningPointError, load_turning_points

try:
    POINTS = load_turning_points()
except TurningPointError as error:  # the curated file is refused whole, never half read
    st.error(_("This page cannot read its list of turning points: {error}.").format(error=markdown_text(error)),
             icon=":material/error:")
    st.stop()
LABELS = {p.id: p.label for p in POINTS}


def _params(view: page.View) -> list[url_state.Param]:
    last = returns.latest_year(view.table("solutions", "by_origin"))
    countries = words.origin_countries(view.table("population", "by_origin"), view.names)
    return [url_state.country("iso3", countries, view.lookup),
            url_state.choice("start", rs.start_years(last), expected=words.start_expected(last)),
            url_state.choice("analogue", LABELS, expected=_("an episode id such as liberia-2003"), multiple=True)]


view = page.start(_(words.TITLE), _params, intro=_(words.INTRO))
SOLUTIONS, POPULATION = view.table("solutions", "by_origin"), view.table("population", "by_origin")
PATHS, SUMMARY = returns.history(POINTS, SOLUTIONS, POPULATION)
COUNTRIES = words.origin_countries(POPULATION, view.names)
AS_OF = view.data_as_of(words.SOURCE_IDS)


def history_block() -> go.Figure:
    st.subheader(_("What history says: returns after past turning points"))
    fig = charts.frame(return_charts.history_figure(PATHS), title=_(words.HISTORY_TITLE), unit=_(words.HISTORY_UNIT),
                       source=_(words.SOURCE), as_of=AS_OF, height=480)
    charts.show(fig, key="returns-history", alt=words.history_alt(SUMMARY))
    st.dataframe(words.episode_table(SUMMARY), hide_index=True, width="stretch", column_config={
        words.episode_header("url"): st.column_config.LinkColumn(display_text=_("source")),
        **{c: st.column_config.NumberColumn(format=f) for c, f in words.episode_formats().items()}})
    st.caption(_(words.EPISODE_CAPTION))
    with st.expander(_("The turning points: sources and notes (context written by the dashboard team)")):
        st.markdown("\n".join(f"- {markdown_text(line)}" for line in words.episode_notes(SUMMARY)))
    download_buttons(PATHS, SUMMARY, view.data, words.SOURCE_IDS, _(words.HISTORY_DOWNLOAD), "returns-history")
    return fig


def scenario_controls() -> tuple[str, int, list[str]]:
    last, raw_iso3 = returns.latest_year(SOLUTIONS), st.query_params.get("iso3")
    left, middle = st.columns(2)
    iso3 = url_state.country_select(left.selectbox, _("Country of origin"), sorted(COUNTRIES, key=COUNTRIES.get),
                                    param="iso3", default=rs.default_country(COUNTRIES), lookup=view.lookup,
                                    format_func=lambda c: f"{COUNTRIES[c]} ({c})")
    if st.query_params.get("iso3") is None and raw_iso3 and view.lookup.resolve(raw_iso3) == iso3:
        st.query_params["iso3"] = iso3  # ?iso3=ukr asked for the default: the link keeps what was asked
    start = url_state.coded_select(middle.selectbox, _("Returns start in"), rs.start_years(last), param="start",
                                   default=last + 1, normalise=lambda v: v.strip())
    paces = rs.pace_of(SUMMARY)
    chosen = url_state.coded_multiselect(_("Analogues (past episodes)"), list(LABELS), param="analogue",
                                         default=rs.default_analogues(SUMMARY), help=_(words.ANALOGUE_HELP),
                                         format_func=lambda a: words.pace_label(a, LABELS, paces))
    return iso3, int(start), chosen


def scenario_block() -> tuple[str, dict, go.Figure | None]:
    st.subheader(_("If returns followed the pattern of a past episode (scenario, not data)"))
    iso3, start, chosen = scenario_controls()
    name, result = COUNTRIES[iso3], rs.scenarios(iso3, start, chosen, POINTS, PATHS, POPULATION)
    if not rs.has_projection(result):
        st.info(markdown_text(words.no_stock_note(name, start)), icon=":material/block:")
        return iso3, result, None
    fig = charts.frame(return_charts.scenario_figure(rs.recorded_stock(POPULATION, iso3, start), result["table"],
                                                     LABELS), title=words.scenario_heading(name, start),
                       unit=_(words.SCENARIO_UNIT), source=words.scenario_source(), as_of=AS_OF, height=460)
    charts.show(fig, key="returns-scenario", alt=words.scenario_alt(result, name, LABELS))
    st.markdown(markdown_text(rs.scenario_sentence(result, name, {a: LABELS[a] for a in chosen})))
    wide = words.scenario_table(result, LABELS)
    st.dataframe(wide, hide_index=True, width="stretch", column_config={
        c: st.column_config.NumberColumn(format=f) for c, f in words.scenario_formats(list(wide.columns)).items()})
    st.caption(_(words.SCENARIO_CAPTION))
    st.info(words.cannot_know(), icon=":material/help:")
    st.page_link("app_pages/projections.py", label=markdown_text(words.projection_link(name)),
                 icon=":material/trending_up:", query_params={"iso3": iso3})
    download_buttons(result["table"], None, view.data, words.SOURCE_IDS, words.scenario_download(name, start),
                     f"returns-scenario-{iso3}")
    return iso3, result, fig


st.info(_(words.CAVEATS), icon=":material/info:")
history_figure = history_block()
iso3, result, scenario_fig = scenario_block()
share.share_bar(view.data, title=_(words.TITLE), source_ids=words.SOURCE_IDS,
                headline=words.headline_sentence(result, COUNTRIES[iso3], LABELS,
                                                 [(_(words.POPULATION_SOURCE), view.data.manifest("population"))]),
                figures=words.key_figures(result, SUMMARY, LABELS), fig=scenario_fig or history_figure,
                notes=tuple(_(note) for note in words.NOTES))
