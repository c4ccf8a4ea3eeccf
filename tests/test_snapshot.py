"""The bundled snapshot: complete, small, intact, and what the pipeline builds from the real files."""

import json

import pandas as pd
from conftest import REPO

from displacement.ingest.snapshot import build_snapshot
from displacement.sources import SOURCES
from displacement.storage import store

SNAPSHOT = REPO / "data" / "snapshot"


def test_every_source_has_a_release_in_the_snapshot():
    assert all(store.current_release(SNAPSHOT, s.id) is not None for s in SOURCES)


def test_snapshot_is_under_five_megabytes():
    assert sum(p.stat().st_size for p in SNAPSHOT.rglob("*") if p.is_file()) < 5 * 1024 * 1024


def test_snapshot_files_match_their_checksums():
    assert all(store.verify(store.current_release(SNAPSHOT, s.id)) == [] for s in SOURCES)


def test_provenance_names_release_and_licence_of_every_source():
    provenance = json.loads((SNAPSHOT / "provenance.json").read_text())
    assert {s["id"] for s in provenance["sources"]} == {s.id for s in SOURCES}
    assert all(s["release"] and s["licence"] for s in provenance["sources"])


def test_rebuilding_from_the_real_files_gives_the_committed_tables(shared_data, tmp_path):
    build_snapshot(shared_data, target=tmp_path / "snapshot")
    for source in SOURCES:
        committed = store.current_release(SNAPSHOT, source.id)
        rebuilt = store.current_release(tmp_path / "snapshot", source.id)
        for name in committed.table_names():
            pd.testing.assert_frame_equal(rebuilt.table(name), committed.table(name), check_dtype=False)
