"""Parsing shared by the source modules: counts, codes, periods, and the melt into the tidy table."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from displacement.ingest.plausibility import WORLD_POPULATION_CEILING
from displacement.ingest.schema import TIDY_COLUMNS, ValidationError

MISSING_MARKERS = {"-", ""}
# UNHCR publishes Global Trends (year-end figures for year Y) around mid-June of Y+1; before that
# the API's latest year holds mid-year figures. A heuristic, written down in docs/decisions.md.
GLOBAL_TRENDS_RELEASE = (6, 12)


def as_frame(rows) -> pd.DataFrame:
    """API rows (a list of dicts) or a bulk file already read: one DataFrame with a clean index."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    return frame.reset_index(drop=True)


def period_for(year: int, as_of: date) -> str:
    """'end-year' once Global Trends for that year is out at the as-of date, else 'mid-year'."""
    month, day = GLOBAL_TRENDS_RELEASE
    return "end-year" if as_of >= date(year + 1, month, day) else "mid-year"


def parse_counts(raw: pd.Series, field: str, source: str, rows: pd.DataFrame) -> pd.Series:
    """Counts arrive as ints, floats or strings ('0', '-', ' 12 '); '-' or empty is missing, never zero.

    Anything else (text, fractions) rejects the payload, naming the field and the row.
    """
    text = raw.astype("string").str.strip()
    missing = raw.isna() | text.isin(MISSING_MARKERS)
    numbers = pd.to_numeric(text.where(~missing), errors="coerce")
    bad = (~missing & numbers.isna()) | (numbers.notna() & (numbers % 1 != 0))
    if bad.any():
        first = bad[bad].index[0]
        raise ValidationError(source, field, f"is not a count: {str(raw.loc[first])[:40]!r}",
                              rows.loc[first].to_dict())
    # Checked before any sum: a count above the people alive is false, and two such counts would
    # overflow a 64-bit sum into a negative number.
    too_big = numbers > WORLD_POPULATION_CEILING
    if too_big.any():
        first = too_big[too_big].index[0]
        raise ValidationError(source, field, f"is {numbers.loc[first]:,.0f}, more than the "
                              f"{WORLD_POPULATION_CEILING:,} people alive", rows.loc[first].to_dict())
    return numbers.astype("Int64")


def clean_codes(raw: pd.Series) -> pd.Series:
    """ISO3 fields: trim the spaces the API leaves; '-' (a summed dimension) becomes null."""
    text = raw.astype("string").str.strip()
    return text.mask(text.isin(MISSING_MARKERS) | text.isna())


def parse_years(raw: pd.Series, source: str, rows: pd.DataFrame) -> pd.Series:
    years = pd.to_numeric(raw.astype("string").str.strip(), errors="coerce")
    bad = years.isna() | (years % 1 != 0)
    if bad.any():
        first = bad[bad].index[0]
        raise ValidationError(source, "year", f"is not a year: {raw.loc[first]!r}",
                              rows.loc[first].to_dict())
    return years.astype("int64")


def melt_counts(ids: pd.DataFrame, counts: pd.DataFrame, type_of_column: dict[str, str],
                source: str, unit: pd.Series | str = "persons", detail: pd.Series | str = "") -> pd.DataFrame:
    """Long tidy rows: one per id row and count column, population_type from the column's name."""
    parts = []
    for column, population_type in type_of_column.items():
        part = ids.copy()
        part["population_type"] = population_type
        part["unit"] = unit
        part["detail"] = detail if isinstance(detail, str) else detail.values
        part["value"] = counts[column].values
        parts.append(part)
    tidy = pd.concat(parts, ignore_index=True)
    tidy.insert(0, "source", source)
    return tidy[TIDY_COLUMNS]


# --- bulk files --------------------------------------------------------------------------------------

def read_api_csv(path: Path, data: bytes, read_beside: Callable[[str], bytes | None]) -> tuple[pd.DataFrame, None]:
    """A bulk export in the API's field names. An empty cell is the API's '-', so every cell is kept as
    text and an empty one stays missing."""
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8"), None


def read_numbers_csv(path: Path, data: bytes, read_beside: Callable[[str], bytes | None]) -> tuple[pd.DataFrame, None]:
    """A file of figures: only an empty cell is missing ('not stated'); the text 'NaN' is refused by the tidy step."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8", keep_default_na=False, na_values=[""]), None
