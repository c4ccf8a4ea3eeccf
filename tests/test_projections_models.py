"""Each model recovers a known synthetic trend; series preparation never fills gaps with zero."""

import numpy as np
import pandas as pd
import pytest

from displacement.projections import MODELS, fit_predict
from displacement.projections.models import (
    COMBINED_MEMBERS,
    SeriesTooShortError,
    prepare_series,
    shrink_factor,
)

YEARS = np.arange(2000, 2025)


def synthetic_linear(start=1_000_000.0, slope=50_000.0):
    """Synthetic (not real data): a straight line, +50,000 a year."""
    return pd.Series(start + slope * (YEARS - YEARS[0]), index=YEARS, name="synthetic_linear")


def synthetic_growth(start=1_000_000.0, rate=0.05):
    """Synthetic (not real data): constant 5% growth a year."""
    return pd.Series(start * (1 + rate) ** (YEARS - YEARS[0]), index=YEARS, name="synthetic_growth")


def synthetic_constant(value=2_500_000.0):
    """Synthetic (not real data): a flat series."""
    return pd.Series(value, index=YEARS, name="synthetic_constant", dtype="float64")


def expected(series, horizon, step):
    future = np.arange(YEARS[-1] + 1, YEARS[-1] + horizon + 1)
    return future, step(future)


@pytest.mark.parametrize("model", ["drift", "holt_damped"])
def test_trend_models_recover_synthetic_straight_line(model):
    series = synthetic_linear()
    out = fit_predict(model, series, horizon=5)
    future, truth = expected(series, 5, lambda y: 1_000_000 + 50_000 * (y - 2000))
    assert out["year"].tolist() == future.tolist()
    rtol = 1e-9 if model == "drift" else 0.01  # damping and smoothing may bend a perfect line slightly
    np.testing.assert_allclose(out["point"], truth, rtol=rtol)


def test_theta_continues_a_straight_line_at_half_its_slope():
    """The classical Theta method (theta = 2): the smoothed level plus half the fitted slope a year."""
    out = fit_predict("theta", synthetic_linear(), horizon=5)["point"].to_numpy()
    np.testing.assert_allclose(out, 2_200_000 + 25_000 * np.arange(1, 6), rtol=1e-4)


def test_shrunk_drift_keeps_a_steady_change_and_lets_it_fade():
    """A noiseless +50,000 a year is believed fully (t is infinite) and fades by a fifth each year ahead."""
    out = fit_predict("shrunk_drift", synthetic_linear(), horizon=3)["point"].to_numpy()
    steps = 50_000 * np.cumsum(0.8 ** np.arange(1, 4))
    np.testing.assert_allclose(out, 2_200_000 + steps)


def test_shrunk_drift_ignores_a_change_no_larger_than_its_noise():
    """Synthetic: yearly changes +1, -1, +1, ... around a mean of +0.1: |t| < 1, so nothing is believed."""
    changes = np.array([1.0, -0.8] * 5)
    assert shrink_factor(changes) == 0.0
    assert shrink_factor(np.array([10.0, 11.0, 9.0, 10.0])) == pytest.approx(1 - 1 / (4 * 100 / (2 / 3)))
    series = pd.Series(1000 + np.concatenate([[0.0], np.cumsum(changes)]), index=np.arange(2014, 2025))
    assert fit_predict("shrunk_drift", series, 4)["point"].tolist() == [float(series.iloc[-1])] * 4


@pytest.mark.parametrize("model", list(MODELS))
def test_every_model_recovers_a_synthetic_flat_series(model):
    out = fit_predict(model, synthetic_constant(), horizon=4)
    np.testing.assert_allclose(out["point"], 2_500_000.0, rtol=1e-6)


def test_naive_repeats_last_value():
    out = fit_predict("naive", synthetic_linear(), horizon=3)
    assert out["point"].tolist() == [2_200_000.0] * 3


def test_combined_is_the_median_of_its_members():
    series = synthetic_growth()
    members = [fit_predict(m, series, 5)["point"].to_numpy() for m in COMBINED_MEMBERS]
    assert COMBINED_MEMBERS == ("naive", "shrunk_drift", "holt_damped", "theta")
    np.testing.assert_allclose(fit_predict("combined", series, 5)["point"], np.median(members, axis=0))


def test_window_limits_the_fit_to_the_last_years():
    """Synthetic: flat for years, then a straight rise over the last 5 years; a 5-year window sees only the rise."""
    values = np.where(YEARS < 2020, 1_000_000.0, 1_000_000.0 + 100_000 * (YEARS - 2019))
    series = pd.Series(values, index=YEARS)
    out = fit_predict("drift", series, horizon=1, window=6)
    assert out["point"].iloc[0] == pytest.approx(1_600_000.0)
    assert fit_predict("drift", series, horizon=1)["point"].iloc[0] < 1_600_000.0


def test_points_are_never_negative():
    falling = pd.Series(1_000_000.0 - 100_000 * (YEARS - 2000), index=YEARS).clip(lower=0) + 1.0
    for model in MODELS:
        assert (fit_predict(model, falling, horizon=10)["point"] >= 0).all(), model


def test_prepare_series_drops_missing_and_uses_contiguous_tail():
    series = pd.Series([5, pd.NA, 7, 8, pd.NA, 10, 11, 12], index=range(1990, 1998), dtype="Int64")
    clean = prepare_series(series)
    assert clean.index.tolist() == [1995, 1996, 1997]
    assert clean.tolist() == [10.0, 11.0, 12.0]  # never a zero where a value is missing
    assert prepare_series(series, window=2).index.tolist() == [1996, 1997]


def test_too_short_series_raises():
    with pytest.raises(SeriesTooShortError):
        prepare_series(pd.Series([1.0, 2.0], index=[2020, 2021]), min_years=5)


def test_unknown_model_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown model"):
        fit_predict("prophet", synthetic_linear(), 3)
