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

CHILD_BANDS = ["0_4", "5_11", "12_17"]
ADULT_BANDS = ["18_59", "60"]
SEXES = ("f", "m")


@dataclass(frozen=True)
class Scope:
    label: str
    pop_types: tuple[str, ...]  # the demographics table's pop_type codes
    columns: tuple[str, ...]  # the population table's columns for the same people


SCOPES = {
    "protection": Scope("Refugees, asylum-seekers and other people in need of international protection",
                        ("REF", "ASY", "OIP"), ("refugees", "asylum_seekers", "oip")),
    "refugees": Scope("Refugees under UNHCR's mandate", ("REF",), ("refugees",)),
    "asylum-seekers": Scope("Asylum-seekers", ("ASY",), ("asylum_seekers",)),
    "oip": Scope("Other people in need of international protection", ("OIP",), ("oip",)),
    "idps": Scope("IDPs protected or assisted by UNHCR", ("IDP",), ("idps_unhcr",)),
    "stateless": Scope("Stateless people", ("STA",), ("stateless",)),
}
SHARES = {
    "children": "Children (0-17), % of people whose age is known",
    "women_and_girls": "Women and girls (female, all ages), % of people whose sex is known",
    "women": "Women (female 18 and over), % of people whose age is known",
    "older": "Older people (60 and over), % of people whose age is known",
}
# The chart's short labels (the definitions are in SHARES and the notes).
SHORT = {"children": "Children (0-17)", "women_and_girls": "Women and girls (all ages)",
         "women": "Women (18 and over)", "older": "Older people (60 and over)"}
WORLD = "WORLD"


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


def comparison(demographics: pd.DataFrame, population: pd.DataFrame, year: int, scope: str,
               iso3: str, name: str) -> pd.DataFrame:
    """The country beside the world: one row per share, then the coverage rows, as the page's table shows them."""
    name = name if name not in ("Figure", "World") else f"{name} ({iso3})"  # one column each, whatever the name
    places = [(name, breakdown(demographics, population, year, scope, iso3)),
              ("World", breakdown(demographics, population, year, scope))]
    rows = [[words, *[found[key] for _, found in places]] for key, words in SHARES.items()]
    rows.append(["Coverage: people with a sex breakdown, % of the population figure",
                 *[found["coverage_pct"] for _, found in places]])
    rows.append(["Coverage: people with an age breakdown, % of the population figure",
                 *[found["age_coverage_pct"] for _, found in places]])
    rows.append(["People with a sex breakdown", *[found["with_sex"] for _, found in places]])
    rows.append(["Population figure (UNHCR, same year and scope)", *[found["population"] for _, found in places]])
    return pd.DataFrame(rows, columns=["Figure", *[label for label, _ in places]])


def countries_with_breakdown(demographics: pd.DataFrame, year: int, scope: str) -> list[str]:
    """Codes with people in the breakdown for the scope and year, most people first."""
    rows = demographics[(demographics["year"] == year) & demographics["pop_type"].isin(SCOPES[scope].pop_types)]
    sexed = (rows["f_total"].astype("Float64") + rows["m_total"].astype("Float64")).groupby(rows["iso3"]).sum()
    return sexed[sexed > 0].sort_values(ascending=False).index.astype(str).tolist()


# ---------------------------------------------------------------- words

def share_text(value) -> str:
    return "no breakdown" if value is None or pd.isna(value) else f"{value:.1f}%"


def coverage_sentence(found: dict, name: str, scope: str) -> str:
    """'The breakdown covers 95.2% of the 2,952,694 refugees... in Germany at end-2025 (2,810,784 people).'"""
    what = SCOPES[scope].label.lower()
    where = "worldwide" if found["iso3"] == WORLD else f"in {name}"
    if found["population"] is None:
        return f"No population figure for {what} {where} at end-{found['year']}, so no coverage can be given."
    if not found["with_sex"]:
        return (f"No sex or age breakdown for the {exact(found['population'])} {what} {where} at "
                f"end-{found['year']}: no shares can be given (missing, not zero).")
    return (f"The sex breakdown covers {share_text(found['coverage_pct'])} of the {exact(found['population'])} {what} "
            f"{where} at end-{found['year']} ({exact(found['with_sex'])} people); the age breakdown "
            f"{share_text(found['age_coverage_pct'])}. The shares describe the people covered.")


def alt_text(found: list[tuple[str, dict]], scope: str) -> str:
    parts = [f"{name}: children {share_text(f['children'])}, women and girls {share_text(f['women_and_girls'])}, "
             f"older people {share_text(f['older'])} (breakdown covers {share_text(f['coverage_pct'])})"
             for name, f in found]
    return f"Bar chart of age and sex shares, {SCOPES[scope].label.lower()}: " + "; ".join(parts) + "."


def headline_sentence(found: dict, name: str, scope: str, manifest: dict) -> str | None:
    if not found["with_sex"]:
        return None
    return (f"{share_text(found['children'])} of {SCOPES[scope].label.lower()} in {name} at end-{found['year']} whose "
            f"age is known were children (0-17), and {share_text(found['women_and_girls'])} of those whose sex is "
            f"known were women and girls; the breakdown covers {share_text(found['coverage_pct'])} of them, "
            f"{according_to([('UNHCR Refugee Population Statistics Database', manifest)])}.")


NOTES = ("Children: ages 0-17; older people: 60 and over; both as a share of the people whose age is known. Women and "
         "girls: female, all ages, as a share of the people whose sex is known; women: female 18 and over.",
         "Coverage: the people in UNHCR's sex and age breakdown divided by UNHCR's population figure for the same "
         "year, country (of asylum or location) and population type. Shares describe the people covered.",
         "UNHCR publishes the breakdown for the latest year only in this release.")


def key_figures(table: pd.DataFrame) -> pd.DataFrame:
    """comparison()'s table as text for the brief: shares as '29.3%', people in full, 'no figure' where none."""
    def cell(words: str, value) -> str:
        if value is None or pd.isna(value):
            return "no figure"
        return f"{value:.1f}%" if "%" in words else exact(value)
    places = [c for c in table.columns if c != "Figure"]
    return pd.DataFrame({"Figure": table["Figure"],
                         **{p: [cell(w, v) for w, v in zip(table["Figure"], table[p])] for p in places}})
