"""Cached loaders. The cache key includes the release each source reads, so a refresh shows up
on the next run without serving a stale cache, and two sessions never mix releases."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from displacement.config import StoreFolderMissing
from displacement.figures import summary
from displacement.figures.country_lookup import CountryLookup
from displacement.formatting import markdown_text, stored_period_label
from displacement.storage import releases
from displacement.storage.datasets import Datasets, headline_totals, names_by_code, open_datasets
from displacement.text import _
from displacement.vocabulary import country_names_in_language


def datasets() -> Datasets:
    """Which release each source reads now (reads the small CURRENT pointers only). A store folder that
    is configured but missing stops the page with a message for its maintainers, never the snapshot."""
    try:
        return open_datasets()
    except StoreFolderMissing as error:
        st.error(_("This dashboard cannot read its data: {error}. Its maintainers need to fix the setting; nothing "
                   "is shown rather than figures from the wrong place.").format(error=markdown_text(error)),
                 icon=":material/error:")
        st.stop()


def release_key(data: Datasets) -> tuple:
    """The release set as a hashable cache key: (source id, release path) pairs."""
    return tuple(releases.release_set(data).items())


@st.cache_data(show_spinner=False, max_entries=64)
def _table(source_id: str, name: str, key: tuple) -> pd.DataFrame:
    return _data_for(key).table(source_id, name)


@st.cache_data(show_spinner=False, max_entries=8)
def _totals(key: tuple) -> pd.DataFrame:
    return headline_totals(_data_for(key))


def _data_for(key: tuple) -> Datasets:
    from pathlib import Path

    from displacement.storage.store import read_release
    releases = {sid: read_release(Path(path), sid) for sid, path in key}
    return Datasets(releases, {sid: "" for sid in releases})


def table(data: Datasets, source_id: str, name: str) -> pd.DataFrame:
    return _table(source_id, name, release_key(data))


def totals(data: Datasets) -> pd.DataFrame:
    return _totals(release_key(data))


@st.cache_data(show_spinner=False, max_entries=16)
def _recorded_release_id(key: tuple) -> str:
    """Log the release set once per process, so links made with it stay resolvable; a read-only
    store still gets an id (links then resolve only to releases a refresh logged)."""
    data = _data_for(key)
    try:
        return releases.record(data)
    except OSError:
        return releases.release_id(releases.release_set(data))


def release_id(data: Datasets) -> str:
    return _recorded_release_id(release_key(data))


# The tables the country summary and the projections' series read: served from the table cache, so a
# new country or series reads no file again.
SUMMARY_TABLES = [("population", "totals"), ("population", "by_origin"), ("population", "by_asylum"),
                  ("population", "countries"), ("countries", "countries"), ("unrwa", "totals"),
                  ("unrwa", "by_asylum"), ("idmc", "totals"), ("idmc", "by_country"), ("idmc-gidd", "by_country"),
                  ("worldbank-population", "population"), ("published-headlines", "headlines")]


def with_tables(key: tuple) -> Datasets:
    """The release set, with the tables in SUMMARY_TABLES taken from the table cache."""
    data = _data_for(key)
    for source_id, name in SUMMARY_TABLES:
        data.tables[f"{source_id}/{name}"] = _table(source_id, name, key)
    return data


@st.cache_data(show_spinner=False, max_entries=64)
def _country_summary(key: tuple, year: int, iso3: str) -> dict:
    return summary.country_summary(with_tables(key), year, iso3)


def country_summary(data: Datasets, year: int, iso3: str) -> dict:
    """One country's figures (displacement.figures.summary), the same the command line gives; raises
    SummaryError when the country list and the data disagree."""
    found = _country_summary(release_key(data), year, iso3)
    return {**found, "period": stored_period_label(found["period"])}  # 'end-2025' in the viewer's words


def country_names(data: Datasets) -> dict[str, str]:
    """Each country's name in the viewer's language (UNHCR's own names in English)."""
    return country_names_in_language(_names_in_english(data))


def _names_in_english(data: Datasets) -> dict[str, str]:
    return names_by_code(table(data, "countries", "countries"), table(data, "population", "countries"))


def country_lookup(data: Datasets) -> CountryLookup:
    """The one country resolver (codes and names from links, pickers and the CLI) for this release: links
    name countries in English, whatever the viewer's language."""
    return CountryLookup.from_tables(_names_in_english(data), table(data, "countries", "countries"))


def data_as_of(data: Datasets, source_ids: list[str]) -> str:
    """'end-2025 (UNHCR, retrieved 2026-06-25)' style line for chart footers."""
    parts = []
    for source_id in source_ids:
        manifest = data.manifest(source_id)
        parts.append(_("{publisher} {period}, retrieved {date}").format(
            publisher=manifest.publisher.split(" (")[0], period=stored_period_label(manifest.latest_period),
            date=manifest.retrieved_at[:10]))
    return "; ".join(dict.fromkeys(parts))


@st.cache_data(show_spinner=False, max_entries=1)
def _worldbank_regions() -> dict:
    from displacement.config import DATA_DIR
    from displacement.sources.worldbank import read_regions
    return read_regions(DATA_DIR / "reference" / "worldbank-regions.json")


def region_memberships(data: Datasets) -> dict[str, dict[str, str]]:
    """ISO3 -> region in each scheme: UNHCR's regions from its country list (the store), the World Bank's from
    the reference table derived from its country metadata (displacement.figures.regions says why)."""
    from displacement.figures.regions import unhcr_membership
    return {"unhcr": unhcr_membership(table(data, "countries", "countries")),
            "wb": dict(_worldbank_regions()["regions"])}


def worldbank_regions_source() -> dict:
    """The provenance of the World Bank regions (for source lines and downloads)."""
    return dict(_worldbank_regions()["source"])
