"""The benchmark's panel is built from the data (not a hand list), the world series is read through one constant,
and a small real-data record checks that each decision is the procedure's own, made with the data of its origin.
The full 37-series record lives in benchmarks/projections_panel.py."""

import pandas as pd
import pytest

from displacement.projections import series as dseries
from displacement.projections import track_record
from displacement.projections.models import prepare_series
from displacement.projections.procedure import fit_years
from displacement.storage.datasets import headline_totals, open_datasets


@pytest.fixture(scope="module")
def data():
    return open_datasets()


def test_the_panel_is_the_top_20_by_origin_and_by_asylum_that_the_command_line_accepts(data):
    accepted, refused = dseries.panel(data)
    assert len(accepted) == 37 and set(refused) == {"UKR origin", "BFA origin", "POL asylum"}
    assert list(accepted)[:3] == ["VEN origin", "SYR origin", "AFG origin"]  # UNK (unknown origin) is no country
    assert sum(key.endswith("origin") for key in [*accepted, *refused]) == 20
    assert all("too few" in why for why in refused.values())


def test_the_world_series_is_read_through_one_constant(data, monkeypatch):
    totals = headline_totals(data).set_index("year")
    world = dseries.global_series(data, "forcibly_displaced")
    assert world.loc[2024] == totals.loc[2024, dseries.WORLD_SERIES]
    monkeypatch.setattr(dseries, "WORLD_SERIES", "refugees")  # any column: the switch is this one name
    switched = dseries.global_series(data, "forcibly_displaced")
    assert switched.loc[2024] == totals.loc[2024, "refugees"] and switched.index[0] == 1990
    assert "notes" not in dseries.load_series(data, "forcibly_displaced", None, "origin").attrs


def test_each_forecast_in_a_real_record_was_fitted_on_the_years_known_at_its_origin(data):
    series = dseries.country_series(data, "SDN", "origin")
    record = track_record(series, "country", models=["naive", "shrunk_drift", "combined"])
    clean = prepare_series(series)
    for origin, start in record.fit_starts.items():
        assert start == int(fit_years(clean.loc[:origin], "country").index[0])
    scored = record.forecasts[record.forecasts["scored"]]
    assert scored["origin"].min() == 2000 and scored["year"].max() == 2025
    assert set(scored["origin"]).isdisjoint(record.abstained)
    assert record.of("combined").loc[[1, 3, 5], "rel_mase"].notna().all()
    assert (record.of("naive")["rel_mase"] == 1).all()


def test_a_real_record_keeps_forecasts_and_ranges_apart_from_the_official_figures(data):
    record = track_record(
        dseries.country_series(data, "TUR", "asylum"), "country", models=["naive", "shrunk_drift", "combined"]
    )
    today = record.made_at("combined", record.last_origin)
    assert today["actual"].isna().all() and today["year"].min() == record.last_origin + 1
    ranged = record.forecasts.dropna(subset=["lo80"])
    assert (ranged["lo95"] <= ranged["lo80"]).all() and (ranged["hi80"] <= ranged["hi95"]).all()
    assert pd.api.types.is_float_dtype(record.forecasts["point"])
