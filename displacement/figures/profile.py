"""The Country profile's figures and words (no Streamlit): what its cards count, the sentence to quote,
its key figures, the change since a year, each chart's title, unit, notice and alternative text, and the
notes under its sections. "Fled from" and "hosted in" count the same people from two sides: never added."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from displacement.figures import idps as idp_figures
from displacement.figures import relatable
from displacement.figures.country import (
    FLOW_DATE,
    RECOGNITION_RATE_DEFINITION,
    STOCK_DATE,
    has_data,
    latest_value,
    latest_words,
    palestine_refugees_in,
    protection_trend,
    rows_of,
)
from displacement.figures.headline import change_sentence, change_since
from displacement.figures.summary import CONFLICT_STOCK, DISASTER_STOCK
from displacement.formatting import according_to, exact, local_number, markdown_text, millions, missing_text
from displacement.text import N_, _, ngettext
from displacement.vocabulary import COUNTS, DEFAULT_COUNT, UNHCR_SOURCE_LINE

TITLE = N_("Country profile")
INTRO = N_("One country from every side: people who fled it, people it hosts, its internally displaced, returns, "
           "resettlement, asylum, and UNHCR's notes. Share the view with the link.")
# The sections, as tabs whose choice lives in the link (?section=Decisions, the English name). Only the open one
# is built and drawn, so changing the country redraws at most two charts (re-render target, docs/benchmarks.md).
SECTIONS = [N_("Refugees"), N_("IDPs"), N_("Solutions"), N_("Applications"), N_("Decisions"), N_("Burden"),
            N_("Footnotes")]
# The sources of each section's main chart (the one the brief carries).
CHART_SOURCES = {"Refugees": ["population"], "IDPs": ["idmc", "idmc-gidd"], "Solutions": ["solutions"],
                 "Applications": ["asylum-applications"], "Decisions": ["asylum-decisions"],
                 "Burden": ["population", "worldbank-population"], "Footnotes": []}
NOTES = (N_("“Fled from” and “hosted in” count different people from two sides and are never added together. "
            "Palestine refugees under UNRWA's mandate are not in UNHCR's figures."),
         N_("Missing figures are shown as “no data”, never as zero."))
UNHCR_SOURCE = UNHCR_SOURCE_LINE
FLOWS_NOTE = N_("Flows: people during each year, not people at a date. Returns count refugees whose country of "
                "origin this is; resettlement and naturalisation count refugees arriving in or naturalised by this "
                "country. A missing bar means not reported, not zero.")
APPLICATIONS_NOTE = N_("Application type N (new, first-time applications) only. Applications counted in cases (one "
                       "per household or file) are never added to those counted in persons.")
DECISIONS_COMBINED = N_("All decision levels and procedures are combined, as in UNHCR's database.")
IDP_GAPS = N_("IDMC publishes conflict stocks from 2009 and disaster stocks from 2019; a gap means no figure, not "
              "zero.")
# How asylum figures are counted (the data's `unit`), in words.
UNIT_WORDS = {"persons": N_("persons"), "cases": N_("cases")}


class ChartMessages(NamedTuple):
    """A chart's messages ({country}: the country's name; {unit}: persons or cases) and the data it draws on."""
    title: str
    unit: str
    empty: str  # the notice when there is nothing to draw
    source_ids: list[str]
    source: str = UNHCR_SOURCE
    download: str | None = None  # the download's title; the chart's title if None
    alt: str | None = None  # the alternative text of bars and lines ({latest}: their latest figures)
    series: tuple[tuple[str, str], ...] = ()  # the columns drawn as bars, with their legend words


class ChartWords(NamedTuple):
    """A chart's words in the viewer's language."""
    title: str
    unit: str
    empty: str
    source: str
    source_ids: list[str]
    download: str


_APPLICATIONS = (("persons", N_("Persons")), ("cases", N_("Cases (households; not added to persons)")))
CHARTS = {
    "fled": ChartMessages(
        N_("People who fled {country}"), N_("People, stock at end of year (by origin)"),
        N_("UNHCR reports no refugees, asylum-seekers or OIP from {country}."), ["population"],
        download=N_("People who fled {country}, by type and year")),
    "hosted": ChartMessages(
        N_("People hosted in {country}"), N_("People, stock at end of year (by host country)"),
        N_("UNHCR reports no refugees, asylum-seekers or OIP in {country}."), ["population"],
        download=N_("People hosted in {country}, by type and year")),
    "idps": ChartMessages(
        N_("People internally displaced in {country}"),
        N_("People, stock at 31 December (conflict and disasters shown apart)"),
        N_("IDMC reports no IDP stock figures for {country}, through UNHCR or in its own database."),
        ["idmc", "idmc-gidd"], N_("IDMC via UNHCR (CC BY 4.0); IDMC GIDD (CC BY-NC 4.0)"),
        download=N_("IDPs in {country} (IDMC via UNHCR and IDMC GIDD)"),
        alt=N_("Line chart of IDPs in {country}: {latest}.")),
    "returns": ChartMessages(
        N_("Returns to {country}"), N_("People returning during each year (flows)"),
        N_("UNHCR's solutions data report no returns to {country}."), ["solutions"],
        alt=N_("Bar chart of refugees and IDPs returning to {country} each year. Latest figures: {latest}."),
        series=(("returned_refugees", N_("Refugees who returned")), ("returned_idps", N_("IDPs who returned home")))),
    "resettlement": ChartMessages(
        N_("Resettlement and naturalisation in {country}"), N_("Refugees during each year (flows)"),
        N_("UNHCR's solutions data report no resettlement to, or naturalisation of refugees in, {country}."),
        ["solutions"],
        alt=N_("Bar chart of refugees resettled to and naturalised in {country}. Latest figures: {latest}."),
        series=(("resettlement", N_("Resettled to {country}")), ("naturalisation", N_("Naturalised in {country}")))),
    "applications-in": ChartMessages(
        N_("New asylum applications lodged in {country}"), N_("Applications lodged during each year (flows)"),
        N_("UNHCR reports no new (first-time) asylum applications lodged in {country}."), ["asylum-applications"],
        alt=N_("Bar chart of new asylum applications lodged in {country}. Latest figures: {latest}."),
        series=_APPLICATIONS),
    "applications-by": ChartMessages(
        N_("New asylum applications by nationals of {country}"), N_("Applications lodged during each year (flows)"),
        N_("UNHCR reports no new (first-time) asylum applications by nationals of {country}."),
        ["asylum-applications"],
        alt=N_("Bar chart of new asylum applications by nationals of {country}. Latest figures: {latest}."),
        series=_APPLICATIONS),
    "decisions": ChartMessages(
        N_("Asylum decisions in {country}"), N_("Decisions during each year, in {unit} (flows)"),
        N_("UNHCR reports no asylum decisions taken in {country}."), ["asylum-decisions"]),
    "recognition": ChartMessages(
        N_("Total recognition rate in {country}"),
        N_("(recognised + complementary) / (recognised + complementary + rejected), {unit}"),
        N_("no year has a substantive decision, so there is no recognition rate."), ["asylum-decisions"]),
    "burden": ChartMessages(
        N_("Refugees and OIP hosted per 1,000 inhabitants of {country}"),
        N_("People hosted at end of year per 1,000 residents"),
        N_("no hosted population or no World Bank population figure for {country}."),
        ["population", "worldbank-population"], N_("UNHCR (CC BY 4.0); World Bank SP.POP.TOTL (CC BY 4.0)"),
        download=N_("People hosted per 1,000 inhabitants of {country}")),
}


def chart_words(chart: str, name: str, said: str, counted_in: str | None = None) -> ChartWords:
    """A chart's title, unit, source and download title (with the country's name as text) and its notice when
    empty (with `said`, the name made inert for Markdown); `counted_in`: persons or cases."""
    messages = CHARTS[chart]
    unit = _(UNIT_WORDS[counted_in]) if counted_in else ""
    title = _(messages.title).format(country=name)
    return ChartWords(title, _(messages.unit).format(unit=unit), _(messages.empty).format(country=said),
                      _(messages.source), messages.source_ids,
                      _(messages.download).format(country=name) if messages.download else title)


def bar_series(chart: str, name: str) -> list[tuple[str, str]]:
    """(column, legend words) of a bar chart's series."""
    return [(column, _(words).format(country=name)) for column, words in CHARTS[chart].series]


def bar_columns(chart: str) -> list[str]:
    return [column for column, __ in CHARTS[chart].series]


def bar_alt(chart: str, frame: pd.DataFrame, name: str) -> str:
    latest = latest_words(frame, bar_series(chart, name), FLOW_DATE)
    return _(CHARTS[chart].alt).format(country=name, latest=latest)


def chart_alt(chart: str, frame: pd.DataFrame, name: str) -> str:
    """The alternative text of a chart of people who fled or were hosted (stacked areas), or of flows (bars)."""
    return area_alt(frame, chart, name) if chart in ("fled", "hosted") else bar_alt(chart, frame, name)


# --- the change since a year, the cards and the relatable scale -----------------------------------

def country_changes(by_origin: pd.DataFrame, by_asylum: pd.DataFrame, idmc_by_country: pd.DataFrame, iso3: str,
                    name: str, since: int, until: int) -> list[str]:
    """'From end-2020 to end-2025, ... rose by ...' for people from the country and people in it (refugees +
    OIP, UNHCR's basis) and its conflict IDPs (IDMC via UNHCR); a measure without figures at both ends is
    left out."""
    series = [(protection_trend(by_origin, iso3),
               _("refugees and other people in need of international protection from {country}")),
              (protection_trend(by_asylum, iso3),
               _("refugees and other people in need of international protection hosted in {country}")),
              (rows_of(idmc_by_country, iso3),
               _("people internally displaced by conflict in {country} (IDMC via UNHCR)"))]
    lines = []
    for frame, noun in series:
        if frame.empty:
            continue
        column = "idps_conflict" if "idps_conflict" in frame else "refugees_and_oip"
        if column == "refugees_and_oip":
            frame = frame.assign(refugees_and_oip=frame[COUNTS[DEFAULT_COUNT]].sum(axis=1, min_count=1))
        try:
            change = change_since(frame.assign(components_missing=""), since, column, until=until)
        except ValueError:
            continue
        lines.append(change_sentence(change, noun.format(country=name)))
    return lines


def change_years(first: int, last: int) -> list[int]:
    """The years a change can be measured from, the latest first (none with a single year of data)."""
    return list(range(last - 1, first - 1, -1))


def default_since(first: int, last: int) -> int:
    """The change shown first: over five years, or since the first year when the data are shorter."""
    return max(first, last - 5)


def change_list(lines: list[str], said: str, since: int) -> str:
    """The changes as a Markdown list, or the sentence saying there is none."""
    if not lines:
        return _("No figures for {country} at end-{year}.").format(country=said, year=since)
    return "\n".join(f"- {markdown_text(line)}" for line in lines)


def card_notes(summary: dict, name: str) -> list[str]:
    """What the country profile's cards count, with the asylum-seekers they leave out and the population year."""
    notes = [_("Stocks at {period}, UNHCR Refugee Population Statistics Database (CC BY 4.0); the IDP figure is "
               "IDMC's via UNHCR.").format(period=summary["period"]),
             _("“Fled from” and “hosted in” count refugees and other people in need of international protection, as "
               "UNHCR ranks countries, from two sides: never added together."),
             _("Asylum-seekers (claims not yet decided) are apart: {fled} from {country}, {hosted} in "
               "{country}.").format(fled=exact(summary["by_origin"]["asylum_seekers"]),
                                    hosted=exact(summary["by_asylum"]["asylum_seekers"]), country=name)]
    population_year = summary["population_year"]
    if summary["hosted_per_1000"] is not None and population_year and population_year != summary["year"]:
        notes.append(_("Per-capita figure: the World Bank population stops at {population_year}, so {period} is "
                       "divided by the {population_year} population ({population}).").format(
            population_year=population_year, period=summary["period"], population=exact(summary["population"])))
    return notes


def scale_lines(summary: dict, name: str, period: str, population: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """The country's figures made relatable, each with its denominator: refugees and OIP hosted as '1 in N
    residents of <country>' (World Bank population, its year named), and those from it as 'about as many
    people as live in <another country>'. Only where the figures exist and are above zero."""
    lines = []
    hosted = summary["by_asylum"]["refugees_and_oip"]
    residents, year_used = summary.get("population"), summary.get("population_year")
    share = relatable.one_in(hosted, residents, name, year_used) if year_used else None
    if share:
        lines.append(_("At {period}, the refugees and other people in need of international protection hosted in "
                       "{country} were the equivalent of {share}.").format(period=period, country=name, share=share))
    originated = summary["by_origin"]["refugees_and_oip"]
    if originated is not None:
        like = relatable.as_many_as(originated, population, names, int(summary["year"]), exclude=summary.get("country"))
        if like:
            lines.append(_("At {period}, the {count} refugees and other people in need of international protection "
                           "from {country} were {like}.").format(period=period, count=local_number(int(originated)),
                                                                 country=name, like=like))
    return lines


def per_1000_text(value) -> str:
    """Two decimals, as the Countries table and the command line give it: one number everywhere."""
    return missing_text() if value is None or pd.isna(value) else local_number(value, 2)


def cards(summary: dict, name: str) -> list[tuple[str, str, str]]:
    """(label, figure, help) of the four cards: fled from, hosted in, IDPs, hosted per 1,000 residents."""
    fled, hosted, idps = summary["by_origin"], summary["by_asylum"], summary["idps"][0]
    return [
        (_("Fled from the country (refugees + OIP)"), millions(fled["refugees_and_oip"]),
         _("Refugees and other people in need of international protection whose country of origin is {country}, "
           "wherever they are (stock; UNHCR's basis for rankings). Exact: {exact}. Asylum-seekers apart: "
           "{asylum_seekers}.").format(country=name, exact=exact(fled["refugees_and_oip"]),
                                       asylum_seekers=exact(fled["asylum_seekers"]))),
        (_("Hosted in the country (refugees + OIP)"), millions(hosted["refugees_and_oip"]),
         _("Refugees and other people in need of international protection living in {country}, whatever their origin "
           "(stock). Exact: {exact}. Asylum-seekers apart: {asylum_seekers}.").format(
             country=name, exact=exact(hosted["refugees_and_oip"]), asylum_seekers=exact(hosted["asylum_seekers"]))),
        (_("Internally displaced (conflict), {period}").format(period=summary["period"]), millions(idps["value"]),
         _("IDMC's estimate as served by UNHCR's idmc endpoint, the figure in UNHCR's headline (stock at end-{year}). "
           "Exact: {exact}.").format(year=idps["year"], exact=exact(idps["value"]))),
        (_("Hosted per 1,000 residents"), per_1000_text(summary["hosted_per_1000"]),
         _("Refugees and OIP hosted (second card) per 1,000 residents. Population: World Bank {year}.").format(
             year=summary["population_year"] or missing_text())),
    ]


def latest_unrwa(unrwa_by_asylum: pd.DataFrame, iso3: str) -> tuple[int | None, object]:
    """(year, people): the latest count of Palestine refugees registered with UNRWA in the country, or None."""
    return latest_value(palestine_refugees_in(unrwa_by_asylum, iso3), "palestine_refugees")


def unrwa_note(name: str, when: int, value) -> str:
    return _("{country} also hosts {figure} Palestine refugees registered with UNRWA (end-{year}; exact {exact}). They "
             "are under UNRWA's mandate, so they are not in the UNHCR figures on this page (cards, charts or the "
             "per-capita figure); the world headline on the Overview page counts them.").format(
        country=name, figure=millions(value), year=when, exact=exact(value))


# --- the sentence to quote, the partners and the key figures --------------------------------------

def country_sentence(summary: dict, name: str, population_manifest: dict, idmc_manifest: dict) -> str | None:
    """The sentence to quote: people from the country and people in it (refugees + OIP; two stocks, never
    added), its conflict IDPs (IDMC via UNHCR), the period and the sources; None when none is known."""
    fled, hosted = summary["by_origin"]["refugees_and_oip"], summary["by_asylum"]["refugees_and_oip"]
    idps = summary["idps"][0]["value"]
    clauses = []
    if fled is not None:
        clauses.append(_("{fled} refugees and other people in need of international protection from {country} were "
                         "abroad").format(fled=millions(fled), country=name))
    if hosted is not None:  # after the people who fled, "refugees and other people ..." is understood
        clauses.append((_("{hosted} were hosted in {country}") if fled is not None else _(
            "{hosted} refugees and other people in need of international protection were hosted in {country}")).format(
            hosted=millions(hosted), country=name))
    if idps is not None:
        clauses.append(_("{idps} people were internally displaced by conflict and violence inside {country}").format(
            idps=millions(idps), country=name))
    if not clauses:
        return None
    if fled is not None and hosted is not None:
        kind = _("stocks; people from and people in the country are counted from two sides and never added")
    else:
        kind = _("a stock") if len(clauses) == 1 else _("stocks")
    return _("At {period}, {facts} ({kind}), {sources}.").format(
        period=summary["period"], facts=_joined(clauses), kind=kind,
        sources=according_to(_cited(population_manifest, idmc_manifest if idps is not None else None)))


def _joined(clauses: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(clauses) == 1:
        return clauses[0]
    return _("{clauses} and {last_clause}").format(clauses=", ".join(clauses[:-1]), last_clause=clauses[-1])


def _cited(population_manifest: dict, idmc_manifest: dict | None) -> list[tuple[str, dict]]:
    """The sources of the sentence, each with its release; named once when they share one release."""
    cited = [(_("UNHCR's Refugee Population Statistics Database"), population_manifest)]
    if idmc_manifest is None:
        return cited
    if population_manifest.release == idmc_manifest.release:
        return [(_("UNHCR's Refugee Population Statistics Database and IDMC's estimate via UNHCR"),
                 population_manifest)]
    return [*cited, (_("IDMC's estimate via UNHCR"), idmc_manifest)]


# Where each key figure comes from (the source's registry id) and how the brief's table names it.
SOURCE_WORDS = {"population": N_("UNHCR"), "idmc": N_("IDMC via UNHCR"), "idmc-gidd": N_("IDMC database"),
                "worldbank-population": N_("UNHCR; World Bank"), "unrwa": N_("UNRWA via UNHCR"),
                "solutions": N_("UNHCR")}
BRIEF_PARTNERS = 5  # hosts (and origins) itemised in the profile and its brief
# The key figures of IDMC's own database, by the measure the summary names (in English: its key).
GIDD_ROWS = {CONFLICT_STOCK: N_("Internally displaced by conflict and violence (IDMC database), end-{year}"),
             DISASTER_STOCK: N_("Internally displaced by disasters (IDMC database), end-{year}")}


def top_partners(corridors: pd.DataFrame, iso3: str, year: int, side: str, names: dict[str, str],
                 n: int = BRIEF_PARTNERS) -> pd.DataFrame:
    """Where people from the country are hosted (side "origin") or where people it hosts come from (side
    "asylum"): the n largest partners by refugees + OIP (UNHCR's basis) in that year, with their figures.
    Corridors without a figure for either part are left out, never counted as zero."""
    other = "asylum" if side == "origin" else "origin"
    rows = corridors[(corridors["year"] == year) & (corridors[f"{side}_iso3"] == iso3)]
    people = rows[COUNTS[DEFAULT_COUNT]].astype("Float64").sum(axis=1, min_count=1)
    found = pd.DataFrame({"iso3": rows[f"{other}_iso3"].astype(str), "people": people}).dropna(subset=["people"])
    found = found[found["people"] > 0].sort_values(["people", "iso3"], ascending=[False, True]).head(n)
    found.insert(1, "country", [names.get(code, code) for code in found["iso3"]])
    return found.astype({"people": "Int64"}).reset_index(drop=True)


def asylum_seekers_apart(corridors: pd.DataFrame, iso3: str, year: int, side: str, partners: pd.DataFrame,
                         names: dict[str, str]) -> str | None:
    """UNHCR's basis leaves asylum-seekers out, so a partner holding mostly asylum-seekers (Sudanese in Egypt)
    is missing from the list: name each one whose asylum-seekers alone outnumber the smallest figure listed."""
    if partners.empty:
        return None
    other = "asylum" if side == "origin" else "origin"
    rows = corridors[(corridors["year"] == year) & (corridors[f"{side}_iso3"] == iso3)
                     & ~corridors[f"{other}_iso3"].isin(partners["iso3"])]
    larger = rows[rows["asylum_seekers"].astype("Float64") > partners["people"].min()]
    larger = larger.sort_values("asylum_seekers", ascending=False)
    if larger.empty:
        return None
    listed = "; ".join(f"{names.get(str(code), code)}: {exact(count)}"
                       for code, count in zip(larger[f"{other}_iso3"], larger["asylum_seekers"]))
    return _("Not listed because asylum-seekers are counted apart (UNHCR's basis), asylum-seekers: {listed}.").format(
        listed=listed)


def partner_notes(corridors: pd.DataFrame, iso3: str, summary: dict | None, names: dict[str, str]) -> list[str]:
    """The partners each side leaves out because their people are asylum-seekers (for the brief's notes)."""
    if not summary:
        return []
    notes = (asylum_seekers_apart(corridors, iso3, summary["year"], side, found, names)
             for side, found in summary["partners"].items())
    return [note for note in notes if note]


def partner_lines(partners: pd.DataFrame) -> list[str]:
    """'Chad: 1,234,567' for each partner, largest first."""
    return [f"{row.country}: {exact(row.people)}" for row in partners.itertuples()]


def partners_heading(side: str, said: str, period: str) -> str:
    """The Markdown heading of a partner list: where people from the country are hosted (side "origin"), or
    where the people it hosts come from ("asylum"); `said` is the country's name made inert for Markdown."""
    if side == "origin":
        return _("**Where people from {country} are hosted** (refugees + OIP, {period})").format(
            country=said, period=period)
    return _("**Where people hosted in {country} come from** (refugees + OIP, {period})").format(
        country=said, period=period)


def partner_list(partners: pd.DataFrame) -> str:
    """The partners as a numbered Markdown list (names made inert), or the sentence saying there is none."""
    lines = partner_lines(partners)
    if not lines:
        return _("No corridor figures.")
    return "\n".join(f"{number}. {markdown_text(line)}" for number, line in enumerate(lines, 1))


def country_key_figures(summary: dict, name: str, hosts: pd.DataFrame | None = None,
                        origins: pd.DataFrame | None = None, returns: tuple | None = None) -> pd.DataFrame:
    """The country profile's cards, its main hosts and origins and its latest returns as a table: each
    figure with its count and the source it comes from (so a brief lists only the sources it uses)."""
    rows = [*_card_rows(summary, name), *_partner_rows(summary["period"], name, hosts, origins)]
    if returns is not None and returns[0] is not None:
        rows.append((_("Refugees who returned to {country} during {year}").format(country=name, year=returns[0]),
                     exact(returns[1]), "solutions"))
    rows.extend(_per_1000_and_unrwa_rows(summary))
    return pd.DataFrame([(f, v, _(SOURCE_WORDS[s])) for f, v, s in rows],
                        columns=[_("Figure"), _("Value"), _("Source")]).assign(source_id=[s for __, __, s in rows])


def _card_rows(summary: dict, name: str) -> list[tuple[str, str, str]]:
    """The cards' figures, with asylum-seekers apart and IDMC's own database beside UNHCR's IDP figure."""
    period, fled, hosted = summary["period"], summary["by_origin"], summary["by_asylum"]
    idps = summary["idps"]
    rows = [(_("Fled from {country} (refugees + OIP), {period}").format(country=name, period=period),
             exact(fled["refugees_and_oip"]), "population"),
            (_("Asylum-seekers from {country}, {period}").format(country=name, period=period),
             exact(fled["asylum_seekers"]), "population"),
            (_("Hosted in {country} (refugees + OIP), {period}").format(country=name, period=period),
             exact(hosted["refugees_and_oip"]), "population"),
            (_("Asylum-seekers in {country}, {period}").format(country=name, period=period),
             exact(hosted["asylum_seekers"]), "population"),
            (_("Internally displaced by conflict (IDMC via UNHCR), end-{year}").format(year=idps[0]["year"]),
             exact(idps[0]["value"]), "idmc")]
    return rows + [(_(GIDD_ROWS[found["measure"]]).format(year=found["year"]), exact(found["value"]), "idmc-gidd")
                   for found in idps[1:] if found["year"] is not None]


def _partner_rows(period: str, name: str, hosts: pd.DataFrame | None,
                  origins: pd.DataFrame | None) -> list[tuple[str, str, str]]:
    rows = [(_("Refugees + OIP from {country} hosted in {partner}, {period}").format(
        country=name, partner=row.country, period=period), exact(row.people), "population")
        for row in ([] if hosts is None else hosts.itertuples())]
    return rows + [(_("Refugees + OIP in {country} from {partner}, {period}").format(
        country=name, partner=row.country, period=period), exact(row.people), "population")
        for row in ([] if origins is None else origins.itertuples())]


def _per_1000_and_unrwa_rows(summary: dict) -> list[tuple[str, str, str]]:
    rows = [(_("Refugees + OIP hosted per 1,000 residents (World Bank population {year})").format(
        year=summary["population_year"] or missing_text()), per_1000_text(summary["hosted_per_1000"]),
        "worldbank-population")]
    when, value = summary.get("unrwa", (None, None))
    if when is not None:
        rows.append((_("Palestine refugees registered with UNRWA, end-{year}").format(year=when), exact(value),
                     "unrwa"))
    return rows


def brief_table(figures: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The key figures as the brief prints them, and the sources they use (the per-1,000 figure uses
    UNHCR's count and the World Bank's population)."""
    used = list(dict.fromkeys(figures["source_id"]))
    if "worldbank-population" in used and "population" not in used:
        used.insert(0, "population")
    return figures.drop(columns="source_id"), used


def brief_figures(summary: dict | None, name: str) -> tuple[pd.DataFrame, list[str]]:
    """The brief's key figures and their sources; an empty table when the country has no summary."""
    if not summary:
        return pd.DataFrame(columns=[_("Figure"), _("People")]), []
    partners = summary["partners"]
    return brief_table(country_key_figures(summary, name, partners["origin"], partners["asylum"], summary["returns"]))


def brief_notes(partner_notes: list[str]) -> tuple[str, ...]:
    """The notes under the brief: what is never added, what is missing, and the partners left out."""
    return (*(_(note) for note in NOTES), *partner_notes)


# --- the page's charts and notes, in words -------------------------------------------------------

DECISION_LABELS = {"recognized": N_("Recognised as refugees"), "complementary": N_("Complementary protection"),
                   "rejected": N_("Rejected"), "closed": N_("Otherwise closed")}
IDP_LINES = [("conflict_via_unhcr", N_("Conflict and violence (IDMC via UNHCR)")),
             ("idps_conflict_stock", N_("Conflict and violence (IDMC database)")),
             ("idps_disaster_stock", N_("Disasters (IDMC database)"))]
# A footnote's line, by the country's role in it (the footnotes' `role` column, an English key).
FOOTNOTE_LINES = {"origin": N_("{years} ({population_type}, {country} as country of origin): {footnote}"),
                  "asylum": N_("{years} ({population_type}, {country} as country of asylum): {footnote}"),
                  "origin and asylum": N_(  # not text: the key
                      "{years} ({population_type}, {country} as country of origin and asylum): {footnote}")}


def idp_series() -> list[tuple[str, str]]:
    """(column, words) of the IDP chart's lines."""
    return [(column, _(words)) for column, words in IDP_LINES]


def larger_side_first(summary: dict | None) -> list[str]:
    """'fled' and 'hosted' (the two protection charts), the side with more people first."""
    fled = (summary["by_origin"]["refugees_and_oip"] or 0) if summary else 0
    hosted = (summary["by_asylum"]["refugees_and_oip"] or 0) if summary else 0
    return ["fled", "hosted"] if fled >= hosted else ["hosted", "fled"]


def since_first_figure(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows from the first year with a figure in any of the columns (a chart starts where the data do)."""
    rows = frame[frame[columns].notna().any(axis=1)] if not frame.empty else frame
    return frame if rows.empty else frame[frame["year"] >= int(rows["year"].min())]


def area_alt(trend: pd.DataFrame, side: str, name: str) -> str:
    last = trend.dropna(subset=["total"]).iloc[-1]
    peak = trend.loc[trend["total"].astype("Float64").idxmax()]
    message = (_("Stacked area chart of refugees, asylum-seekers and other people in need of international protection "
                 "from {country}, {first} to {last}: {latest} in {last}; the highest was {peak} in {peak_year}.")
               if side == "fled" else
               _("Stacked area chart of refugees, asylum-seekers and other people in need of international protection "
                 "hosted in {country}, {first} to {last}: {latest} in {last}; the highest was {peak} in {peak_year}."))
    return message.format(country=name, first=int(trend["year"].min()), last=int(last["year"]),
                          latest=millions(last["total"]), peak=millions(peak["total"]), peak_year=int(peak["year"]))


def idp_trend(idmc_by_country: pd.DataFrame, gidd_by_country: pd.DataFrame, iso3: str) -> pd.DataFrame | None:
    """The country's IDP stocks from both IDMC sources, from the first year with a figure (None: none)."""
    both = idp_figures.idp_sources(idmc_by_country, gidd_by_country, iso3)
    columns = [column for column, __ in IDP_LINES]
    return since_first_figure(both[["year", *columns]], columns) if has_data(both, columns) else None


def idp_alt(shown: pd.DataFrame, name: str) -> str:
    return _(CHARTS["idps"].alt).format(country=name, latest=latest_words(shown, idp_series(), STOCK_DATE))


def idp_note(shown: pd.DataFrame, name: str, idmc_release: str, gidd_release: str) -> str:
    """Where the IDP chart's figures come from (Markdown, the name made inert) and why a line has gaps."""
    sources = markdown_text(idp_figures.idp_sources_note(shown, name, idmc_release, gidd_release))
    return f"{sources} {_(IDP_GAPS)}"


def other_applications_note(types: pd.DataFrame, year: int) -> str | None:
    """The application types other than new ones (N), reported for the year but not drawn."""
    others = types[types["app_type"] != "N"]
    listed = [_("{count} {application_type} ({unit})").format(count=local_number(int(r.applied)),
                                                              application_type=r.type,
                                                             unit=_(UNIT_WORDS[r.unit]) if r.unit in UNIT_WORDS
                                                             else r.unit)
              for r in others.itertuples() if pd.notna(r.applied)]
    if not listed:
        return None
    return _("Also reported for {year} and not shown: {listed}.").format(year=year, listed="; ".join(listed))


def decision_unit(decisions: pd.DataFrame) -> str:
    """The unit the decision charts draw: persons where the country reports any, else cases (never both)."""
    return "persons" if (decisions["unit"] == "persons").any() else "cases"


def decisions_notes(decisions: pd.DataFrame, unit: str, said: str) -> list[str]:
    """The notes under the decision charts: the recognition rate's definition, and the years counted in the
    other unit, which are only in the download."""
    notes = [f"{_(RECOGNITION_RATE_DEFINITION)} {_(DECISIONS_COMBINED)}"]
    if (decisions["unit"] != unit).any():
        notes.append(_("{country} also reported decisions counted in cases in some years; they are in the download, "
                       "not in the charts (cases are never added to persons).").format(country=said))
    return notes


def decisions_alt(shown: pd.DataFrame, name: str, unit: str) -> str:
    last = shown.iloc[-1]
    return _("Stacked bar chart of asylum decisions in {country} ({unit}). In {year}: {recognised} recognised, "
             "{complementary} complementary protection, {rejected} rejected, {closed} otherwise closed.").format(
        country=name, unit=_(UNIT_WORDS[unit]), year=int(last["year"]), recognised=exact(last["recognized"]),
        complementary=exact(last["complementary"]), rejected=exact(last["rejected"]), closed=exact(last["closed"]))


def recognition_alt(rates: pd.DataFrame, name: str) -> str:
    last, rate = rates.iloc[-1], rates["recognition_rate"]
    return _("Line chart of the total recognition rate in {country}: {rate}% in {year}, from {lowest}% to {highest}% "
             "over {first}-{last}.").format(
        country=name, rate=local_number(last['recognition_rate'] * 100, 1, grouping=False), year=int(last["year"]),
        lowest=local_number(rate.min() * 100, 1, grouping=False),
        highest=local_number(rate.max() * 100, 1, grouping=False), first=int(rates["year"].min()),
        last=int(rates["year"].max()))


def burden_alt(burden: pd.DataFrame, name: str) -> str:
    last = burden.iloc[-1]
    return _("Line chart: {country} hosted {per_1000} people per 1,000 inhabitants in {year}, using the "
             "{population_year} population.").format(
        country=name, per_1000=per_1000_text(last["per_1000"]), year=int(last["year"]),
        population_year=int(last["population_year"]))


def lagged_population_note(burden: pd.DataFrame) -> str | None:
    lagged = burden[burden["population_year"] != burden["year"]]
    if lagged.empty:
        return None
    years = [str(int(y)) for y in lagged["year"]]
    return ngettext("The World Bank population ends in {last}: {years} uses the latest earlier population year.",
                    "The World Bank population ends in {last}: {years} use the latest earlier population year.",
                    len(years)).format(last=int(burden["population_year"].max()), years=", ".join(years))


def footnote_lines(notes: pd.DataFrame, name: str) -> list[str]:
    """UNHCR's footnotes on the country as plain text, each with its years, population type and the country's role."""
    return [_(FOOTNOTE_LINES[note.role]).format(years=note.year_text, population_type=note.population_type,
                                                country=name, footnote=note.footnote) for note in notes.itertuples()]
