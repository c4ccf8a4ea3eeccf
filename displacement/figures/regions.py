"""Totals by region: UNHCR's regions (its regional bureaux, from UNHCR's own country list) and the World
Bank's regions (from the Metadata_Country_ file shipped with the World Bank's population CSV; the store's
population source keeps economies only, so the classification is a small reference table beside it:
data/reference/worldbank-regions.json). No Streamlit.

Rules kept here: a region's figure is the sum of its countries' figures for the same measure and year
(min_count=1: a region none of whose countries has a figure is missing, not 0); codes and countries with
no region in a scheme (UNK, XXA, a territory one list does not hold) are reported, never dropped silently.
"""

from __future__ import annotations

import re

import pandas as pd

from displacement.formatting import exact, sentence_case
from displacement.text import N_, _

SCHEMES = {"unhcr": N_("UNHCR region"), "wb": N_("World Bank region")}
SCHEME_NOTES = {
    "unhcr": N_("UNHCR's regions (its regional bureaux), as UNHCR's country list assigns them."),
    "wb": N_("World Bank regions, as the World Bank's country metadata (World Development Indicators, "
             "last updated 2025-10-07) assigns them."),
}
REGION_LABELS = {"unhcr": N_("{region} (UNHCR region)"), "wb": N_("{region} (World Bank region)")}
NOT_IN_ANY = {"unhcr": N_("Not in any UNHCR region in {year}, so in none of its totals (shown here rather than "
                          "dropped): {listed}."),
              "wb": N_("Not in any World Bank region in {year}, so in none of its totals (shown here rather than "
                       "dropped): {listed}.")}
# The region table's column headers as shown (the columns themselves keep their keys).
REGION_TABLE_HEADERS = {"scheme": N_("scheme"), "region": N_("region"), "people": N_("people"),
                        "countries": N_("countries")}


def unhcr_membership(countries: pd.DataFrame) -> dict[str, str]:
    """ISO3 -> UNHCR region, from UNHCR's country list (the `countries` source); codes without one left out."""
    rows = countries[countries["unhcr_region"].notna()]
    return dict(zip(rows["iso3"].astype(str), rows["unhcr_region"].astype(str)))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def region_code(scheme: str, region: str) -> str:
    """The code a region has in a link: 'unhcr-europe', 'wb-sub-saharan-africa' (never three capitals,
    so it cannot be taken for an ISO3 country code)."""
    return f"{scheme}-{slug(region)}"


def region_choices(memberships: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Link code -> (scheme, region name) for every region of every scheme."""
    return {region_code(scheme, region): (scheme, region)
            for scheme, members in memberships.items() for region in sorted(set(members.values()))}


def region_label(scheme: str, region: str) -> str:
    return _(REGION_LABELS["unhcr" if scheme == "unhcr" else "wb"]).format(region=region)


def members_of(membership: dict[str, str], region: str) -> list[str]:
    return sorted(code for code, name in membership.items() if name == region)


def regional_totals(values: pd.DataFrame, membership: dict[str, str]) -> pd.DataFrame:
    """Per-country figures (year, iso3, value) -> year, region, value (the sum of its countries' figures,
    missing when none has one), countries (how many have a figure). Codes without a region are not in
    any total: `without_region` lists them."""
    rows = values.assign(region=values["iso3"].map(membership)).dropna(subset=["region"])
    grouped = rows.groupby(["year", "region"])
    out = grouped["value"].sum(min_count=1).to_frame("value").join(grouped["value"].count().rename("countries"))
    return out.reset_index()


def without_region(values: pd.DataFrame, membership: dict[str, str]) -> pd.DataFrame:
    """The rows with a figure whose code has no region in this scheme (year, iso3, value)."""
    rows = values[~values["iso3"].isin(membership) & values["value"].notna()]
    rows = rows[["year", "iso3", "value"]].sort_values(["year", "value"], ascending=[True, False])
    return rows.reset_index(drop=True)


def without_region_note(values: pd.DataFrame, membership: dict[str, str], scheme: str, year: int,
                        label) -> str | None:
    """'Not in any World Bank region in 2025: Stateless (XXA) 1,234; ...' or None when every figure is in one
    (a figure of 0 adds nothing to any total, so it is not listed)."""
    rows = without_region(values[values["year"] == year], membership)
    rows = rows[rows["value"] != 0]
    if rows.empty:
        return None
    listed = "; ".join(f"{label(code)} ({code}): {exact(value)}" for code, value in zip(rows["iso3"], rows["value"]))
    return _(NOT_IN_ANY[scheme]).format(year=year, listed=listed)


def region_table(values: pd.DataFrame, memberships: dict[str, dict[str, str]], year: int) -> pd.DataFrame:
    """One year's totals by region in each scheme: scheme, region, people, countries (with a figure)."""
    parts = []
    for scheme, membership in memberships.items():
        totals = regional_totals(values[values["year"] == year], membership)
        parts.append(totals.assign(scheme=_(SCHEMES[scheme])))
    if not parts:
        return pd.DataFrame(columns=["scheme", "region", "people", "countries"])
    table = pd.concat(parts, ignore_index=True).rename(columns={"value": "people"})
    table["people"] = table["people"].astype("Int64")
    return table.sort_values(["scheme", "people"], ascending=[True, False],
                             na_position="last")[["scheme", "region", "people", "countries"]].reset_index(drop=True)


def from_country_rows(rows: pd.DataFrame, column: str = "total") -> pd.DataFrame:
    """A Countries-page table (countries.cross_border: year, iso3, total...) as per-country figures."""
    return pd.DataFrame({"year": rows["year"].astype("int64"), "iso3": rows["iso3"].astype(str),
                         "value": rows[column].astype("Float64")}).dropna(subset=["value"])


def region_table_caption(side: str, period: str, count_words: str) -> str:
    what = (_("{who} hosted in each region, {period}: the sum of its countries' figures (a stock).") if side == "asylum"
            else _("{who} from each region, {period}: the sum of its countries' figures (a stock)."))
    return " ".join([what.format(who=sentence_case(count_words), period=period),
                     _("Two ways of grouping the same countries: UNHCR's regions (its regional bureaux) and the World "
                       "Bank's; each adds up to the world total less the codes in no region, listed below. Compare "
                       "regions over time on the Compare page.")])


def region_table_headers() -> dict[str, str]:
    """The region table's column headers in the viewer's language, for the page's column configuration."""
    return {column: _(header) for column, header in REGION_TABLE_HEADERS.items()}
