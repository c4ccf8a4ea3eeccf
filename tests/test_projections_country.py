"""Country series: the fit starts where the series, as known at each origin, reached its order of size; MASE is
scaled on the fitted years; projections never pass a physical ceiling. Syria by origin once gave a 95% upper
bound of 221 million for 2027 (the country has about 25 million people)."""

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pandas as pd
import pytest

from displacement import cli
from displacement.projections import (
    SeriesTooShortError,
    fit_span,
    project,
    track_record,
)
from displacement.projections.bounds import cap_frame, regime_start
from displacement.projections.series import (
    country_series,
    global_series,
    population_latest,
    projection_options,
)
from displacement.storage.datasets import open_datasets

BOUNDS = ["point", "lo80", "hi80", "lo95", "hi95"]


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["project", *argv])
    return code, out.getvalue(), err.getvalue()


# --- the Syria case, end to end through the command line (fails on the old behaviour) -----------------


def test_syria_by_origin_stays_within_the_countrys_population():
    code, out, _ = run_cli("--country", "SYR", "--perspective", "origin", "--horizon", "3", "--json")
    assert code == 0
    payload = json.loads(out)
    population, _ = population_latest(open_datasets(), "SYR")
    assert max(row["hi95"] for row in payload["projection"]) < population  # was 221 million in 2027
    assert payload["fit_years"][0] == 2012  # the year Syria's series reached 10% of today's level
    assert payload["scope"] == "country" and "10%" in payload["fit_rule"]
    assert payload["ceiling"] > population  # residents plus the people already abroad


def test_country_text_output_has_country_caveats_not_the_global_ones():
    code, out, _ = run_cli("--country", "SYR", "--horizon", "3")
    assert code == 0
    assert "never add them" in out and "IDMC's conflict IDP series starts" not in out
    assert "Fit on 2012-2025" in out and "Ceiling:" in out


def test_a_country_that_reached_its_level_too_recently_is_refused_with_the_reason():
    code, _, err = run_cli("--country", "UKR", "--perspective", "origin")
    assert code == 2
    assert "2022" in err and "too few" in err


def test_country_backtest_decides_the_fit_years_at_each_origin():
    """Syria by origin: before the war the series had long been at its (small) level, so forecasts were made
    and are scored from 2000; in 2012-2016 it had reached its new level too recently to fit: no forecast."""
    code, out, _ = run_cli("--country", "SYR", "--backtest", "--json")
    payload = json.loads(out)
    assert code == 0 and payload["fit_years"][0] == 2012
    assert payload["origins"][0] == 2000 and {2012, 2013, 2014, 2015, 2016} <= set(payload["abstained"])
    assert not {2012, 2016} & set(payload["origins"])
    record = track_record(country_series(open_datasets(), "SYR", "origin"), "country")
    assert record.fit_starts[2011] < 2000 and record.fit_starts[2024] == 2012


# --- the rules, on synthetic series ------------------------------------------------------------------


def test_regime_start_is_where_the_series_stays_above_a_tenth_of_its_latest_value():
    """Synthetic: a few hundred people for 20 years, then a crisis."""
    years = np.arange(1990, 2026)
    values = np.where(years < 2012, 500.0, 5_000_000.0)
    values[years == 2012] = 800_000.0  # the first year at 10% or more of the latest value
    assert regime_start(pd.Series(values, index=years)) == 2012
    steady = pd.Series(np.linspace(1e6, 2e6, 20), index=np.arange(2006, 2026))
    assert regime_start(steady) == 2006


def test_a_dip_below_the_threshold_restarts_the_fit_after_it():
    years = np.arange(2000, 2026)
    values = np.full(len(years), 1e6)
    values[years == 2010] = 50_000.0  # below 10% of the latest value: the fit starts in 2011
    assert regime_start(pd.Series(values, index=years)) == 2011


def test_country_scope_fits_from_the_regime_and_global_scope_keeps_everything():
    years = np.arange(1990, 2026)
    rng = np.random.default_rng(3)
    values = np.where(years < 2010, 2_000.0, 3e6) * np.exp(rng.normal(0, 0.05, len(years)))
    series = pd.Series(values, index=years)
    assert fit_span(series, "country")[0].index[0] == 2010
    assert fit_span(series, "global")[0].index[0] == 1990
    country = project(series, 3, scope="country")
    assert country.fit_start == 2010 and country.first_observed == 1990
    # Calibrated on the jump, the global-scope interval is enormous; the country one is not.
    wide = project(series, 3, scope="global").frame["hi95"].max()
    assert country.frame["hi95"].max() < 2 * values[-1] < wide


def test_too_recent_regime_raises():
    years = np.arange(2000, 2026)
    values = np.where(years < 2022, 1_000.0, 5e6)
    with pytest.raises(SeriesTooShortError, match="2022"):
        project(pd.Series(values, index=years), scope="country")


def test_ceiling_caps_every_value_and_is_named_in_the_limits():
    """Synthetic volatile series whose 95% bound would pass the ceiling."""
    years = np.arange(1980, 2026)
    values = 1e6 * np.exp(np.random.default_rng(11).normal(0, 0.6, len(years)))
    series = pd.Series(values, index=years)
    free = project(series, 5)
    ceiling = float(free.frame["hi80"].iloc[0])
    capped = project(series, 5, ceiling=ceiling, ceiling_note="a test ceiling")
    assert (capped.frame[BOUNDS].to_numpy() <= ceiling + 1e-6).all()
    assert free.frame["hi95"].max() > ceiling
    assert any("ceiling" in limit and "a test ceiling" in limit for limit in capped.limits)
    assert capped.to_dict()["ceiling"] == round(ceiling)


def test_cap_frame_keeps_missing_bounds_missing():
    frame = pd.DataFrame({"year": [2026], "point": [5.0], "lo80": [np.nan], "hi80": [np.nan],
                          "lo95": [np.nan], "hi95": [np.nan]})
    capped = cap_frame(frame, 3.0)
    assert capped["point"].iloc[0] == 3.0 and capped["hi95"].isna().all()


def test_mase_is_scaled_on_the_fitted_window():
    """Synthetic: a huge early jump that a 5-year window never sees must not set the MASE scale."""
    years = np.arange(1990, 2026)
    values = np.where(years < 2000, 10.0, 1e6) + np.arange(len(years)) * 1000.0
    series = pd.Series(values, index=years)
    errors = track_record(series, models=["naive"], window=6).forecasts
    errors = errors[errors["scaled_error"].notna()]
    for _, row in errors[errors["origin"] >= 2010].iterrows():
        train = series.loc[: row["origin"]].iloc[-6:]
        scale = np.mean(np.abs(np.diff(train.to_numpy())))
        assert row["scaled_error"] == pytest.approx(abs(row["actual"] - row["point"]) / scale)


# --- the loaders' options, and the global total unchanged -------------------------------------------


def test_projection_options_by_perspective():
    data = open_datasets()
    origin = projection_options(data, "SYR", "origin")
    population, _ = population_latest(data, "SYR")
    abroad = country_series(data, "SYR", "origin")
    assert origin["scope"] == "country"
    assert origin["ceiling"] == pytest.approx(population + abroad.iloc[-1])
    assert "World Bank" in origin["ceiling_note"]
    assert "ceiling" not in projection_options(data, "TUR", "asylum")
    assert projection_options(data, None, "origin") == {"scope": "global"}


def test_global_total_shows_the_default_method_with_its_record():
    total = global_series(open_datasets(), "forcibly_displaced")
    result = project(total, 5, series_name="forcibly_displaced")
    assert result.fit_start == 1990 and result.model == "shrunk_drift" and result.beats_naive
    record = result.track_record.set_index("horizon")
    assert (record["rel_mase"] < 1).all() and (record["coverage95"] >= 0.9).all()
    assert result.ceiling is None
