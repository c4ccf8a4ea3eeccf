"""One figure per (country, year, measure): every page, brief table and command-line answer that shows the
same country, year and measure shows the same number. Each place is read as a user reads it: the page
through AppTest (table cells, card help texts, chart points, the key-figures table handed to the brief),
the command line through its functions' JSON."""

from __future__ import annotations

import re

import pytest
from pages import figures, run_page, title

from displacement.figures.summary import country_summary, ranking, world_summary
from displacement.storage.datasets import open_datasets

LATEST = 2025
SAMPLE = [("SDN", 2025), ("UKR", 2024), ("COL", 2025), ("DEU", 2023), ("AFG", 2025)]


@pytest.fixture(scope="module")
def data():
    return open_datasets()


def exact_in_help(at, label: str) -> int:
    """The exact figure a card's help text gives ('Exact: 2,820,737.')."""
    [card] = [m for m in at.metric if m.label == label]
    return int(re.search(r"Exact(?: figure)?: ([\d,]+)", card.help).group(1).replace(",", ""))


def ranked_total(data, year: int, side: str, iso3: str) -> int:
    countries = ranking(data, year, side, top=250)["countries"]
    return next(c["total"] for c in countries if c["iso3"] == iso3)


@pytest.mark.parametrize("iso3, year", SAMPLE)
@pytest.mark.parametrize("side, card", [("asylum", "Hosted in the country (refugees + OIP)"),
                                        ("origin", "Fled from the country (refugees + OIP)")])
def test_refugees_and_oip_are_one_number_on_countries_profile_and_the_cli(data, iso3, year, side, card):
    summary = country_summary(data, year, iso3)[f"by_{side}"]["refugees_and_oip"]
    assert ranked_total(data, year, side, iso3) == summary
    countries = run_page("countries", year=str(year), view=side)
    [table] = [d.value for d in countries.dataframe if "iso3" in d.value]
    assert table.set_index("iso3").loc[iso3, "total"] == summary
    if year == LATEST:
        assert exact_in_help(run_page("profile", iso3=iso3), card) == summary


@pytest.mark.parametrize("iso3", ["SDN", "COL", "DEU"])
def test_hosted_per_1000_is_one_number_on_countries_profile_and_the_cli(data, iso3):
    summary = country_summary(data, LATEST, iso3)
    countries = run_page("countries", measure="per 1,000 inhabitants")
    [table] = [d.value for d in countries.dataframe if "iso3" in d.value]
    assert table.set_index("iso3").loc[iso3, "per_1000"] == summary["hosted_per_1000"]
    [card] = [m for m in run_page("profile", iso3=iso3).metric if m.label == "Hosted per 1,000 residents"]
    assert card.value == f"{summary['hosted_per_1000']:,.2f}"


@pytest.mark.parametrize("iso3", ["SDN", "UKR", "MMR"])
def test_conflict_idps_via_unhcr_are_one_number_on_profile_internal_displacement_and_the_cli(data, iso3):
    via_unhcr = country_summary(data, LATEST, iso3)["idps"][0]
    assert (via_unhcr["source"], via_unhcr["year"]) == ("idmc", LATEST)
    assert exact_in_help(run_page("profile", iso3=iso3), f"Internally displaced (conflict), end-{LATEST}") == \
        via_unhcr["value"]
    internal = run_page("internal", iso3=iso3)
    [stock] = [f for f in figures(internal) if title(f).startswith("People internally displaced in")]
    [line] = [t for t in stock.data if t.name == "Conflict, IDMC via UNHCR"]
    assert dict(zip(line.x, line.y))[LATEST] == via_unhcr["value"]


def test_the_world_headline_is_one_number_on_overview_trends_brief_and_the_cli(data, shared):
    world = world_summary(data, LATEST)["forcibly_displaced_unhcr_basis"]
    overview = run_page("overview")
    assert exact_in_help(overview, f"Forcibly displaced, end-{LATEST}") == world
    brief_rows = shared[-1]["figures"]
    assert brief_rows.iloc[-1]["people"] == f"{world:,}"
    trends = run_page("trends")
    [total] = [t for t in figures(trends)[0].data if t.name == "Forcibly displaced"]
    assert list(total.y)[-1] == world
