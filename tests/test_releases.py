"""Links record the data release; an old release is resolved while the store holds it."""

import json
import shutil
from datetime import UTC, datetime

import pytest
from conftest import REPO
from streamlit.testing.v1 import AppTest

from displacement.storage import releases, store
from displacement.storage.datasets import open_datasets

WHEN = datetime(2026, 11, 25, tzinfo=UTC)


def doubled_unrwa(root) -> None:
    """A synthetic newer UNRWA release: the snapshot's tables with the 2025 figures doubled."""
    snapshot = store.current_release(REPO / "data" / "snapshot", "unrwa")
    tables = {name: snapshot.table(name) for name in snapshot.table_names()}
    for table in tables.values():
        table.loc[table["year"] == 2025, "palestine_refugees"] *= 2
    store.write_release(root, "unrwa", tables, {**snapshot.manifest, "release": "synthetic test release"}, WHEN)


def test_release_id_is_stable_and_short(store_root):
    data = open_datasets()
    assert releases.release_id(releases.release_set(data)) == releases.release_id(releases.release_set(open_datasets()))
    assert len(releases.release_id(releases.release_set(data))) == 10


def test_recorded_set_resolves(store_root):
    rid = releases.record(open_datasets())
    resolved = releases.resolve(rid)
    assert resolved is not None and set(resolved.releases) == set(open_datasets().releases)


def test_unknown_id_does_not_resolve(store_root):
    assert releases.resolve("0123456789") is None


def test_changes_between_releases_name_source_and_figure(store_root):
    old = open_datasets()
    doubled_unrwa(store_root)
    new = open_datasets()
    assert releases.changed_sources(old, new)["source"].tolist() == ["unrwa"]
    changed = releases.changed_headline(old, new)
    assert set(changed["year"]) == {2025}
    assert set(changed["figure"]) == {"palestine_refugees", "forcibly_displaced"}


def test_a_torn_log_line_is_skipped(store_root):
    rid = releases.record(open_datasets())
    with (store_root / releases.LOG).open("a") as log:
        log.write('{"id": "abc')
    assert releases.resolve(rid) is not None


@pytest.fixture
def old_link(store_root):
    """A release id recorded before a newer UNRWA release arrived."""
    rid = releases.record(open_datasets())
    doubled_unrwa(store_root)
    return rid


def overview(**params) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def palestine(at) -> str:
    return next(m.value for m in at.metric if m.label == "Palestine refugees")


def test_link_with_an_old_release_says_so_and_shows_current_figures(old_link):
    at = overview(release=old_link)
    assert not at.exception
    assert any(f"made with data release {old_link}" in i.value for i in at.info)
    assert palestine(at) == "11.9 M"


def test_old_release_figures_can_be_shown(old_link):
    at = overview(release=old_link)
    at.toggle(key="as_linked").set_value(True).run()
    assert palestine(at) == "6.0 M"
    assert any("earlier data release" in w.value for w in at.warning)


def test_malformed_release_gets_a_notice(store_root):
    at = overview(release="<script>")
    assert not at.exception and any("release" in w.value for w in at.warning)


def test_link_records_the_current_release(store_root):
    at = overview()
    recorded = at.query_params["release"]
    assert (recorded[-1] if isinstance(recorded, list) else recorded) == \
        releases.release_id(releases.release_set(open_datasets()))


def test_the_log_holds_paths_relative_to_the_store(store_root):
    doubled_unrwa(store_root)
    releases.record(open_datasets())
    [entry] = [json.loads(line) for line in (store_root / releases.LOG).read_text().splitlines()]
    assert entry["releases"]["unrwa"].startswith("store:unrwa/r")
    assert entry["releases"]["population"].startswith("snapshot:population/r")
    assert str(store_root) not in json.dumps(entry)


def test_a_copied_store_resolves_its_own_releases_not_the_originals(store_root, tmp_path, monkeypatch):
    doubled_unrwa(store_root)
    rid = releases.record(open_datasets())
    copy = tmp_path / "copy"
    shutil.copytree(store_root, copy)
    shutil.rmtree(store_root)
    monkeypatch.setenv("DISPLACEMENT_STORE", str(copy))
    resolved = releases.resolve(rid)
    assert resolved is not None and resolved.releases["unrwa"].path.parent.parent == copy


def test_one_store_reached_by_another_path_has_the_same_release_id(store_root, tmp_path):
    """Two machines mounting one share at different paths name its releases alike."""
    doubled_unrwa(store_root)
    mount = tmp_path / "elsewhere" / "mnt"
    mount.parent.mkdir()
    mount.symlink_to(store_root)
    here, there = open_datasets(store_root=store_root), open_datasets(store_root=mount)
    assert releases.release_id(releases.release_set(here)) == releases.release_id(releases.release_set(there))


def test_a_resolved_release_says_where_each_source_is_read_from(store_root):
    doubled_unrwa(store_root)
    resolved = releases.resolve(releases.record(open_datasets()))
    assert resolved.origin == open_datasets().origin == {**resolved.origin, "unrwa": "store", "population": "snapshot"}


def test_an_older_log_with_absolute_paths_resolves_inside_this_store(store_root, tmp_path):
    doubled_unrwa(store_root)
    name = store.current_release(store_root, "unrwa").name
    entry = {"id": "0123456789", "releases": {"unrwa": f"/elsewhere/store/unrwa/{name}",
                                               "population": "/elsewhere/store/population/../../etc"}}
    (store_root / releases.LOG).write_text(json.dumps(entry) + "\n")
    assert releases.resolve("0123456789") is None  # '..' never leaves the store
    entry["releases"].pop("population")
    (store_root / releases.LOG).write_text(json.dumps(entry) + "\n")
    assert releases.resolve("0123456789").releases["unrwa"].path == store_root / "unrwa" / name
