"""UNHCR's published headline figures (Global Trends, Mid-Year Trends), kept beside the computed
series and never overwriting it. Values are in millions, as published, with the pages they came from."""

from __future__ import annotations

from datetime import date
from functools import cache

import pandas as pd

from displacement.ingest.schema import ValidationError

SOURCE = "published-headlines"
MILLION_COLUMNS = {
    "forcibly_displaced_total_m": "forcibly_displaced_m",
    "refugees_total_m": "refugees_incl_unrwa_oip_m",
    "refugees_unhcr_mandate_m": "refugees_m",
    "palestine_refugees_unrwa_m": "palestine_refugees_m",
    "oip_or_venezuelans_displaced_abroad_m": "oip_m",
    "idps_m": "idps_conflict_m",
    "asylum_seekers_m": "asylum_seekers_m",
    "stateless_reported_m": "stateless_m",
}


@cache
def headline_schema():
    """The published headline table's schema."""
    import pandera.pandas as pa  # here, not at import: the dashboard only reads stored tables

    return pa.DataFrameSchema({
        "period_label": pa.Column(str, pa.Check.str_matches(r"^(end|mid)-\d{4}$"), unique=True),
        "year": pa.Column("int64"),
        "period": pa.Column(str, pa.Check.isin(["end-year", "mid-year"])),
        **{name: pa.Column("float64", pa.Check.in_range(0, 1000), nullable=True) for name in MILLION_COLUMNS.values()},
        "sources": pa.Column(str),
        "notes": pa.Column(str, nullable=True),
    })


def _millions(raw: pd.DataFrame, column: str) -> pd.Series:
    """Numbers in millions; an empty cell is 'not stated', anything else that is not a number is refused."""
    text = raw[column].astype("string").str.strip()
    values = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & (text != "") & values.isna()
    if bad.any():
        first = bad[bad].index[0]
        raise ValidationError(SOURCE, column, f"is not a number of millions: {raw.loc[first, column]!r}",
                              raw.loc[first].to_dict())
    return values.astype("float64")


def tidy_headlines(raw: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ["period", *MILLION_COLUMNS, "sources"] if c not in raw.columns]
    if missing:
        raise ValidationError(SOURCE, missing[0], "is missing from the headline figures file")
    label = raw["period"].astype("string").str.strip()
    table = pd.DataFrame({
        "period_label": label,
        "year": pd.to_numeric(label.str[-4:], errors="coerce").astype("Int64"),
        "period": label.str.startswith("mid").map({True: "mid-year", False: "end-year"}).astype("string"),
    })
    for column, name in MILLION_COLUMNS.items():
        table[name] = _millions(raw, column)
    table["sources"] = raw["sources"].astype("string")
    table["notes"] = raw["notes"].astype("string") if "notes" in raw else pd.NA
    from pandera.errors import SchemaError  # pandera is loaded by the schema, not at import
    try:
        table = headline_schema().validate(table.astype({"year": "int64"}), lazy=False)
    except (SchemaError, ValueError, TypeError) as error:
        raise ValidationError(SOURCE, "period", f"does not fit: {error}") from None
    return table


# --- the headline components as each release of UNHCR's data had them ---------------------------

RELEASES_SOURCE = "headline-releases"
RELEASE_COMPONENTS = {
    "refugees_unhcr_mandate": "refugees",
    "palestine_refugees_unrwa": "palestine_refugees",
    "asylum_seekers": "asylum_seekers",
    "other_people_in_need_of_intl_protection": "oip",
    "idps_idmc_conflict": "idps_conflict",
    "stateless": "stateless",
}
RELEASE_SUM = "forcibly_displaced_sum_no_overlap_adjustment"
RELEASE_COLUMNS = ["release", "package_version", "package_commit", "commit_date", "data_year", "period",
                   *RELEASE_COMPONENTS, RELEASE_SUM, "note"]


@cache
def releases_schema():
    """The release history table's schema."""
    import pandera.pandas as pa  # here, not at import: the dashboard only reads stored tables

    return pa.DataFrameSchema({
        "release": pa.Column(str),
        "released_on": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
        "year": pa.Column("int64", pa.Check.in_range(1951, 2100)),
        "period": pa.Column(str, pa.Check.isin(["end-year", "mid-year"])),
        **{name: pa.Column("Int64", pa.Check.ge(0), nullable=True) for name in RELEASE_COMPONENTS.values()},
        "forcibly_displaced": pa.Column("Int64", pa.Check.ge(0)),
        "note": pa.Column(str, nullable=True),
    }, unique=["release", "year", "period"])


def _counts(raw: pd.DataFrame, column: str) -> pd.Series:
    text = raw[column].astype("string").str.strip()
    values = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & (text != "") & (values.isna() | (values % 1 != 0))
    if bad.any():
        first = bad[bad].index[0]
        raise ValidationError(RELEASES_SOURCE, column, f"is not a count: {raw.loc[first, column]!r}",
                              raw.loc[first].to_dict())
    return values.astype("Int64")


def tidy_releases(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per release and period: the world headline components as that release of UNHCR's data
    (its refugees R package) held them, and their plain sum. A world IDP count of 0 is the file's
    marker for 'absent from this release' (MYT2023), so it becomes missing."""
    missing = [c for c in RELEASE_COLUMNS if c not in raw.columns]
    if missing:
        raise ValidationError(RELEASES_SOURCE, missing[0], "is missing from the release history file")
    period = raw["period"].astype("string").str.strip()
    table = pd.DataFrame({
        "release": raw["release"].astype("string").str.strip(),
        "released_on": raw["commit_date"].astype("string").str.strip(),
        "year": pd.to_numeric(raw["data_year"], errors="coerce").astype("Int64"),
        "period": period.str.startswith("mid").map({True: "mid-year", False: "end-year"}).astype("string"),
    })
    for column, name in RELEASE_COMPONENTS.items():
        table[name] = _counts(raw, column)
    table["idps_conflict"] = table["idps_conflict"].mask(table["idps_conflict"] == 0)
    table["forcibly_displaced"] = _counts(raw, RELEASE_SUM)
    table["note"] = raw["note"].astype("string")
    _check_sums(table, raw)
    from pandera.errors import SchemaError  # pandera is loaded by the schema, not at import
    try:
        return releases_schema().validate(table.astype({"year": "int64"}), lazy=False)
    except (SchemaError, ValueError, TypeError) as error:
        raise ValidationError(RELEASES_SOURCE, "period", f"does not fit: {error}") from None


def _check_sums(table: pd.DataFrame, raw: pd.DataFrame) -> None:
    """The file's sum must be the sum of its five headline components (a broken file otherwise)."""
    parts = ["refugees", "palestine_refugees", "asylum_seekers", "oip", "idps_conflict"]
    recomputed = table[parts].sum(axis=1, min_count=1).astype("Int64")
    wrong = recomputed != table["forcibly_displaced"]
    if wrong.any():
        first = wrong[wrong].index[0]
        raise ValidationError(RELEASES_SOURCE, RELEASE_SUM,
                              f"is {table.loc[first, 'forcibly_displaced']:,}, not the sum of its components "
                              f"({recomputed[first]:,})", raw.loc[first].to_dict())


def build_headlines(raw: pd.DataFrame, as_of: date) -> dict[str, pd.DataFrame]:
    return {"headlines": tidy_headlines(raw)}


def build_releases(raw: pd.DataFrame, as_of: date) -> dict[str, pd.DataFrame]:
    return {"releases": tidy_releases(raw)}
