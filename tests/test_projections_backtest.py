"""The track record is of the whole procedure: every decision (fit years, forecast, ranges) made at each origin
with only the data known then; today's projection is the same computation at the last origin."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from displacement.projections import (
    DEFAULT_MODEL,
    TrackRecord,
    _shown_model,
    project,
    track_record,
)
from displacement.projections.backtest import (
    MIN_PER_HORIZON,
    MIN_POOLED,
    interval_halfwidths,
)
from displacement.projections.bounds import regime_start
from displacement.projections.models import SeriesTooShortError

TOTALS = Path(__file__).resolve().parents[2] / "shared" / "data" / "unhcr_derived" / "global_totals_by_year.csv"
BOUNDS = ["lo95", "lo80", "point", "hi80", "hi95"]
DECISIONS = ["fit_start", "point", "lo80", "hi80", "lo95", "hi95"]


@pytest.fixture(scope="module")
def real_total():
    if not TOTALS.exists():
        pytest.skip(f"real data not found at {TOTALS}")
    table = pd.read_csv(TOTALS).set_index("year")
    total = table["forcibly_displaced_sum_no_overlap_adjustment"]
    return total[total.index >= 1990]  # complete (with IDMC's IDPs) from 1990


@pytest.fixture(scope="module")
def real_record(real_total):
    return track_record(real_total)


def synthetic_noisy_trend(seed=7, start=1975, end=2024):
    """Synthetic (not real data): 3% growth with seeded log-normal noise."""
    years = np.arange(start, end + 1)
    noise = np.random.default_rng(seed).normal(0, 0.05, len(years))
    return pd.Series(1e6 * 1.03 ** (years - start) * np.exp(noise), index=years)


def synthetic_country(seed=3):
    """Synthetic: a few thousand people until 1994, then a crisis at about a million, with noise."""
    years = np.arange(1975, 2025)
    level = np.where(years < 1995, 4_000.0, 1_000_000.0)
    return pd.Series(level * np.exp(np.random.default_rng(seed).normal(0, 0.08, len(years))), index=years)


def made_by(record, last_origin):
    rows = record.forecasts[record.forecasts["origin"] <= last_origin]
    return rows.set_index(["model", "origin", "horizon"])[DECISIONS].sort_index()


# --- no look-ahead, for every decision -------------------------------------------------------------


def test_models_never_see_data_after_their_origin():
    """A wrapper records the last year it was given and forecasts that year as its value."""
    seen = []

    def recorder(train, horizon):
        seen.append(int(train.index.max()))
        return np.full(horizon, float(train.index.max()))

    record = track_record(synthetic_noisy_trend(), models={"recorder": recorder})
    assert (record.forecasts["point"] == record.forecasts["origin"]).all()
    assert sorted(set(seen)) == sorted(record.forecasts["origin"].unique())


def test_doubling_the_future_moves_nothing_decided_before_it():
    """Every value after 2010 doubled: no forecast, range or fit start made at an origin up to 2010 moves,
    for any model; later origins do move."""
    series = synthetic_noisy_trend()
    altered = series.where(series.index <= 2010, series * 2.0)
    before, after = track_record(series), track_record(altered)
    pd.testing.assert_frame_equal(made_by(before, 2010), made_by(after, 2010))
    assert not made_by(before, 2024).equals(made_by(after, 2024))


def test_fit_start_and_abstentions_are_decided_with_the_data_of_their_origin():
    """A country series multiplied by 20 after 2010: with hindsight its fit would start in 2011 and every earlier
    origin would have had too few years to forecast; decided at each origin, nothing up to 2010 changes."""
    series = synthetic_country()
    altered = series.where(series.index <= 2010, series * 20.0)
    assert regime_start(series) == 1995 and regime_start(altered) == 2011  # what hindsight would use
    before, after = track_record(series, "country"), track_record(altered, "country")
    assert {o: s for o, s in before.fit_starts.items() if o <= 2010} == \
           {o: s for o, s in after.fit_starts.items() if o <= 2010}
    assert [o for o in before.abstained if o <= 2010] == [o for o in after.abstained if o <= 2010]
    pd.testing.assert_frame_equal(made_by(before, 2010), made_by(after, 2010))
    assert after.fit_starts[2016] == 2011 and 2012 in after.abstained  # later origins see the new level


def test_the_projection_is_the_record_at_the_last_origin():
    series = synthetic_noisy_trend()
    record = track_record(series)
    projection = project(series, 5, record=record)
    made = record.made_at(projection.model, 2024).head(5)
    np.testing.assert_allclose(projection.frame[["point", "lo80", "hi95"]], made[["point", "lo80", "hi95"]])
    assert projection.frame["year"].tolist() == list(range(2025, 2030))


def test_earlier_vintages_are_the_forecasts_made_one_two_three_years_before():
    record = track_record(synthetic_noisy_trend())
    vintages = record.vintages(DEFAULT_MODEL)
    assert list(vintages) == [2023, 2022, 2021]
    assert vintages[2022]["year"].iloc[0] == 2023


# --- ranges -----------------------------------------------------------------------------------------


def _assert_fan(frame):
    widths80 = (frame["hi80"] - frame["lo80"]).to_numpy()
    widths95 = (frame["hi95"] - frame["lo95"]).to_numpy()
    assert (np.diff(widths80) >= -1e-6).all() and (np.diff(widths95) >= -1e-6).all()
    ordered = frame[BOUNDS].to_numpy()
    assert (np.diff(ordered, axis=1) >= -1e-6).all()
    assert (frame["lo95"] >= 0).all()


@pytest.mark.parametrize("model", ["auto", "combined", "naive", "drift", "shrunk_drift", "holt_damped", "theta"])
def test_ranges_widen_with_horizon_on_a_synthetic_series(model):
    result = project(synthetic_noisy_trend(), horizon=10, model=model)
    _assert_fan(result.frame)
    assert (result.frame["label"] == "projection").all()


def test_ranges_widen_with_horizon_on_the_real_total(real_total, real_record):
    _assert_fan(project(real_total, horizon=10, series_name="forcibly_displaced", record=real_record).frame)


def test_few_errors_give_per_year_widths_times_the_horizon():
    errors = np.array([0.1, 0.2, 0.15, 0.3, 0.05])
    horizons = np.array([1, 1, 2, 3, 1])
    widths = interval_halfwidths(errors, horizons, 5)
    assert (widths["method"] == "per-year x h").all()
    per_year_80 = np.sort(errors / horizons)[4]  # the ceil(6 x 0.8) = 5th smallest of 5
    np.testing.assert_allclose(widths["q80"], per_year_80 * np.arange(1, 6))
    too_few = interval_halfwidths(errors[: MIN_POOLED - 1], horizons[: MIN_POOLED - 1], 3)
    assert too_few[["q80", "q95"]].isna().all().all()


def test_a_horizon_with_enough_errors_of_its_own_takes_the_wider_width():
    """Two large errors among eight at 2 years ahead make its own 80% quantile wider than twice the per-year
    quantile of all errors (dominated by many small one-year errors)."""
    errors = np.array([0.01] * 20 + [0.1] * (MIN_PER_HORIZON - 2) + [0.9] * 2)
    horizons = np.array([1] * 20 + [2] * MIN_PER_HORIZON)
    widths = interval_halfwidths(errors, horizons, 3)
    assert widths.loc[2, "method"] == "own and per-year" and widths.loc[3, "method"] == "per-year x h"
    assert widths.loc[2, "q80"] == pytest.approx(0.9) and widths.loc[3, "q80"] >= widths.loc[2, "q80"]


def test_coverage_is_measured_out_of_sample_and_close_to_stated():
    summary = track_record(synthetic_noisy_trend(start=1950), models=["naive", "drift"]).summary
    drift = summary[summary["model"] == "drift"]
    assert drift["n_coverage"].sum() > 50
    assert 0.65 <= np.average(drift["coverage80"], weights=drift["n_coverage"]) <= 0.95
    assert np.average(drift["coverage95"], weights=drift["n_coverage"]) >= 0.85


# --- the real total ----------------------------------------------------------------------------------


def test_real_record_table(real_record):
    summary = real_record.summary
    assert set(summary["horizon"]) == {1, 2, 3, 4, 5}
    assert set(summary["model"]) == {"shrunk_drift", "naive", "drift", "holt_damped", "theta", "combined"}
    assert real_record.origins[0] == 2000 and real_record.origins[-1] == 2024
    assert summary.loc[summary["horizon"] == 1, "n"].eq(25).all()
    assert summary[["coverage80", "coverage95"]].stack().between(0, 1).all()
    assert (summary.loc[summary["model"] == "naive", "rel_mase"] == 1).all()


def test_the_default_beats_holding_flat_on_the_real_total_in_real_time(real_record):
    default = real_record.of(DEFAULT_MODEL).loc[[1, 3, 5]]
    assert (default["rel_mase"] < 1).all()
    assert (default["coverage95"] >= 0.9).all()


def _record_with(mape_by_model: dict[str, float]) -> TrackRecord:
    """A track record whose summary says each model was off by this % at every horizon (no forecasts)."""
    rows = [{"model": m, "horizon": h, "n": 10, "mape": v, "mdape": v, "mase": v,
             "rel_mase": v / mape_by_model["naive"],
             "coverage80": 0.8, "coverage95": 0.95, "n_coverage": 10} for m, v in mape_by_model.items()
            for h in range(1, 6)]
    return TrackRecord(pd.DataFrame(), pd.DataFrame(rows), tuple(range(2000, 2020)), None, tuple(mape_by_model),
                       "global", (), 2024)


def test_the_default_method_is_shown_where_its_record_is_better():
    assert _shown_model(_record_with({"naive": 10.0, DEFAULT_MODEL: 9.0}), "auto")[:2] == (DEFAULT_MODEL, "default")


def test_the_default_falls_back_to_holding_flat_where_it_did_no_better():
    name, chosen_by, reason = _shown_model(_record_with({"naive": 10.0, DEFAULT_MODEL: 10.0}), "auto")
    assert (name, chosen_by) == ("naive", "default") and "no closer" in reason
    assert _shown_model(_record_with({"naive": 10.0, DEFAULT_MODEL: 12.0}), "theta")[:2] == ("theta", "user")


def test_a_horizon_is_headlined_only_where_its_record_beats_holding_flat(real_total, real_record):
    projection = project(real_total, 5, series_name="forcibly_displaced", record=real_record)
    versus = projection.versus_naive
    for h in range(1, 6):
        assert projection.headline_ok(h) == bool(versus.loc[h, "mape"] < versus.loc[h, "naive_mape"])
    worse = versus.index[versus["mape"] >= versus["naive_mape"]]
    for h in worse:
        row, held = project(real_total, int(h), record=real_record).headline()
        assert held and row["point"] == real_total.iloc[-1]


def test_projection_is_separate_from_observed_years(real_total, real_record):
    result = project(real_total, horizon=5, series_name="forcibly_displaced", record=real_record)
    assert result.frame["year"].tolist() == list(range(2026, 2031))
    assert set(result.frame["year"]).isdisjoint(real_total.index)
    assert any("2018" in limit for limit in result.limits)
    assert result.to_dict()["label"] == "projection"


def test_a_record_of_another_series_is_refused(real_total, real_record):
    with pytest.raises(ValueError, match="another series"):
        project(real_total, 5, window=10, record=real_record)


def test_too_short_series_raises():
    with pytest.raises(SeriesTooShortError):
        project(pd.Series([1.0, 2.0, 3.0], index=[2021, 2022, 2023]))


def test_record_is_deterministic(real_total):
    first = track_record(real_total, models=["naive", "holt_damped"])
    second = track_record(real_total, models=["naive", "holt_damped"])
    pd.testing.assert_frame_equal(first.summary, second.summary)
