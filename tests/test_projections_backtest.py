"""Backtest: no look-ahead, calibrated intervals that widen with horizon, a default chosen by the record."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from displacement.projections import backtest, choose_default_model, project
from displacement.projections.backtest import MIN_POOLED, BacktestResult, interval_halfwidths
from displacement.projections.models import SeriesTooShortError

TOTALS = Path(__file__).resolve().parents[2] / "shared" / "data" / "unhcr_derived" / "global_totals_by_year.csv"
BOUNDS = ["lo95", "lo80", "point", "hi80", "hi95"]


@pytest.fixture(scope="module")
def real_total():
    if not TOTALS.exists():
        pytest.skip(f"real data not found at {TOTALS}")
    table = pd.read_csv(TOTALS).set_index("year")
    total = table["forcibly_displaced_sum_no_overlap_adjustment"]
    return total[total.index >= 1990]  # complete (with IDMC's IDPs) from 1990


@pytest.fixture(scope="module")
def real_backtest(real_total):
    return backtest(real_total)


def synthetic_noisy_trend(seed=7, start=1950, end=2024):
    """Synthetic (not real data): 3% growth with seeded log-normal noise."""
    years = np.arange(start, end + 1)
    noise = np.random.default_rng(seed).normal(0, 0.05, len(years))
    return pd.Series(1e6 * 1.03 ** (years - start) * np.exp(noise), index=years)


# --- no look-ahead ---------------------------------------------------------------------------------


def test_models_never_see_data_after_their_origin():
    """A wrapper records the last year it was given and forecasts that year as its value."""
    seen = []

    def recorder(train, horizon):
        seen.append(int(train.index.max()))
        return np.full(horizon, float(train.index.max()))

    series = synthetic_noisy_trend()
    result = backtest(series, models={"recorder": recorder})
    assert (result.errors["forecast"] == result.errors["origin"]).all()
    assert sorted(set(seen)) == sorted(result.errors["origin"].unique())


def test_changing_the_future_changes_nothing_at_earlier_origins():
    """Forecasts and intervals made at origins <= 2000 must not move when data after 2000 change."""
    series = synthetic_noisy_trend()
    altered = series.copy()
    altered[altered.index > 2000] *= 3.0
    cols = ["forecast", "lo80", "hi80", "lo95", "hi95"]
    keep = lambda r: r.errors[r.errors["origin"] <= 2000].set_index(["model", "origin", "horizon"])[cols]
    pd.testing.assert_frame_equal(keep(backtest(series)), keep(backtest(altered)))


# --- intervals -------------------------------------------------------------------------------------


def _assert_fan(frame):
    widths80 = (frame["hi80"] - frame["lo80"]).to_numpy()
    widths95 = (frame["hi95"] - frame["lo95"]).to_numpy()
    assert (np.diff(widths80) >= -1e-6).all() and (np.diff(widths95) >= -1e-6).all()
    ordered = frame[BOUNDS].to_numpy()
    assert (np.diff(ordered, axis=1) >= -1e-6).all()
    assert (frame["lo95"] >= 0).all()


@pytest.mark.parametrize("model", ["auto", "naive", "drift", "linear", "log_linear", "holt_damped", "ensemble"])
def test_intervals_widen_with_horizon_on_synthetic_series(model):
    result = project(synthetic_noisy_trend(), horizon=10, model=model)
    _assert_fan(result.frame)
    assert (result.frame["label"] == "projection").all()


def test_intervals_widen_with_horizon_on_real_total(real_total):
    _assert_fan(project(real_total, horizon=10, series_name="forcibly_displaced").frame)


def test_few_errors_fall_back_to_pooled_sqrt_h():
    errors = pd.DataFrame({"horizon": [1, 1, 2, 3, 1], "log_ratio": [0.1, -0.2, 0.15, -0.3, 0.05]})
    widths = interval_halfwidths(errors, 5)
    assert (widths["method"] == "pooled-sqrt(h)").all()
    assert widths["q80"].is_monotonic_increasing and (widths["q95"] >= widths["q80"]).all()
    too_few = interval_halfwidths(errors.head(MIN_POOLED - 1), 3)
    assert too_few[["q80", "q95"]].isna().all().all()


def test_coverage_is_measured_out_of_sample_and_close_to_stated():
    summary = backtest(synthetic_noisy_trend(), models=["drift"]).summary
    assert summary["n_coverage"].sum() > 50
    pooled80 = np.average(summary["coverage80"], weights=summary["n_coverage"])
    pooled95 = np.average(summary["coverage95"], weights=summary["n_coverage"])
    assert 0.65 <= pooled80 <= 0.95 and pooled95 >= 0.85


# --- the track record and the default ---------------------------------------------------------------


def test_real_backtest_table(real_backtest):
    summary = real_backtest.summary
    assert set(summary["horizon"]) == {1, 3, 5}
    assert set(summary["model"]) == {"naive", "drift", "linear", "log_linear", "holt_damped", "ensemble"}
    assert real_backtest.origins[0] == 2000 and real_backtest.origins[-1] == 2024
    assert summary.loc[summary["horizon"] == 1, "n"].eq(25).all()
    assert summary[["coverage80", "coverage95"]].stack().between(0, 1).all()


def test_default_model_follows_the_backtest(real_total, real_backtest):
    name, beats, reason = choose_default_model(real_backtest)
    scores = real_backtest.summary.groupby("model")["mase"].mean()
    assert name == scores.idxmin() and beats == (scores[name] < scores["naive"])
    assert name in reason
    assert project(real_total, series_name="forcibly_displaced").model == name


def _fake_result(mase_by_model):
    rows = [{"model": m, "horizon": h, "n": 10, "mape": 1.0, "mase": v, "coverage80": 0.8, "coverage95": 0.95,
             "n_coverage": 10} for m, v in mase_by_model.items() for h in (1, 3, 5)]
    return BacktestResult(pd.DataFrame(), pd.DataFrame(rows), (1, 3, 5), tuple(range(2000, 2020)), None,
                          tuple(mase_by_model))


def test_choice_changes_when_the_record_changes():
    assert choose_default_model(_fake_result({"naive": 2.0, "linear": 1.5, "drift": 1.8}))[:2] == ("linear", True)
    assert choose_default_model(_fake_result({"naive": 2.0, "linear": 2.5, "drift": 1.8}))[:2] == ("drift", True)


def test_nothing_beats_naive_is_flagged():
    name, beats, reason = choose_default_model(_fake_result({"naive": 1.0, "linear": 1.5, "holt_damped": 1.0}))
    assert (name, beats) == ("naive", False)
    assert "No model beat the naive baseline" in reason


def test_projection_says_so_when_nothing_beats_naive(monkeypatch):
    import displacement.projections as projections

    monkeypatch.setattr(projections, "choose_default_model", lambda r: ("naive", False, "No model beat it."))
    result = projections.project(synthetic_noisy_trend())
    assert result.model == "naive" and result.beats_naive is False
    assert any("naive baseline" in limit for limit in result.limits)


def test_projection_is_separate_from_observed_years(real_total):
    result = project(real_total, horizon=5, series_name="forcibly_displaced")
    assert result.frame["year"].tolist() == list(range(2026, 2031))
    assert set(result.frame["year"]).isdisjoint(real_total.index)
    assert any("2018" in limit for limit in result.limits)
    assert result.to_dict()["label"] == "projection"


def test_too_short_series_raises():
    with pytest.raises(SeriesTooShortError):
        project(pd.Series([1.0, 2.0, 3.0], index=[2021, 2022, 2023]))


def test_backtest_is_deterministic(real_total):
    first, second = backtest(real_total, models=["naive", "holt_damped"]), backtest(real_total, models=["naive", "holt_damped"])
    pd.testing.assert_frame_equal(first.summary, second.summary)
