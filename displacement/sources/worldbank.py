"""World Bank population (SP.POP.TOTL): API rows or the bulk CSV -> tidy table of denominators."""

from __future__ import annotations

from pathlib import Path

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


def read_bulk_csv(path: Path) -> tuple[pd.DataFrame, str | None]:
    """The WDI download: 4 preamble lines, one column per year; returns (rows in API shape, last updated)."""
    preamble = path.read_text(encoding="utf-8-sig").splitlines()[:4]
    last_updated = next((line.split(",")[1].strip('"') for line in preamble
                         if line.startswith('"Last Updated Date"')), None)
    wide = pd.read_csv(path, skiprows=4, dtype=str, encoding="utf-8-sig")
    require_fields(wide, ["Country Code"], SOURCE)
    years = [c for c in wide.columns if c.strip().isdigit()]
    wide = _drop_aggregates(wide, path)
    long = wide.melt(id_vars=["Country Code"], value_vars=years, var_name="date", value_name="value")
    long = long.rename(columns={"Country Code": "countryiso3code"})
    return long, last_updated


def _drop_aggregates(wide: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Regions and income groups have no Region in the metadata file beside the data file."""
    metadata = list(path.parent.glob("Metadata_Country_" + path.name))
    if not metadata:
        return wide
    meta = pd.read_csv(metadata[0], dtype=str, encoding="utf-8-sig")
    economies = set(meta.loc[meta["Region"].notna(), "Country Code"])
    return wide[wide["Country Code"].isin(economies)]
