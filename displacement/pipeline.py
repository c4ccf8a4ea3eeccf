"""Per source: raw rows -> validated tidy table -> the tables stored for the dashboard.

`BUILDERS` maps every registry id to the function that does this; the refresh and the snapshot
build both go through it, so a live payload and a bulk file take the same path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from displacement import plausibility, reshape
from displacement.sources import countries, idmc_gidd, published, unhcr, worldbank

Tables = dict[str, pd.DataFrame]
# Corridors kept in the store: enough for the flows page, small enough for the bundled snapshot.
CORRIDORS_SINCE = 2000
CORRIDORS_MIN_PEOPLE = 1000


def build_population(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = unhcr.tidy_population(raw, as_of)
    columns = reshape.POPULATION_COLUMNS
    return {
        "tidy": tidy,
        "totals": reshape.totals(tidy, columns),
        "by_origin": reshape.by_country(tidy, "origin", columns),
        "by_asylum": reshape.by_country(tidy, "asylum", columns),
        "corridors": reshape.corridors(tidy, CORRIDORS_SINCE, CORRIDORS_MIN_PEOPLE),
        "countries": reshape.country_names(raw) if len(raw) else pd.DataFrame(columns=["iso3", "name"]),
    }


def build_unrwa(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = unhcr.tidy_unrwa(raw, as_of)
    return {"tidy": tidy,
            "totals": reshape.totals(tidy, ["palestine_refugees"]),
            "by_asylum": reshape.by_country(tidy, "asylum", ["palestine_refugees"])}


def build_idmc(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = unhcr.tidy_idmc(raw, as_of)
    return {"tidy": tidy,
            "totals": reshape.totals(tidy, ["idps_conflict"]),
            "by_country": reshape.by_country(tidy, "origin", ["idps_conflict"])}


def build_solutions(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = unhcr.tidy_solutions(raw, as_of)
    columns = reshape.SOLUTION_COLUMNS
    return {"tidy": tidy,
            "totals": reshape.totals(tidy, columns),
            "by_origin": reshape.by_country(tidy, "origin", columns),
            "by_asylum": reshape.by_country(tidy, "asylum", columns)}


def build_asylum_applications(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = unhcr.tidy_asylum_applications(raw, as_of)
    return {"tidy": tidy,
            "by_origin": reshape.applications_by_country(tidy, "origin"),
            "by_asylum": reshape.applications_by_country(tidy, "asylum")}


def build_asylum_decisions(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = unhcr.tidy_asylum_decisions(raw, as_of)
    return {"tidy": tidy,
            "by_origin": reshape.decisions_by_country(tidy, "origin"),
            "by_asylum": reshape.decisions_by_country(tidy, "asylum")}


def build_demographics(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = unhcr.tidy_demographics(raw, as_of)
    return {"tidy": tidy, "by_asylum": reshape.demographics_by_asylum(tidy)}


def build_footnotes(raw: pd.DataFrame, as_of: date) -> Tables:
    return {"footnotes": unhcr.tidy_footnotes(raw, as_of)}


def build_worldbank_population(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = worldbank.tidy_worldbank_rows(raw)
    return {"tidy": tidy, "population": reshape.population_denominators(tidy)}


def build_idmc_gidd(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = idmc_gidd.tidy_gidd(raw)
    return {"tidy": tidy, "by_country": reshape.by_country(tidy, "asylum", reshape.GIDD_COLUMNS)}


def build_published_headlines(raw: pd.DataFrame, as_of: date) -> Tables:
    return {"headlines": published.tidy_headlines(raw)}


def build_headline_releases(raw: pd.DataFrame, as_of: date) -> Tables:
    return {"releases": published.tidy_releases(raw)}


def build_countries(raw: pd.DataFrame, as_of: date) -> Tables:
    return {"countries": countries.tidy_countries(raw)}


BUILDERS: dict[str, Callable[[pd.DataFrame, date], Tables]] = {
    "population": build_population,
    "unrwa": build_unrwa,
    "idmc": build_idmc,
    "solutions": build_solutions,
    "asylum-applications": build_asylum_applications,
    "asylum-decisions": build_asylum_decisions,
    "demographics": build_demographics,
    "footnotes": build_footnotes,
    "worldbank-population": build_worldbank_population,
    "idmc-gidd": build_idmc_gidd,
    "published-headlines": build_published_headlines,
    "headline-releases": build_headline_releases,
    "countries": build_countries,
}


def build(source_id: str, raw: pd.DataFrame, as_of: date) -> Tables:
    """The source's tables, through the plausibility gate's checks that need only this payload: no
    row twice, no year the source cannot have published by `as_of`, no world total above the people
    alive (each count is capped while parsing, before anything is summed)."""
    plausibility.check_payload(source_id, raw)
    tables = BUILDERS[source_id](raw, as_of)
    plausibility.check_tables(source_id, tables, as_of)
    return tables
