"""Country profile: people who fled a country and people it hosts (never summed), its IDPs, returns,
resettlement and naturalisation, asylum applications and decisions, the burden per inhabitant and
UNHCR's footnotes. Lays out what displacement/figures/profile.py says and components/profile_charts.py
draws. A link with ?iso3=UKR (or ukr) opens a country."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, labels, page, profile_charts, share, url_state
from components import data as loaders
from components.downloads import download_buttons
from displacement.figures import country as stats
from displacement.figures import idps
from displacement.figures import profile as words
from displacement.figures.summary import SummaryError
from displacement.formatting import markdown_text

UNHCR_SOURCE = "UNHCR Refugee Population Statistics Database (CC BY 4.0)"
TITLE = "Country profile"
INTRO = ("One country from every side: people who fled it, people it hosts, its internally displaced, returns, "
         "resettlement, asylum, and UNHCR's notes. Share the view with the link.")
# The sources of each section's main chart (the one the brief carries).
CHART_SOURCES = {"Refugees": ["population"], "IDPs": ["idmc", "idmc-gidd"], "Solutions": ["solutions"],
                 "Applications": ["asylum-applications"], "Decisions": ["asylum-decisions"],
                 "Burden": ["population", "worldbank-population"], "Footnotes": []}
# The sections, as tabs whose choice lives in the link (?section=Decisions). Only the open one is built
# and drawn, so changing the country redraws at most two charts (re-render target, docs/benchmarks.md).
SECTIONS = ["Refugees", "IDPs", "Solutions", "Applications", "Decisions", "Burden", "Footnotes"]
NOTES = ("“Fled from” and “hosted in” count different people from two sides and are never added together. "
         "Palestine refugees under UNRWA's mandate are not in UNHCR's figures.",
         "Missing figures are shown as “no data”, never as zero.")


def _params(view: page.View) -> list[url_state.Param]:
    return [url_state.country("iso3", stats.names_with_extras(view.names, view.names), view.lookup),
            url_state.choice("section", SECTIONS), url_state.year("change_since", view.first, view.last - 1)]


view = page.start(TITLE, _params, intro=INTRO)
NAMES = stats.names_with_extras(view.names, view.names)
by_origin = view.table("population", "by_origin")
by_asylum = view.table("population", "by_asylum")
iso3 = url_state.country_select(st.selectbox, "Country or territory", sorted(NAMES, key=NAMES.get), param="iso3",
                                default=stats.default_country(by_origin, NAMES), lookup=view.lookup,
                                format_func=lambda c: f"{NAMES[c]} ({c})",
                                help="Type a name to search. The link in the address bar opens this country.")
name = NAMES[iso3]
said = markdown_text(name)  # the name inside Markdown: text, never markup
year = view.last


def no_data(what: str) -> None:
    st.info(f"No data: {what}", icon=":material/block:")


def show(fig: go.Figure, *, title: str, unit: str, source: str, source_ids: list[str], key: str, alt: str,
         height: int = 400) -> go.Figure:
    charts.frame(fig, title=title, unit=unit, source=source, as_of=view.data_as_of(source_ids), height=height)
    charts.show(fig, key=key, alt=alt)
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
    st.markdown(f"**At {summary['period']}** (stocks)")
    for column, (label, figure, help_text) in zip(st.columns(4), words.cards(summary, said)):
        column.metric(label, figure, border=True, help=help_text)
    st.caption(markdown_text(" ".join(words.card_notes(summary, name))))
    for line in words.scale_lines(summary, name, summary["period"], view.table("worldbank-population", "population"),
                                  view.names):
        st.markdown(markdown_text(line))
    partners = partners_block(summary["year"], summary["period"])
    change_since_block()
    when, value = stats.latest_value(stats.palestine_refugees_in(view.table("unrwa", "by_asylum"), iso3),
                                     "palestine_refugees")
    if when is not None:
        st.info(words.unrwa_note(said, when, value), icon=":material/info:")
    returns = stats.latest_value(stats.returns_trend(view.table("solutions", "by_origin"), iso3), "returned_refugees")
    return {**summary, "unrwa": (when, value), "partners": partners, "returns": returns}


def partners_block(year: int, period: str) -> dict[str, pd.DataFrame]:
    """Where people who fled went, and where people hosted came from: the five largest of each, with figures."""
    corridors = view.table("population", "corridors")
    found = {side: words.top_partners(corridors, iso3, year, side, NAMES) for side in ("origin", "asylum")}
    titles = {"origin": f"Where people from {said} are hosted", "asylum": f"Where people hosted in {said} come from"}
    for column, side in zip(st.columns(2), found):
        column.markdown(f"**{titles[side]}** (refugees + OIP, {period})")
        lines = words.partner_lines(found[side])
        column.markdown("\n".join(f"{i}. {markdown_text(line)}" for i, line in enumerate(lines, 1)) if lines
                        else "No corridor figures.")
        if note := words.asylum_seekers_apart(corridors, iso3, year, side, found[side], NAMES):
            column.caption(markdown_text(note))
    return found


def change_since_block() -> None:
    choices = list(range(year - 1, view.first - 1, -1))
    if not choices:
        return  # a single year of data: no change to give
    picker, _ = st.columns([1, 4])
    since = picker.selectbox("Change since", choices, index=choices.index(max(view.first, year - 5)),
                             key="change_since", bind="query-params",
                             help="The change from the end of that year to the latest period.")
    lines = words.country_changes(by_origin, by_asylum, view.table("idmc", "by_country"), iso3, name, since, year)
    st.markdown("\n".join(f"- {markdown_text(line)}" for line in lines) if lines
                else f"No figures for {said} at end-{since}.")


def protection_block() -> list[go.Figure]:
    """People who fled the country and people it hosts; returns the figures drawn, larger side first."""
    st.subheader(f"Who fled {said}, and whom {said} hosts")
    figures = {}
    for column, table, side in zip(st.columns(2), [by_origin, by_asylum], ["fled", "hosted"]):
        trend = words.since_first_figure(stats.protection_trend(table, iso3), stats.PROTECTION_TYPES)
        with column:
            figures[side] = protection_chart(trend, side)
    return [figures[k] for k in words.larger_side_first(summary) if figures.get(k) is not None]


def protection_chart(trend: pd.DataFrame, side: str) -> go.Figure | None:
    towards = "from" if side == "fled" else "in"
    if not stats.has_data(trend, stats.PROTECTION_TYPES):
        no_data(f"UNHCR reports no refugees, asylum-seekers or OIP {towards} {said}.")
        return None
    title = f"People who fled {name}" if side == "fled" else f"People hosted in {name}"
    fig = show(profile_charts.area_figure(trend), title=title,
               unit="People, stock at end of year" + (" (by origin)" if side == "fled" else " (by host country)"),
               source=UNHCR_SOURCE, source_ids=["population"], key=f"profile-{side}",
               alt=words.area_alt(trend, side, name))
    download_buttons(trend, None, view.data, ["population"], f"{title}, by type and year", f"profile-{side}-{iso3}")
    return fig


def idp_trend() -> pd.DataFrame | None:
    """The country's IDP stocks from both IDMC sources, from the first year with a figure (None: none)."""
    both = idps.idp_sources(view.table("idmc", "by_country"), view.table("idmc-gidd", "by_country"), iso3)
    columns = [c for c, _ in words.IDP_LINES]
    return words.since_first_figure(both[["year", *columns]], columns) if stats.has_data(both, columns) else None


def idp_figure(shown: pd.DataFrame) -> go.Figure:
    """The IDP chart, framed but not drawn: the IDPs section draws it, every other section's brief carries it."""
    return charts.frame(profile_charts.idp_figure(shown), title=f"People internally displaced in {name}",
                        unit="People, stock at 31 December (conflict and disasters shown apart)",
                        source="IDMC via UNHCR (CC BY 4.0); IDMC GIDD (CC BY-NC 4.0)",
                        as_of=view.data_as_of(CHART_SOURCES["IDPs"]), height=400)


def idp_block() -> list[go.Figure]:
    st.subheader(f"Internally displaced in {said}")
    shown = idp_trend()
    if shown is None:
        no_data(f"IDMC reports no IDP stock figures for {said}, through UNHCR or in its own database.")
        return []
    fig = idp_figure(shown)
    charts.show(fig, key="profile-idps", alt=f"Line chart of IDPs in {name}: "
                + stats.latest_words(shown, words.IDP_LINES, "at end-") + ".")
    st.caption(markdown_text(idps.idp_sources_note(shown, name, view.data.manifest("idmc")["release"],
                                                   view.data.manifest("idmc-gidd")["release"]))
               + " IDMC publishes conflict stocks from 2009 and disaster stocks from 2019; a gap means no figure, "
                 "not zero.")
    download_buttons(shown, None, view.data, ["idmc", "idmc-gidd"], f"IDPs in {name} (IDMC via UNHCR and IDMC GIDD)",
                     f"profile-idps-{iso3}")
    return [fig]


def bars(frame: pd.DataFrame, series: list[tuple[str, str, str, str]], *, title: str, unit: str, source_id: str,
         key: str, what: str) -> go.Figure:
    """Flows as grouped bars, with the download of their rows."""
    fig = show(profile_charts.bars_figure(frame, series), title=title, unit=unit, source=UNHCR_SOURCE,
               source_ids=[source_id], key=key, alt=f"Bar chart of {what}. Latest figures: "
               + stats.latest_words(frame, [(c, t) for c, t, _, _ in series], "in ") + ".")
    download_buttons(frame, None, view.data, [source_id], title, f"{key}-{iso3}")
    return fig


def solutions_block() -> list[go.Figure]:
    st.subheader("Returns, resettlement and naturalisation")
    left, right = st.columns(2)
    figures = []
    returns = words.since_first_figure(stats.returns_trend(view.table("solutions", "by_origin"), iso3),
                                       ["returned_refugees", "returned_idps"])
    with left:
        if not stats.has_data(returns, ["returned_refugees", "returned_idps"]):
            no_data(f"UNHCR's solutions data report no returns to {said}.")
        else:
            figures.append(bars(
                returns, [("returned_refugees", "Refugees who returned", labels.COLOURS["returned_refugees"], ""),
                          ("returned_idps", "IDPs who returned home", labels.COLOURS["returned_idps"], "/")],
                title=f"Returns to {name}", unit="People returning during each year (flows)", source_id="solutions",
                key="profile-returns", what=f"refugees and IDPs returning to {name} each year"))
    hosted = words.since_first_figure(stats.solutions_in_country(view.table("solutions", "by_asylum"), iso3),
                                      ["resettlement", "naturalisation"])
    with right:
        if not stats.has_data(hosted, ["resettlement", "naturalisation"]):
            no_data(f"UNHCR's solutions data report no resettlement to, or naturalisation of refugees in, {said}.")
        else:
            figures.append(bars(
                hosted, [("resettlement", "Resettled to " + name, labels.COLOURS["refugees"], ""),
                         ("naturalisation", "Naturalised in " + name, "#589BE5", "x")],
                title=f"Resettlement and naturalisation in {name}", unit="Refugees during each year (flows)",
                source_id="solutions", key="profile-resettlement",
                what=f"refugees resettled to and naturalised in {name}"))
    st.caption("Flows: people during each year, not people at a date. Returns count refugees whose country of origin "
               "this is; resettlement and naturalisation count refugees arriving in or naturalised by this country. "
               "A missing bar means not reported, not zero.")
    return figures


def applications_block() -> list[go.Figure]:
    st.subheader("Asylum applications")
    figures = []
    for column, table_name, side in zip(st.columns(2), ["by_asylum", "by_origin"], ["in", "by"]):
        table = view.table("asylum-applications", table_name)
        new = stats.applications(table, iso3, "N")
        whose = "lodged in" if side == "in" else "by nationals of"
        title = f"New asylum applications {whose} {name}"
        with column:
            if not stats.has_data(new, stats.UNITS):
                no_data(f"UNHCR reports no new (first-time) asylum applications {whose} {said}.")
            else:
                figures.append(bars(
                    new, [("persons", "Persons", labels.COLOURS["asylum_seekers"], ""),
                          ("cases", "Cases (households; not added to persons)", "#666666", ".")],
                    title=title, unit="Applications lodged during each year (flows)",
                    source_id="asylum-applications", key=f"profile-applications-{side}",
                    what=title[0].lower() + title[1:]))
            others = stats.application_types(table, iso3, year)
            if side == "in" and (note := words.other_applications_note(others[others["app_type"] != "N"], year)):
                st.caption(markdown_text(note))
    st.caption("Application type N (new, first-time applications) only. Applications counted in cases (one per "
               "household or file) are never added to those counted in persons.")
    return figures


def decisions_block() -> list[go.Figure]:
    st.subheader(f"Asylum decisions in {said}")
    table = stats.decisions(view.table("asylum-decisions", "by_asylum"), iso3)
    if table.empty or not stats.has_data(table, stats.DECISION_COLUMNS):
        no_data(f"UNHCR reports no asylum decisions taken in {said}.")
        st.caption(stats.RECOGNITION_RATE_DEFINITION)
        return []
    unit = "persons" if (table["unit"] == "persons").any() else "cases"
    shown = table[table["unit"] == unit]
    rates = shown.dropna(subset=["recognition_rate"])
    left, right = st.columns(2)
    with left:
        figures = [show(profile_charts.decisions_figure(shown), title=f"Asylum decisions in {name}",
                        unit=f"Decisions during each year, in {unit} (flows)", source=UNHCR_SOURCE,
                        source_ids=["asylum-decisions"], key="profile-decisions",
                        alt=words.decisions_alt(shown, name, unit))]
    with right:
        if rates.empty:
            no_data("no year has a substantive decision, so there is no recognition rate.")
        else:
            figures.append(show(profile_charts.recognition_figure(rates), title=f"Total recognition rate in {name}",
                                unit=f"(recognised + complementary) / (recognised + complementary + rejected), {unit}",
                                source=UNHCR_SOURCE, source_ids=["asylum-decisions"], key="profile-recognition",
                                alt=words.recognition_alt(rates, name)))
    st.caption(stats.RECOGNITION_RATE_DEFINITION + " All decision levels and procedures are combined, as in "
               "UNHCR's database.")
    if (table["unit"] != unit).any():
        st.caption(f"{said} also reported decisions counted in cases in some years; they are in the download, "
                   "not in the charts (cases are never added to persons).")
    download_buttons(table, None, view.data, ["asylum-decisions"], f"Asylum decisions in {name}",
                     f"profile-decisions-{iso3}")
    return figures


def burden_block() -> list[go.Figure]:
    st.subheader("People hosted per 1,000 inhabitants")
    burden = stats.hosted_per_1000(by_asylum, view.table("worldbank-population", "population"), iso3)
    burden = burden.dropna(subset=["per_1000"])
    if burden.empty:
        no_data(f"no hosted population or no World Bank population figure for {said}.")
        return []
    fig = show(profile_charts.burden_figure(burden), title=f"Refugees and OIP hosted per 1,000 inhabitants of {name}",
               unit="People hosted at end of year per 1,000 residents",
               source="UNHCR (CC BY 4.0); World Bank SP.POP.TOTL (CC BY 4.0)",
               source_ids=["population", "worldbank-population"], key="profile-burden",
               alt=words.burden_alt(burden, name), height=380)
    if note := words.lagged_population_note(burden):
        st.caption(note)
    download_buttons(burden, None, view.data, ["population", "worldbank-population"],
                     f"People hosted per 1,000 inhabitants of {name}", f"profile-burden-{iso3}")
    return [fig]


def country_notes() -> pd.DataFrame:
    return stats.country_footnotes(view.table("footnotes", "footnotes"), iso3)


def footnotes_block() -> list[go.Figure]:
    """UNHCR's notes on the country, as plain text; no figure."""
    st.subheader("UNHCR's footnotes")
    notes = country_notes()
    if notes.empty:
        st.caption(f"UNHCR's footnotes table has no note for {said} as a country of origin or asylum.")
    for note in notes.itertuples():
        st.text(f"{note.year_text} ({note.population_type}, {name} as country of {note.role}): {note.footnote}")
    return []


def brief(summary: dict | None, drawn: list[go.Figure]) -> None:
    """The share bar: the sentence to quote (people from and in the country, never added; its conflict
    IDPs), the cards as a table, the open section's main chart and, beside it, the IDP trend (so one
    brief covers people who fled, people hosted and IDPs)."""
    cited = [("UNHCR's Refugee Population Statistics Database", view.data.manifest("population")),
             ("IDMC's estimate via UNHCR", view.data.manifest("idmc"))]
    figures, used = (words.brief_table(words.country_key_figures(
        summary, name, summary["partners"]["origin"], summary["partners"]["asylum"], summary["returns"]))
        if summary else (pd.DataFrame(columns=["Figure", "People"]), []))
    section = st.query_params.get("section", SECTIONS[0])
    charted = [(drawn[0], CHART_SOURCES.get(section, []))] if drawn else []
    trend = idp_trend() if section != "IDPs" else None
    if trend is not None:
        charted.append((idp_figure(trend), CHART_SOURCES["IDPs"]))
    source_ids = used + [sid for _, ids in charted for sid in ids]
    share.share_bar(view.data, title=f"{TITLE}: {name}", source_ids=list(dict.fromkeys(source_ids)),
                    headline=words.country_sentence(summary, name, cited) if summary else None,
                    figures=figures, fig=[fig for fig, _ in charted] or None,
                    notes=(*NOTES, *partner_notes(summary)))


def partner_notes(summary: dict | None) -> list[str]:
    if not summary:
        return []
    corridors = view.table("population", "corridors")
    notes = (words.asylum_seekers_apart(corridors, iso3, summary["year"], side, found, NAMES)
             for side, found in summary["partners"].items())
    return [note for note in notes if note]


BLOCKS = dict(zip(SECTIONS, [protection_block, idp_block, solutions_block, applications_block, decisions_block,
                             burden_block, footnotes_block]))

summary = headline_cards()
brief(summary, page.sections(SECTIONS, lambda section: BLOCKS[section]()))
