"""The store: whole releases switched atomically, earlier releases kept, failures leave no trace."""

import shutil
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from displacement.storage import store

WHEN = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


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


def test_a_second_writer_is_refused_while_the_first_holds_the_store(tmp_path):
    refused = pytest.raises(store.StoreError, match="another refresh is writing this store now")
    with store.writer_lock(tmp_path), refused, store.writer_lock(tmp_path):
        pass
    with store.writer_lock(tmp_path):  # released with the first
        pass


def test_a_failed_switch_leaves_no_release_renamed_into_place(tmp_path, monkeypatch):
    store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    before = snapshot_bytes(tmp_path)
    real = store.os.replace

    def full(source, target):
        if str(target).endswith(store.CURRENT):
            raise OSError(28, "No space left on device")
        return real(source, target)
    monkeypatch.setattr(store.os, "replace", full)
    with pytest.raises(OSError):
        store.write_release(tmp_path, "unrwa", tables(5), {"rows": 5}, WHEN + timedelta(days=1))
    assert snapshot_bytes(tmp_path) == before  # neither the new release nor a temporary pointer is left


def test_clean_up_removes_what_an_interrupted_write_left_and_says_what(tmp_path):
    first = store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    (tmp_path / "unrwa" / ".tmp-0123").mkdir()
    (tmp_path / "unrwa" / ".tmp-0123" / "totals.parquet").write_bytes(b"half")
    (tmp_path / "unrwa" / ".CURRENT.abcd.tmp").write_text("")
    orphan = tmp_path / "unrwa" / store.release_name(WHEN + timedelta(days=1))
    shutil.copytree(first.path, orphan)
    removed = store.clean_up(tmp_path)
    assert [line.split(" ")[0] for line in removed] == [
        "unrwa/.CURRENT.abcd.tmp",
        "unrwa/.tmp-0123",
        f"unrwa/{orphan.name}",
    ]
    assert sorted(p.name for p in (tmp_path / "unrwa").iterdir()) == [store.CURRENT, first.name]


def test_stepping_back_keeps_the_later_release_withdrawn_and_clean_up_leaves_it(tmp_path):
    first = store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    second = store.write_release(tmp_path, "unrwa", tables(4), {"rows": 4}, WHEN + timedelta(days=1))
    assert store.use_release(tmp_path, "unrwa", first.name).name == first.name
    assert store.current_release(tmp_path, "unrwa").name == first.name
    assert store.clean_up(tmp_path) == [] and store.is_withdrawn(store.read_release(second.path, "unrwa"))
    store.use_release(tmp_path, "unrwa", second.name)  # and forward again
    assert not store.is_withdrawn(store.current_release(tmp_path, "unrwa"))


def test_a_damaged_or_unknown_release_is_not_switched_in(tmp_path):
    first = store.write_release(tmp_path, "unrwa", tables(3), {"rows": 3}, WHEN)
    store.write_release(tmp_path, "unrwa", tables(4), {"rows": 4}, WHEN + timedelta(days=1))
    with pytest.raises(store.StoreError, match="no release 'r1' in this store"):
        store.use_release(tmp_path, "unrwa", "r1")
    (first.path / "totals.parquet").write_bytes(b"not parquet")
    with pytest.raises(store.StoreError, match=r"is damaged \(totals\.parquet no longer match"):
        store.use_release(tmp_path, "unrwa", first.name)
