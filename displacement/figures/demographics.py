"""Age and sex of displaced people (UNHCR's `demographics` table: people by sex and age band, by country of
asylum or location and population type) for a country and the world. No Streamlit.

Definitions stated everywhere they are shown:
- children: ages 0-17; older people: 60 and over; both as a share of the people whose age is known
  (the sex-and-age breakdown less the people counted with sex but no age, the `other` band);
- women and girls: female, all ages, as a share of the people whose sex is known; women (female 18 and over) is
  given beside it, as a share of the people whose age is known;
- coverage: people with a sex breakdown / the population figure for the same year and scope (UNHCR's
  population table, by country of asylum); a breakdown covering few people describes those few, not the whole.
A country or scope without a breakdown has no shares (missing, never 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from displacement.formatting import according_to, exact
from displacement.text import N_, _

CHILD_BANDS = ["0_4", "5_11", "12_17"]
ADULT_BANDS = ["18_59", "60"]
SEXES = ("f", "m")


@dataclass(frozen=True)
class Scope:
    label: str  # a message, shown through _()
    pop_types: tuple[str, ...]  # the demographics table's pop_type codes
    columns: tuple[str, ...]  # the population table's columns for the same people


SCOPES = {
    "protection": Scope(N_("Refugees, asylum-seekers and other people in need of international protection"),
                        ("REF", "ASY", "OIP"), ("refugees", "asylum_seekers", "oip")),
    "refugees": Scope(N_("Refugees under UNHCR's mandate"), ("REF",), ("refugees",)),
    "asylum-seekers": Scope(N_("Asylum-seekers"), ("ASY",), ("asylum_seekers",)),
    "oip": Scope(N_("Other people in need of international protection"), ("OIP",), ("oip",)),
    "idps": Scope(N_("IDPs protected or assisted by UNHCR"), ("IDP",), ("idps_unhcr",)),
    "stateless": Scope(N_("Stateless people"), ("STA",), ("stateless",)),
}
SHARES = {  # messages, shown through _()
    "children": N_("Children (0-17), % of people whose age is known"),
    "women_and_girls": N_("Women and girls (female, all ages), % of people whose sex is known"),
    "women": N_("Women (female 18 and over), % of people whose age is known"),
    "older": N_("Older people (60 and over), % of people whose age is known"),
}
# The chart's short labels (the definitions are in SHARES and the notes).
SHORT = {"children": N_("Children (0-17)"), "women_and_girls": N_("Women and girls (all ages)"),
         "women": N_("Women (18 and over)"), "older": N_("Older people (60 and over)")}
WORLD = "WORLD"
# The comparison table's rows counted in people (the others are percentages).
PEOPLE_ROWS = (N_("People with a sex breakdown"), N_("Population figure (UNHCR, same year and scope)"))


def _band_sum(rows: pd.DataFrame, bands: list[str], sexes=SEXES) -> float:
    return float(sum(rows[f"{sex}_{band}"].astype("Float64").sum() for sex in sexes for band in bands))


def breakdown(demographics: pd.DataFrame, population: pd.DataFrame, year: int, scope: str,
              iso3: str | None = None) -> dict:
    """One place (a country, or the world when iso3 is None) and scope for a year: the people counted in the
    breakdown, the population figure, the coverage and the shares (SHARES); None where it cannot be computed."""
    spec = SCOPES[scope]
    rows = demographics[(demographics["year"] == year) & demographics["pop_type"].isin(spec.pop_types)]
    pop = population[population["year"] == year]
    if iso3 is not None:
        rows, pop = rows[rows["iso3"] == iso3], pop[pop["iso3"] == iso3]
    sexed = _band_sum(rows, ["total"])
    aged = sexed - _band_sum(rows, ["other"])
    figure = pop[list(spec.columns)].astype("Float64").sum(axis=1, min_count=1).sum(min_count=1)
    figure = None if pd.isna(figure) else float(figure)
    return {
        "year": year, "iso3": iso3 or WORLD, "scope": scope, "with_sex": sexed or None, "with_age": aged or None,
        "population": figure,
        "coverage_pct": _pct(sexed, figure), "age_coverage_pct": _pct(aged, figure),
        "children": _pct(_band_sum(rows, CHILD_BANDS), aged),
        "women_and_girls": _pct(_band_sum(rows, ["total"], "f"), sexed),
        "women": _pct(_band_sum(rows, ADULT_BANDS, "f"), aged), "older": _pct(_band_sum(rows, ["60"]), aged),
    }


def _pct(part: float, whole: float | None) -> float | None:
    return None if not whole else round(part / whole * 100, 1)


def places(demographics: pd.DataFrame, population: pd.DataFrame, year: int, scope: str, iso3: str,
           name: str) -> list[tuple[str, dict]]:
    """The country, then the world, each with its breakdown: what the cards and the chart show."""
    return [(name, breakdown(demographics, population, year, scope, iso3)),
            (_("World"), breakdown(demographics, population, year, scope))]


def comparison(demographics: pd.DataFrame, population: pd.DataFrame, year: int, scope: str,
               iso3: str, name: str) -> pd.DataFrame:
    """The country beside the world: one row per share, then the coverage rows, as the page's table shows them."""
    figure, world = _("Figure"), _("World")
    name = name if name not in (figure, world) else f"{name} ({iso3})"  # one column each, whatever the name
    found = [breakdown(demographics, population, year, scope, iso3), breakdown(demographics, population, year, scope)]
    keys = [*SHARES, "coverage_pct", "age_coverage_pct", "with_sex", "population"]
    words = [*(_(s) for s in SHARES.values()), _("Coverage: people with a sex breakdown, % of the population figure"),
             _("Coverage: people with an age breakdown, % of the population figure"), *(_(r) for r in PEOPLE_ROWS)]
    rows = [[label, *[place[key] for place in found]] for key, label in zip(keys, words)]
    return pd.DataFrame(rows, columns=[figure, name, world])


def countries_with_breakdown(demographics: pd.DataFrame, year: int, scope: str) -> list[str]:
    """Codes with people in the breakdown for the scope and year, most people first."""
    rows = demographics[(demographics["year"] == year) & demographics["pop_type"].isin(SCOPES[scope].pop_types)]
    sexed = (rows["f_total"].astype("Float64") + rows["m_total"].astype("Float64")).groupby(rows["iso3"]).sum()
    return sexed[sexed > 0].sort_values(ascending=False).index.astype(str).tolist()


# ---------------------------------------------------------------- words

TITLE = N_("Age and sex of displaced people")
INTRO = N_("How many displaced people are children, women and girls, or older people, from UNHCR's sex and age "
           "breakdown, by country of asylum (or location, for IDPs). The breakdown does not cover everyone: how much "
           "of the population it covers is shown beside every share.")
SOURCE = N_("UNHCR Refugee Population Statistics Database: demographics and population figures (CC BY 4.0)")
SOURCE_IDS = ["demographics", "population"]
SOURCE_NAME = N_("UNHCR Refugee Population Statistics Database")
CARDS = [("children", N_("Children (0-17)")), ("women_and_girls", N_("Women and girls")),
         ("older", N_("Older people (60+)"))]
COVERAGE_HELP = N_("People with a sex breakdown, % of UNHCR's population figure for the same year and scope.")
NO_BREAKDOWN = N_("No sex or age breakdown for this choice: no shares can be given (missing, not zero).")
CHART_UNIT = N_("% of the people covered by UNHCR's sex and age breakdown (coverage in the legend)")
TABLE_NOTE = N_("“–” marks a figure that cannot be given (no breakdown or no population figure), never zero.")
NOTES = (N_("Children: ages 0-17; older people: 60 and over; both as a share of the people whose age is known. "
            "Women and girls: female, all ages, as a share of the people whose sex is known; women: female 18 and "
            "over."),
         N_("Coverage: the people in UNHCR's sex and age breakdown divided by UNHCR's population figure for the same "
            "year, country (of asylum or location) and population type. Shares describe the people covered."),
         N_("UNHCR publishes the breakdown for the latest year only in this release."))


def notes() -> tuple[str, ...]:
    return tuple(_(note) for note in NOTES)


def scope_name(scope: str) -> str:
    """A scope's name for a selector ('Refugees under UNHCR's mandate')."""
    return _(SCOPES[scope].label)


def scope_words(scope: str) -> str:
    """A scope's name inside a sentence, lower-cased."""
    return scope_name(scope).lower()


def share_text(value) -> str:
    return _("no breakdown") if value is None or pd.isna(value) else f"{value:.1f}%"


def cards(found: dict) -> list[tuple[str, str, str]]:
    """A place's cards, (heading, figure, help): the three shares, then how much the breakdown covers."""
    shares = [(_(heading), share_text(found[key]), _(SHARES[key])) for key, heading in CARDS]
    return [*shares, (_("Breakdown covers"), share_text(found["coverage_pct"]), _(COVERAGE_HELP))]


def coverage_sentence(found: dict, name: str, scope: str) -> str:
    """'The breakdown covers 95.2% of the 2,952,694 refugees... in Germany at end-2025 (2,810,784 people).'"""
    world = found["iso3"] == WORLD
    values = {"people": scope_words(scope), "place": name, "year": found["year"]}
    if found["population"] is None:
        sentence = (_("No population figure for {people} worldwide at end-{year}, so no coverage can be given.")
                    if world else
                    _("No population figure for {people} in {place} at end-{year}, so no coverage can be given."))
        return sentence.format(**values)
    values["population"] = exact(found["population"])
    if not found["with_sex"]:
        sentence = (_("No sex or age breakdown for the {population} {people} worldwide at end-{year}: no shares can "
                      "be given (missing, not zero).") if world else
                    _("No sex or age breakdown for the {population} {people} in {place} at end-{year}: no shares can "
                      "be given (missing, not zero)."))
        return sentence.format(**values)
    sentence = (_("The sex breakdown covers {coverage} of the {population} {people} worldwide at end-{year} "
                  "({with_sex} people); the age breakdown {age_coverage}.") if world else
                _("The sex breakdown covers {coverage} of the {population} {people} in {place} at end-{year} "
                  "({with_sex} people); the age breakdown {age_coverage}."))
    return " ".join([sentence.format(coverage=share_text(found["coverage_pct"]), with_sex=exact(found["with_sex"]),
                                     age_coverage=share_text(found["age_coverage_pct"]), **values),
                     _("The shares describe the people covered.")])


def chart_title(scope: str, year: int) -> str:
    return _("Age and sex, {people}, end-{year}").format(people=scope_words(scope), year=year)


def download_title(scope: str, name: str, year: int) -> str:
    return _("Age and sex of {people}, {place} and the world, end-{year}").format(
        people=scope_words(scope), place=name, year=year)


def alt_text(found: list[tuple[str, dict]], scope: str) -> str:
    places = "; ".join(_("{place}: children {children}, women and girls {women_and_girls}, older people {older} "
                         "(breakdown covers {coverage})").format(
        place=name, children=share_text(f["children"]), women_and_girls=share_text(f["women_and_girls"]),
        older=share_text(f["older"]), coverage=share_text(f["coverage_pct"])) for name, f in found)
    return _("Bar chart of age and sex shares, {people}: {places}.").format(people=scope_words(scope), places=places)


def headline_sentence(found: dict, name: str, scope: str, manifest: dict) -> str | None:
    if not found["with_sex"]:
        return None
    return _("{children} of {people} in {place} at end-{year} whose age is known were children (0-17), and "
             "{women_and_girls} of those whose sex is known were women and girls; the breakdown covers {coverage} of "
             "them, {cited}.").format(
        children=share_text(found["children"]), people=scope_words(scope), place=name, year=found["year"],
        women_and_girls=share_text(found["women_and_girls"]), coverage=share_text(found["coverage_pct"]),
        cited=according_to([(_(SOURCE_NAME), manifest)]))


def key_figures(table: pd.DataFrame) -> pd.DataFrame:
    """comparison()'s table as text for the brief: shares as '29.3%', people in full, 'no figure' where none."""
    in_people = {_(row) for row in PEOPLE_ROWS}

    def cell(words: str, value) -> str:
        if value is None or pd.isna(value):
            return _("no figure")
        return exact(value) if words in in_people else f"{value:.1f}%"
    figure, *places = table.columns
    return pd.DataFrame({figure: table[figure],
                         **{p: [cell(w, v) for w, v in zip(table[figure], table[p])] for p in places}})
