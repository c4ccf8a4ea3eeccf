"""Return after conflict: refugee and IDP returns after past turning points (UNHCR's data beside curated,
sourced context), and clearly labelled scenarios for a country today built from those patterns. Lays out what
displacement/figures/returns.py, return_scenarios.py and return_words.py compute and components/return_charts.py
draws. Scenarios are never drawn as the continuation of an official figure."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components import charts, page, return_charts, share, url_state
from components.downloads import download_buttons
from displacement.figures import return_scenarios as rs
from displacement.figures import return_words as words
from displacement.figures import returns
from displacement.formatting import markdown_text
from displacement.turning_points import TurningPointError, load_turning_points

SOURCE = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
SOURCE_IDS = ["solutions", "population"]
try:
    POINTS = load_turning_points()
except TurningPointError as error:  # the curated file is refused whole, never half read
    st.error(f"This page cannot read its list of turning points: {markdown_text(error)}.", icon=":material/error:")
    st.stop()
LABELS = {p.id: p.label for p in POINTS}


def _countries(view: page.View) -> dict[str, str]:
    """Countries of origin with a refugee stock in the latest year, by name."""
    population = view.table("population", "by_origin")
    latest = population[population["year"] == population["year"].max()]
    codes = set(latest.loc[latest["refugees"].fillna(0) > 0, "iso3"].astype(str))
    return {c: view.names[c] for c in codes if c in view.names}


def _params(view: page.View) -> list[url_state.Param]:
    last = returns.latest_year(view.table("solutions", "by_origin"))
    return [url_state.country("iso3", _countries(view), view.lookup),
            url_state.choice("start", rs.start_years(last), expected=f"a start year from {last + 1} to {last + 5}"),
            url_state.choice("analogue", LABELS, expected="an episode id such as liberia-2003", multiple=True)]


view = page.start(words.TITLE, _params, intro=words.INTRO)
SOLUTIONS = view.table("solutions", "by_origin")
POPULATION = view.table("population", "by_origin")
PATHS, SUMMARY = returns.history(POINTS, SOLUTIONS, POPULATION)
PACES = rs.pace_of(SUMMARY)
COUNTRIES = _countries(view)


def history_block() -> go.Figure:
    st.subheader("What history says: returns after past turning points")
    fig = return_charts.history_figure(PATHS)
    charts.frame(fig, title="Refugee returns after peace agreements, ceasefires and changes of government",
                 unit="Cumulative returned refugees, % of the refugee stock at the end of the year before year 1, "
                      "by years since the event (1 = first counted year)",
                 source=SOURCE, as_of=view.data_as_of(SOURCE_IDS), height=480)
    charts.show(fig, key="returns-history", alt=words.history_alt(SUMMARY))
    st.dataframe(words.episode_table(SUMMARY), hide_index=True, width="stretch", column_config={
        "Source": st.column_config.LinkColumn(display_text="source"),
        "Base: end of": st.column_config.NumberColumn(format="%d"),
        **{c: st.column_config.NumberColumn(format="localized") for c in (
            "Refugee stock (base)", "Refugee returns, years 1-5", "IDP returns, years 1-5")},
        **{c: st.column_config.NumberColumn(format="%.1f%%") for c in (
            "Share of base stock", "Stock change by last year", "Part of the stock's fall returns explain")}})
    st.caption("Empty cells are missing figures, never zero. 'Share of base stock' adds the years that have a "
               "figure; the chart's line stops at the first year without one.")
    with st.expander("The turning points: sources and notes (context written by the dashboard team)"):
        st.markdown("\n".join(f"- {markdown_text(line)}" for line in words.episode_notes(SUMMARY)))
    download_buttons(PATHS, SUMMARY, view.data, SOURCE_IDS, "Refugee and IDP returns after past turning points "
                     "(UNHCR; turning points curated by the dashboard team)", "returns-history")
    return fig


def scenario_controls() -> tuple[str, int, list[str]]:
    last = returns.latest_year(SOLUTIONS)
    left, middle = st.columns(2)
    raw_iso3 = st.query_params.get("iso3")
    with left:
        iso3 = url_state.country_select(st.selectbox, "Country of origin", sorted(COUNTRIES, key=COUNTRIES.get),
                                        param="iso3", default=rs.DEFAULT_COUNTRY if rs.DEFAULT_COUNTRY in COUNTRIES
                                        else sorted(COUNTRIES)[0], format_func=lambda c: f"{COUNTRIES[c]} ({c})",
                                        lookup=view.lookup)
        if st.query_params.get("iso3") is None and raw_iso3 and view.lookup.resolve(raw_iso3) == iso3:
            st.query_params["iso3"] = iso3  # ?iso3=ukr asked for the default: the link keeps what was asked
    with middle:
        start = url_state.coded_select(st.selectbox, "Returns start in", rs.start_years(last), param="start",
                                       default=last + 1, normalise=lambda v: v.strip())
    chosen = url_state.coded_multiselect("Analogues (past episodes)", list(LABELS), param="analogue",
                                         default=rs.default_analogues(SUMMARY),
                                         format_func=lambda a: words.pace_label(a, LABELS, PACES),
                                         help="Fast, typical and slow: the episodes with all five years recorded "
                                              "and the highest, median and lowest five-year share.")
    return iso3, int(start), chosen


def scenario_block() -> tuple[str, dict, go.Figure | None]:
    st.subheader("If returns followed the pattern of a past episode (scenario, not data)")
    iso3, start, chosen = scenario_controls()
    name = COUNTRIES[iso3]
    result = rs.scenarios(iso3, start, chosen, POINTS, PATHS, POPULATION)
    if not rs.has_projection(result):
        st.info(markdown_text(words.no_stock_note(name, start)), icon=":material/block:")
        return iso3, result, None
    recorded = POPULATION[(POPULATION["iso3"] == iso3) & (POPULATION["year"] >= start - 15)]
    fig = return_charts.scenario_figure(recorded, result["table"], LABELS)
    charts.frame(fig, title=words.scenario_heading(name, start),
                 unit="People; recorded stock (UNHCR) solid, scenarios dashed",
                 source=SOURCE + "; scenarios: this dashboard", as_of=view.data_as_of(SOURCE_IDS), height=460)
    charts.show(fig, key="returns-scenario", alt=words.scenario_alt(result, name, LABELS))
    st.markdown(markdown_text(rs.scenario_sentence(result, name, {a: LABELS[a] for a in chosen})))
    wide = words.scenario_table(result, LABELS)
    st.dataframe(wide, hide_index=True, width="stretch", column_config={
        c: st.column_config.NumberColumn(format="%d" if c == "Year" else "localized") for c in wide.columns})
    st.caption("Scenario figures, not data: empty cells are years the analogue has no figure for (or has not "
               "reached yet), so the stock after them is unknown.")
    st.info("**What an analogue cannot know**\n" + "\n".join(f"- {line}" for line in rs.CANNOT_KNOW),
            icon=":material/help:")
    st.page_link("app_pages/projections.py", label=markdown_text(f"See the statistical projection for {name}"),
                 icon=":material/trending_up:", query_params={"iso3": iso3})
    download_buttons(result["table"], None, view.data, SOURCE_IDS,
                     f"Return scenarios for {name} from {start} (scenario, not data)", f"returns-scenario-{iso3}")
    return iso3, result, fig


st.info(words.CAVEATS, icon=":material/info:")
history_figure = history_block()
iso3, result, scenario_fig = scenario_block()
share.share_bar(view.data, title=words.TITLE, source_ids=SOURCE_IDS,
                headline=words.headline_sentence(result, COUNTRIES[iso3], LABELS,
                                                 [("UNHCR's population statistics", view.data.manifest("population"))]),
                figures=words.key_figures(result, SUMMARY, LABELS), fig=scenario_fig or history_figure,
                notes=words.NOTES)
