"""IDMC GIDD: conflict and disaster, stocks and flows, per country and year -> tidy table.

Stocks (people displaced at 31 December) and flows (internal displacements during the year) get
different population types and are never added together.
"""

from __future__ import annotations

import io

import pandas as pd

from displacement.schema import ValidationError, require_fields, validate_tidy
from displacement.sources.common import as_frame, clean_codes, melt_counts, parse_counts, parse_years

SOURCE = "idmc-gidd"

# API field -> population type. The rounded figures are the ones IDMC publishes (GRID report).
API_FIELDS = {
    "conflict_total_displacement_rounded": "idps_conflict_stock",
    "disaster_total_displacement_rounded": "idps_disaster_stock",
    "conflict_new_displacement_rounded": "new_displacements_conflict",
    "disaster_new_displacement_rounded": "new_displacements_disaster",
}
# Column headers of the GIDD Excel export -> API field names
BULK_COLUMNS = {
    "ISO3": "iso3", "Year": "year",
    "Conflict Stock Displacement": "conflict_total_displacement_rounded",
    "Disaster Stock Displacement": "disaster_total_displacement_rounded",
    "Conflict Internal Displacements": "conflict_new_displacement_rounded",
    "Disaster Internal Displacements": "disaster_new_displacement_rounded",
}


def tidy_gidd(results) -> pd.DataFrame:
    raw = as_frame(results)
    if raw.empty:
        raise ValidationError(SOURCE, "results", "is empty: IDMC returned no data")
    require_fields(raw, ["iso3", "year", *API_FIELDS], SOURCE)
    ids = pd.DataFrame({
        "year": parse_years(raw["year"], SOURCE, raw),
        "period": "end-year",
        "origin_iso3": clean_codes(raw["iso3"]),
        "asylum_iso3": clean_codes(raw["iso3"]),
    })
    counts = pd.DataFrame({f: parse_counts(raw[f], f, SOURCE, raw) for f in API_FIELDS})
    return validate_tidy(melt_counts(ids, counts, API_FIELDS, SOURCE), SOURCE)


def read_bulk_csv(data: bytes, name: str) -> pd.DataFrame:
    """The GIDD export's displacement sheet (its bytes, from a file called `name`), renamed to the
    API's field names."""
    bulk = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in BULK_COLUMNS if c not in bulk.columns]
    if missing:
        raise ValidationError(SOURCE, missing[0], f"is missing from {name}")
    return bulk[list(BULK_COLUMNS)].rename(columns=BULK_COLUMNS)
