"""Every country's figures for a year: the codes that are not countries, refugees, asylum-seekers and OIP
by country of asylum or of origin, rankings on UNHCR's basis, ratios to population (no Streamlit).

Rules kept here (docs/decisions.md): missing is never zero (sums use min_count=1); by-origin and by-asylum
views are never summed together; non-country codes stay in tables with a label and are kept off maps.
"""

from __future__ import annotations

import pandas as pd

from displacement.formatting import chart_text as escape_markup  # noqa: F401  (chart labels: one escaper)
from displacement.formatting import exact as people  # noqa: F401  (key-figure tables: one formatter)
from displacement.text import _
from displacement.vocabulary import COUNTS, CROSS_BORDER, DEFAULT_COUNT, NON_COUNTRY, NON_COUNTRY_NOTE

# Series the Trends page offers: the five headline components, their sum, and stateless people
# (reported beside the headline, never inside it).
# ---------------------------------------------------------------- labels and codes

def is_country(iso3: str) -> bool:
    return iso3 not in NON_COUNTRY


def country_label(iso3: str, names: dict[str, str], compact: bool = False) -> str:
    """'Syrian Arab Rep.'; non-country codes say so: 'Stateless (XXA: no nationality, not a country)',
    or, compact (chart labels), 'Stateless (XXA, not a country)'."""
    if iso3 in NON_COUNTRY:
        name = names.get(iso3, _(NON_COUNTRY[iso3]))
        if compact:
            return _("{name} ({code}, not a country)").format(name=name, code=iso3)
        return _("{name} ({code}: {note})").format(name=name, code=iso3, note=_(NON_COUNTRY_NOTE[iso3]))
    return names.get(iso3, iso3)


# ---------------------------------------------------------------- Countries

def cross_border(table: pd.DataFrame, year: int, names: dict[str, str], count: str = DEFAULT_COUNT) -> pd.DataFrame:
    """Refugees, asylum-seekers and OIP per country for one year, from a by_origin or by_asylum
    table (never both together): iso3, country (label), is_country, the three parts, and `total`, the
    sum of the parts the count takes (vocabulary.COUNTS: refugees + OIP, UNHCR's basis, by default),
    sorted by total. Rows with none of the three figures are dropped (no data, not zero)."""
    rows = table[table["year"] == year]
    if rows.empty:
        return _empty_cross_border()
    # The latest year may hold mid-year rows beside end-year ones: keep the latest period only.
    if rows["period"].nunique() > 1:
        rows = rows[rows["period"] == ("end-year" if (rows["period"] == "end-year").any() else rows["period"].iloc[0])]
    out = rows[["year", "period", "iso3", *CROSS_BORDER]].copy()
    for column in CROSS_BORDER:
        out[column] = out[column].astype("Int64")
        if out[column].sum() == 0:  # 0 everywhere in a year = not collected that year, not nobody
            out[column] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["total"] = out[COUNTS[count]].sum(axis=1, min_count=1).astype("Int64")
    out = out[out[CROSS_BORDER].notna().any(axis=1)]
    out["iso3"] = out["iso3"].astype(str)
    out.insert(3, "country", [country_label(c, names) for c in out["iso3"]])
    out.insert(4, "is_country", [is_country(c) for c in out["iso3"]])
    return out.sort_values(["total", "country"], ascending=[False, True], na_position="last").reset_index(drop=True)


def ranking(table: pd.DataFrame, year: int, names: dict[str, str], count: str = DEFAULT_COUNT,
            top: int | None = None) -> pd.DataFrame:
    """Countries in order of `total` for the count (UNHCR's basis by default), non-country codes (UNK,
    XXA...) left out as UNHCR's own rankings leave them out; `rank` from 1."""
    rows = cross_border(table, year, names, count)
    rows = rows[rows["is_country"].astype(bool) & rows["total"].notna()].reset_index(drop=True)
    rows.insert(0, "rank", range(1, len(rows) + 1))
    return rows if top is None else rows.head(top)


def _empty_cross_border() -> pd.DataFrame:
    return pd.DataFrame({"year": pd.Series(dtype="int64"), "period": pd.Series(dtype="string"),
                         "iso3": pd.Series(dtype="string"), "country": pd.Series(dtype="string"),
                         "is_country": pd.Series(dtype=bool),
                         **{c: pd.Series(dtype="Int64") for c in [*CROSS_BORDER, "total"]}})


def population_for(population: pd.DataFrame, year: int) -> pd.DataFrame:
    """World Bank population per country for `year`, or the latest earlier year where that year has
    none: iso3, population, population_year (the year actually used)."""
    rows = population[(population["year"] <= year) & population["population"].notna()]
    if rows.empty:
        return pd.DataFrame({"iso3": pd.Series(dtype="string"), "population": pd.Series(dtype="Int64"),
                             "population_year": pd.Series(dtype="Int64")})
    latest = rows.sort_values("year").groupby("iso3", as_index=False).last()
    return pd.DataFrame({"iso3": latest["iso3"].astype(str), "population": latest["population"].astype("Int64"),
                         "population_year": latest["year"].astype("Int64")})


def with_population(rows: pd.DataFrame, population: pd.DataFrame, year: int) -> pd.DataFrame:
    """Add population (World Bank, same year or latest earlier), per 1,000 inhabitants and share
    of the population (%). Non-country codes and countries without a figure get no ratio."""
    pop = population_for(population, year)
    out = rows.merge(pop, on="iso3", how="left")
    out.loc[~out["is_country"].astype(bool), ["population", "population_year"]] = pd.NA
    ratio = out["total"].astype("Float64") / out["population"].astype("Float64")
    out["per_1000"] = (ratio * 1000).round(2)
    out["share_pct"] = (ratio * 100).round(3)
    return out


def population_years_used(rows: pd.DataFrame, year: int) -> list[int]:
    """The World Bank years actually used for `year` other than `year` itself (for the notice)."""
    used = rows["population_year"].dropna().astype("int64")
    return sorted(set(used[used != year].tolist()))


def top_countries(rows: pd.DataFrame, n: int) -> pd.DataFrame:
    return rows.sort_values(["total", "country"], ascending=[False, True]).head(n).reset_index(drop=True)


def filter_rows(rows: pd.DataFrame, text: str | None, columns: tuple[str, ...] = ("country", "iso3")) -> pd.DataFrame:
    """Case-insensitive literal match on any of `columns` (no regular expressions from the URL)."""
    text = (text or "").strip().lower()
    if not text:
        return rows
    mask = pd.Series(False, index=rows.index)
    for column in columns:
        mask |= rows[column].astype(str).str.lower().str.contains(text, regex=False)
    return rows[mask]


def map_rows(rows: pd.DataFrame, value: str) -> pd.DataFrame:
    """Rows that can go on a map: real countries with a figure for `value`."""
    keep = rows["is_country"].astype(bool) & rows[value].notna()
    return rows[keep].reset_index(drop=True)


def classify(values: pd.Series, bins: list[float], labels: list[str]) -> pd.Series:
    """Bin values into labelled classes (right-open: [a, b))."""
    return pd.cut(values.astype("float64"), bins=bins, labels=labels, right=False).astype("string")
