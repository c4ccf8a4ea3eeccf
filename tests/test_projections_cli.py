"""The ``project`` subcommand, driven through argparse with a loader built from the real data."""

import argparse
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from displacement.projections.cli import SERIES_NAMES, add_project_parser, run_project

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TOTALS = DATA / "unhcr_derived" / "global_totals_by_year.csv"
POPULATION = DATA / "unhcr_refugees_r_package" / "population.csv"
COLUMNS = {
    "forcibly_displaced": "forcibly_displaced_sum_no_overlap_adjustment",
    "refugees": "refugees_unhcr_mandate",
    "palestine_refugees": "palestine_refugees_unrwa",
    "asylum_seekers": "asylum_seekers",
    "oip": "other_people_in_need_of_intl_protection",
    "idps_conflict": "idps_idmc_conflict",
}


@pytest.fixture(scope="module")
def load_series():
    """A stand-in for the main CLI's loader: global series from the derived totals, countries from
    UNHCR's population table (refugees + asylum-seekers + OIP; no IDPs: enough to drive the command)."""
    if not (TOTALS.exists() and POPULATION.exists()):
        pytest.skip(f"real data not found under {DATA}")
    totals = pd.read_csv(TOTALS).set_index("year")
    cols = ["year", "coo_iso", "coa_iso", "refugees", "asylum_seekers", "oip"]
    population = pd.read_csv(POPULATION, usecols=cols, na_values=["-"])

    def load(series, country, perspective):
        if country is None:
            values = totals[COLUMNS[series]]
            return values[values.index >= 1990] if series == "forcibly_displaced" else values
        rows = population[population["coo_iso" if perspective == "origin" else "coa_iso"] == country]
        if rows.empty:
            raise KeyError(f"unknown country {country!r}")
        parts = ["refugees", "asylum_seekers", "oip"] if series == "forcibly_displaced" else [series]
        return rows.groupby("year")[parts].sum(min_count=1).sum(axis=1, min_count=1)

    return load


def run(argv, loader):
    parser = argparse.ArgumentParser(prog="displacement")
    add_project_parser(parser.add_subparsers(dest="command"))
    out, err = io.StringIO(), io.StringIO()
    code = run_project(parser.parse_args(["project", *argv]), loader, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_json_projection_of_the_total(load_series):
    code, out, _ = run(["--series", "forcibly_displaced", "--horizon", "5", "--json"], load_series)
    assert code == 0
    payload = json.loads(out)
    rows = payload["projection"]
    assert [r["year"] for r in rows] == [2026, 2027, 2028, 2029, 2030]
    for r in rows:
        assert r["lo95"] <= r["lo80"] <= r["point"] <= r["hi80"] <= r["hi95"]
        assert r["model"] == payload["model"] and r["label"] == "projection"
    assert payload["chosen_by"] == "default" and isinstance(payload["beats_naive"], bool)
    assert {t["horizon"] for t in payload["track_record"]} == {1, 3, 5}
    assert [r["horizon"] for r in payload["versus_naive"]] == [1, 2, 3, 4, 5]


def test_text_projection_is_labelled(load_series):
    code, out, _ = run(["--horizon", "3"], load_series)
    assert code == 0 and "not an official figure" in out and "2028" in out


@pytest.mark.parametrize("country, perspective", [("SYR", "origin"), ("deu", "asylum")])
def test_country_projection(load_series, country, perspective):
    argv = ["--series", "refugees", "--country", country, "--perspective", perspective, "--json"]
    code, out, _ = run(argv, load_series)
    payload = json.loads(out)
    assert code == 0 and payload["country"] == country.upper() and len(payload["projection"]) == 5


def test_backtest_table_is_the_record_of_the_projection_shown(load_series):
    code, out, _ = run(["--backtest", "--json"], load_series)
    payload = json.loads(out)
    assert code == 0 and payload["model"] in {r["model"] for r in payload["summary"]}
    assert {r["horizon"] for r in payload["summary"]} == {1, 3, 5}
    _, projection, _ = run(["--json"], load_series)
    shown = [r for r in payload["summary"] if r["model"] == payload["model"]]
    assert [r["mape"] for r in shown] == pytest.approx([r["mape"] for r in json.loads(projection)["track_record"]])
    code, text, _ = run(["--backtest"], load_series)
    assert code == 0 and "coverage80" in text and "rel_mase" in text and "Shown:" in text


def test_check_claim_is_the_one_claim_check():
    from displacement.figures.headline import claim_table, claim_verdict
    from displacement.storage.datasets import headline_totals, open_datasets
    totals = headline_totals(open_datasets())
    argv = ["project", "--check-claim", "--json"]
    parser = argparse.ArgumentParser(prog="displacement")
    add_project_parser(parser.add_subparsers(dest="command"))
    out = io.StringIO()
    code = run_project(parser.parse_args(argv), None, out=out, load_totals=lambda: totals)
    payload = json.loads(out.getvalue())
    assert code == 0 and payload["verdict"] == claim_verdict(claim_table(totals))
    rows = {row["year"]: row for row in payload["rows"]}
    assert rows[2023]["claimed"] == pytest.approx(110e6 + 10e6 * 214 / 365.25)  # from 110 million at 31 May 2023


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--series", "stateless"], "unknown series"),
        (["--country", "XXX"], "unknown country"),
        (["--country", "Syria"], "ISO3"),
        (["--model", "prophet"], "unknown model"),
        (["--horizon", "50"], "horizon"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(load_series, argv, words):
    code, out, err = run(argv, load_series)
    assert code != 0 and out == ""
    assert words in err and err.count("\n") == 1


def test_too_short_series_exits_non_zero():
    def short(series, country, perspective):
        return pd.Series([1.0, 2.0, 3.0], index=[2023, 2024, 2025])
    code, _, err = run(["--series", "oip"], short)
    assert code != 0 and "at least" in err and err.count("\n") == 1


def test_series_names_match_the_lead():
    assert set(SERIES_NAMES) == set(COLUMNS)
