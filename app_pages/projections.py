"""Projections: where a series may head in the next few years, with ranges calibrated on the method's own
track record, what-if scenarios, and the claim "growing by 10 million each year" checked against the data.
Lays out what displacement/projections/wording.py says and components/projection_charts.py draws.
Projected values are labelled "projection" everywhere, drawn dashed over a shaded range, and never added to an
official figure. The view lives in the URL (?series=refugees&horizon=3&sc_chg=2M ...)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, projection_data, scenario_controls, share, url_state
from components import projection_charts as pc
from components.downloads import download_buttons
from displacement.figures import headline
from displacement.formatting import markdown_text
from displacement.projections import DEFAULT_MODEL, MAX_HORIZON, MODELS, Projection, SeriesTooShortError, labelled_rows
from displacement.projections import series as dseries
from displacement.projections import wording as words
from displacement.projections.scenarios import ScenarioError, ScenarioSettings, scenario_path

GLOBAL_SERIES = dseries.SERIES
COUNTRY_SERIES = ["forcibly_displaced", "refugees", "asylum_seekers", "oip"]
PERSPECTIVES = {"origin": "People from the country (origin)", "asylum": "People in the country (asylum)"}
HORIZONS = list(range(1, MAX_HORIZON + 1))
MODEL_CHOICES = ["auto", *MODELS]
WINDOWS = {"all": "All years", "20": "Last 20 years", "15": "Last 15 years", "10": "Last 10 years"}
DEFAULT_HORIZON = 5
WORLD = ""  # the country selector's "whole world" option: no iso3 in the URL
GLOBAL_SOURCE = "UNHCR Refugee Population Statistics Database; UNRWA and IDMC figures via UNHCR (CC BY 4.0)"
COUNTRY_SOURCE = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
PROJECTION_NOTE = "Projection: this dashboard's model, not an official figure"
TITLE = "Where is displacement heading?"
INTRO = ("Projections extend past figures a few years ahead, with ranges calibrated on how well the same method did "
         "before. They are not official figures: every projected value is labelled “projection”, drawn dashed over a "
         "shaded range, and never added to an official figure.")
# Sections as tabs whose choice lives in the link (?section=Track+record); only the open one is built and
# drawn, so a widget change redraws one chart (re-render target, docs/benchmarks.md).
SECTIONS = ["Projection", "Track record", "Model card", "Claim check"]


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.choice("series", GLOBAL_SERIES), url_state.country("iso3", view.names, view.lookup),
            url_state.choice("perspective", PERSPECTIVES),
            url_state.choice("horizon", HORIZONS, expected=f"a number of years from 1 to {MAX_HORIZON}"),
            url_state.choice("model", MODEL_CHOICES), url_state.choice("window", WINDOWS),
            url_state.choice("section", SECTIONS), url_state.choice("vintages", ["true", "false"]),
            *scenario_controls.params(view.last)]


view = page.start(TITLE, _params, intro=INTRO)
NAMES = view.names


def where_controls() -> tuple[str | None, str, str]:
    """The country (None: the world), whether people from it or in it, and the series."""
    top = st.columns([3, 2, 3])
    iso3 = url_state.country_select(
        top[0].selectbox, "Where", [WORLD, *sorted(NAMES, key=NAMES.get)], param="iso3", default=WORLD,
        format_func=lambda c: "The world (global totals)" if c == WORLD else f"{NAMES[c]} ({c})", lookup=view.lookup,
        help="A country's series counts refugees, asylum-seekers and other people in need of international "
             "protection from it or in it (UNHCR). Its internally displaced people are not included.")
    perspective = "origin"
    if iso3:
        perspective = url_state.coded_select(
            top[1].segmented_control, "Count people", list(PERSPECTIVES), param="perspective", default="origin",
            format_func={"origin": "from it", "asylum": "in it"}.get,
            help=f"{PERSPECTIVES['origin']} or {PERSPECTIVES['asylum']}. The two count the same people "
                 "twice: never add them.") or "origin"
    raw = st.query_params.get("series")
    if iso3 and raw and raw in GLOBAL_SERIES and raw not in COUNTRY_SERIES:
        url_state.show_notices([(f"Link parameter “series” = “{url_state.safe_text(raw)}” is only available "
                                 "for the world: showing this country's refugees, asylum-seekers and other people "
                                 "in need of international protection.")])
    name = url_state.coded_select(top[2].selectbox, "Series", COUNTRY_SERIES if iso3 else GLOBAL_SERIES,
                                  param="series", default="forcibly_displaced",
                                  format_func=lambda n: words.series_option(n, bool(iso3)))
    return iso3 or None, perspective, name


def controls() -> dict:
    iso3, perspective, name = where_controls()
    bottom = st.columns([3, 2, 3])
    horizon = bottom[0].slider("Years ahead", 1, MAX_HORIZON, DEFAULT_HORIZON, key="horizon", bind="query-params",
                               help="Beyond 5 years nothing has been checked against a track record.")
    window = url_state.coded_select(
        bottom[1].selectbox, "Fit on", list(WINDOWS), param="window", default="all", format_func=WINDOWS.get,
        help="All the years the fit rule allows (the default) or only the most recent of them. Whichever you "
             "pick, the track record is remade with the same choice at every past year.")
    model = url_state.coded_select(
        bottom[2].selectbox, "Model", MODEL_CHOICES, param="model", default="auto",
        format_func=lambda m: words.MODEL_OPTION if m == "auto" else MODELS[m].label)
    return {"iso3": iso3, "perspective": perspective, "name": name, "horizon": int(horizon),
            "window": None if window == "all" else int(window), "model": model}


def choice_block(p: Projection) -> None:
    kind, text = words.choice_text(p)
    if kind == "warning":
        st.warning(text, icon=":material/warning:")
    else:
        st.info(text, icon=":material/model_training:")


def figure_cards(p: Projection | None, history: pd.Series) -> None:
    for column, (label, figure, help_text) in zip(st.columns(3), words.cards(p, history)):
        column.metric(label, figure, help=help_text)


def vintage_toggle(p: Projection | None, last_year: int) -> dict[int, pd.DataFrame] | None:
    """The earlier projections, when the reader asks for them (kept in the link as ?vintages=true)."""
    if p is None:
        return None
    shown = st.toggle(f"Show earlier projections (made with data to {last_year - 3}, {last_year - 2} and "
                      f"{last_year - 1})", key="vintages", bind="query-params",
                      help="What the same method projected with the data up to one, two and three years before "
                           "the last official figure (recomputed on today's revised data). How far they moved "
                           "from year to year is how far today's may move.")
    return p.vintages() if shown else None


def main_chart(s: dict, vintages: dict[int, pd.DataFrame] | None) -> go.Figure:
    history, p, scenario, settings = s["history"], s["p"], s["scenario"], s["settings"]
    frame = p.frame if p is not None else pd.DataFrame(columns=["year", "point", "lo80", "hi80", "lo95", "hi95"])
    last_year = int(history.index[-1])
    name = f"{labels.SHORT.get(s['name'], 'Series')} (official)" if not s["iso3"] else "Official figures"
    fig = pc.fan_chart(history, frame, colour=labels.COLOURS.get(s["name"], "#333333"), name=name, scenario=scenario,
                       scenario_name="Scenario (your assumptions)",
                       first_year=max(int(history.index[0]), last_year - 35), vintages=vintages)
    charts.frame(fig, title=f"{s['label']}: official figures and projection",
                 source=f"{s['source']}. {PROJECTION_NOTE}",
                 unit="People (a stock at the end of each year). Solid: official. Dashed with shaded 80% and 95% "
                      "ranges: projection." + (" Thin grey dots: earlier projections." if vintages else "")
                      + (f" Dotted: scenario ({words.scenario_words(settings)})." if scenario is not None else ""),
                 as_of=s["as_of"], height=520)
    charts.show(fig, key="projection-fan", alt=words.chart_alt(history, p, vintages, scenario, settings))
    return fig


def projection_rows(table: pd.DataFrame, last_year: int) -> None:
    recent = table[(table["year"] >= last_year - 2)]
    shown = recent.assign(**{c: recent[c].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
                             for c in ["value", "lo80", "hi80", "lo95", "hi95"]})
    st.dataframe(shown.drop(columns="series"), hide_index=True, width="stretch", column_config={
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "label": st.column_config.TextColumn("Kind", help="official: published data. projection: this model's "
                                                          "output. scenario: your assumptions."),
        "value": "People", "lo80": "80% low", "hi80": "80% high", "lo95": "95% low", "hi95": "95% high",
        "method": "How"})


def projection_section(s: dict) -> list[go.Figure]:
    fig = main_chart(s, vintage_toggle(s["p"], int(s["history"].index[-1])))
    with st.expander("Year by year (official, projection and scenario rows)", expanded=False):
        projection_rows(s["table"], int(s["history"].index[-1]))
    download_buttons(s["table"], None, view.data, s["source_ids"],
                     f"{s['label']}: official figures (label 'official') and projection (label 'projection'; not an "
                     "official figure)" + (" and scenario (label 'scenario')" if s["scenario"] is not None else ""),
                     "projection")
    return [fig]


def track_record_section(s: dict) -> go.Figure:
    p, label = s["p"], s["label"]
    st.subheader("Track record: how far off past projections were")
    span, model = words.record_span(p), words.compared(p)
    st.caption(f"Each year {span}, the method was run with only the figures known that year (which years to fit, "
               "the forecast, its ranges) and its forecasts were compared with what happened, in today's figures. "
               "“Off by”: the average distance from the actual figure. “Range held”: how often the actual figure "
               "fell inside the range. The exact measures are in the model card.")
    shown = words.track_record_table(p)
    st.markdown(f"**{MODELS[model].label}** next to holding the last figure flat:")
    st.dataframe(shown, hide_index=True, width="stretch")
    if note := words.skipped_note(p):
        st.caption(note)
    fig = pc.track_record_chart(p.record.summary, model, {m: spec.label for m, spec in MODELS.items()})
    charts.frame(fig, title=f"How far off each method was, by years ahead: {label}",
                 source=f"{s['source']}. Track record by this dashboard",
                 unit=f"Average % distance from the actual figure, forecasts made {span} (lower is better)",
                 as_of=s["as_of"], height=420)
    charts.show(fig, key="projection-track", alt=words.track_record_alt(p))
    download_buttons(shown, p.record.forecasts.assign(series=label), view.data, s["source_ids"],
                     f"Track record of projection methods: {label}", "projection-track-record")
    return fig


def model_card(s: dict) -> None:
    p = s["p"]
    st.subheader("Model card")
    with st.container(border=True):
        for paragraph in words.model_card(p, markdown_text(s["label"]), s["source"]):
            st.markdown(paragraph)
        st.dataframe(words.exact_measures(p.record, list(dict.fromkeys([p.model, DEFAULT_MODEL, "naive"]))),
                     hide_index=True, width="stretch")
        with st.expander("Every method's exact measures"):
            st.dataframe(words.exact_measures(p.record, list(MODELS)), hide_index=True, width="stretch")
        for paragraph in words.model_card_end(p):
            st.markdown(paragraph)


def claim_block() -> go.Figure:
    """The one check of the claim (displacement.figures.headline.claim_table), as the overview, the brief and
    `project --check-claim` give it."""
    st.subheader("“Growing by 10 million each year”: tested against the data")
    table, claim = headline.claim_table(view.totals()), headline.SEED_CLAIM
    st.markdown(markdown_text(f"UNHCR estimated {claim.text} {claim.source}. This is a check of that claim "
                              "against the data, not a projection."))
    st.dataframe(headline.claim_rows(table, since=claim.as_of.year - 1), hide_index=True, width="stretch")
    verdict = headline.claim_verdict(table)
    st.markdown(markdown_text(verdict))
    fig = pc.claim_chart(table, claim.as_of.year)
    charts.frame(fig, title="“Growing by 10 million each year” next to what happened",
                 unit="People forcibly displaced (stock at the end of each year; UNHCR's basis)",
                 source=GLOBAL_SOURCE, as_of=view.data_as_of(["population", "unrwa", "idmc"]), height=380)
    charts.show(fig, key="projection-claim", alt=f"Line chart of the data and of what the claim implied. {verdict}")
    return fig


def no_series(message: str) -> None:
    """No series to project: each section says so, except the claim check (the world total)."""
    def draw(section: str) -> list[go.Figure]:
        if section == "Claim check":
            return [claim_block()]
        st.info(message)
        return []
    page.sections(SECTIONS, draw)


def drop_unused_perspective(iso3: str | None) -> None:
    """No widget reads ?perspective for the world view, so nothing else drops a bad value (page.start named
    it): the view's link must not repeat it."""
    if not iso3 and any(v not in PERSPECTIVES for v in st.query_params.get_all("perspective")):
        del st.query_params["perspective"]


def sources_of(iso3: str | None, options: dict) -> tuple[list[str], str]:
    """The sources a series reads (a country's ceiling adds the World Bank's population) and their line."""
    if not iso3:
        return ["population", "unrwa", "idmc"], GLOBAL_SOURCE
    ceiling = options.get("ceiling") is not None
    return (["population", *(["worldbank-population"] if ceiling else [])],
            COUNTRY_SOURCE + ("; population: World Bank (CC BY 4.0)" if ceiling else ""))


def scenario_of(history: pd.Series, horizon: int) -> tuple[ScenarioSettings | None, pd.DataFrame | None]:
    settings = scenario_controls.scenario_controls(horizon, int(history.index[-1]), view.last)
    if settings is None:
        return None, None
    try:
        return settings, scenario_path(int(history.index[-1]), float(history.iloc[-1]), settings)
    except ScenarioError as exc:
        url_state.show_notices([f"Scenario parameter “{exc.param}”: {url_state.safe_text(str(exc))}"])
        return settings, None


def projected(sel: dict) -> tuple[Projection | None, str]:
    try:
        return projection_data.projection(view.data, sel["name"], sel["iso3"], sel["perspective"], sel["window"],
                                          sel["horizon"], sel["model"]), ""
    except SeriesTooShortError as exc:
        return None, str(exc)


def draw_section(section: str, s: dict) -> list[go.Figure]:
    if section == "Projection":
        return projection_section(s)
    if section == "Claim check":
        return [claim_block()]
    if s["p"] is None:
        st.info(markdown_text(f"No projection for {s['label']}, so no track record or model card."))
    elif section == "Track record":
        return [track_record_section(s)]
    else:
        model_card(s)
    return []


def render() -> dict | None:
    """The view of the chosen series; returns what the share bar needs (None when there is no series)."""
    sel = controls()
    drop_unused_perspective(sel["iso3"])
    label = words.series_label(sel["name"], sel["iso3"], sel["perspective"], NAMES)
    try:
        history, options = projection_data.projection_series(view.data, sel["name"], sel["iso3"], sel["perspective"])
    except (KeyError, LookupError, ValueError):
        return no_series(markdown_text(f"No figures for {label} in the data."))
    history = history.astype("float64").dropna()
    if history.empty:
        return no_series(markdown_text(f"No figures to show for {label}."))
    source_ids, source = sources_of(sel["iso3"], options)
    p, why_not = projected(sel)
    settings, scenario = scenario_of(history, sel["horizon"])
    if p is None:
        st.warning(f"**No projection for {markdown_text(label)}.** {markdown_text(why_not[:1].upper() + why_not[1:])}. "
                   "The official figures and any scenario are still shown.", icon=":material/warning:")
    else:
        choice_block(p)
    figure_cards(p, history)
    table = labelled_rows(history, p, scenario, label, words.scenario_words(settings) if settings else "")
    shown = {**sel, "history": history, "p": p, "scenario": scenario, "settings": settings, "label": label,
             "source": source, "source_ids": source_ids, "as_of": view.data_as_of(source_ids), "table": table}
    drawn = page.sections(SECTIONS, lambda section: draw_section(section, shown))
    cited = ("UNHCR's Refugee Population Statistics Database" + ("" if sel["iso3"] else
             ", with UNRWA and IDMC figures via UNHCR"), view.data.manifest("population"))
    return {"source_ids": source_ids, "headline": words.headline_sentence(history, p, label, cited, why_not),
            "figures": words.key_figures(words.headlined(table, p), int(history.index[-1])),
            "fig": drawn[0] if drawn else None,  # the open section's main chart
            "notes": words.brief_notes(p, settings if scenario is not None else None)}


brief = render()
share.share_bar(view.data, title=TITLE, **(brief or {"source_ids": ["population", "unrwa", "idmc"]}))
