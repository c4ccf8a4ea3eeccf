"""UNHCR's country list: one name and one UNHCR region per ISO3 code, as UNHCR's refugees R package
exports it (built from the API's /countries and /regions, with UN M49 regions). The dashboard's single
source of country names: the population rows name some codes differently by role (PSE is
"Palestinian" as an origin, "State of Palestine" as a place)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pandas as pd

from displacement.ingest.schema import ValidationError

SOURCE = "countries"
FIELDS = {"iso_code": "iso3", "unhcr_code": "unhcr_code", "name": "name", "unhcr_region": "unhcr_region",
          "unsd_region": "un_region", "unsd_subregion": "un_subregion"}


@cache
def countries_schema():
    """The country list's schema."""
    import pandera.pandas as pa  # here, not at import: the dashboard only reads stored tables

    return pa.DataFrameSchema({
        "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z0-9]{3}$"), unique=True),
        "unhcr_code": pa.Column(str, pa.Check.str_matches(r"^[A-Z0-9]{3}$")),
        "name": pa.Column(str, pa.Check.str_length(1, 120)),
        "unhcr_region": pa.Column(str, nullable=True),
        "un_region": pa.Column(str, nullable=True),
        "un_subregion": pa.Column(str, nullable=True),
    }, strict=True)


def tidy_countries(raw: pd.DataFrame) -> pd.DataFrame:
    """iso3, unhcr_code, name, unhcr_region, un_region, un_subregion; names and regions trimmed, an empty
    region missing. Entries without an ISO3 code (UNHCR's Tibetan) are left out: no data row carries them
    by that code."""
    missing = [field for field in FIELDS if field not in raw.columns]
    if missing:
        raise ValidationError(SOURCE, missing[0], "is missing from the country list")
    table = raw[list(FIELDS)].rename(columns=FIELDS).astype("string")
    table = table.apply(lambda column: column.str.strip()).replace("", pd.NA)
    table = table[table["iso3"].notna()].reset_index(drop=True)
    from pandera.errors import SchemaError  # pandera is loaded by the schema, not at import
    try:
        return countries_schema().validate(table, lazy=False)
    except (SchemaError, ValueError, TypeError) as error:
        raise ValidationError(SOURCE, "iso_code", f"does not fit: {str(error).splitlines()[0]}") from None


def build(raw: pd.DataFrame, as_of: date) -> dict[str, pd.DataFrame]:
    return {"countries": tidy_countries(raw)}
