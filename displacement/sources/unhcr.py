"""UNHCR Refugee Population Statistics API: the eight endpoints' raw rows -> tidy tables.

The same functions read the API's items and bulk files in the API's field names (UNHCR's own R
package exports, where an empty cell is the API's '-').
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from displacement.schema import TIDY_COLUMNS, TIDY_SCHEMA, ValidationError, require_fields, validate_tidy
from displacement.sources.common import as_frame, clean_codes, melt_counts, parse_counts, parse_years, period_for

IDENTITY_FIELDS = ["year", "coo_iso", "coa_iso"]

# API count field -> our population type
POPULATION_FIELDS = {
    "refugees": "refugees", "asylum_seekers": "asylum_seekers", "oip": "oip",
    "stateless": "stateless", "idps": "idps_unhcr", "ooc": "others_of_concern",
    "hst": "host_community", "returned_refugees": "returned_refugees",
    "returned_idps": "returned_idps",
}
UNRWA_FIELDS = {"total": "palestine_refugees"}
IDMC_FIELDS = {"total": "idps_conflict"}
SOLUTIONS_FIELDS = {
    "returned_refugees": "returned_refugees", "resettlement": "resettlement",
    "naturalisation": "naturalisation", "returned_idps": "returned_idps",
}
DECISION_FIELDS = {
    "dec_recognized": "decisions_recognized", "dec_other": "decisions_complementary",
    "dec_rejected": "decisions_rejected", "dec_closed": "decisions_closed",
    "dec_total": "decisions_total",
}
DEMOGRAPHIC_BANDS = [f"{sex}_{band}" for sex in ("f", "m")
                     for band in ("0_4", "5_11", "12_17", "18_59", "60", "other", "total")] + ["total"]
UNIT_CODES = {"P": "persons", "C": "cases"}


def _identity(raw: pd.DataFrame, source: str, as_of: date) -> pd.DataFrame:
    require_fields(raw, IDENTITY_FIELDS, source)
    years = parse_years(raw["year"], source, raw)
    periods = {year: period_for(year, as_of) for year in years.unique()}
    return pd.DataFrame({
        "year": years,
        "period": years.map(periods).astype("string"),
        "origin_iso3": clean_codes(raw["coo_iso"]),
        "asylum_iso3": clean_codes(raw["coa_iso"]),
    })


def _counts(raw: pd.DataFrame, fields: list[str], source: str) -> pd.DataFrame:
    require_fields(raw, fields, source)
    return pd.DataFrame({f: parse_counts(raw[f], f, source, raw) for f in fields})


def _tidy_simple(items, source: str, fields: dict[str, str], as_of: date) -> pd.DataFrame:
    raw = as_frame(items)
    if raw.empty:
        return empty_tidy()
    tidy = melt_counts(_identity(raw, source, as_of), _counts(raw, list(fields), source), fields, source)
    return validate_tidy(tidy, source)


def _units(raw: pd.DataFrame, field: str, source: str) -> pd.Series:
    require_fields(raw, [field], source)
    codes = raw[field].astype("string").str.strip()
    units = codes.map(UNIT_CODES)
    if units.isna().any():
        first = units[units.isna()].index[0]
        raise ValidationError(source, field, f"is neither 'P' nor 'C': {raw.loc[first, field]!r}",
                              raw.loc[first].to_dict())
    return units


def _codes(raw: pd.DataFrame, fields: list[str], source: str) -> pd.Series:
    require_fields(raw, fields, source)
    parts = [raw[f].astype("string").str.strip().fillna("") for f in fields]
    joined = parts[0]
    for field, part in zip(fields[1:], parts[1:]):
        joined = joined + ";" + part
    return joined


def tidy_population(items, as_of: date) -> pd.DataFrame:
    return _tidy_simple(items, "population", POPULATION_FIELDS, as_of)


def tidy_unrwa(items, as_of: date) -> pd.DataFrame:
    return _tidy_simple(items, "unrwa", UNRWA_FIELDS, as_of)


def tidy_idmc(items, as_of: date) -> pd.DataFrame:
    return _tidy_simple(items, "idmc", IDMC_FIELDS, as_of)


def tidy_solutions(items, as_of: date) -> pd.DataFrame:
    return _tidy_simple(items, "solutions", SOLUTIONS_FIELDS, as_of)


def tidy_asylum_applications(items, as_of: date) -> pd.DataFrame:
    """detail = 'procedure;application type;decision level' (e.g. 'G;N;FI')."""
    source = "asylum-applications"
    raw = as_frame(items)
    if raw.empty:
        return empty_tidy()
    detail = _codes(raw, ["procedure_type", "app_type", "dec_level"], source)
    tidy = melt_counts(_identity(raw, source, as_of), _counts(raw, ["applied"], source),
                       {"applied": "asylum_applications"}, source,
                       unit=_units(raw, "app_pc", source), detail=detail)
    return validate_tidy(tidy, source)


def tidy_asylum_decisions(items, as_of: date) -> pd.DataFrame:
    """detail = 'procedure;decision level' (e.g. 'G;FI')."""
    source = "asylum-decisions"
    raw = as_frame(items)
    if raw.empty:
        return empty_tidy()
    detail = _codes(raw, ["procedure_type", "dec_level"], source)
    tidy = melt_counts(_identity(raw, source, as_of), _counts(raw, list(DECISION_FIELDS), source),
                       DECISION_FIELDS, source, unit=_units(raw, "dec_pc", source), detail=detail)
    return validate_tidy(tidy, source)


def tidy_demographics(items, as_of: date) -> pd.DataFrame:
    """detail = 'POPTYPE;band' (e.g. 'REF;f_0_4'): UNHCR's population-type code and a sex/age band."""
    source = "demographics"
    raw = as_frame(items)
    if raw.empty:
        return empty_tidy()
    pop_types = _codes(raw, ["pop_type"], source)
    ids = _identity(raw, source, as_of)
    counts = _counts(raw, DEMOGRAPHIC_BANDS, source)
    parts = [melt_counts(ids, counts, {band: "demographics"}, source, detail=pop_types + ";" + band)
             for band in DEMOGRAPHIC_BANDS]
    return validate_tidy(pd.concat(parts, ignore_index=True), source)


def tidy_footnotes(items, as_of: date) -> pd.DataFrame:
    """Footnotes are text, not counts: a table of their own, not the tidy count table."""
    source = "footnotes"
    raw = as_frame(items)
    columns = ["year_text", "origin_iso3", "asylum_iso3", "population_type", "footnote"]
    if raw.empty:
        return pd.DataFrame(columns=columns).astype("string")
    raw = raw.rename(columns=FOOTNOTE_ALIASES)
    require_fields(raw, ["year", "footnote"], source)
    notes = pd.DataFrame({
        "year_text": raw["year"].astype("string").str.strip(),
        "origin_iso3": clean_codes(raw["coo_iso"]) if "coo_iso" in raw else pd.NA,
        "asylum_iso3": clean_codes(raw["coa_iso"]) if "coa_iso" in raw else pd.NA,
        "population_type": raw["population_type"].astype("string").str.strip() if "population_type" in raw else pd.NA,
        "footnote": raw["footnote"].astype("string").str.strip(),
    })
    if notes["footnote"].isna().any() or (notes["footnote"] == "").any():
        first = notes.index[notes["footnote"].isna() | (notes["footnote"] == "")][0]
        raise ValidationError(source, "footnote", "is empty", raw.loc[first].to_dict())
    return notes.astype("string")


# Refugee Data Finder download headers -> API field names
FOOTNOTE_ALIASES = {
    "Footnote": "footnote", "Year": "year", "Country of origin (ISO)": "coo_iso",
    "Country of asylum (ISO)": "coa_iso", "Population type": "population_type",
    "pop_type": "population_type",
}


# Every field each endpoint's builder reads, names and ids included (anything else is reported as ignored).
_NAMES = ["coo_name", "coo", "coo_id", "coa_name", "coa", "coa_id"]
FIELDS_READ = {
    "population": [*IDENTITY_FIELDS, *_NAMES, *POPULATION_FIELDS],
    "unrwa": [*IDENTITY_FIELDS, *_NAMES, *UNRWA_FIELDS],
    "idmc": [*IDENTITY_FIELDS, *_NAMES, *IDMC_FIELDS],
    "solutions": [*IDENTITY_FIELDS, *_NAMES, *SOLUTIONS_FIELDS],
    "asylum-applications": [*IDENTITY_FIELDS, *_NAMES, "procedure_type", "app_type", "dec_level", "app_pc", "applied"],
    "asylum-decisions": [*IDENTITY_FIELDS, *_NAMES, "procedure_type", "dec_level", "dec_pc", *DECISION_FIELDS],
    "demographics": [*IDENTITY_FIELDS, *_NAMES, "pop_type", "location", "loc_type", "acc_type", *DEMOGRAPHIC_BANDS],
}


def empty_tidy() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="string") for c in TIDY_COLUMNS})
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("Int64")
    return TIDY_SCHEMA.validate(frame)
