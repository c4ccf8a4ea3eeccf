"""Pure pandas logic for the Trends, Countries and Flows pages (no Streamlit).

Rules kept here (DESIGN.md): missing is never zero (sums use min_count=1); by-origin and by-asylum
views are never summed together; published headline figures are kept beside the computed series,
never merged into it; non-country codes stay in tables with a label and are kept off maps.
"""

from __future__ import annotations

import pandas as pd

from displacement.formatting import chart_text as escape_markup  # noqa: F401  (chart labels: one escaper)
from displacement.formatting import exact as people  # noqa: F401  (key-figure tables: one formatter)
from displacement.storage.datasets import HEADLINE_COMPONENTS
from displacement.vocabulary import COUNTS, CROSS_BORDER, DEFAULT_COUNT

# Codes UNHCR uses that are not countries: kept in tables with a label, never drawn on a map.
NON_COUNTRY = {
    "UNK": "Unknown",
    "XXA": "Stateless",
    "TIB": "Tibetan",
    "AB9": "Abyei area",
}
NON_COUNTRY_NOTE = {
    "UNK": "origin or location unknown, not a country",
    "XXA": "no nationality, not a country",
    "TIB": "UNHCR code, not a country",
    "AB9": "disputed area, not a country",
}

# Series the Trends page offers: the five headline components, their sum, and stateless people
# (reported beside the headline, never inside it).
TREND_SERIES = [*HEADLINE_COMPONENTS, "forcibly_displaced_unhcr_basis", "forcibly_displaced", "stateless"]
TOTALS = ("forcibly_displaced_unhcr_basis", "forcibly_displaced")  # the headline and the plain sum
# Published headline columns (millions, as published) for each series.
PUBLISHED_COLUMNS = {
    "forcibly_displaced_unhcr_basis": "forcibly_displaced_m",  # UNHCR publishes its headline on its basis
    "refugees": "refugees_m",
    "palestine_refugees": "palestine_refugees_m",
    "asylum_seekers": "asylum_seekers_m",
    "oip": "oip_m",
    "idps_conflict": "idps_conflict_m",
    "stateless": "stateless_m",
}
# Years before this have no conflict-IDP estimate, so a share of the total would be a share of an
# incomplete total.
FIRST_COMPLETE_SHARE_YEAR = 1990


# ---------------------------------------------------------------- labels and codes

def is_country(iso3: str) -> bool:
    return iso3 not in NON_COUNTRY


def country_label(iso3: str, names: dict[str, str], compact: bool = False) -> str:
    """'Syrian Arab Rep.'; non-country codes say so: 'Stateless (XXA: no nationality, not a country)',
    or, compact (chart labels), 'Stateless (XXA, not a country)'."""
    if iso3 in NON_COUNTRY:
        name = names.get(iso3, NON_COUNTRY[iso3])
        return f"{name} ({iso3}, not a country)" if compact else f"{name} ({iso3}: {NON_COUNTRY_NOTE[iso3]})"
    return names.get(iso3, iso3)


def country_code(value: str | None, names: dict[str, str], allowed: set[str] | None = None) -> str | None:
    """A URL value -> ISO3 code: accepts a code in any case or the exact label shown in the app."""
    if value is None:
        return None
    allowed = set(names) if allowed is None else allowed
    code = value.strip().upper()
    if code in allowed:
        return code
    for iso3 in allowed:
        if country_label(iso3, names) == value:
            return iso3
    return None


def sentence_case(text: str) -> str:
    """The first letter upper-case, the rest as written ('refugees + OIP' -> 'Refugees + OIP')."""
    return text[:1].upper() + text[1:]


def period_label(year: int, period: str) -> str:
    return f"{str(period).split('-')[0]}-{int(year)}"


def period_date(year: int, period: str) -> pd.Timestamp:
    """The date a stock refers to: 31 December for end-year, 30 June for mid-year."""
    return pd.Timestamp(year=int(year), month=6 if str(period) == "mid-year" else 12,
                        day=30 if str(period) == "mid-year" else 31)


# ---------------------------------------------------------------- Trends

def trend_values(totals: pd.DataFrame, series: list[str], first: int, last: int, measure: str) -> pd.DataFrame:
    """One row per year in [first, last]: year, period, date and one column per series.

    measure: "people" (stocks as published in the data), "share" (% of the forcibly displaced
    total; only the five components, only from 1990 when every component but OIP exists), or
    "change" (change on the previous year-end; missing unless both year-ends have the figure).
    """
    table = blank_uncollected(totals.sort_values("year").reset_index(drop=True), series)
    out = table[["year", "period"]].copy()
    for name in series:
        values = table[name].astype("Float64")
        if measure == "share":
            if name not in HEADLINE_COMPONENTS:
                continue
            total = table["forcibly_displaced"].astype("Float64")
            share = values / total * 100
            share[table["year"] < FIRST_COMPLETE_SHARE_YEAR] = pd.NA
            out[name] = share
        elif measure == "change":
            out[name] = _change(table, name)
        else:
            out[name] = values
    out["date"] = [period_date(y, p) for y, p in zip(out["year"], out["period"])]
    return out[(out["year"] >= first) & (out["year"] <= last)].reset_index(drop=True)


def uncollected_years(totals: pd.DataFrame, series: list[str]) -> dict[str, tuple[int, int]]:
    """Series whose world total is exactly 0 in some years: UNHCR's database holds 0 where a figure
    was not collected (asylum-seekers before 1993, stateless people before 2004). Returns
    {series: (first year, last year)} of those years."""
    out = {}
    for name in series:
        if name not in totals or name in TOTALS:
            continue
        zero = totals.loc[totals[name].astype("Float64").fillna(-1) == 0, "year"]
        if len(zero):
            out[name] = (int(zero.min()), int(zero.max()))
    return out


def blank_uncollected(totals: pd.DataFrame, series: list[str]) -> pd.DataFrame:
    """A world total of exactly 0 means 'not collected', never 'nobody': make it missing."""
    table = totals.copy()
    for name in uncollected_years(table, series):
        column = table[name].astype("Float64")
        table[name] = column.mask(column == 0)
    return table


def _change(table: pd.DataFrame, name: str) -> pd.Series:
    """Change on the previous year-end: only between consecutive end-year figures, and for the total
    only where the same components are present in both years (a new component is not growth)."""
    values = table[name].astype("Float64")
    change = values.diff()
    comparable = (table["year"].diff() == 1) & (table["period"] == "end-year") & (table["period"].shift() == "end-year")
    if name in TOTALS:
        comparable &= table["components_missing"] == table["components_missing"].shift()
    change[~comparable.fillna(False).astype(bool)] = pd.NA
    return change


def published_points(headlines: pd.DataFrame, series: list[str], first: int, last: int) -> pd.DataFrame:
    """UNHCR's published headline figures for the chosen series, in people, one row per figure:
    series, year, period, period_label, date, value, value_m (as published), notes, sources."""
    rows = []
    chosen = headlines[(headlines["year"] >= first) & (headlines["year"] <= last)]
    for name in series:
        column = PUBLISHED_COLUMNS.get(name)
        if column is None or column not in chosen:
            continue
        for _, row in chosen[chosen[column].notna()].iterrows():
            rows.append({"series": name, "year": int(row["year"]), "period": row["period"],
                         "period_label": row["period_label"], "date": period_date(row["year"], row["period"]),
                         "value_m": float(row[column]), "value": float(row[column]) * 1_000_000,
                         "notes": row.get("notes"), "sources": row.get("sources")})
    columns = ["series", "year", "period", "period_label", "date", "value_m", "value", "notes", "sources"]
    return pd.DataFrame(rows, columns=columns)


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


# ---------------------------------------------------------------- Flows

def corridor_rows(corridors: pd.DataFrame, year: int, names: dict[str, str], side: str | None = None,
                  iso3: str | None = None) -> pd.DataFrame:
    """Bundled corridors for a year (optionally from one origin or to one asylum country), with
    labels and a total; sorted by total."""
    rows = corridors[corridors["year"] == year]
    out = rows[["year", "period", "origin_iso3", "asylum_iso3", *CROSS_BORDER]].copy()
    for column in CROSS_BORDER:
        out[column] = out[column].astype("Int64")
        if out[column].sum() == 0:  # 0 in every corridor of a year = not collected, not nobody
            out[column] = pd.array([pd.NA] * len(out), dtype="Int64")
    if side is not None:
        out = out[out[f"{side}_iso3"] == iso3]
    out["total"] = out[CROSS_BORDER].sum(axis=1, min_count=1).astype("Int64")
    out["origin_iso3"] = out["origin_iso3"].astype(str)
    out["asylum_iso3"] = out["asylum_iso3"].astype(str)
    out.insert(3, "origin", [country_label(c, names) for c in out["origin_iso3"]])
    out.insert(5, "asylum", [country_label(c, names) for c in out["asylum_iso3"]])
    return out.sort_values(["total", "origin", "asylum"], ascending=[False, True, True]).reset_index(drop=True)


OTHER = "Other countries"
SMALL = "Smaller corridors (under 1,000 people each, not itemised)"


def sankey_links(rows: pd.DataFrame, side: str, top: int,
                 country_total: dict[str, float] | None = None) -> pd.DataFrame:
    """Links for a Sankey from one country (side='origin') or to one (side='asylum'): the top N
    partner countries, the rest grouped as 'Other countries', and, when the country's total is
    given, the people in corridors too small to be bundled. One link per partner and population
    type: columns source, target, partner_count, part, value (people, > 0)."""
    if rows.empty:
        return pd.DataFrame(columns=["source", "target", "partner_count", "part", "value"])
    own = "origin" if side == "origin" else "asylum"
    partner = "asylum" if side == "origin" else "origin"
    country = rows[own].iloc[0]
    ranked = rows.sort_values(["total", partner], ascending=[False, True]).reset_index(drop=True)
    ranked["group"] = ranked[partner].where(ranked.index < top, OTHER)
    counts = ranked.groupby("group", sort=False).size()
    grouped = ranked.groupby("group", sort=False)[CROSS_BORDER].sum(min_count=1)
    links = []
    for group, parts in grouped.iterrows():
        for part in CROSS_BORDER:
            value = parts[part]
            if pd.notna(value) and value > 0:
                links.append({"partner": group, "partner_count": int(counts[group]), "part": part,
                              "value": float(value)})
    if country_total:
        in_corridors = rows[CROSS_BORDER].sum(min_count=1)
        for part in CROSS_BORDER:
            total, bundled = country_total.get(part), in_corridors.get(part)
            if total is None or pd.isna(total):
                continue
            rest = float(total) - (0.0 if pd.isna(bundled) else float(bundled))
            if rest > 0:
                links.append({"partner": SMALL, "partner_count": 0, "part": part, "value": rest})
    out = pd.DataFrame(links)
    if out.empty:
        return pd.DataFrame(columns=["source", "target", "partner_count", "part", "value"])
    if side == "origin":
        out["source"], out["target"] = country, out["partner"]
    else:
        out["source"], out["target"] = out["partner"], country
    return out[["source", "target", "partner_count", "part", "value"]]


def country_parts(table: pd.DataFrame, year: int, iso3: str) -> dict[str, float] | None:
    """A country's refugees, asylum-seekers and OIP for a year from by_origin or by_asylum (missing
    parts left out, never zero); None when the country has no row."""
    rows = table[(table["year"] == year) & (table["iso3"] == iso3)]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    return {part: float(row[part]) for part in CROSS_BORDER if pd.notna(row[part])}


# ---------------------------------------------------------------- citation-ready sentences


def according_to(parts: list[tuple[str, dict]]) -> str:
    """'according to <source> (<release>) and <source> (<release>), data retrieved 2026-06-25' from each
    source's name in words and its release manifest (release and retrieved_at), for the headline
    sentence of a page's share bar. Sources retrieved on different days each name their own day."""
    days = {str(manifest.get("retrieved_at") or "")[:10] for _, manifest in parts}
    one_day = len(days) == 1
    named = []
    for name, manifest in parts:
        details = [str(manifest["release"])] if manifest.get("release") else []
        if not one_day and manifest.get("retrieved_at"):
            details.append(f"data retrieved {str(manifest['retrieved_at'])[:10]}")
        named.append(f"{name} ({', '.join(details)})" if details else name)
    text = "according to " + (", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0])
    day = next(iter(days)) if one_day else ""
    return text + (f", data retrieved {day}" if day else "")
