"""Returns after past turning points, read from the bundled UNHCR data and checked against published accounts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from displacement.figures import returns
from displacement.storage.datasets import open_datasets
from displacement.turning_points import TurningPoint, load_turning_points


@pytest.fixture(scope="module")
def tables():
    data = open_datasets()
    return data.table("solutions", "by_origin"), data.table("population", "by_origin")


@pytest.fixture(scope="module")
def paths(tables):
    return returns.episode_paths(load_turning_points(), *tables)


def _path(paths, episode):
    return paths[paths["episode"] == episode].set_index("year")


def test_mozambique_returned_about_1_4_million_in_1993_94(paths):
    # UNHCR, The State of the World's Refugees 2000, ch. 5: some 1.7 million Mozambicans returned 1992-96.
    moz = _path(paths, "mozambique-1992")
    assert moz.loc[[1993, 1994], "returned_refugees"].sum() == pytest.approx(1_408_759)
    assert moz["base_stock"].iloc[0] == 1_445_474  # end-1992
    assert moz.loc[1994, "cumulative_share"] == pytest.approx(1_408_759 / 1_445_474)


def test_syria_2025_returns_are_about_1_3_million_and_later_years_are_not_yet(paths):
    syr = _path(paths, "syria-2024")
    assert syr.loc[2025, "returned_refugees"] == 1_341_148
    assert syr.loc[2025, "returned_idps"] == 1_964_201
    assert syr.loc[2025, "return_share"] == pytest.approx(1_341_148 / 5_952_174)  # end-2024 stock
    assert list(syr.loc[2026:, "status"]) == [returns.NOT_YET] * 4
    assert syr.loc[2026:, "returned_refugees"].isna().all()


def test_a_year_without_a_figure_stays_missing_never_zero(paths):
    gtm = _path(paths, "guatemala-1996")  # UNHCR has no Guatemalan return figure for 2001
    assert math.isnan(gtm.loc[2001, "returned_refugees"]) and gtm.loc[2001, "status"] == returns.NO_FIGURE
    assert math.isnan(gtm.loc[2001, "cumulative_share"])
    assert gtm.loc[2000, "cumulative_returns"] == 3572 + 3916 + 2036 + 80


def test_the_stock_change_and_the_part_returns_explain(paths):
    lbr = _path(paths, "liberia-2003")
    fall = 353_340 - lbr.loc[2008, "stock"]
    assert lbr.loc[2008, "stock_change"] == -fall
    assert lbr.loc[2008, "returns_explain"] == pytest.approx(lbr.loc[2008, "cumulative_returns"] / fall)
    irq = _path(paths, "iraq-2003")  # the stock rose (new flight from 2006): nothing to explain
    assert irq.loc[2007, "stock_change"] > 0 and math.isnan(irq.loc[2007, "returns_explain"])


def test_the_summary_gives_a_five_year_share_only_when_every_year_has_a_figure(tables, paths):
    summary = returns.episode_summary(load_turning_points(), paths).set_index("episode")
    assert summary.loc["afghanistan-2001", "five_year_share"] == pytest.approx(4_623_595 / 3_809_763)
    assert math.isnan(summary.loc["timor-leste-1999", "five_year_share"])
    assert summary.loc["timor-leste-1999", "years_recorded"] == 4
    assert summary.loc["syria-2024", "years_in_data"] == 1
    assert "not happened yet" in returns.episode_sentence(summary.reset_index().iloc[-1].to_dict())


def test_one_year_still_to_come_is_said_in_the_singular(tables, paths):
    row = returns.episode_summary(load_turning_points(), paths).iloc[0].to_dict() | {"years_in_data": 4}
    assert returns.episode_sentence(row).endswith("; 1 of the years has not happened yet in the data.")


def test_several_origins_are_summed_and_a_missing_origin_year_is_not_zero():
    solutions = pd.DataFrame({"year": [2000, 2000, 2001], "period": "end-year", "iso3": ["AAA", "BBB", "AAA"],
                              "returned_refugees": pd.array([10, 5, pd.NA], dtype="Int64"),
                              "returned_idps": pd.array([pd.NA, pd.NA, pd.NA], dtype="Int64")})
    population = pd.DataFrame({"year": [1999, 1999], "period": "end-year", "iso3": ["AAA", "BBB"],
                               "refugees": pd.array([100, 50], dtype="Int64")})
    point = TurningPoint("x", "X", pd.Timestamp("2000-03-01").date(), "ceasefire", "d", "c", "https://x",
                         ("AAA", "BBB"))
    path = returns.episode_path(point, solutions, population, last_year=2001).set_index("year")
    assert path.loc[2000, "returned_refugees"] == 15 and path.loc[2000, "return_share"] == pytest.approx(0.1)
    assert math.isnan(path.loc[2001, "returned_refugees"]) and path.loc[2002, "status"] == returns.NOT_YET
