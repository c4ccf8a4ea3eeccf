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
from displacement.projections import MAX_HORIZON, MODELS, Projection, SeriesTooShortError, labelled_rows
from displacement.projections import wording as words
from displacement.text import _


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.choice("series", words.GLOBAL_SERIES), url_state.country("iso3", view.names, view.lookup),
            url_state.choice("perspective", words.PERSPECTIVES),
            url_state.choice("horizon", words.HORIZONS, expected=words.horizon_expected()),
            url_state.choice("model", words.MODEL_CHOICES), url_state.choice("window", words.WINDOWS),
            url_state.choice("section", words.SECTIONS), url_state.choice("vintages", ["true", "false"]),
            *scenario_controls.params(view.last)]


view = page.start(_(words.TITLE), _params, intro=_(words.INTRO))
NAMES = view.names


def where_controls() -> tuple[str | None, str, str]:
    """The country (None: the world), whether people from it or in it, and the series."""
    top = st.columns([3, 2, 3])
    iso3 = url_state.country_select(
        top[0].selectbox, _("Where"), [words.WORLD, *sorted(NAMES, key=NAMES.get)], param="iso3", default=words.WORLD,
        format_func=lambda c: words.where_option(c, NAMES), lookup=view.lookup, help=_(words.WHERE_HELP))
    perspective = "origin"
    if iso3:
        perspective = url_state.coded_select(
            top[1].segmented_control, _("Count people"), list(words.PERSPECTIVES), param="perspective",
            default="origin", format_func=lambda v: _(words.PERSPECTIVE_OPTIONS[v]),
            help=words.perspective_help()) or "origin"
    elif any(v not in words.PERSPECTIVES for v in st.query_params.get_all("perspective")):
        # No widget reads ?perspective for the world, so nothing else drops a bad value (page.start named it):
        # the view's link must not repeat it.
        del st.query_params["perspective"]
    raw = st.query_params.get("series")
    if iso3 and raw and raw in words.GLOBAL_SERIES and raw not in words.COUNTRY_SERIES:
        url_state.show_notices([words.world_only_notice(url_state.safe_text(raw))])
    name = url_state.coded_select(top[2].selectbox, _("Series"), words.COUNTRY_SERIES if iso3 else words.GLOBAL_SERIES,
                                  param="series", default="forcibly_displaced",
                                  format_func=lambda n: words.series_option(n, bool(iso3)))
    return iso3 or None, perspective, name


def controls() -> dict:
    iso3, perspective, name = where_controls()
    bottom = st.columns([3, 2, 3])
    horizon = bottom[0].slider(_("Years ahead"), 1, MAX_HORIZON, words.DEFAULT_HORIZON, key="horizon",
                               bind="query-params", help=_(words.HORIZON_HELP))
    window = url_state.coded_select(bottom[1].selectbox, _("Fit on"), list(words.WINDOWS), param="window",
                                    default="all", format_func=lambda w: _(words.WINDOWS[w]), help=_(words.WINDOW_HELP))
    model = url_state.coded_select(bottom[2].selectbox, _("Model"), words.MODEL_CHOICES, param="model", default="auto",
                                   format_func=words.model_option)
    return {"iso3": iso3, "perspective": perspective, "name": name, "horizon": int(horizon),
            "window": None if window == "all" else int(window), "model": model}


def summary_block(p: Projection | None, history: pd.Series, label: str, why_not: str) -> None:
    """What is shown and how far off it has been (or why nothing is projected), then the figure cards."""
    kind, text = words.choice_text(p) if p is not None else ("warning", words.no_projection_notice(label, why_not))
    if kind == "warning":
        st.warning(text, icon=":material/warning:")
    else:
        st.info(text, icon=":material/model_training:")
    for column, (name, figure, help_text) in zip(st.columns(3), words.cards(p, history)):
        column.metric(name, figure, help=help_text)


def main_chart(s: dict, vintages: dict[int, pd.DataFrame] | None) -> go.Figure:
    history, p, scenario, settings = s["history"], s["p"], s["scenario"], s["settings"]
    frame = p.frame if p is not None else pd.DataFrame(columns=["year", "point", "lo80", "hi80", "lo95", "hi95"])
    fig = pc.fan_chart(history, frame, colour=labels.COLOURS.get(s["name"], "#333333"),
                       name=words.official_name(s["name"], s["iso3"]), scenario=scenario,
                       scenario_name=_("Scenario (your assumptions)"),
                       first_year=max(int(history.index[0]), int(history.index[-1]) - 35), vintages=vintages)
    charts.frame(fig, title=words.fan_title(s["label"]), source=words.fan_source(s["source"]),
                 unit=words.fan_unit(bool(vintages), settings if scenario is not None else None),
                 as_of=s["as_of"], height=520)
    charts.show(fig, key="projection-fan", alt=words.chart_alt(history, p, vintages, scenario, settings))
    return fig


def projection_section(s: dict) -> list[go.Figure]:
    last_year, vintages = int(s["history"].index[-1]), None
    # The earlier projections, when the reader asks for them (kept in the link as ?vintages=true).
    if s["p"] is not None and st.toggle(words.vintages_label(last_year), key="vintages", bind="query-params",
                                        help=_(words.VINTAGES_HELP)):
        vintages = s["p"].vintages()
    fig = main_chart(s, vintages)
    with st.expander(_("Year by year (official, projection and scenario rows)"), expanded=False):
        headers = words.row_headers()
        st.dataframe(words.recent_rows(s["table"], last_year), hide_index=True, width="stretch", column_config={
            **headers, "year": st.column_config.NumberColumn(headers["year"], format="%d"),
            "label": st.column_config.TextColumn(headers["label"], help=_(words.KIND_HELP))})
    download_buttons(s["table"], None, view.data, s["source_ids"],
                     words.download_title(s["label"], s["scenario"] is not None), "projection")
    return [fig]


def track_record_section(s: dict) -> go.Figure:
    p, said = s["p"], words.track_record_words(s["p"], s["label"], s["source"])
    st.subheader(_("Track record: how far off past projections were"))
    st.caption(said["caption"])
    shown = words.track_record_table(p)
    st.markdown(words.track_record_lead(p))
    st.dataframe(shown, hide_index=True, width="stretch")
    if note := words.skipped_note(p):
        st.caption(note)
    fig = pc.track_record_chart(p.record.summary, words.compared(p), words.model_labels())
    charts.frame(fig, title=said["title"], source=said["source"], unit=said["unit"], as_of=s["as_of"], height=420)
    charts.show(fig, key="projection-track", alt=words.track_record_alt(p))
    download_buttons(shown, p.record.forecasts.assign(series=s["label"]), view.data, s["source_ids"],
                     said["download"], "projection-track-record")
    return fig


def model_card(s: dict) -> None:
    p = s["p"]
    st.subheader(_("Model card"))
    with st.container(border=True):
        for paragraph in words.model_card(p, markdown_text(s["label"]), s["source"]):
            st.markdown(paragraph)
        st.dataframe(words.exact_measures(p.record, words.card_models(p)), hide_index=True, width="stretch")
        with st.expander(_("Every method's exact measures")):
            st.dataframe(words.exact_measures(p.record, list(MODELS)), hide_index=True, width="stretch")
        for paragraph in words.model_card_end(p):
            st.markdown(paragraph)


def claim_block() -> go.Figure:
    """The one check of the claim (displacement.figures.headline.claim_table), as the overview, the brief and
    `project --check-claim` give it."""
    st.subheader(_("“Growing by 10 million each year”: tested against the data"))
    table, claim = headline.claim_table(view.totals()), headline.SEED_CLAIM
    st.markdown(markdown_text(words.claim_sentence(_(claim.text), _(claim.source))))
    st.dataframe(headline.claim_rows(table, since=claim.as_of.year - 1), hide_index=True, width="stretch")
    verdict = headline.claim_verdict(table)
    st.markdown(markdown_text(verdict))
    fig = pc.claim_chart(table, claim.as_of.year)
    charts.frame(fig, title=_(words.CLAIM_TITLE), unit=_(words.CLAIM_UNIT), source=_(words.GLOBAL_SOURCE),
                 as_of=view.data_as_of(words.GLOBAL_SOURCE_IDS), height=380)
    charts.show(fig, key="projection-claim", alt=words.claim_alt(verdict))
    return fig


def projected(sel: dict) -> tuple[Projection | None, str]:
    try:
        return projection_data.projection(view.data, sel["name"], sel["iso3"], sel["perspective"], sel["window"],
                                          sel["horizon"], sel["model"]), ""
    except SeriesTooShortError as exc:
        return None, str(exc)


def series_of(sel: dict, label: str) -> tuple[pd.Series, dict, str]:
    """The official series and its options, or why there is none (Markdown)."""
    try:
        history, options = projection_data.projection_series(view.data, sel["name"], sel["iso3"], sel["perspective"])
    except (KeyError, LookupError, ValueError):
        return pd.Series(dtype="float64"), {}, words.no_figures(label, in_the_data=False)
    history = history.astype("float64").dropna()
    return history, options, "" if len(history) else words.no_figures(label, in_the_data=True)


def draw_section(section: str, s: dict) -> list[go.Figure]:
    """The open section; with no series (s["missing"] says why) only the claim check, on the world total."""
    if section == words.CLAIM_CHECK:
        return [claim_block()]
    if s.get("missing"):
        st.info(s["missing"])
    elif section == words.PROJECTION:
        return projection_section(s)
    elif s["p"] is None:
        st.info(words.no_record_notice(s["label"]))
    elif section == words.TRACK_RECORD:
        return [track_record_section(s)]
    else:
        model_card(s)
    return []


def render() -> dict | None:
    """The view of the chosen series; returns what the share bar needs (None when there is no series)."""
    sel = controls()
    label = words.series_label(sel["name"], sel["iso3"], sel["perspective"], NAMES)
    history, options, missing = series_of(sel, label)
    if missing:
        page.sections(words.SECTIONS, lambda section: draw_section(section, {"missing": missing}))
        return None
    source_ids, source = words.sources_of(sel["iso3"], options.get("ceiling") is not None)
    p, why_not = projected(sel)
    settings, scenario = scenario_controls.scenario(history, sel["horizon"], view.last)
    summary_block(p, history, label, why_not)
    table = labelled_rows(history, p, scenario, label, words.scenario_words(settings) if settings else "")
    shown = {**sel, "history": history, "p": p, "scenario": scenario, "settings": settings, "label": label,
             "source": source, "source_ids": source_ids, "as_of": view.data_as_of(source_ids), "table": table}
    drawn = page.sections(words.SECTIONS, lambda section: draw_section(section, shown))
    cited = (words.cited_source(sel["iso3"]), view.data.manifest("population"))
    return {"source_ids": source_ids, "fig": drawn[0] if drawn else None,  # the open section's main chart
            **words.brief_parts(history, p, table, label, cited, why_not, settings if scenario is not None else None)}


brief = render()
share.share_bar(view.data, title=_(words.TITLE), **(brief or {"source_ids": list(words.GLOBAL_SOURCE_IDS)}))
