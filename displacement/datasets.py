"""Load what the dashboard and the command line read: for each source the store's current
release, or the bundled snapshot's when the store has none; then the combined headline series.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from displacement import config, store
from displacement.sources import SOURCES

# UNHCR's forcibly displaced headline (DESIGN.md): these stocks, and nothing else.
HEADLINE_COMPONENTS = ["refugees", "palestine_refugees", "asylum_seekers", "oip", "idps_conflict"]
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

    def manifest(self, source_id: str) -> dict:
        return self.releases[source_id].manifest


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
    """One row per year: the headline components, their sum, what is missing, and the stocks
    reported beside it. The sum counts only components present that year (missing is not zero),
    and `components_missing` names the absent ones."""
    population = data.table("population", "totals")
    unrwa = data.table("unrwa", "totals")[["year", "palestine_refugees"]]
    idmc = data.table("idmc", "totals")[["year", "idps_conflict"]]
    table = population.merge(unrwa, on="year", how="left").merge(idmc, on="year", how="left")
    components = table[HEADLINE_COMPONENTS].astype("Int64")
    table["forcibly_displaced"] = components.sum(axis=1, min_count=1).astype("Int64")
    table["components_missing"] = components.isna().apply(
        lambda row: ";".join(c for c in HEADLINE_COMPONENTS if row[c]), axis=1)
    columns = ["year", "period", *HEADLINE_COMPONENTS, "forcibly_displaced", "components_missing",
               *REPORTED_BESIDE]
    return table[columns].sort_values("year").reset_index(drop=True)
