"""The bundled snapshot's figures against known real values (UNHCR GT2025 release)."""

import pandas as pd
import pytest

from displacement.figures.summary import country_summary, world_summary
from displacement.storage.datasets import headline_totals, open_datasets


@pytest.fixture(scope="module")
def data():
    return open_datasets()


def test_end_2024_components(data):
    summary = world_summary(data, 2024)
    assert (summary["refugees"], summary["palestine_refugees"], summary["asylum_seekers"],
            summary["other_in_need_of_international_protection"], summary["idps_conflict"]) == \
        (30_958_200, 5_914_401, 8_352_712, 5_875_359, 73_573_201)


def test_end_2024_sum_basis_and_published_headline_stay_apart(data):
    summary = world_summary(data, 2024)
    assert summary["forcibly_displaced_sum_of_components"] == 124_673_873
    assert summary["gaza_overlap"] == 1_422_400  # 70% of IDMC's 2,032,000 Gaza IDPs
    assert summary["forcibly_displaced_unhcr_basis"] == 123_251_473  # 123.3: IDMC revised end-2024 by +64,000
    assert summary["forcibly_displaced_published"] == 123_200_000


def test_stateless_is_reported_beside_not_inside(data):
    summary = world_summary(data, 2024)
    parts = sum(summary[k] for k in ["refugees", "palestine_refugees", "asylum_seekers",
                                     "other_in_need_of_international_protection", "idps_conflict"])
    assert summary["forcibly_displaced_sum_of_components"] == parts and summary["stateless"] == 4_360_087


def test_year_without_a_published_figure_gives_null(data):
    assert world_summary(data, 2025)["forcibly_displaced_published"] is None


def test_missing_components_are_named_not_zeroed(data):
    summary = world_summary(data, 1985)
    assert set(summary["components_missing"]) == {"oip", "idps_conflict"}
    assert summary["idps_conflict"] is None


def test_every_year_matches_the_independent_derivation(data, shared_data):
    reference = pd.read_csv(shared_data / "unhcr_derived" / "global_totals_by_year.csv")
    ours = headline_totals(data).merge(reference, on="year")
    assert len(ours) == 75
    assert (ours["forcibly_displaced"].astype("int64") == ours["forcibly_displaced_sum_no_overlap_adjustment"]).all()


def test_turkiye_hosted_2024(data):
    hosted = country_summary(data, 2024, "TUR")["by_asylum"]
    assert hosted["refugees_and_oip"] == 2_940_735  # UNHCR's basis; no OIP reported
    assert hosted["with_asylum_seekers"] == 2_940_735 + 154_083


def test_per_capita_uses_the_latest_population_year(data):
    summary = country_summary(data, 2025, "DEU")
    assert summary["population_year"] == 2024
    assert summary["hosted_per_1000"] == round(
        summary["by_asylum"]["refugees_and_oip"] / summary["population"] * 1000, 2
    )
