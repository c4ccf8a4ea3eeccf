"""UNHCR's published headline figures (Global Trends, Mid-Year Trends), kept beside the computed
series and never overwriting it. Values are in millions, as published, with the pages they came from."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from displacement.schema import ValidationError

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
HEADLINE_SCHEMA = pa.DataFrameSchema({
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
    try:
        table = HEADLINE_SCHEMA.validate(table.astype({"year": "int64"}), lazy=False)
    except (pa.errors.SchemaError, ValueError, TypeError) as error:
        raise ValidationError(SOURCE, "period", f"does not fit: {error}") from None
    return table
