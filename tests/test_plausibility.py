"""The plausibility gate (displacement/ingest/plausibility.py): each rule refuses or holds what it should, and
the real data pass it: the full bulk files 1951-2025, the bundled snapshot, and the release-to-release
revisions UNHCR and IDMC really made (shared/data/unhcr_derived/global_totals_by_release.csv)."""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd
import pytest
from conftest import REPO, SHARED_DATA

from displacement.ingest import pipeline, plausibility
from displacement.ingest.bulk import read_bulk
from displacement.ingest.plausibility import HeldForReview, ImplausibleData, compare
from displacement.ingest.snapshot import BULK_AS_OF, BULK_FOLDERS
from displacement.sources import SOURCES, get_source
from displacement.storage import store

SNAPSHOT = REPO / "data" / "snapshot"
AS_OF = date(2026, 6, 25)


def totals(rows: list[tuple], column: str = "refugees") -> dict[str, pd.DataFrame]:
    """A population-like release with only world totals: rows of (year, period, value)."""
    frame = pd.DataFrame(rows, columns=["year", "period", column])
    return {"totals": frame.astype({"year": "int64", "period": "string", column: "Int64"})}


def by_asylum(rows: list[tuple], column: str = "refugees") -> dict[str, pd.DataFrame]:
    """Rows of (year, iso3, value), end-year."""
    frame = pd.DataFrame([(y, "end-year", c, v) for y, c, v in rows], columns=["year", "period", "iso3", column])
    return {"by_asylum": frame.astype({"year": "int64", column: "Int64"})}


# --- one payload ------------------------------------------------------------------------------------

def test_a_row_sent_twice_is_refused_with_its_key_and_rows():
    raw = pd.DataFrame({"year": ["2024", "2024"], "coo_iso": ["SYR", "SYR"], "coa_iso": ["DEU", "DEU"],
                        "total": [5, 5]})
    with pytest.raises(ImplausibleData, match=r"^unrwa: field 'year, coo_iso, coa_iso' is the same in 1 row as in "
                                              r"an earlier row: .* \(e\.g\. rows 1 and 2: year=2024, coo_iso=SYR"):
        plausibility.check_payload(get_source("unrwa"), raw)


def test_a_year_as_text_and_as_a_number_is_one_year():
    raw = pd.DataFrame({"year": ["2024", 2024.0], "coo_iso": ["SYR", "SYR"], "coa_iso": ["DEU", "DEU"]})
    with pytest.raises(ImplausibleData, match="is the same in 1 row"):
        plausibility.check_payload(get_source("unrwa"), raw)


def test_rows_repeated_with_an_empty_code_are_refused_too():
    raw = pd.DataFrame({"year": [2017, 2017], "coo_iso": [None, None], "coa_iso": ["AFG", "AFG"], "total": [1, 1]})
    with pytest.raises(ImplausibleData, match=r"e\.g\. rows 1 and 2: year=2017, coo_iso=, coa_iso=AFG"):
        plausibility.check_payload(get_source("idmc"), raw)


def test_rows_told_apart_by_unhcr_codes_are_not_repeats():
    """A real case (GT2022's idmc.rda): AB9 and UKN rows both without an ISO3 code, in one year."""
    raw = pd.DataFrame({"year": [2017, 2017], "coo": ["AB9", "UKN"], "coo_iso": [None, None], "coa": ["AB9", "UKN"],
                        "coa_iso": [None, None], "total": [31000, 2]})
    plausibility.check_payload(get_source("idmc"), raw)


@pytest.mark.parametrize("period, as_of, last", [
    ("mid-year", date(2026, 6, 30), 2025),  # a figure at 30 June 2026 cannot be out before that day
    ("mid-year", date(2026, 7, 1), 2026),
    ("end-year", date(2026, 12, 31), 2025),  # year-end figures (IDMC's stocks, Global Trends): the year must be over
])
def test_the_latest_publishable_year(period, as_of, last):
    assert plausibility.latest_year(as_of, period)[0] == last


def test_a_year_end_headline_needs_the_year_to_be_over():
    headlines = pd.DataFrame({"year": [2026, 2026], "period": ["mid-year", "end-year"]})
    with pytest.raises(ImplausibleData,
                       match=r"field 'year' is 2026, after 2025, .*year is over\) \(1 row, e\.g\. period=end-year\)$"):
        plausibility.check_tables(get_source("published-headlines"), {"headlines": headlines}, date(2026, 11, 1))


def test_a_world_total_above_the_people_alive_is_refused():
    release = totals([(2024, "end-year", 6_000_000_000), (2024, "end-year", 6_000_000_000)])
    with pytest.raises(ImplausibleData, match=r"sums to 12,000,000,000 people world-wide in 2024"):
        plausibility.check_tables(get_source("population"), release, AS_OF)


@pytest.mark.parametrize("table, column, value, refused", [
    ("by_asylum", "refugees", 1_000_001, True),  # people in a country: at most its population
    ("by_asylum", "refugees", 1_000_000, False),
    ("by_origin", "refugees", 2_000_001, True),  # people abroad: at most twice it
    ("by_origin", "refugees", 2_000_000, False),
])
def test_a_country_figure_above_its_bound_is_refused(table, column, value, refused):
    tables = {table: pd.DataFrame({"year": [2024], "period": ["end-year"], "iso3": ["AAA"],
                                   column: pd.array([value], dtype="Int64")})}
    people = pd.DataFrame({"year": [2023], "iso3": ["AAA"], "population": [1_000_000]})
    if refused:
        with pytest.raises(ImplausibleData, match=rf"{column}' is above .* AAA 2024: {value:,} against 1,000,000"):
            plausibility.check_population_shares(get_source("population"), tables, people)
    else:
        plausibility.check_population_shares(get_source("population"), tables, people)


def test_movements_may_pass_the_population_but_not_twice_it():
    tables = {"by_country": pd.DataFrame({"year": [2024], "period": ["end-year"], "iso3": ["AAA"],
                                          "new_displacements_disaster": pd.array([1_500_000], dtype="Int64"),
                                          "idps_disaster_stock": pd.array([900_000], dtype="Int64")})}
    people = pd.DataFrame({"year": [2024], "iso3": ["AAA"], "population": [1_000_000]})
    plausibility.check_population_shares(get_source("idmc-gidd"), tables, people)


# --- against the release in force ----------------------------------------------------------------------

def test_a_headline_revision_within_ten_percent_is_published():
    """IDMC's real end-2022 revision: 62,479,565 (GT2022) -> 61,246,388 (today), -2.0%."""
    old, new = totals([(2022, "end-year", 62_479_565)], "idps_conflict"), totals([(2022, "end-year", 61_246_388)],
                                                                                 "idps_conflict")
    assert compare(get_source("idmc"), new, old) == []


def test_a_headline_revision_over_ten_percent_is_held():
    old, new = totals([(2024, "end-year", 30_000_000)]), totals([(2024, "end-year", 33_100_000)])
    assert compare(get_source("population"), new, old) == ["world refugees 2024: 30,000,000 -> 33,100,000"]


def test_a_vanished_figure_is_held():
    old, new = totals([(2024, "end-year", 30_000_000)]), totals([(2024, "end-year", None)])
    assert compare(get_source("population"), new, old) == ["world refugees 2024: 30,000,000 -> missing"]


def test_a_new_mid_year_to_end_year_period_is_compared_with_a_factor_of_two():
    """Real: UNRWA mid-2024 (3,477,974, partial) -> end-2024 (5,914,401) is x1.70, published."""
    old = totals([(2024, "mid-year", 3_477_974)], "palestine_refugees")
    assert compare(get_source("unrwa"), totals([(2024, "end-year", 5_914_401)], "palestine_refugees"), old) == []
    assert compare(get_source("unrwa"), totals([(2024, "end-year", 7_000_000)], "palestine_refugees"), old) == [
        "world palestine_refugees 2024: 3,477,974 -> 7,000,000"]


def test_a_new_year_is_compared_with_the_latest_year_before_it():
    old = totals([(2024, "end-year", 30_000_000)])
    assert compare(get_source("population"), totals([(2024, "end-year", 30_000_000), (2025, "mid-year", 29_000_000)]),
                   old) == []
    assert compare(get_source("population"), totals([(2024, "end-year", 30_000_000), (2025, "mid-year", 14_000_000)]),
                   old) == [
        "world refugees 2025: 30,000,000 -> 14,000,000"]


def test_a_new_year_end_headline_beside_the_mid_year_one_is_not_a_revision_of_it():
    def headlines(*rows):
        frame = pd.DataFrame(rows, columns=["period_label", "year", "period", "forcibly_displaced_m"])
        return {"headlines": frame}
    old = headlines(("end-2024", 2024, "end-year", 123.2), ("mid-2025", 2025, "mid-year", 117.3))
    new = headlines(("end-2024", 2024, "end-year", 123.2), ("mid-2025", 2025, "mid-year", 117.3),
                    ("end-2025", 2025, "end-year", 119.0))
    assert compare(get_source("published-headlines"), new, old) == []
    new["headlines"].loc[0, "forcibly_displaced_m"] = 100.0
    revised = "world forcibly_displaced_m 2024 end-year: 123,200,000 -> 100,000,000"  # in people
    assert compare(get_source("published-headlines"), new, old) == [revised]


def test_a_flow_revision_is_held_only_when_doubled_or_halved_by_over_100000():
    old = totals([(2022, "end-year", 339_261)], "returned_refugees")
    assert compare(get_source("population"), totals([(2022, "end-year", 600_000)], "returned_refugees"), old) == []
    assert compare(get_source("population"), totals([(2022, "end-year", 1_356_261)], "returned_refugees"), old) == [
        "world returned_refugees 2022: 339,261 -> 1,356,261"]  # real: MYT2023 -> GT2023


def test_a_world_figure_ten_times_the_previous_is_refused_even_with_accept_review():
    old, new = totals([(2024, "end-year", 30_000_000)]), totals([(2024, "end-year", 300_000_001)])
    with pytest.raises(ImplausibleData, match=r"more than 10 times .*30,000,000 -> 300,000,001"):
        compare(get_source("population"), new, old)


def test_a_country_doubled_by_more_than_five_percent_of_the_world_is_held():
    old = by_asylum([(2024, "DEU", 2_600_000), (2024, "TUR", 2_900_000), (2024, "XXX", 25_000_000)])
    new = by_asylum([(2024, "DEU", 5_200_000), (2024, "TUR", 2_900_000), (2024, "XXX", 22_400_000)])
    assert compare(get_source("population"), new, old) == ["DEU (by_asylum) refugees 2024: 2,600,000 -> 5,200,000"]


def test_a_small_country_doubled_is_published():
    old = by_asylum([(2024, "LUX", 5_000), (2024, "XXX", 30_000_000)])
    new = by_asylum([(2024, "LUX", 10_000), (2024, "XXX", 30_000_000)])
    assert compare(get_source("population"), new, old) == []


def test_a_country_population_halved_is_held():
    old = {"population": pd.DataFrame({"year": [2023], "iso3": ["DEU"], "population": [83_280_000]})}
    new = {"population": pd.DataFrame({"year": [2023], "iso3": ["DEU"], "population": [41_000_000]})}
    assert compare(get_source("worldbank-population"), new, old) == [
        "DEU (population) population 2023: 83,280,000 -> 41,000,000"]


def test_the_review_message_names_the_changes_and_how_to_publish_them():
    message = str(HeldForReview("unrwa", [f"change {n}" for n in range(5)]))
    assert message == ("held for review: 5 changes beyond the review thresholds: change 0; change 1; change 2; and 2 "
                       "more; publish it anyway with `python -m displacement refresh --source unrwa --accept-review`")


# --- real data ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_tables() -> dict[str, dict]:
    """Every source built from the real bulk files (1951-2025) through the gate's payload checks."""
    if not (SHARED_DATA / "unhcr_refugees_r_package").is_dir():
        pytest.skip("the real bulk data (../shared/data) are not beside this checkout")
    folders = [SHARED_DATA / name for name in BULK_FOLDERS]
    return {s.id: pipeline.build(s, read_bulk(s, folders)[0], BULK_AS_OF) for s in SOURCES}


def test_the_real_data_pass_every_check_of_their_own(real_tables):
    people = real_tables["worldbank-population"]["population"]
    for source_id, tables in real_tables.items():
        plausibility.check_population_shares(get_source(source_id), tables, people)


def test_the_real_data_against_the_bundled_snapshot_hold_nothing(real_tables):
    for source in SOURCES:
        release = store.current_release(SNAPSHOT, source.id)
        previous = {name: release.table(name) for name in release.table_names()}
        assert compare(source, real_tables[source.id], previous) == [], source.id


def test_the_bundled_snapshot_passes_the_population_bounds():
    people = store.current_release(SNAPSHOT, "worldbank-population").table("population")
    for source in SOURCES:
        release = store.current_release(SNAPSHOT, source.id)
        plausibility.check_population_shares(source, {n: release.table(n) for n in release.table_names()}, people)


COMPONENTS = {"refugees_unhcr_mandate": ("population", "refugees"), "asylum_seekers": ("population", "asylum_seekers"),
              "other_people_in_need_of_intl_protection": ("population", "oip"),
              "palestine_refugees_unrwa": ("unrwa", "palestine_refugees"),
              "idps_idmc_conflict": ("idmc", "idps_conflict")}


def release_totals(rows: pd.DataFrame, column: str) -> dict[str, pd.DataFrame]:
    """One historical release's world figure: missing where the release lacked it (its 0 for IDMC mid-2023)."""
    values = rows[column].where(rows[column] > 0)
    frame = pd.DataFrame({"year": rows["data_year"], "period": rows["period"].str.split("-").str[0] + "-year",
                          "value": values})
    return {"totals": frame.astype({"year": "int64", "period": "string", "value": "Int64"})}


def test_no_real_release_to_release_change_of_a_headline_component_is_held(shared_data):
    """Each of the 17 consecutive releases GT2022 ... 2025.12.1, headline components as each release had
    them: revisions (IDMC end-2023 -1.9%), mid-year to end-year periods (UNRWA x1.70) and new years pass."""
    by_release = pd.read_csv(shared_data / "unhcr_derived" / "global_totals_by_release.csv")
    releases = list(dict.fromkeys(by_release["package_commit"]))
    held = []
    for before, after in itertools.pairwise(releases):
        for column, (source_id, name) in COMPONENTS.items():
            old = release_totals(by_release[by_release["package_commit"] == before], column)
            new = release_totals(by_release[by_release["package_commit"] == after], column)
            old["totals"], new["totals"] = (t.rename(columns={"value": name}) for t in (old["totals"], new["totals"]))
            held += [f"{before}->{after}: {line}" for line in compare(get_source(source_id), new, old)]
    assert held == []


def test_idmc_end_2022_as_first_published_and_as_revised_since_is_not_held(shared_data):
    first = pd.read_csv(shared_data / "unhcr_derived" / "global_totals_by_release.csv")
    now = pd.read_csv(shared_data / "unhcr_derived" / "global_totals_by_year.csv")
    was = int(first.loc[(first["package_commit"] == "12b0e39") & (first["data_year"] == 2022),
                        "idps_idmc_conflict"].iloc[0])
    is_now = int(now.loc[now["year"] == 2022, "idps_idmc_conflict"].iloc[0])
    assert (was, is_now) == (62_479_565, 61_246_388)
    assert compare(get_source("idmc"), totals([(2022, "end-year", is_now)], "idps_conflict"),
                   totals([(2022, "end-year", was)], "idps_conflict")) == []


def test_the_source_modules_parse_caps_every_count():
    """A count above the people alive is refused while parsing, before anything is summed."""
    from displacement.ingest.schema import ValidationError
    raw = pd.DataFrame({"year": ["2024"], "coo_iso": ["PSE"], "coa_iso": ["JOR"], "total": [str(5 * 10**18)]})
    with pytest.raises(ValidationError, match=r"field 'total' is 5,000,000,000,000,000,000, more than the "
                                              r"10,000,000,000 people alive"):
        pipeline.build(get_source("unrwa"), raw, AS_OF)
