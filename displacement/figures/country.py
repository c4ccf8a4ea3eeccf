"""Figures for one country (the country profile); internal displacement (IDMC GIDD) is in idps.py.

Plain pandas, no Streamlit. The rules the pages rely on:
- missing stays missing: sums use min_count=1, and a country or year without rows gives NA or an
  empty frame, never 0;
- by-origin (people FROM a country) and by-asylum (people HOSTED in it) are never added together;
- stocks (people displaced at a date) and flows (movements, returns, decisions during a year) are
  never added together;
- rows counted in persons and rows counted in cases are never added together.
"""

from __future__ import annotations

import pandas as pd

from displacement.formatting import millions
from displacement.text import N_, _
from displacement.vocabulary import COUNTS, DEFAULT_COUNT, country_names_in_language
from displacement.vocabulary import CROSS_BORDER as PROTECTION_TYPES

DECISION_COLUMNS = ["recognized", "complementary", "rejected", "closed", "total"]
UNITS = ["persons", "cases"]

# Codes in IDMC's GIDD that UNHCR's country list does not name (names as in IDMC's own export: the data's
# English names, given in the viewer's language by names_with_extras).
EXTRA_NAMES = {
    "AB9": "Abyei Area", "ASM": "American Samoa", "GRL": "Greenland", "GUM": "Guam",  # not text: data
    "IMN": "Isle of Man", "JEY": "Jersey", "MAF": "St. Martin (French part)",  # not text: data
    "MNP": "Northern Mariana Islands", "MYT": "Mayotte", "REU": "Réunion", "TWN": "Taiwan, China",  # not text: data
    "VIR": "Virgin Islands", "XKX": "Kosovo",  # not text: data
}
# Codes that are not countries: never a default, never in a "top countries" list without a label.
NOT_COUNTRIES = {"UNK", "XXA", "TIB", "AB9"}

# UNHCR asylum application types (the API's app_type codes), in words.
APPLICATION_TYPES = {
    "N": N_("new"), "R": N_("repeat or reopened"), "A": N_("appeal"), "J": N_("judicial review"),
    "NA": N_("new and appeal (not distinguished)"), "NR": N_("new and repeat (not distinguished)"),
    "RA": N_("repeat and appeal (not distinguished)"), "FA": N_("first instance and appeal (not distinguished)"),
    "SP": N_("subsequent"), "V": N_("various or unknown"),
}

RECOGNITION_RATE_DEFINITION = N_(
    "Total recognition rate (UNHCR's definition): decisions granting refugee status or a complementary form "
    "of protection, divided by all substantive decisions, i.e. (recognised + complementary protection) / "
    "(recognised + complementary protection + rejected). Cases closed for other reasons (withdrawn, abandoned, "
    "no decision on the merits) are left out of both parts.")
# How latest_words dates a figure: a stock at the end of a year, or a flow during a year (the keys are the
# callers' names for the two, kept from when they were glued before the year).
STOCK_DATE, FLOW_DATE = "at end-", "in "  # not text: keys
LATEST_FIGURE = {STOCK_DATE: N_("{series}: {figure} at end-{year}"), FLOW_DATE: N_("{series}: {figure} in {year}")}


def rows_of(table: pd.DataFrame, iso3: str, column: str = "iso3") -> pd.DataFrame:
    rows = table[(table[column] == iso3).fillna(False).astype(bool)]
    return rows.sort_values("year").reset_index(drop=True) if "year" in rows else rows.reset_index(drop=True)


def as_int(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].astype("Int64")
    return frame


def has_data(frame: pd.DataFrame, columns: list[str]) -> bool:
    """Whether any of these columns holds a figure (NA everywhere, or no rows, is 'no data')."""
    return not frame.empty and bool(frame[columns].notna().to_numpy().any())


def latest_value(frame: pd.DataFrame, column: str) -> tuple[int | None, object]:
    """(year, value) of the latest year with a figure in `column`, or (None, None)."""
    rows = frame[frame[column].notna()] if column in frame else frame.iloc[0:0]
    if rows.empty:
        return None, None
    last = rows.sort_values("year").iloc[-1]
    return int(last["year"]), last[column]


def latest_words(frame: pd.DataFrame, series: list[tuple[str, str]], when_prefix: str, lower: bool = False) -> str:
    """'Conflict and violence: 6.3 million at end-2024; Disasters: no data' for a chart's alternative text.
    `series`: (column, words in the viewer's language); `when_prefix`: STOCK_DATE or FLOW_DATE."""
    parts = []
    for column, text in series:
        text = text.lower() if lower else text
        when, value = latest_value(frame, column)
        parts.append(_(LATEST_FIGURE[when_prefix]).format(series=text, figure=millions(value), year=when) if when
                     else _("{series}: no data").format(series=text))
    return "; ".join(parts)


# --- people FROM a country / HOSTED in it ---------------------------------------------------------

def protection_trend(table: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Refugees, asylum-seekers and OIP by year from population by_origin (people FROM the country)
    or by_asylum (people HOSTED in it), with their sum (`total`, NA when all three are missing).
    Call once per table: the two views count the same people from two sides and are never summed."""
    rows = rows_of(table, iso3)[["year", "period", *PROTECTION_TYPES]].copy()
    rows = as_int(rows, PROTECTION_TYPES)
    rows["total"] = rows[PROTECTION_TYPES].sum(axis=1, min_count=1).astype("Int64")
    return rows


def palestine_refugees_in(unrwa_by_asylum: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Palestine refugees registered with UNRWA in the country (Gaza and the West Bank, Jordan, Lebanon,
    Syria), by year. They are under UNRWA's mandate, so not in the UNHCR refugee figures."""
    rows = rows_of(unrwa_by_asylum, iso3)[["year", "period", "palestine_refugees"]].copy()
    return as_int(rows, ["palestine_refugees"])


def hosted_per_1000(by_asylum: pd.DataFrame, population: pd.DataFrame, iso3: str,
                    count: str = DEFAULT_COUNT) -> pd.DataFrame:
    """People hosted per 1,000 inhabitants, by year: refugees + OIP (UNHCR's basis) unless `count` adds
    asylum-seekers. The World Bank series ends earlier than UNHCR's, so each year uses the latest
    population year up to it (`population_year` says which); years before the first population figure
    are dropped."""
    trend = protection_trend(by_asylum, iso3)
    trend["hosted"] = trend[COUNTS[count]].sum(axis=1, min_count=1).astype("Int64")
    hosted = trend[["year", "period", "hosted"]].dropna(subset=["hosted"])
    people = rows_of(population, iso3)[["year", "population"]].dropna()
    people = people.rename(columns={"year": "population_year"}).astype({"population_year": "int64"})
    if hosted.empty or people.empty:
        return pd.DataFrame(columns=["year", "period", "hosted", "population", "population_year", "per_1000"])
    hosted = hosted.sort_values("year")
    merged = pd.merge_asof(hosted.astype({"year": "int64"}), people.sort_values("population_year"),
                           left_on="year", right_on="population_year", direction="backward")
    merged = merged.dropna(subset=["population_year"]).copy()
    merged["population_year"] = merged["population_year"].astype("int64")
    merged["population"] = merged["population"].astype("Int64")
    merged["per_1000"] = merged["hosted"].astype("Float64") / merged["population"].astype("Float64") * 1000
    return merged[["year", "period", "hosted", "population", "population_year", "per_1000"]].reset_index(drop=True)


# --- solutions ----------------------------------------------------------------------------------

def returns_trend(solutions_by_origin: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Refugees who returned to the country and IDPs who returned home in it, during each year (flows).
    UNHCR's solutions table (identical to population by_origin where both report; NA = not reported)."""
    rows = rows_of(solutions_by_origin, iso3)[["year", "period", "returned_refugees", "returned_idps"]].copy()
    return as_int(rows, ["returned_refugees", "returned_idps"])


def solutions_in_country(solutions_by_asylum: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Refugees resettled to the country and refugees naturalised by it, during each year (flows)."""
    rows = rows_of(solutions_by_asylum, iso3)[["year", "period", "resettlement", "naturalisation"]].copy()
    return as_int(rows, ["resettlement", "naturalisation"])


# --- asylum -------------------------------------------------------------------------------------

def applications(table: pd.DataFrame, iso3: str, app_type: str = "N") -> pd.DataFrame:
    """Asylum applications of one type (N = new) by year, persons and cases in separate columns
    (never added). From by_asylum: lodged in the country; from by_origin: lodged by its nationals."""
    rows = rows_of(table, iso3)
    rows = rows[(rows["app_type"] == app_type).fillna(False).astype(bool)]
    if rows.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "persons": pd.Series(dtype="Int64"),
                             "cases": pd.Series(dtype="Int64")})
    wide = (rows.assign(unit=rows["unit"].astype(str))
            .pivot_table(index="year", columns="unit", values="applied", aggfunc=lambda s: s.sum(min_count=1))
            .reindex(columns=UNITS))
    wide.columns.name = None
    return as_int(wide.reset_index(), UNITS)


def application_types(table: pd.DataFrame, iso3: str, year: int) -> pd.DataFrame:
    """Every application type and unit reported for the country in one year (for the 'other types' note)."""
    rows = rows_of(table, iso3)
    rows = rows[rows["year"] == year][["app_type", "unit", "applied"]].copy()
    rows["type"] = rows["app_type"].astype(str).map(lambda t: _(APPLICATION_TYPES[t]) if t in APPLICATION_TYPES else t)
    return rows.reset_index(drop=True)


def recognition_rate(recognized, complementary, rejected) -> float | None:
    """(recognised + complementary) / (recognised + complementary + rejected), as a share 0..1.
    None when any part is missing or there is no substantive decision."""
    parts = [recognized, complementary, rejected]
    if any(p is None or pd.isna(p) for p in parts):
        return None
    positive = float(recognized) + float(complementary)
    substantive = positive + float(rejected)
    return None if substantive <= 0 else positive / substantive


def decisions(table: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Asylum decisions by year and unit (persons and cases kept in separate rows), with the total
    recognition rate per row (see RECOGNITION_RATE_DEFINITION)."""
    rows = rows_of(table, iso3)[["year", "period", "unit", *DECISION_COLUMNS]].copy()
    rows["unit"] = rows["unit"].astype(str)
    rows = as_int(rows, DECISION_COLUMNS)
    rows["recognition_rate"] = pd.array(
        [recognition_rate(r, c, j) for r, c, j in zip(rows["recognized"], rows["complementary"], rows["rejected"])],
        dtype="Float64")
    return rows.sort_values(["year", "unit"]).reset_index(drop=True)


# --- notes and choices ---------------------------------------------------------------------------

def country_footnotes(footnotes: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """UNHCR's footnotes that concern the country as origin or as asylum country."""
    origin = (footnotes["origin_iso3"] == iso3).fillna(False).astype(bool)
    asylum = (footnotes["asylum_iso3"] == iso3).fillna(False).astype(bool)
    rows = footnotes[origin | asylum].copy()
    rows["role"] = ["origin and asylum" if o and a else "origin" if o else "asylum"  # not text: keys
                    for o, a in zip(origin[origin | asylum], asylum[origin | asylum])]
    columns = ["year_text", "role", "origin_iso3", "asylum_iso3", "population_type", "footnote"]
    return rows[columns].sort_values(["year_text", "footnote"]).reset_index(drop=True)


def default_country(by_origin: pd.DataFrame, codes) -> str:
    """The country most people had fled from in the latest year (a neutral, data-driven default)."""
    latest = by_origin["year"].max()
    table = by_origin[(by_origin["year"] == latest)].copy()
    table = table[table["iso3"].isin(set(codes) - NOT_COUNTRIES).fillna(False).astype(bool)]
    table["total"] = table[PROTECTION_TYPES].sum(axis=1, min_count=1).astype("Float64")
    return str(table.sort_values("total", ascending=False).iloc[0]["iso3"])


def names_with_extras(names: dict[str, str], codes) -> dict[str, str]:
    """A name for every code: UNHCR's country list, then IDMC's names (in the viewer's language where CLDR
    has one), then the code itself."""
    extras = country_names_in_language(EXTRA_NAMES)
    return {code: names.get(code) or extras.get(code) or code for code in codes}
