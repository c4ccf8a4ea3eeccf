"""The figures for one year, world-wide or for one country: what `summary --json` prints and the
dashboard's headline cards read."""

from __future__ import annotations

import pandas as pd

from displacement.datasets import Datasets, country_names, headline_totals

SUMMARY_SOURCES = ["population", "unrwa", "idmc", "published-headlines"]
COUNTRY_SOURCES = ["population", "idmc", "worldbank-population"]


class SummaryError(ValueError):
    """An unknown country or a year outside the data."""


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def world_summary(data: Datasets, year: int) -> dict:
    totals = headline_totals(data)
    row = _row_for_year(totals, year)
    return {
        "year": year,
        "period": f"{row['period'].split('-')[0]}-{year}",
        "forcibly_displaced": _int(row["forcibly_displaced"]),
        "forcibly_displaced_published": published_headline(data, year, row["period"]),
        "refugees": _int(row["refugees"]),
        "palestine_refugees": _int(row["palestine_refugees"]),
        "asylum_seekers": _int(row["asylum_seekers"]),
        "other_in_need_of_international_protection": _int(row["oip"]),
        "idps_conflict": _int(row["idps_conflict"]),
        "stateless": _int(row["stateless"]),
        "components_missing": [c for c in row["components_missing"].split(";") if c],
        "sources": sources_block(data, SUMMARY_SOURCES),
    }


def _row_for_year(totals: pd.DataFrame, year: int) -> pd.Series:
    rows = totals[totals["year"] == year]
    if rows.empty:
        first, last = int(totals["year"].min()), int(totals["year"].max())
        raise SummaryError(f"no figures for {year}: the data cover {first} to {last}")
    return rows.iloc[0]


def published_headline(data: Datasets, year: int, period: str) -> float | None:
    """UNHCR's published headline in people (as published, in rounded millions), or None."""
    headlines = data.table("published-headlines", "headlines")
    match = headlines[(headlines["year"] == year) & (headlines["period"] == period)]
    value = match["forcibly_displaced_m"].iloc[0] if len(match) else None
    return None if value is None or pd.isna(value) else int(round(value * 1_000_000))


def country_summary(data: Datasets, year: int, iso3: str) -> dict:
    iso3 = iso3.strip().upper()
    names = country_names(data)
    if iso3 not in names:
        raise SummaryError(f"unknown country code {iso3!r}: use an ISO3 code such as UKR, SYR or DEU")
    _row_for_year(headline_totals(data), year)
    hosted = _protection_sum(data.table("population", "by_asylum"), iso3, year)
    originated = _protection_sum(data.table("population", "by_origin"), iso3, year)
    population, population_year = _population(data, iso3, year)
    return {
        "year": year, "country": iso3,
        "name": names[iso3],
        "hosted": hosted, "originated": originated,
        "idps_conflict": _idps_conflict(data, iso3, year),
        "population": population, "population_year": population_year,
        "hosted_per_1000": None if hosted is None or not population else round(hosted / population * 1000, 2),
        "sources": sources_block(data, COUNTRY_SOURCES),
    }


def _protection_sum(table: pd.DataFrame, iso3: str, year: int) -> int | None:
    rows = table[(table["iso3"] == iso3) & (table["year"] == year)]
    if rows.empty:
        return None
    return _int(rows[PROTECTION_TYPES].sum(axis=1, min_count=1).sum(min_count=1))


def _idps_conflict(data: Datasets, iso3: str, year: int) -> int | None:
    table = data.table("idmc", "by_country")
    rows = table[(table["iso3"] == iso3) & (table["year"] == year)]
    return _int(rows["idps_conflict"].sum(min_count=1)) if len(rows) else None


def _population(data: Datasets, iso3: str, year: int) -> tuple[int | None, int | None]:
    """The World Bank population for that year, or the latest year before it (it lags a year)."""
    table = data.table("worldbank-population", "population")
    rows = table[(table["iso3"] == iso3) & (table["year"] <= year)].sort_values("year")
    if rows.empty:
        return None, None
    last = rows.iloc[-1]
    return _int(last["population"]), int(last["year"])


def sources_block(data: Datasets, source_ids: list[str]) -> list[dict]:
    block = []
    for source_id in source_ids:
        manifest = data.manifest(source_id)
        block.append({"id": source_id, "title": manifest["title"], "publisher": manifest["publisher"],
                      "licence": manifest["licence"], "release": manifest["release"],
                      "retrieved_at": manifest["retrieved_at"], "citation": manifest["citation"],
                      "from": data.origin[source_id]})
    return block
