"""Refresh through the real HTTP stack (responses) on saved payloads, and from bulk files."""

import json
import re
from datetime import date

import pandas as pd
import pytest
import responses
from conftest import FIXTURES, fixture_json

from displacement.ingest import refresh as refresh_module
from displacement.ingest.refresh import refresh as real_refresh
from displacement.storage import store


def refresh(*args, **kwargs):
    """Fixture payloads are far smaller than the bundled snapshot: compare only within the test store."""
    kwargs.setdefault("check_against_snapshot", False)
    return real_refresh(*args, **kwargs)

UNHCR = "https://api.unhcr.org/population/v1/"
AS_OF = date(2026, 6, 25)


def register_pages(mock, url: str, source_id: str) -> None:
    for page in sorted((FIXTURES / source_id).glob("page*_of_*.json")):
        mock.get(re.compile(re.escape(url) + r".*"), json=json.loads(page.read_text()))


def files_of(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_live_refresh_fills_the_store(mock, tmp_path):
    register_pages(mock, UNHCR + "unrwa/", "unrwa")
    [outcome] = refresh(["unrwa"], root=tmp_path, as_of=AS_OF)
    assert outcome.ok, outcome.message
    release = store.current_release(tmp_path, "unrwa")
    expected = sum(len(fixture_json("unrwa", p.name)["items"]) for p in (FIXTURES / "unrwa").glob("page*"))
    assert release.manifest["rows"] == expected
    assert release.manifest["url"] == UNHCR + "unrwa/"


def test_live_refresh_asks_for_every_pair_over_the_whole_history(mock, tmp_path):
    register_pages(mock, UNHCR + "unrwa/", "unrwa")
    refresh(["unrwa"], root=tmp_path, as_of=AS_OF)
    query = mock.calls[0].request.url
    assert "coo_all=true" in query and "coa_all=true" in query and "yearFrom=1951" in query and "limit=" in query


def test_progress_reaches_one(mock, tmp_path):
    register_pages(mock, UNHCR + "unrwa/", "unrwa")
    seen = []
    refresh(["unrwa"], root=tmp_path, as_of=AS_OF, progress=lambda f, m: seen.append((f, m)))
    assert seen[-1][0] == 1.0 and all(0 <= f <= 1 for f, _ in seen)


def test_failed_source_keeps_its_files_and_others_refresh(mock, tmp_path):
    register_pages(mock, UNHCR + "unrwa/", "unrwa")
    register_pages(mock, UNHCR + "idmc/", "idmc")
    refresh(["unrwa", "idmc"], root=tmp_path, as_of=AS_OF)
    before = files_of(tmp_path / "unrwa")
    mock.reset()
    mock.get(re.compile(re.escape(UNHCR + "unrwa/") + ".*"), status=500)
    register_pages(mock, UNHCR + "idmc/", "idmc")
    unrwa, idmc = refresh(["unrwa", "idmc"], root=tmp_path, as_of=AS_OF)
    assert not unrwa.ok and "500" in unrwa.message
    assert idmc.ok
    assert files_of(tmp_path / "unrwa") == before


def test_schema_change_is_rejected_and_not_stored(mock, tmp_path):
    payload = fixture_json("unrwa", "page1_of_2.json")
    for item in payload["items"]:
        item["people"] = item.pop("total")
    payload["maxPages"] = 1
    mock.get(re.compile(re.escape(UNHCR + "unrwa/") + ".*"), json=payload)
    [outcome] = refresh(["unrwa"], root=tmp_path, as_of=AS_OF)
    assert not outcome.ok and "'total' is missing" in outcome.message
    assert store.current_release(tmp_path, "unrwa") is None


def test_partial_data_is_refused(mock, tmp_path):
    register_pages(mock, UNHCR + "unrwa/", "unrwa")
    refresh(["unrwa"], root=tmp_path, as_of=AS_OF)
    before = files_of(tmp_path)
    mock.reset()
    first_page = fixture_json("unrwa", "page1_of_2.json")
    first_page["maxPages"] = 1
    first_page["items"] = first_page["items"][:1]
    mock.get(re.compile(re.escape(UNHCR + "unrwa/") + ".*"), json=first_page)
    [outcome] = refresh(["unrwa"], root=tmp_path, as_of=AS_OF)
    assert not outcome.ok and outcome.message.startswith("partial data")
    assert files_of(tmp_path) == before


def test_first_refresh_is_checked_against_the_bundled_snapshot(mock, tmp_path):
    first_page = fixture_json("unrwa", "page1_of_2.json")
    first_page["maxPages"] = 1
    mock.get(re.compile(re.escape(UNHCR + "unrwa/") + ".*"), json=first_page)
    [outcome] = real_refresh(["unrwa"], root=tmp_path, as_of=AS_OF)
    assert not outcome.ok and "partial data" in outcome.message


def test_gidd_without_key_is_not_refreshed_by_default():
    assert "idmc-gidd" not in refresh_module.default_source_ids(None, None)
    assert "idmc-gidd" in refresh_module.default_source_ids("key", None)


def test_from_dir_reads_bulk_files(tmp_path):
    folder = tmp_path / "bulk"
    folder.mkdir()
    (folder / "unrwa.csv").write_text(
        "year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,total\n"
        "2024,Palestinian,GAZ,PSE,Jordan,JOR,JOR,2400000\n2024,Palestinian,GAZ,PSE,Lebanon,LEB,LBN,\n")
    [outcome] = refresh(["unrwa"], root=tmp_path / "store", from_dirs=[folder], as_of=AS_OF)
    assert outcome.ok
    by_asylum = store.current_release(tmp_path / "store", "unrwa").table("by_asylum").set_index("iso3")
    assert by_asylum.loc["JOR", "palestine_refugees"] == 2400000
    assert pd.isna(by_asylum.loc["LBN", "palestine_refugees"])


@pytest.mark.parametrize("content, expected", [
    (b"year,coo_iso,coa_iso\n2024,PSE,JOR\n", "'total' is missing"),
    ("year,coo_iso,coa_iso,total\n2024,PSE,JOR,caf\xe9\n".encode("latin-1"), "not UTF-8"),
    (b"", "cannot be read"),
    (b'year,coo_iso,coa_iso,total\n2024,PSE,"JOR,5\n', "cannot be read"),
])
def test_bad_bulk_file_is_refused_with_a_reason(tmp_path, content, expected):
    folder = tmp_path / "bulk"
    folder.mkdir()
    (folder / "unrwa.csv").write_bytes(content)
    [outcome] = refresh(["unrwa"], root=tmp_path / "store", from_dirs=[folder], as_of=AS_OF)
    assert not outcome.ok and expected in outcome.message
    assert not (tmp_path / "store" / "unrwa").exists() or store.current_release(tmp_path / "store", "unrwa") is None


def test_extra_columns_in_a_bulk_file_are_ignored(tmp_path):
    folder = tmp_path / "bulk"
    folder.mkdir()
    (folder / "unrwa.csv").write_text("year,coo_iso,coa_iso,total,comment\n2024,PSE,JOR,5,hello\n")
    [outcome] = refresh(["unrwa"], root=tmp_path / "store", from_dirs=[folder], as_of=AS_OF)
    assert outcome.ok


def test_allow_shrink_accepts_a_smaller_release(mock, tmp_path):
    first_page = fixture_json("unrwa", "page1_of_2.json")
    first_page["maxPages"] = 1
    mock.get(re.compile(re.escape(UNHCR + "unrwa/") + ".*"), json=first_page)
    [outcome] = real_refresh(["unrwa"], root=tmp_path, as_of=AS_OF, allow_shrink=True)
    assert outcome.ok
