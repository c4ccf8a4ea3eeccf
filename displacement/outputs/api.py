"""A read-only data API served by the dashboard's own server (docs/api.md): stable URLs under /api/v1/
that answer with the same figures as the command line (`python -m displacement summary --json`,
`sources --json`), each answer naming the data release it was made from.

    GET /api/v1/                     what is here
    GET /api/v1/summary?year=2024[&country=SDN]
    GET /api/v1/series               the series ids
    GET /api/v1/series/<id>.json|.csv[?country=SDN&side=asylum|origin]
    GET /api/v1/sources
    any of them with &release=<id> for an earlier release set the store still holds

`answer()` is plain Python (tested directly); displacement/outputs/api_routes.py wraps it for Starlette,
and st.App mounts those routes beside the dashboard (app.py). Bad parameters get a 400 in JSON that names
the parameter and never repeats what was sent unless it is plainly a word or a number. When the dashboard
is password- or login-protected the API gives no data unless the request carries the token configured as
`api_token`.
"""

from __future__ import annotations

import hmac
import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from displacement.outputs.api_routes import PREFIX
from displacement.outputs.datapackage import data_csv
from displacement.storage import releases
from displacement.storage.datasets import Datasets, open_datasets
from displacement.vocabulary import GLOSSARY

RELEASE_HEADER = "X-Data-Release"
WORLD_SOURCES = ["population", "unrwa", "idmc"]
COUNTRY_SERIES = {"forcibly_displaced": "Refugees + asylum-seekers + other people in need of international "
                                        "protection, from or in the country (cross-border only, no IDPs).",
                  "refugees": GLOSSARY["refugees"], "asylum_seekers": GLOSSARY["asylum_seekers"],
                  "oip": GLOSSARY["oip"]}
SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,24}$")


@dataclass
class Answer:
    status: int
    body: bytes
    media_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


class BadRequest(ValueError):
    def __init__(self, parameter: str, message: str, status: int = 400):
        super().__init__(message)
        self.parameter, self.message, self.status = parameter, message, status


# --- access -----------------------------------------------------------------------------------------

def is_public(setting: Callable[[str, object], object]) -> bool:
    return str(setting("access_mode", "public")).strip().lower() == "public"


def refusal(setting: Callable[[str, object], object], headers: Mapping[str, str]) -> Answer | None:
    """None when the request may have data. A public dashboard's API is public; a password- or
    login-protected one answers only a request carrying `Authorization: Bearer <api_token>`, and none
    at all when no token is configured (fail closed, as the dashboard does for an unknown mode)."""
    if is_public(setting):
        return None
    token = str(setting("api_token", "") or "")
    if not token:
        return error_answer(403, "access", "This dashboard is not public and its data API is closed: the person who "
                                     "runs it can open it with an api_token setting (docs/api.md).")
    given = str(headers.get("authorization") or "")
    given = given[7:].strip() if given.lower().startswith("bearer ") else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        answer = error_answer(401, "Authorization", "This dashboard is not public: send its API token as "
                                              "'Authorization: Bearer <token>'.")
        answer.headers["WWW-Authenticate"] = 'Bearer realm="displacement-api"'
        return answer
    return None


# --- the answers -------------------------------------------------------------------------------------

def answer(path: str, query: Mapping[str, list[str]], data: Datasets | None = None) -> Answer:
    """The answer to GET <path>?<query> (query: each name with all the values sent for it). `release=<id>`
    (as in the dashboard's share links) asks for an earlier release set while the store still holds it."""
    data = data or current_datasets()
    rid = release_of(data)
    try:
        data, rid = _release_asked(query, data, rid)
        result = _route(path.rstrip("/") or "/", {k: v for k, v in query.items() if k != "release"}, data, rid)
    except BadRequest as error:
        result = error_answer(error.status, error.parameter, error.message)
    result.headers[RELEASE_HEADER] = rid
    return result


def _release_asked(query, data: Datasets, rid: str) -> tuple[Datasets, str]:
    asked = _one(query, "release")
    if not asked or asked == rid:
        return data, rid
    if not re.fullmatch(r"[0-9a-f]{10}", asked):
        raise BadRequest("release", "release must be a release id as in the dashboard's links (10 hex digits).")
    earlier = releases.resolve(asked)
    if earlier is None:
        raise BadRequest("release", f"Release {asked} is not held any more (or never was): leave release out "
                                    f"for the current one, {rid}.", status=404)
    return earlier, asked


def _route(path: str, query, data: Datasets, rid: str) -> Answer:
    if path == PREFIX:
        _only(query, set())
        return _json({"release": rid, "endpoints": ENDPOINTS, "documentation": "docs/api.md"})
    if path == f"{PREFIX}/summary":
        _only(query, {"year", "country"})
        return _json(summary(data, query) | {"release": rid})
    if path == f"{PREFIX}/sources":
        from displacement.storage.freshness import source_status
        _only(query, set())
        return _json({"release": rid, "sources": source_status(data)})
    if path == f"{PREFIX}/series":
        _only(query, set())
        return _json({"release": rid, "world": list(WORLD_SERIES), "country": list(COUNTRY_SERIES),
                      "formats": ["json", "csv"]})
    if path.startswith(f"{PREFIX}/series/"):
        _only(query, {"country", "side"})
        return series_answer(path.removeprefix(f"{PREFIX}/series/"), query, data, rid)
    raise BadRequest("path", "No such address: see /api/v1/ for the list.", status=404)


ENDPOINTS = {"/api/v1/summary?year=YYYY[&country=ISO3]": "the figures of `displacement summary --json`",
             "/api/v1/series": "the series ids",
             "/api/v1/series/<id>.json|.csv[?country=ISO3&side=asylum|origin]": "a yearly series",
             "/api/v1/sources": "each source's licence, release and freshness (`displacement sources --json`)"}


def summary(data: Datasets, query) -> dict:
    from displacement.figures.summary import SummaryError, country_summary, world_summary
    year = _year(query)
    country = _country(query)
    try:
        return country_summary(data, year, country) if country else world_summary(data, year)
    except SummaryError as error:
        raise BadRequest("country" if country and "country" in str(error) else "year", str(error)) from error


WORLD_SERIES = {"forcibly_displaced": GLOSSARY["forcibly_displaced_unhcr_basis"] + " From 1990, when IDMC's "
                                      "conflict IDP series starts.",
                **{name: GLOSSARY[name] for name in ("refugees", "palestine_refugees", "asylum_seekers", "oip",
                                                     "idps_conflict")}}


def series_answer(name: str, query, data: Datasets, rid: str) -> Answer:
    from displacement.figures.summary import sources_block
    from displacement.projections.series import country_series, global_series
    stem, dot, extension = name.rpartition(".")
    if not dot or extension not in ("json", "csv"):
        raise BadRequest("format", "End the series address with .json or .csv, e.g. /api/v1/series/refugees.csv.")
    country = _country(query)
    known = COUNTRY_SERIES if country else WORLD_SERIES
    if stem not in known:
        raise BadRequest("series", f"Unknown series{_shown(stem)}: choose one of {', '.join(known)}.", status=404)
    if country:
        side = _one(query, "side") or "origin"
        if side not in ("origin", "asylum"):
            raise BadRequest("side", "side must be origin (people from the country) or asylum (people it hosts).")
        try:
            values = country_series(data, country, side, stem)
        except LookupError as error:
            raise BadRequest("country", f"No {side} figures for {country}.", status=404) from error
        sources = ["population"]
    else:
        values, side, sources = global_series(data, stem), None, WORLD_SOURCES
    table = pd.DataFrame({"year": values.index.astype(int), stem: values.to_numpy()})
    if extension == "csv":
        return Answer(200, data_csv(table), "text/csv; charset=utf-8")
    body = {"release": rid, "series": stem, "country": country, "side": side, "unit": "people",
            "definition": known[stem], "period": "end of each year (31 December)",
            "values": [{"year": int(y), "value": None if pd.isna(v) else int(v)} for y, v in values.items()],
            "sources": sources_block(data, sources)}
    return _json(body)


# --- parameters ----------------------------------------------------------------------------------------

def _only(query, allowed: set[str]) -> None:
    unknown = sorted(set(query) - allowed)
    if unknown:
        raise BadRequest(unknown[0], f"Unknown parameter{_shown(unknown[0])}: this address takes "
                                     f"{', '.join(sorted(allowed)) or 'no parameters'}.")


def _one(query, name: str) -> str | None:
    values = query.get(name) or []
    if len(values) > 1:
        raise BadRequest(name, f"Give {name} once.")
    return values[0].strip() if values else None


def _year(query) -> int:
    text = _one(query, "year")
    if text is None:
        raise BadRequest("year", "year is required, e.g. ?year=2024.")
    if not re.fullmatch(r"\d{4}", text):
        raise BadRequest("year", "year must be a four-digit year, e.g. 2024.")
    return int(text)


def _country(query) -> str | None:
    text = _one(query, "country")
    if text is None or text == "":
        return None
    if not re.fullmatch(r"[A-Za-z]{3}", text):
        raise BadRequest("country", "country must be an ISO3 code such as SDN, UKR or DEU.")
    return text.upper()


def _shown(value: str) -> str:
    """What was sent, repeated only when it is plainly a word or a number (never markup)."""
    return f" '{value}'" if SAFE.fullmatch(value) else ""


# --- writing -----------------------------------------------------------------------------------------------

def _json(body: dict) -> Answer:
    return Answer(200, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json")


def error_answer(status: int, parameter: str, message: str) -> Answer:
    body = {"error": {"status": status, "parameter": parameter, "message": message}}
    return Answer(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json")


# --- data ---------------------------------------------------------------------------------------------------

_cache: dict[str, Datasets] = {}
_lock = threading.Lock()


def current_datasets() -> Datasets:
    """The current release set, one Datasets (with its loaded tables) kept per release id: a refresh
    shows up on the next request, and requests on the same release read no file twice."""
    fresh = open_datasets()
    rid = release_of(fresh)
    with _lock:
        if rid not in _cache:
            _cache.clear()  # one release set at a time: the old tables go
            _cache[rid] = fresh
        return _cache[rid]


def release_of(data: Datasets) -> str:
    return releases.release_id(releases.release_set(data))
