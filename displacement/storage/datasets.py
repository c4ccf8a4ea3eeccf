"""Load what the dashboard and the command line read: for each source the store's current
release, or the bundled snapshot's when the store has none; then the combined headline series.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from displacement import config
from displacement.sources import SOURCES
from displacement.storage import store
from displacement.storage.manifest import Manifest

# UNHCR's forcibly displaced headline (docs/decisions.md): these stocks, and nothing else.
HEADLINE_COMPONENTS = ["refugees", "palestine_refugees", "asylum_seekers", "oip", "idps_conflict"]
# From end-2023 UNHCR counts once the Palestine refugees who are also displaced inside Gaza: about 70% of
# IDMC's Gaza IDP figure (docs/decisions.md, "The Gaza overlap": 70% of 2,032,000 is exactly the end-2024
# gap between the GT2024 release's sum and UNHCR's published 123,187,473). The API has no field for it.
GAZA_OVERLAP_SHARE = 0.7
GAZA_OVERLAP_FROM = 2023
GAZA = "PSE"
REPORTED_BESIDE = ["stateless", "idps_unhcr", "returned_refugees", "returned_idps",
                   "others_of_concern", "host_community"]


@dataclass
class Datasets:
    releases: dict[str, store.Release]
    origin: dict[str, str]  # source id -> "store" or "snapshot"
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def table(self, source_id: str, name: str) -> pd.DataFrame:
        key = f"{source_id}/{name}"
        if key not in self.tables:
            release = self.releases.get(source_id)
            if release is None:
                raise store.StoreError(f"no data for source {source_id}")
            self.tables[key] = release.table(name)
        return self.tables[key]

    def manifest(self, source_id: str) -> Manifest:
        """The metadata of the release in force for a source (title, producer, licence, release, access date)."""
        return Manifest.read(self.releases[source_id].manifest)


def open_datasets(store_root: Path | None = None, snapshot_root: Path | None = None) -> Datasets:
    """Pick, per source, the store's current release or else the snapshot's; nothing is read yet."""
    roots = [("store", store_root or config.store_dir()), ("snapshot", snapshot_root or config.SNAPSHOT_DIR)]
    releases, origin = {}, {}
    for source in SOURCES:
        for label, root in roots:
            try:
                release = store.current_release(root, source.id)
            except store.StoreError:
                release = None  # an unreadable store release falls back to the snapshot
            if release is not None:
                releases[source.id], origin[source.id] = release, label
                break
    return Datasets(releases, origin)


def headline_totals(data: Datasets) -> pd.DataFrame:
    """One row per year: the headline components; their plain sum (`forcibly_displaced`); the Gaza
    overlap and the total on UNHCR's basis (`forcibly_displaced_unhcr_basis`, the figure to quote);
    what is missing; and the stocks reported beside it. The sum counts only components present that
    year (missing is not zero), and `components_missing` names the absent ones."""
    population = data.table("population", "totals")
    unrwa = data.table("unrwa", "totals")[["year", "palestine_refugees"]]
    idmc = data.table("idmc", "totals")[["year", "idps_conflict"]]
    table = population.merge(unrwa, on="year", how="left").merge(idmc, on="year", how="left")
    components = table[HEADLINE_COMPONENTS].astype("Int64")
    table["forcibly_displaced"] = components.sum(axis=1, min_count=1).astype("Int64")
    table["gaza_overlap"] = gaza_overlap(table["year"], data.table("idmc", "by_country"))
    table["forcibly_displaced_unhcr_basis"] = (table["forcibly_displaced"] - table["gaza_overlap"]).astype("Int64")
    table["components_missing"] = components.isna().apply(
        lambda row: ";".join(c for c in HEADLINE_COMPONENTS if row[c]), axis=1)
    columns = ["year", "period", *HEADLINE_COMPONENTS, "forcibly_displaced", "gaza_overlap",
               "forcibly_displaced_unhcr_basis", "components_missing", *REPORTED_BESIDE]
    return table[columns].sort_values("year").reset_index(drop=True)


def gaza_overlap(years: pd.Series, idps_by_country: pd.DataFrame) -> pd.Series:
    """People counted twice in the plain sum, by year: 0 before end-2023 (UNHCR did not de-duplicate
    then); from it, GAZA_OVERLAP_SHARE of IDMC's Gaza IDP figure in the same release, rounded to a
    person. A year whose IDP figures hold no Gaza figure counts no one twice: its overlap is 0 (the
    plain sum holds no Gaza IDPs to de-duplicate), not a missing figure."""
    gaza = idps_by_country[idps_by_country["iso3"] == GAZA].groupby("year")["idps_conflict"].sum(min_count=1)
    overlap = years.map(gaza).astype("Float64").fillna(0).mul(GAZA_OVERLAP_SHARE).round()
    overlap[years < GAZA_OVERLAP_FROM] = 0
    return overlap.astype("Int64")


def names_by_code(countries: pd.DataFrame, population_names: pd.DataFrame) -> dict[str, str]:
    """One name per ISO3 code: UNHCR's country list (the `countries` source), then, for the few codes it
    does not list (UNHCR's 'Unknown', UNK), the name the population rows carry."""
    names = dict(zip(population_names["iso3"].astype(str), population_names["name"].astype(str)))
    names.update(zip(countries["iso3"].astype(str), countries["name"].astype(str)))
    return names


def country_names(data: Datasets) -> dict[str, str]:
    return names_by_code(data.table("countries", "countries"), data.table("population", "countries"))
