"""Paths and settings read from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
SNAPSHOT_DIR = DATA_DIR / "snapshot"

DEFAULT_BASE_URLS = {
    "unhcr": "https://api.unhcr.org/population/v1/",
    "worldbank": "https://api.worldbank.org/v2/",
    "idmc": "https://helix-tools-api.idmcdb.org/external-api/",
}
BASE_URL_ENV = {
    "unhcr": "DISPLACEMENT_UNHCR_API",
    "worldbank": "DISPLACEMENT_WORLDBANK_API",
    "idmc": "DISPLACEMENT_IDMC_API",
}
IDMC_CLIENT_ID_ENV = "DISPLACEMENT_IDMC_CLIENT_ID"
STORE_DIR_ENV = "DISPLACEMENT_STORE"


def base_url(api: str) -> str:
    """The API's base URL, overridable (mirrors, proxies, tests); always ends with '/'."""
    url = os.environ.get(BASE_URL_ENV[api]) or DEFAULT_BASE_URLS[api]
    return url if url.endswith("/") else url + "/"


class StoreFolderMissing(RuntimeError):
    """$DISPLACEMENT_STORE names a folder that does not exist."""


def store_dir() -> Path:
    """Where refreshed data live: $DISPLACEMENT_STORE, which must exist (a mistyped or unmounted folder
    must not silently serve the bundled snapshot instead), or data/store (ignored by git)."""
    configured = os.environ.get(STORE_DIR_ENV)
    if not configured:
        return DATA_DIR / "store"
    if not Path(configured).is_dir():
        raise StoreFolderMissing(f"{STORE_DIR_ENV} names a folder that does not exist ({configured}): create "
                                 f"it, or unset {STORE_DIR_ENV} to use data/store")
    return Path(configured)


def idmc_client_id(explicit: str | None = None) -> str | None:
    """IDMC GIDD key: passed in (e.g. from Streamlit secrets by the app) or from the environment."""
    return explicit or os.environ.get(IDMC_CLIENT_ID_ENV) or None
