"""`python -m displacement returns`: the same figures as the Returns page, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO
from pages import run_page


def run(*args):
    return subprocess.run([sys.executable, "-m", "displacement", "returns", *args], check=False, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_history_json_gives_each_episode_by_year_with_missing_years_null():
    result = run("--json")
    assert result.returncode == 0, result.stderr
    history = json.loads(result.stdout)
    episodes = {e["episode"]: e for e in history["episodes"]}
    assert len(episodes) >= 12 and history["latest_year"] == 2025
    moz = {y["year"]: y for y in episodes["mozambique-1992"]["years"]}
    assert moz[1993]["returned_refugees"] + moz[1994]["returned_refugees"] == 1_408_759
    gtm = {y["year"]: y for y in episodes["guatemala-1996"]["years"]}
    assert gtm[2001]["returned_refugees"] is None and gtm[2001]["status"] == "no figure"
    assert episodes["syria-2024"]["years"][1]["status"] == "not yet"


def test_scenario_json_is_labelled_and_uses_the_fast_typical_slow_analogues():
    result = run("--country", "ukr", "--start", "2026", "--json")
    assert result.returncode == 0, result.stderr
    scenario = json.loads(result.stdout)
    assert scenario["kind"] == "Scenario, not data" and scenario["base_stock"] == 5_224_131
    assert {r["analogue"] for r in scenario["rows"]} == set(scenario["paces"].values())
    assert all(r["projected_stock"] is None or r["projected_stock"] >= 0 for r in scenario["rows"])
    assert scenario["cannot_know"]


def test_bad_requests_are_refused_with_a_message():
    assert run("--country", "UKR", "--start", "2020").returncode == 2
    assert "unknown episode" in run("--country", "UKR", "--analogue", "atlantis-1900").stderr
    assert run("--country", "ZZZ").returncode == 2


def test_the_page_and_the_command_line_agree_on_one_figure():
    cli = json.loads(run("--country", "UKR", "--start", "2026", "--analogue", "liberia-2003", "--json").stdout)
    [row] = [r for r in cli["rows"] if r["year"] == 2030]
    at = run_page("returns", iso3="UKR", start="2026", analogue="liberia-2003")
    shown = at.dataframe[1].value.set_index("Year").loc[2030, "Liberia 2003: stock (scenario)"]
    assert shown == row["projected_stock"]
    history = {e["episode"]: e for e in json.loads(run("--json").stdout)["episodes"]}
    table = at.dataframe[0].value.set_index("Episode")
    assert table.loc["Bosnia and Herzegovina 1995", "Refugee returns, years 1-5"] == \
        history["bosnia-1995"]["returns_recorded"]
