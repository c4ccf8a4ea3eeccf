"""Return scenarios: arithmetic on an analogue's path, labelled, never below zero, gaps kept."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from displacement.figures import return_scenarios as rs
from displacement.figures import returns
from displacement.storage.datasets import open_datasets
from displacement.turning_points import load_turning_points


@pytest.fixture(scope="module")
def history():
    """(points, paths, summary, population): a namespace, so each test takes what it needs."""
    data = open_datasets()
    points = load_turning_points()
    population = data.table("population", "by_origin")
    paths = returns.episode_paths(points, data.table("solutions", "by_origin"), population)
    return {"points": points, "paths": paths, "summary": returns.episode_summary(points, paths),
            "population": population}


def test_shares_apply_to_the_countrys_stock_before_the_start_year(history):
    points, paths, population = history["points"], history["paths"], history["population"]
    result = rs.scenarios("UKR", 2026, ["liberia-2003"], points, paths, population)
    assert (result["base_year"], result["base_stock"]) == (2025, 5_224_131)
    first = result["table"].iloc[0]
    liberia_share = 56_871 / 353_340  # Liberia's 2004 returns over its end-2003 stock, not over Ukraine's
    assert first["share_applied"] == pytest.approx(liberia_share)
    assert first["projected_returns"] == round(liberia_share * 5_224_131)
    assert first["projected_stock"] == 5_224_131 - first["projected_returns"]
    assert set(result["table"]["kind"]) == {rs.LABEL}


def test_the_stock_never_goes_below_zero_even_when_history_returned_more_than_the_stock(history):
    points, paths, population = history["points"], history["paths"], history["population"]
    result = rs.scenarios("UKR", 2026, ["afghanistan-2001", "mozambique-1992"], points, paths, population)
    table = result["table"]
    assert (table["projected_stock"] >= 0).all()
    assert table.groupby("analogue")["projected_returns"].sum().max() <= 5_224_131


def test_a_missing_analogue_year_leaves_the_year_and_later_stocks_unknown():
    table = rs.project([0.1, float("nan"), 0.2], 1000, 2026)
    assert list(table["projected_returns"][:1]) == [100] and math.isnan(table["projected_returns"][1])
    assert table["projected_stock"][0] == 900
    assert table[["projected_stock"]].iloc[1:].isna().all().all()
    assert table["projected_returns"][2] == 200


def test_years_not_yet_in_an_analogue_are_unknown_not_zero(history):
    points, paths, population = history["points"], history["paths"], history["population"]
    table = rs.scenarios("UKR", 2026, ["syria-2024"], points, paths, population)["table"]
    assert table["projected_returns"].iloc[0] > 0 and table["projected_returns"].iloc[1:].isna().all()


def test_fast_typical_and_slow_come_from_complete_large_episodes(history):
    summary = history["summary"]
    paces = rs.paces(summary)
    offered = rs.analogue_choices(summary)
    assert set(paces) == {"fast", "typical", "slow"}
    shares = offered.set_index("episode")["five_year_share"]
    assert shares[paces["fast"]] == shares.max() and shares[paces["slow"]] == shares.min()
    assert shares.min() <= shares[paces["typical"]] <= shares.max()
    assert "guatemala-1996" not in set(offered["episode"]) and "syria-2024" not in set(offered["episode"])


def test_a_country_without_a_stock_gives_unknown_figures_not_zero(history):
    points, paths, population = history["points"], history["paths"], history["population"]
    result = rs.scenarios("ZZZ", 2026, ["liberia-2003"], points, paths, population)
    assert math.isnan(result["base_stock"]) and result["table"]["projected_stock"].isna().all()


def test_start_years_never_overlap_the_data():
    assert rs.start_years(2025) == [2026, 2027, 2028, 2029, 2030]
    assert "Scenario" in rs.scenario_records({"iso3": "UKR", "start_year": 2026, "base_year": 2025,
                                              "base_stock": float("nan"), "table": pd.DataFrame()})["kind"]


def test_the_scenarios_open_on_ukraine_or_else_the_first_country():
    assert rs.default_country({"SYR": "Syria", "UKR": "Ukraine"}) == "UKR"
    assert rs.default_country({"SYR": "Syria", "AFG": "Afghanistan"}) == "AFG"


def test_the_recorded_stock_beside_the_scenarios_covers_fifteen_years_of_one_country():
    population = pd.DataFrame({"iso3": ["UKR", "UKR", "UKR", "SYR"], "year": [2010, 2011, 2025, 2025],
                               "refugees": [1.0, 2.0, 3.0, 4.0]})
    recorded = rs.recorded_stock(population, "UKR", 2026)
    assert list(recorded["year"]) == [2011, 2025]
