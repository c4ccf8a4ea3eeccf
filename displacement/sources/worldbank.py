"""World Bank population (SP.POP.TOTL): API rows or the bulk CSV -> tidy table of denominators."""

from __future__ import annotations

import io

import pandas as pd

from displacement.schema import ValidationError, require_fields, validate_tidy
from displacement.sources.common import as_frame, clean_codes, melt_counts, parse_counts, parse_years

SOURCE = "worldbank-population"


def tidy_worldbank_rows(rows) -> pd.DataFrame:
    """API v2 rows: {countryiso3code, date (string), value (number or null)}."""
    raw = as_frame(rows)
    if raw.empty:
        raise ValidationError(SOURCE, "rows", "is empty: the World Bank returned no data")
    require_fields(raw, ["countryiso3code", "date", "value"], SOURCE)
    # Aggregates without an ISO3-like code (a few regions) cannot be joined to a country: drop them.
    codes = clean_codes(raw["countryiso3code"])
    raw = raw[codes.notna()].reset_index(drop=True)
    ids = pd.DataFrame({
        "year": parse_years(raw["date"], SOURCE, raw),
        "period": "mid-year",  # the World Bank's population is a mid-year estimate
        "origin_iso3": pd.Series(pd.NA, index=raw.index, dtype="string"),
        "asylum_iso3": clean_codes(raw["countryiso3code"]),
    })
    counts = pd.DataFrame({"value": parse_counts(raw["value"], "value", SOURCE, raw)})
    return validate_tidy(melt_counts(ids, counts, {"value": "population"}, SOURCE), SOURCE)


def read_bulk_csv(data: bytes, metadata: bytes | None) -> tuple[pd.DataFrame, str | None]:
    """The WDI download (its bytes): 4 preamble lines, one column per year; returns (rows in API shape,
    last updated). `metadata` is the Metadata_Country_ file beside it, which marks the aggregates.
    Only an empty cell is missing: text such as "NaN" is refused by the count parser, not read as missing."""
    preamble = data.decode("utf-8-sig").splitlines()[:4]
    last_updated = next((line.split(",")[1].strip('"') for line in preamble
                         if line.startswith('"Last Updated Date"') and "," in line), None)
    wide = pd.read_csv(io.BytesIO(data), skiprows=4, dtype=str, encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])
    require_fields(wide, ["Country Code"], SOURCE)
    years = [c for c in wide.columns if c.strip().isdigit()]
    wide = _drop_aggregates(wide, metadata)
    long = wide.melt(id_vars=["Country Code"], value_vars=years, var_name="date", value_name="value")
    long = long.rename(columns={"Country Code": "countryiso3code"})
    return long, last_updated


def _drop_aggregates(wide: pd.DataFrame, metadata: bytes | None) -> pd.DataFrame:
    """Regions and income groups have no Region in the metadata file beside the data file."""
    if metadata is None:
        return wide
    meta = pd.read_csv(io.BytesIO(metadata), dtype=str, encoding="utf-8-sig")
    economies = set(meta.loc[meta["Region"].notna(), "Country Code"])
    return wide[wide["Country Code"].isin(economies)]
