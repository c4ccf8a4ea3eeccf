"""Scenario arithmetic and URL encoding with clear errors (the seed claim is checked in tests/test_headline.py)."""

from pathlib import Path

import numpy as np
import pytest

from displacement.projections.scenarios import (
    ScenarioError,
    ScenarioSettings,
    change_path,
    decode,
    encode,
    return_path,
    scenario_path,
    shock_path,
)

TOTALS = Path(__file__).resolve().parents[2] / "shared" / "data" / "unhcr_derived" / "global_totals_by_year.csv"


def test_absolute_yearly_change():
    path = change_path(2025, 100.0, 3, per_year=10.0)
    assert path.index.tolist() == [2026, 2027, 2028]
    assert path.tolist() == [110.0, 120.0, 130.0]


def test_percent_yearly_change_compounds():
    np.testing.assert_allclose(change_path(2025, 100.0, 3, percent=10.0), [110.0, 121.0, 133.1])


def test_return_rate_shrinks_the_stock():
    np.testing.assert_allclose(return_path(2025, 1000.0, 3, rate_pct=10.0), [900.0, 810.0, 729.0])


def test_shock_decays():
    added = shock_path(range(2026, 2031), shock_year=2027, size=2_000_000, decay_pct=25)
    np.testing.assert_allclose(added, [0, 2_000_000, 1_500_000, 1_125_000, 843_750])


def test_paths_never_go_below_zero():
    assert (change_path(2025, 100.0, 5, per_year=-60.0) >= 0).all()


def test_scenario_path_combines_change_and_shock():
    settings = ScenarioSettings(horizon=3, change=1_000_000, shock_size=5_000_000, shock_year=2027,
                                shock_decay_pct=50)
    out = scenario_path(2025, 100_000_000, settings)
    assert out["value"].tolist() == [101_000_000, 107_000_000, 105_500_000]
    assert (out["label"] == "scenario").all()


def test_encode_decode_round_trip_and_short_strings():
    settings = ScenarioSettings(horizon=8, change=-2.5, unit="pct", shock_size=3_000_000, shock_year=2028,
                                shock_decay_pct=20, return_pct=1.5)
    params = encode(settings)
    assert all(isinstance(v, str) and len(v) <= 10 for v in params.values())
    assert decode(params) == settings
    assert encode(ScenarioSettings()) == {}


def test_decode_accepts_suffixes_and_ignores_other_params():
    settings = decode({"sc_shock": "10M", "sc_sy": "2027", "page": "trends", "sc_chg": "0.5m"})
    assert settings.shock_size == 10_000_000 and settings.change == 500_000


@pytest.mark.parametrize(
    "params, bad",
    [
        ({"sc_sd": "150"}, "sc_sd"),
        ({"sc_h": "abc"}, "sc_h"),
        ({"sc_h": "2.5"}, "sc_h"),
        ({"sc_unit": "people"}, "sc_unit"),
        ({"sc_ret": "-3"}, "sc_ret"),
        ({"sc_shock": "1000"}, "sc_sy"),
        ({"sc_chg": "-120", "sc_unit": "pct"}, "sc_chg"),
        ({"sc_zz": "1"}, "sc_zz"),
        ({"sc_chg": "nan"}, "sc_chg"),
    ],
)
def test_bad_parameters_are_named(params, bad):
    with pytest.raises(ScenarioError) as info:
        decode(params)
    assert info.value.param == bad and str(info.value).startswith(f"{bad}:")


def test_shock_year_outside_the_path_is_named():
    with pytest.raises(ScenarioError, match="sc_sy"):
        scenario_path(2025, 1.0, ScenarioSettings(horizon=3, shock_size=1, shock_year=2040))


