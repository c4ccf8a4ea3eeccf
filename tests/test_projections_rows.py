"""Downloads and tables keep official and projected rows apart, each labelled."""

import numpy as np
import pandas as pd

from displacement.projections import labelled_rows, project
from displacement.projections.scenarios import ScenarioSettings, scenario_path


def synthetic():
    """Synthetic (not real data): 2% growth with seeded noise."""
    years = np.arange(1990, 2026)
    noise = np.random.default_rng(5).normal(0, 0.04, len(years))
    return pd.Series(2e6 * 1.02 ** (years - 1990) * np.exp(noise), index=years)


def test_every_row_is_labelled_and_official_rows_are_untouched():
    series = synthetic()
    p = project(series, 4)
    scenario = scenario_path(2025, float(series.iloc[-1]), ScenarioSettings(horizon=4, change=1e5))
    rows = labelled_rows(series, p, scenario, "Synthetic", "+0.1 million a year")
    assert rows["label"].value_counts().to_dict() == {"official": 36, "projection": 4, "scenario": 4}
    official = rows[rows["label"] == "official"]
    assert (official["value"].to_numpy() == series.round().to_numpy()).all()
    assert official[["lo80", "hi80", "lo95", "hi95"]].isna().all().all()
    projected = rows[rows["label"] == "projection"]
    assert projected["year"].tolist() == [2026, 2027, 2028, 2029]
    assert (projected["value"].to_numpy() == p.frame["point"].round().to_numpy()).all()
    assert projected["method"].str.contains("fitted on 1990-2025").all()
    assert rows[rows["label"] == "scenario"]["method"].eq("scenario: +0.1 million a year").all()
    assert str(rows["value"].dtype) == "Int64" and (rows["series"] == "Synthetic").all()


def test_without_a_projection_only_official_rows():
    rows = labelled_rows(synthetic(), None, None, "Synthetic")
    assert set(rows["label"]) == {"official"}
