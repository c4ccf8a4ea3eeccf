"""The figures for one year, world-wide or for one country: what `summary --json` prints and the
dashboard's headline cards read."""

from __future__ import annotations

import pandas as pd

from displacement.storage.datasets import Datasets, country_names, headline_totals
from displacement.text import _
from displacement.vocabulary import COUNTS, CROSS_BORDER, DEFAULT_COUNT, count_words

SUMMARY_SOURCES = ["population", "unrwa", "idmc", "published-headlines"]
COUNTRY_SOURCES = ["population", "unrwa", "idmc", "idmc-gidd", "worldbank-population", "countries"]
# The IDP measures, as `summary --json` and the API name them (English, as the command line; pages word them).
CONFLICT_STOCK = "conflict and violence (stock)"  # not text: a key of the command line's output
DISASTER_STOCK = "disasters (stock)"


class SummaryError(ValueError):
    """An unknown country or a year outside the data."""


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def world_summary(data: Datasets, year: int) -> dict:
    """The world's figures for a year: the headline on UNHCR's basis (the figure to quote), the plain sum
    of its five components and the Gaza overlap between them, UNHCR's published figure for the same
    period (or None), the components and stateless people (beside, never inside)."""
    totals = headline_totals(data)
    row = _row_for_year(totals, year)
    return {
        "year": year,
        "period": f"{row['period'].split('-')[0]}-{year}",
        "forcibly_displaced_unhcr_basis": _int(row["forcibly_displaced_unhcr_basis"]),
        "forcibly_displaced_sum_of_components": _int(row["forcibly_displaced"]),
        "gaza_overlap": _int(row["gaza_overlap"]),
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


def ranking(data: Datasets, year: int, side: str, top: int, with_asylum_seekers: bool = False) -> dict:
    """`rank`: the first `top` countries by people hosted (side 'asylum') or from them ('origin') in a year, on
    UNHCR's basis (refugees + OIP) unless asylum-seekers are added; ISO3 codes, names and every part."""
    from displacement.figures.countries import ranking as ranked
    if top < 1:
        raise SummaryError(f"--top must be 1 or more, not {top}")  # not text: the command line's option
    table = data.table("population", f"by_{side}")
    if year not in set(table["year"]):
        first, last = int(table["year"].min()), int(table["year"].max())
        raise SummaryError(_("no figures for {year}: the data cover {first} to {last}").format(
            year=year, first=first, last=last))
    count = "with-asylum-seekers" if with_asylum_seekers else DEFAULT_COUNT
    rows = ranked(table, year, country_names(data), count, top)
    return {"year": year, "period": cross_period(rows, year), "side": side, "count": count_words(count),
            "countries": [{"rank": int(r["rank"]), "iso3": r["iso3"], "name": r["country"], "total": _int(r["total"]),
                           **{part: _int(r[part]) for part in CROSS_BORDER}} for __, r in rows.iterrows()],
            "sources": sources_block(data, ["population", "countries"])}


def cross_period(rows: pd.DataFrame, year: int) -> str:
    return f"{str(rows['period'].iloc[0]).split('-')[0]}-{year}" if len(rows) else f"end-{year}"


def _row_for_year(totals: pd.DataFrame, year: int) -> pd.Series:
    rows = totals[totals["year"] == year]
    if rows.empty:
        first, last = int(totals["year"].min()), int(totals["year"].max())
        raise SummaryError(_("no figures for {year}: the data cover {first} to {last}").format(
            year=year, first=first, last=last))
    return rows.iloc[0]


def published_headline(data: Datasets, year: int, period: str) -> float | None:
    """UNHCR's published headline in people (as published, in rounded millions), or None."""
    headlines = data.table("published-headlines", "headlines")
    match = headlines[(headlines["year"] == year) & (headlines["period"] == period)]
    value = match["forcibly_displaced_m"].iloc[0] if len(match) else None
    return None if value is None or pd.isna(value) else round(value * 1_000_000)


def country_summary(data: Datasets, year: int, iso3: str) -> dict:
    """One country's figures for a year. People who fled it (`by_origin`) and people it hosts
    (`by_asylum`), each as refugees, asylum-seekers and OIP apart, refugees + OIP (UNHCR's basis for
    rankings and per-capita figures) and all three; its IDPs from each source with the year each holds;
    hosted per 1,000 residents on both counts. Missing stays None, never 0."""
    iso3 = iso3.strip().upper()
    names = country_names(data)
    if iso3 not in names:
        raise SummaryError(_("unknown country code {code}: use an ISO3 code such as UKR, SYR or DEU").format(
            code=repr(iso3)))
    row = _row_for_year(headline_totals(data), year)
    hosted = _cross_border(data.table("population", "by_asylum"), iso3, year)
    population, population_year = _population(data, iso3, year)
    return {
        "year": year, "period": f"{row['period'].split('-')[0]}-{year}", "country": iso3, "name": names[iso3],
        "by_asylum": hosted, "by_origin": _cross_border(data.table("population", "by_origin"), iso3, year),
        "palestine_refugees_hosted": _value_in(data.table("unrwa", "by_asylum"), iso3, year, "palestine_refugees"),
        "idps": internally_displaced(data, iso3, year),
        "population": population, "population_year": population_year,
        "hosted_per_1000": _per_1000(hosted["refugees_and_oip"], population),
        "hosted_per_1000_with_asylum_seekers": _per_1000(hosted["with_asylum_seekers"], population),
        "sources": sources_block(data, COUNTRY_SOURCES),
    }


def _cross_border(table: pd.DataFrame, iso3: str, year: int) -> dict:
    rows = table[(table["iso3"] == iso3) & (table["year"] == year)]
    parts = {part: _int(rows[part].sum(min_count=1)) if len(rows) else None for part in CROSS_BORDER}
    return {**parts, "refugees_and_oip": _sum(parts[p] for p in COUNTS["refugees-and-oip"]),
            "with_asylum_seekers": _sum(parts[p] for p in COUNTS["with-asylum-seekers"])}


def _sum(values) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _per_1000(people: int | None, population: int | None) -> float | None:
    return None if people is None or not population else round(people / population * 1000, 2)


def _value_in(table: pd.DataFrame, iso3: str, year: int | None, column: str) -> int | None:
    rows = table[(table["iso3"] == iso3) & (table["year"] == year)]
    return _int(rows[column].sum(min_count=1)) if len(rows) else None


def internally_displaced(data: Datasets, iso3: str, year: int) -> list[dict]:
    """The country's IDP stocks from each source, each with the year it is for: IDMC's conflict figure as
    UNHCR serves it (the headline's; to the latest year), and IDMC's own database (GIDD; its release may
    end earlier), conflict and disasters apart. GIDD gives its latest year up to `year`."""
    found = [{"source": "idmc", "measure": CONFLICT_STOCK, "year": year,
              "value": _value_in(data.table("idmc", "by_country"), iso3, year, "idps_conflict")}]
    gidd = data.table("idmc-gidd", "by_country")
    for column, measure in (("idps_conflict_stock", CONFLICT_STOCK), ("idps_disaster_stock", DISASTER_STOCK)):
        rows = gidd[(gidd["iso3"] == iso3) & (gidd["year"] <= year) & gidd[column].notna()]
        latest = int(rows["year"].max()) if len(rows) else None
        found.append({"source": "idmc-gidd", "measure": measure, "year": latest,
                      "value": _value_in(gidd, iso3, latest, column)})
    return found


def _population(data: Datasets, iso3: str, year: int) -> tuple[int | None, int | None]:
    """The World Bank population for that year, or the latest year before it (it lags a year)."""
    table = data.table("worldbank-population", "population")
    rows = table[(table["iso3"] == iso3) & (table["year"] <= year)].sort_values("year")
    if rows.empty:
        return None, None
    last = rows.iloc[-1]
    return _int(last["population"]), int(last["year"])


# The sources of a country summary as the command line's JSON gives them (with "id" and "from").
SUMMARY_FIELDS = ("title", "publisher", "licence", "release", "retrieved_at", "citation")


def sources_block(data: Datasets, source_ids: list[str]) -> list[dict]:
    block = []
    for source_id in source_ids:
        manifest = data.manifest(source_id)
        record = manifest.source_record()
        block.append({"id": source_id, **{key: record[key] for key in SUMMARY_FIELDS}, "from": data.origin[source_id]})
    return block
