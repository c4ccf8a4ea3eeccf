"""Country profile: people who fled a country and people it hosts (never summed), its IDPs, returns,
resettlement and naturalisation, asylum applications and decisions, the burden per inhabitant and
UNHCR's footnotes. Lays out what displacement/figures/profile.py says and components/profile_charts.py
draws. A link with ?iso3=UKR (or ukr) opens a country."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, page, profile_charts, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import country as stats
from displacement.figures import profile as words
from displacement.figures.summary import SummaryError
from displacement.formatting import markdown_text
from displacement.text import _


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.country("iso3", stats.names_with_extras(view.names, view.names), view.lookup),
            url_state.choice("section", words.SECTIONS), url_state.year("change_since", view.first, view.last - 1)]


view = page.start(_(words.TITLE), _params, intro=_(words.INTRO))
NAMES = stats.names_with_extras(view.names, view.names)
by_origin = view.table("population", "by_origin")
by_asylum = view.table("population", "by_asylum")
iso3 = url_state.country_select(st.selectbox, _("Country or territory"), sorted(NAMES, key=NAMES.get), param="iso3",
                                default=stats.default_country(by_origin, NAMES), lookup=view.lookup,
                                format_func=lambda c: f"{NAMES[c]} ({c})",
                                help=_("Type a name to search. The link in the address bar opens this country."))
name = NAMES[iso3]
said = markdown_text(name)  # the name inside Markdown: text, never markup
year = view.last


def no_data(chart: str) -> None:
    """The notice in place of a chart with nothing to draw: never an empty chart, never zeros."""
    st.info(_("No data: {what}").format(what=words.chart_words(chart, name, said).empty), icon=":material/block:")


def framed(fig: go.Figure, chart: str, height: int = 400, counted_in: str | None = None) -> go.Figure:
    """The figure with its words (title, unit, source, the date of its data): drawn, or carried by the brief."""
    told = words.chart_words(chart, name, said, counted_in)
    return charts.frame(fig, title=told.title, unit=told.unit, source=told.source,
                        as_of=view.data_as_of(told.source_ids), height=height)


def show(fig: go.Figure, chart: str, *, key: str, alt: str, height: int = 400,
         counted_in: str | None = None) -> go.Figure:
    charts.show(framed(fig, chart, height, counted_in), key=key, alt=alt)
    return fig


def download(frame: pd.DataFrame, chart: str, key: str) -> None:
    told = words.chart_words(chart, name, said)
    download_buttons(frame, None, view.data, told.source_ids, told.download, f"{key}-{iso3}")


def drawn(fig: go.Figure, frame: pd.DataFrame, chart: str, columns: list[str]) -> go.Figure | None:
    """The chart with the download of its rows, or the notice when none of `columns` has a figure."""
    if not stats.has_data(frame, columns):
        no_data(chart)
        return None
    show(fig, chart, key=f"profile-{chart}", alt=words.chart_alt(chart, frame, name))
    download(frame, chart, f"profile-{chart}")
    return fig


def headline_cards() -> dict | None:
    """The cards, the relatable scale, the change since a year and UNRWA's figure; returns the country's
    summary (None when the country list and the data disagree)."""
    st.header(said)
    try:
        summary = loaders.country_summary(view.data, year, iso3)
    except SummaryError as error:  # the country list and the data disagree: say so, never show zeros
        st.warning(str(error))
        return None
    st.markdown(_("**At {period}** (stocks)").format(period=summary["period"]))
    for column, (label, figure, help_text) in zip(st.columns(4), words.cards(summary, said)):
        column.metric(label, figure, border=True, help=help_text)
    st.caption(markdown_text(" ".join(words.card_notes(summary, name))))
    for line in words.scale_lines(summary, name, summary["period"], view.table("worldbank-population", "population"),
                                  view.names):
        st.markdown(markdown_text(line))
    partners = partners_block(summary["year"], summary["period"])
    change_since_block()
    when, value = words.latest_unrwa(view.table("unrwa", "by_asylum"), iso3)
    if when is not None:
        st.info(words.unrwa_note(said, when, value), icon=":material/info:")
    returns = stats.latest_value(stats.returns_trend(view.table("solutions", "by_origin"), iso3), "returned_refugees")
    return {**summary, "unrwa": (when, value), "partners": partners, "returns": returns}


def partners_block(year: int, period: str) -> dict[str, pd.DataFrame]:
    """Where people who fled went, and where people hosted came from: the five largest of each, with figures."""
    corridors = view.table("population", "corridors")
    found = {side: words.top_partners(corridors, iso3, year, side, NAMES) for side in ("origin", "asylum")}
    for column, side in zip(st.columns(2), found):
        column.markdown(words.partners_heading(side, said, period))
        column.markdown(words.partner_list(found[side]))
        if note := words.asylum_seekers_apart(corridors, iso3, year, side, found[side], NAMES):
            column.caption(markdown_text(note))
    return found


def change_since_block() -> None:
    choices = words.change_years(view.first, year)
    if not choices:
        return  # a single year of data: no change to give
    picker = st.columns([1, 4])[0]  # a narrow picker
    since = picker.selectbox(_("Change since"), choices, index=choices.index(words.default_since(view.first, year)),
                             key="change_since", bind="query-params",
                             help=_("The change from the end of that year to the latest period."))
    lines = words.country_changes(by_origin, by_asylum, view.table("idmc", "by_country"), iso3, name, since, year)
    st.markdown(words.change_list(lines, said, since))


def protection_block() -> list[go.Figure]:
    """People who fled the country and people it hosts; returns the figures drawn, larger side first."""
    st.subheader(_("Who fled {country}, and whom {country} hosts").format(country=said))
    figures = {}
    for column, table, side in zip(st.columns(2), [by_origin, by_asylum], ["fled", "hosted"]):
        trend = words.since_first_figure(stats.protection_trend(table, iso3), stats.PROTECTION_TYPES)
        with column:
            figures[side] = drawn(profile_charts.area_figure(trend), trend, side, stats.PROTECTION_TYPES)
    return [figures[k] for k in words.larger_side_first(summary) if figures.get(k) is not None]


def idp_trend() -> pd.DataFrame | None:
    return words.idp_trend(view.table("idmc", "by_country"), view.table("idmc-gidd", "by_country"), iso3)


def idp_block() -> list[go.Figure]:
    st.subheader(_("Internally displaced in {country}").format(country=said))
    shown = idp_trend()
    if shown is None:
        no_data("idps")
        return []
    fig = show(profile_charts.idp_figure(shown), "idps", key="profile-idps", alt=words.idp_alt(shown, name))
    st.caption(words.idp_note(shown, name, view.data.manifest("idmc").release,
                              view.data.manifest("idmc-gidd").release))
    download(shown, "idps", "profile-idps")
    return [fig]


def bars(frame: pd.DataFrame, chart: str) -> go.Figure | None:
    """Flows as grouped bars."""
    series = words.bar_series(chart, name)
    return drawn(profile_charts.bars_figure(frame, series), frame, chart, [column for column, __ in series])


def solutions_block() -> list[go.Figure]:
    st.subheader(_("Returns, resettlement and naturalisation"))
    flows = {"returns": stats.returns_trend(view.table("solutions", "by_origin"), iso3),
             "resettlement": stats.solutions_in_country(view.table("solutions", "by_asylum"), iso3)}
    figures = []
    for column, (chart, frame) in zip(st.columns(2), flows.items()):
        with column:  # each chart starts at the first year with a figure
            figures.append(bars(words.since_first_figure(frame, words.bar_columns(chart)), chart))
    st.caption(_(words.FLOWS_NOTE))
    return [fig for fig in figures if fig is not None]


def applications_block() -> list[go.Figure]:
    st.subheader(_("Asylum applications"))
    figures = []
    for column, table_name, side in zip(st.columns(2), ["by_asylum", "by_origin"], ["in", "by"]):
        table = view.table("asylum-applications", table_name)
        with column:
            figures.append(bars(stats.applications(table, iso3, "N"), f"applications-{side}"))
            if side == "in" and (note := words.other_applications_note(stats.application_types(table, iso3, year),
                                                                          year)):
                st.caption(markdown_text(note))
    st.caption(_(words.APPLICATIONS_NOTE))
    return [fig for fig in figures if fig is not None]


def decisions_block() -> list[go.Figure]:
    st.subheader(_("Asylum decisions in {country}").format(country=said))
    table = stats.decisions(view.table("asylum-decisions", "by_asylum"), iso3)
    if table.empty or not stats.has_data(table, stats.DECISION_COLUMNS):
        no_data("decisions")
        st.caption(_(stats.RECOGNITION_RATE_DEFINITION))
        return []
    unit = words.decision_unit(table)
    shown = table[table["unit"] == unit]
    rates = shown.dropna(subset=["recognition_rate"])
    left, right = st.columns(2)
    with left:
        figures = [show(profile_charts.decisions_figure(shown), "decisions", key="profile-decisions",
                        alt=words.decisions_alt(shown, name, unit), counted_in=unit)]
    with right:
        if rates.empty:
            no_data("recognition")
        else:
            figures.append(show(profile_charts.recognition_figure(rates), "recognition", key="profile-recognition",
                                alt=words.recognition_alt(rates, name), counted_in=unit))
    for note in words.decisions_notes(table, unit, said):
        st.caption(note)
    download(table, "decisions", "profile-decisions")
    return figures


def burden_block() -> list[go.Figure]:
    st.subheader(_("People hosted per 1,000 inhabitants"))
    burden = stats.hosted_per_1000(by_asylum, view.table("worldbank-population", "population"), iso3)
    burden = burden.dropna(subset=["per_1000"])
    if burden.empty:
        no_data("burden")
        return []
    fig = show(profile_charts.burden_figure(burden), "burden", key="profile-burden",
               alt=words.burden_alt(burden, name), height=380)
    if note := words.lagged_population_note(burden):
        st.caption(note)
    download(burden, "burden", "profile-burden")
    return [fig]


def footnotes_block() -> list[go.Figure]:
    """UNHCR's notes on the country, as plain text; no figure."""
    st.subheader(_("UNHCR's footnotes"))
    notes = stats.country_footnotes(view.table("footnotes", "footnotes"), iso3)
    if notes.empty:
        st.caption(_("UNHCR's footnotes table has no note for {country} as a country of origin or asylum.").format(
            country=said))
    for line in words.footnote_lines(notes, name):
        st.text(line)
    return []


def brief(summary: dict | None, section_figures: list[go.Figure]) -> None:
    """The share bar: the sentence to quote (people from and in the country, never added; its conflict
    IDPs), the cards as a table, the open section's main chart and, beside it, the IDP trend (so one
    brief covers people who fled, people hosted and IDPs)."""
    figures, used = words.brief_figures(summary, name)
    section = st.query_params.get("section", words.SECTIONS[0])
    charted = [(section_figures[0], words.CHART_SOURCES.get(section, []))] if section_figures else []
    trend = idp_trend() if section != "IDPs" else None
    if trend is not None:
        charted.append((framed(profile_charts.idp_figure(trend), "idps"), words.CHART_SOURCES["IDPs"]))
    source_ids = used + [source_id for __, ids in charted for source_id in ids]
    headline = (words.country_sentence(summary, name, view.data.manifest("population"), view.data.manifest("idmc"))
                if summary else None)
    notes = words.partner_notes(view.table("population", "corridors"), iso3, summary, NAMES)
    share.share_bar(view.data, title=_("Country profile: {country}").format(country=name),
                    source_ids=list(dict.fromkeys(source_ids)), headline=headline, figures=figures,
                    fig=[fig for fig, __ in charted] or None, notes=words.brief_notes(notes))


BLOCKS = dict(zip(words.SECTIONS, [protection_block, idp_block, solutions_block, applications_block, decisions_block,
                                   burden_block, footnotes_block]))

summary = headline_cards()
brief(summary, page.sections(words.SECTIONS, lambda section: BLOCKS[section]()))
