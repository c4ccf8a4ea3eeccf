"""Build the bundled snapshot in data/snapshot from the real bulk files, through the same
pipeline a live refresh uses, and write its provenance file."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from displacement import config
from displacement.ingest.refresh import Outcome, Progress, refresh
from displacement.sources import SOURCES_BY_ID
from displacement.storage import store

# Sub-folders of shared/data, searched in this order (population.csv exists in two of them; the
# first is the full database in the API's field names).
BULK_FOLDERS = ["unhcr_refugees_r_package", "unhcr_refugee_data_finder_download", "worldbank",
                "idmc", "unhcr_derived"]
# The date the UNHCR export was published (refugees R package 2025.12.1): its latest year is end-2025.
BULK_AS_OF = date(2026, 6, 25)
UNHCR_RELEASE = "UNHCR refugees R package 2025.12.1 (Global Trends 2025 release, data to end-2025)"
BULK_RELEASES = {
    **{sid: UNHCR_RELEASE for sid in ["population", "unrwa", "idmc", "solutions", "asylum-applications",
                                      "asylum-decisions", "demographics"]},
    "footnotes": "UNHCR Refugee Data Finder download, last updated 13 June 2024 (Global Trends 2023)",
    "worldbank-population": "World Development Indicators, last updated 2025-10-07",
    "idmc-gidd": "IDMC GIDD export, last update 13 May 2025 (GRID 2025, data to end-2024)",
    "published-headlines": "UNHCR Global Trends 2010-2024 and Mid-Year Trends 2023-2025, as published",
    "headline-releases": "UNHCR refugees R package releases 2022.12.0 to 2025.12.1 (GT2022 to GT2025)",
    "countries": UNHCR_RELEASE,
}
PROVENANCE = "provenance.json"


class SnapshotError(RuntimeError):
    pass


def build_snapshot(shared_data: Path, target: Path | None = None, progress: Progress | None = None) -> list[Outcome]:
    """Build every source into a fresh folder; replace the snapshot only if all succeeded."""
    target = target or config.SNAPSHOT_DIR
    folders = [shared_data / name for name in BULK_FOLDERS]
    staging = target.with_name(target.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    outcomes = refresh(root=staging, from_dirs=folders, as_of=BULK_AS_OF, progress=progress,
                       keep_tidy=False, release_labels=BULK_RELEASES,
                       check_against_snapshot=False)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        raise SnapshotError("; ".join(o.line() for o in failed))
    _write_provenance(staging, outcomes)
    _swap_into_place(staging, target)
    return outcomes


def _write_provenance(folder: Path, outcomes: list[Outcome]) -> None:
    sources = []
    for outcome in outcomes:
        manifest = store.current_release(folder, outcome.source_id).manifest
        source = SOURCES_BY_ID[outcome.source_id]
        sources.append({
            "id": source.id, "title": source.title, "publisher": source.publisher,
            "licence": source.licence, "licence_url": source.licence_url,
            "release": manifest["release"], "file": manifest["file"], "rows": manifest["rows"],
            "latest_period": manifest["latest_period"], "citation": manifest["citation"],
        })
    provenance = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "built_by": "python -m displacement build-snapshot",
        "data_as_of": BULK_AS_OF.isoformat(),
        "note": "Aggregated tables derived by this project's pipeline from the real bulk files "
                "described in shared/data/*/SOURCES.md; no source file is copied.",
        "sources": sources,
    }
    (folder / PROVENANCE).write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")


def _swap_into_place(staging: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
