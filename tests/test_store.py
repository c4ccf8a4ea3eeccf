"""The store: whole releases switched atomically, earlier releases kept, failures leave no trace."""

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from displacement import store

WHEN = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def tables(n: int) -> dict:
    return {"totals": pd.DataFrame({"year": list(range(2000, 2000 + n)), "value": pd.array(range(n), dtype="Int64")})}


def snapshot_bytes(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_written_release_becomes_current(tmp_path):
    release = store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    current = store.current_release(tmp_path, "unrwa")
    assert current.name == release.name
    assert current.table("totals")["value"].tolist() == [0, 1, 2]


def test_manifest_records_rows_and_checksums(tmp_path):
    release = store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    entry = release.manifest["tables"]["totals"]
    assert entry["rows"] == 3 and len(entry["sha256"]) == 64
    assert store.verify(release) == []


def test_tampered_file_fails_verification(tmp_path):
    release = store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    (release.path / "totals.parquet").write_bytes(b"not parquet")
    assert store.verify(release) == ["totals.parquet"]


def test_second_release_keeps_the_first(tmp_path):
    first = store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    second = store.write_release(tmp_path, "unrwa", tables(4), {"rows": 4}, WHEN + timedelta(days=1))
    names = [r.name for r in store.list_releases(tmp_path, "unrwa")]
    assert names == [first.name, second.name]
    assert store.current_release(tmp_path, "unrwa").name == second.name


def test_failed_write_leaves_store_byte_identical(tmp_path, monkeypatch):
    store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    before = snapshot_bytes(tmp_path)

    def broken(folder, name, frame):
        raise OSError("disk full")
    monkeypatch.setattr(store, "_write_table", broken)
    with pytest.raises(OSError):
        store.write_release(tmp_path, "unrwa", tables(5), {"rows": 5}, WHEN + timedelta(days=1))
    assert snapshot_bytes(tmp_path) == before


def test_missing_source_has_no_current_release(tmp_path):
    assert store.current_release(tmp_path, "population") is None


def test_unknown_table_names_the_release(tmp_path):
    release = store.write_release(tmp_path, "unrwa", tables(1), {"rows": 1}, WHEN)
    with pytest.raises(store.StoreError, match="no table 'by_asylum'"):
        release.table("by_asylum")
