"""UNHCR Refugee Population Statistics API: fetching the eight endpoints, and their raw rows -> tidy tables.

The same functions read the API's items and bulk files in the API's field names (UNHCR's own R
package exports, where an empty cell is the API's '-').
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urljoin

import pandas as pd
import requests

from displacement import config
from displacement.ingest import http, reshape
from displacement.ingest.schema import TIDY_COLUMNS, ValidationError, require_fields, tidy_schema, validate_tidy
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
    for part in parts[1:]:
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
    return tidy_schema().validate(frame)

# --- the tables stored for the dashboard ------------------------------------------------------------

Tables = dict[str, pd.DataFrame]
# Corridors kept in the store: enough for the flows page, small enough for the bundled snapshot.
CORRIDORS_SINCE = 2000
CORRIDORS_MIN_PEOPLE = 1000


def build_population(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = tidy_population(raw, as_of)
    columns = reshape.POPULATION_COLUMNS
    return {
        "tidy": tidy,
        "totals": reshape.totals(tidy, columns),
        "by_origin": reshape.by_country(tidy, "origin", columns),
        "by_asylum": reshape.by_country(tidy, "asylum", columns),
        "corridors": reshape.corridors(tidy, CORRIDORS_SINCE, CORRIDORS_MIN_PEOPLE),
        "countries": reshape.country_names(raw) if len(raw) else pd.DataFrame(columns=["iso3", "name"]),
    }


def build_unrwa(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = tidy_unrwa(raw, as_of)
    return {"tidy": tidy,
            "totals": reshape.totals(tidy, ["palestine_refugees"]),
            "by_asylum": reshape.by_country(tidy, "asylum", ["palestine_refugees"])}


def build_idmc(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = tidy_idmc(raw, as_of)
    return {"tidy": tidy,
            "totals": reshape.totals(tidy, ["idps_conflict"]),
            "by_country": reshape.by_country(tidy, "origin", ["idps_conflict"])}


def build_solutions(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = tidy_solutions(raw, as_of)
    columns = reshape.SOLUTION_COLUMNS
    return {"tidy": tidy,
            "totals": reshape.totals(tidy, columns),
            "by_origin": reshape.by_country(tidy, "origin", columns),
            "by_asylum": reshape.by_country(tidy, "asylum", columns)}


def build_asylum_applications(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = tidy_asylum_applications(raw, as_of)
    return {"tidy": tidy,
            "by_origin": reshape.applications_by_country(tidy, "origin"),
            "by_asylum": reshape.applications_by_country(tidy, "asylum")}


def build_asylum_decisions(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = tidy_asylum_decisions(raw, as_of)
    return {"tidy": tidy,
            "by_origin": reshape.decisions_by_country(tidy, "origin"),
            "by_asylum": reshape.decisions_by_country(tidy, "asylum")}


def build_demographics(raw: pd.DataFrame, as_of: date) -> Tables:
    tidy = tidy_demographics(raw, as_of)
    return {"tidy": tidy, "by_asylum": reshape.demographics_by_asylum(tidy)}


def build_footnotes(raw: pd.DataFrame, as_of: date) -> Tables:
    return {"footnotes": tidy_footnotes(raw, as_of)}


# --- fetching --------------------------------------------------------------------------------------

UNHCR_COUNTRY_PARAMS = ("coo", "coa", "coo_iso", "coa_iso")
# One row per origin x asylum pair over the whole history, as UNHCR's own R package asks; the year
# range is closed at fetch time (yearFrom and yearTo only work as a pair).
WHOLE_HISTORY = {"coo_all": "true", "coa_all": "true", "yearFrom": 1951}


def fetch_source(source, session: requests.Session, client_id: str | None,
                 progress: http.ProgressCallback | None) -> tuple[pd.DataFrame, dict]:
    """A UNHCR source whole (the registry's fetch for every UNHCR endpoint): its raw rows and where they came from."""
    params = {**WHOLE_HISTORY, "yearTo": date.today().year, **source.params}
    items = fetch_unhcr(source.endpoint, params, session=session, progress=progress)
    return pd.DataFrame(items), {"url": config.base_url("unhcr") + source.endpoint, "release": None}


def request_query(params: dict | None, page_limit: int) -> list[tuple[str, Any]]:
    """Query parameters with the UNHCR API's silent traps closed.

    - country codes are read as ISO3 only with cf_type=ISO (else AUS means Austria);
    - yearFrom/yearTo only work as a pair (a lone bound silently returns all years);
    - several years must go as year[]=A&year[]=B (year=A,B silently keeps only A);
    - the page size is always explicit.
    """
    params = {k: v for k, v in dict(params or {}).items() if v is not None}
    if "page" in params:
        raise ValueError("do not pass 'page': fetch_unhcr pages through every page itself")
    bounds = [k for k in ("yearFrom", "yearTo") if k in params]
    if len(bounds) == 1:
        missing = "yearTo" if bounds[0] == "yearFrom" else "yearFrom"
        raise ValueError(f"{bounds[0]} without {missing}: the UNHCR API ignores a lone bound "
                         f"and returns every year; pass both")
    if bounds and ("year" in params or "year[]" in params):
        raise ValueError("pass either year or yearFrom/yearTo, not both")

    query: list[tuple[str, Any]] = []
    for key, value in params.items():
        if key == "year" and isinstance(value, (list, tuple, set, frozenset, range)):
            query.extend(("year[]", int(y)) for y in value)
        elif key == "year" and isinstance(value, str) and "," in value:
            raise ValueError(f"year={value!r}: the UNHCR API keeps only the first year; "
                             "pass a list of years instead")
        elif key == "year[]" and isinstance(value, (list, tuple, set, frozenset, range)):
            query.extend(("year[]", int(y)) for y in value)
        else:
            query.append((key, http.query_value(value)))
    keys = {k for k, _ in query}
    if keys & set(UNHCR_COUNTRY_PARAMS) and "cf_type" not in keys:
        query.append(("cf_type", "ISO"))
    if "limit" not in keys:
        query.append(("limit", page_limit))
    return query


_UNHCR_ENVELOPE = ("page", "maxPages", "items")


def _unhcr_page(payload: Any, where: str) -> tuple[int, int, list]:
    """Check one UNHCR envelope {page, short-url, maxPages, total, items}; return its parts."""
    if not isinstance(payload, dict):
        raise http.FetchError(f"{where}: expected a JSON object envelope, got {type(payload).__name__}")
    for key in _UNHCR_ENVELOPE:
        if key not in payload:
            raise http.FetchError(f"{where}: response envelope lacks {key!r} "
                             f"(keys: {', '.join(map(str, payload)) or 'none'})")
    items = payload["items"]
    if not isinstance(items, list):
        raise http.FetchError(f"{where}: 'items' is {type(items).__name__}, not a list")
    http.flat_rows(items, "items", where)
    return (http.as_int(payload["page"], "page", where), http.as_int(payload["maxPages"], "maxPages", where), items)


def fetch_unhcr(endpoint: str, params: dict | None = None, *, session: requests.Session | None = None,
                progress: http.ProgressCallback | None = None, timeout: Any = http.DEFAULT_TIMEOUT,
                page_limit: int = 10000, limits: http.Limits | None = None) -> list[dict]:
    """Every item of a UNHCR Population Statistics API endpoint (e.g. "population/"), raw.

    Pages until page == maxPages (maxPages 0 = empty result). Raises ValueError for parameters
    the API would silently misread, http.FetchError for any failed or malformed page.
    """
    query = request_query(params, page_limit)
    url = urljoin(config.base_url("unhcr"), endpoint.lstrip("/"))
    label = f"UNHCR {endpoint}"
    own_session = session is None
    session = session or http.make_session()
    budget = http.Budget(limits or http.LIMITS)
    try:
        rows: list[dict] = []
        page, max_pages = 1, None
        while True:
            where = f"{label} page {page}" + (f" of {max_pages}" if max_pages else "")
            payload = http.decode_json(*http.get(session, url, [*query, ("page", page)], timeout, where, budget), where)
            got_page, got_max, items = _unhcr_page(payload, where)
            if max_pages is None:
                max_pages = got_max
            elif got_max != max_pages:
                # The data were republished between our requests; mixing two releases is wrong.
                raise http.FetchError(f"{where}: maxPages changed from {max_pages} to {got_max} "
                                 "mid-fetch (data updated?); fetch again")
            if max_pages == 0:  # the API's empty result: page 1, maxPages 0, items []
                if items:
                    raise http.FetchError(f"{where}: maxPages is 0 but {len(items)} items came back")
                http.report(progress, 0, 0, f"{label}: no rows")
                return []
            if got_page != page:
                raise http.FetchError(f"{where}: server returned page {got_page} instead")
            rows.extend(items)
            http.report(progress, page, max_pages, f"{label}: page {page} of {max_pages} ({len(rows)} rows)")
            if page >= max_pages:
                return rows
            page += 1
    finally:
        if own_session:
            session.close()
