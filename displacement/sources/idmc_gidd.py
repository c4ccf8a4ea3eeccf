"""IDMC GIDD: fetching its API, and conflict and disaster, stocks and flows, per country and year -> tidy table.

Stocks (people displaced at 31 December) and flows (internal displacements during the year) get
different population types and are never added together.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import pandas as pd
import requests

from displacement import config
from displacement.ingest import http, reshape
from displacement.ingest.schema import ValidationError, require_fields, validate_tidy
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


def read_bulk(path, data: bytes, read_beside) -> tuple[pd.DataFrame, None]:
    """IDMC's GIDD export (the API's field names)."""
    return read_bulk_csv(data, path.name), None


def read_bulk_csv(data: bytes, name: str) -> pd.DataFrame:
    """The GIDD export's displacement sheet (its bytes, from a file called `name`), renamed to the
    API's field names."""
    bulk = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in BULK_COLUMNS if c not in bulk.columns]
    if missing:
        raise ValidationError(SOURCE, missing[0], f"is missing from {name}")
    return bulk[list(BULK_COLUMNS)].rename(columns=BULK_COLUMNS)


def build(raw: pd.DataFrame, as_of: date) -> dict[str, pd.DataFrame]:
    """The tidy table and IDMC's stocks and flows by country and year (never added)."""
    tidy = tidy_gidd(raw)
    return {"tidy": tidy, "by_country": reshape.by_country(tidy, "asylum", reshape.GIDD_COLUMNS)}


# --- fetching --------------------------------------------------------------------------------------

IDMC_SETUP_HINT = (
    f"set the environment variable {config.IDMC_CLIENT_ID_ENV} (or Streamlit secrets) to your IDMC "
    "client_id; request one at https://www.internal-displacement.org/database/api-documentation/"
)


def fetch_source(source, session: requests.Session, client_id: str | None,
                 progress: http.ProgressCallback | None) -> tuple[pd.DataFrame, dict]:
    """IDMC's displacements whole (the registry's fetch): its rows and IDMC's `last_updated`."""
    if not client_id:
        raise ValueError(f"{source.id} needs an IDMC client_id: set {config.IDMC_CLIENT_ID_ENV}")
    results, last_updated = fetch_idmc_gidd(client_id, session=session, progress=progress)
    return pd.DataFrame(results), {"url": config.base_url("idmc") + source.endpoint, "release": last_updated}


def _idmc_next(link: str, current: str, base: str, client_id: str) -> str:
    """The next page's URL, pinned to our configured host and carrying our client_id.

    A DRF `next` link behind a proxy can name another scheme or host (e.g. plain http); sending
    the key there would leak it. Links in stored fixtures carry a placeholder key instead.
    """
    target = urlsplit(urljoin(current, link))
    ours = urlsplit(base)
    query = [(k, v) for k, v in parse_qsl(target.query, keep_blank_values=True) if k != "client_id"]
    query.insert(0, ("client_id", client_id))
    return urlunsplit((ours.scheme, ours.netloc, target.path, urlencode(query), ""))


def _idmc_page(payload: Any, where: str) -> dict:
    """Check one IDMC envelope {count, next, previous, results, last_updated}."""
    if not isinstance(payload, dict):
        raise http.FetchError(f"{where}: expected a JSON object envelope, got {type(payload).__name__}")
    for key in ("results", "next"):
        if key not in payload:
            raise http.FetchError(f"{where}: response envelope lacks {key!r}")
    if not isinstance(payload["results"], list):
        raise http.FetchError(f"{where}: 'results' is {type(payload['results']).__name__}, not a list")
    for key in ("next", "last_updated"):
        if not isinstance(payload.get(key), (str, type(None))):
            raise http.FetchError(f"{where}: {key!r} is {type(payload[key]).__name__}, not a link or null")
    http.flat_rows(payload["results"], "results", where)
    return payload


def fetch_idmc_gidd(client_id: str | None, *, params: dict | None = None,
                    session: requests.Session | None = None, progress: http.ProgressCallback | None = None,
                    timeout: Any = http.DEFAULT_TIMEOUT, limits: http.Limits | None = None) -> tuple[list[dict],
                                                                                                     str | None]:
    """All rows of IDMC's GIDD displacements endpoint and its `last_updated` date.

    client_id falls back to DISPLACEMENT_IDMC_CLIENT_ID. It never appears in errors or logs.
    """
    client_id = config.idmc_client_id(client_id)
    label = "IDMC GIDD gidd/displacements/"
    if not client_id:
        raise http.FetchError(f"{label}: no client_id; {IDMC_SETUP_HINT}")
    base = config.base_url("idmc")
    url: str | None = urljoin(base, "gidd/displacements/")
    query: list[tuple[str, Any]] | None = [("client_id", client_id)] + [
        (k, http.query_value(v)) for k, v in (params or {}).items() if v is not None and k != "client_id"]
    own_session = session is None
    session = session or http.make_session()
    budget = http.Budget(limits or http.LIMITS)
    try:
        rows: list[dict] = []
        last_updated: str | None = None
        seen: set[str] = set()
        page = 0
        while url:
            page += 1
            where = f"{label} page {page}"
            response, body = http.get(session, url, query, timeout, where, budget, secret=client_id)
            payload = _idmc_page(http.decode_json(response, body, where, secret=client_id), where)
            rows.extend(payload["results"])
            last_updated = payload.get("last_updated") or last_updated
            http.report(progress, page, None, f"{label}: page {page} ({len(rows)} rows)")
            seen.add(response.url)
            if not payload["next"]:
                return rows, last_updated
            url, query = _idmc_next(payload["next"], response.url, base, client_id), None
            if requests.Request("GET", url).prepare().url in seen:  # a looping `next` would never end
                raise http.FetchError(f"{where}: 'next' points back to a page already fetched")
        return rows, last_updated  # pragma: no cover
    finally:
        if own_session:
            session.close()
