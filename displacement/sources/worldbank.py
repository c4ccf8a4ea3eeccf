"""World Bank population (SP.POP.TOTL): fetching the API, and its rows or the bulk CSV -> tidy table of denominators."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any
from urllib.parse import urljoin

import pandas as pd
import requests

from displacement import config
from displacement.ingest import http, reshape
from displacement.ingest.schema import ValidationError, require_fields, validate_tidy
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


def read_bulk(path, data: bytes, read_beside) -> tuple[pd.DataFrame, str | None]:
    """The World Bank's bulk CSV, with the Metadata_Country_ file beside it (it marks the aggregates)."""
    return read_bulk_csv(data, read_beside("Metadata_Country_" + path.name))


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


def build(raw: pd.DataFrame, as_of: date) -> dict[str, pd.DataFrame]:
    """The tidy table and the population denominators the pages divide by."""
    tidy = tidy_worldbank_rows(raw)
    return {"tidy": tidy, "population": reshape.population_denominators(tidy)}


# --- fetching --------------------------------------------------------------------------------------

INDICATOR = "SP.POP.TOTL"


def fetch_source(source, session: requests.Session, client_id: str | None,
                 progress: http.ProgressCallback | None) -> tuple[pd.DataFrame, dict]:
    """The population indicator whole (the registry's fetch): its rows and the release the API reports."""
    rows, meta = fetch_worldbank(INDICATOR, session=session, progress=progress)
    return pd.DataFrame(rows), {"url": config.base_url("worldbank") + source.endpoint,
                                "release": meta.get("lastupdated")}


# The fields of a World Bank row the tidy step reads (the others, e.g. indicator, are objects).
WORLDBANK_FIELDS = ("countryiso3code", "date", "value")


def _worldbank_error(payload: Any) -> str | None:
    """The World Bank signals errors with HTTP 200 and a body [{"message": [{id, key, value}]}]."""
    if isinstance(payload, list) and payload and isinstance(payload[0], dict) and "message" in payload[0]:
        messages = payload[0]["message"]
        if not isinstance(messages, list):
            messages = [messages]
        parts = []
        for m in messages:
            if isinstance(m, dict):
                parts.append(" ".join(str(m[k]) for k in ("id", "key") if m.get(k))
                             + (f": {m['value']}" if m.get("value") else ""))
            else:
                parts.append(str(m))
        return "; ".join(parts) or "unspecified error"
    return None


def _checked_page(payload: Any, where: str) -> tuple[dict, list[dict]]:
    """One page's meta and rows, or a FetchError naming what is wrong with the page."""
    error = _worldbank_error(payload)
    if error:
        raise http.FetchError(f"{where}: API error {error}")
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)):
        raise http.FetchError(f"{where}: expected [meta, rows], got {http.one_line(json.dumps(payload), 80)}")
    meta, page_rows = payload
    page_rows = [] if page_rows is None else page_rows  # no data: [meta, null]
    if not isinstance(page_rows, list):
        raise http.FetchError(f"{where}: rows are {type(page_rows).__name__}, not a list")
    http.flat_rows(page_rows, "rows", where, WORLDBANK_FIELDS)
    for key in ("page", "pages"):
        if key not in meta:
            raise http.FetchError(f"{where}: meta lacks {key!r}")
    return meta, page_rows


def fetch_worldbank(indicator: str = "SP.POP.TOTL", *, countries: str = "all", date: str | None = None,
                    session: requests.Session | None = None, progress: http.ProgressCallback | None = None,
                    timeout: Any = http.DEFAULT_TIMEOUT, per_page: int = 20000,
                    limits: http.Limits | None = None) -> tuple[list[dict], dict]:
    """All rows of a World Bank v2 indicator, and the first page's meta (lastupdated, total...)."""
    url = urljoin(config.base_url("worldbank"), f"country/{countries}/indicator/{indicator}")
    label = f"World Bank {indicator}"
    query: list[tuple[str, Any]] = [("format", "json"), ("per_page", per_page)]
    if date:
        query.append(("date", date))
    own_session = session is None
    session = session or http.make_session()
    budget = http.Budget(limits or http.LIMITS)
    try:
        rows: list[dict] = []
        first_meta: dict | None = None
        page, pages = 1, None
        while True:
            where = f"{label} page {page}" + (f" of {pages}" if pages else "")
            payload = http.decode_json(*http.get(session, url, [*query, ("page", page)], timeout, where, budget), where)
            meta, page_rows = _checked_page(payload, where)
            got_pages = http.as_int(meta["pages"], "pages", where)
            if first_meta is None:
                first_meta, pages = meta, got_pages
            elif got_pages != pages:
                raise http.FetchError(f"{where}: pages changed from {pages} to {got_pages} mid-fetch; fetch again")
            if pages == 0:
                http.report(progress, 0, 0, f"{label}: no rows")
                return [], first_meta
            if http.as_int(meta["page"], "page", where) != page:
                raise http.FetchError(f"{where}: server returned page {meta['page']} instead")
            rows.extend(page_rows)
            http.report(progress, page, pages, f"{label}: page {page} of {pages} ({len(rows)} rows)")
            if page >= pages:
                return rows, first_meta
            page += 1
    finally:
        if own_session:
            session.close()


# --- regions -----------------------------------------------------------------------------------------
# The World Bank's regions are not in the store (the population source keeps economies only). They come
# from the Metadata_Country_ file shipped beside the bulk CSV, derived once into a small reference table
# with its provenance (data/reference/worldbank-regions.json); `regions_from_metadata` rebuilds it and a
# test checks the committed table against the file.

def regions_from_metadata(metadata: bytes) -> dict[str, str]:
    """Economy code -> World Bank region ('Sub-Saharan Africa'); aggregates (no Region) left out."""
    meta = pd.read_csv(io.BytesIO(metadata), dtype=str, encoding="utf-8-sig")
    require_fields(meta, ["Country Code", "Region"], SOURCE)
    meta = meta[meta["Region"].notna() & meta["Country Code"].notna()]
    return dict(sorted(zip(meta["Country Code"].str.strip().str.upper(), meta["Region"].str.strip())))


def read_regions(path) -> dict:
    """The committed reference table: {"source": {...provenance}, "regions": {iso3: region}}."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
