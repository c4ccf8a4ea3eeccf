"""One country resolver for links, pickers and the command line (displacement.figures.country_lookup)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO
from pages import run_page

from displacement.figures.country_lookup import lookup_for
from displacement.storage.datasets import open_datasets


@pytest.fixture(scope="module")
def lookup():
    return lookup_for(open_datasets())


@pytest.mark.parametrize("text", ["SDN", "sdn", " Sdn ", "SUD", "Sudan", "SUDAN", "sudan"])
def test_codes_in_any_case_unhcr_codes_and_names_all_name_sudan(lookup, text):
    assert lookup.resolve(text) == "SDN"


@pytest.mark.parametrize("text, code", [("Syria", "SYR"), ("Venezuela", "VEN"), ("DRC", "COD"),
                                        ("cote d'ivoire", "CIV"), ("Côte d’Ivoire", "CIV"), ("Turkey", "TUR")])
def test_common_and_short_names_resolve(lookup, text, code):
    assert lookup.resolve(text) == code


def test_an_iso3_code_wins_over_the_unhcr_code_it_collides_with(lookup):
    assert lookup.resolve("AUS") == "AUS"  # Australia; UNHCR's AUS is Austria, which is AUT here
    assert lookup.resolve("Austria") == "AUT"


def test_a_country_outside_the_allowed_ones_is_not_resolved(lookup):
    assert lookup.resolve("Sudan", allowed={"UKR"}) is None


@pytest.mark.parametrize("typo, meant", [("Sudn", "SDN"), ("Ukriane", "UKR"), ("Afganistan", "AFG")])
def test_a_near_miss_gets_a_suggestion(lookup, typo, meant):
    assert lookup.resolve(typo) is None
    assert lookup.suggestion(typo) == meant


def test_nonsense_gets_no_suggestion(lookup):
    assert lookup.suggestion("qwxz") is None


def test_an_unknown_country_error_names_the_text_and_the_likely_country(lookup):
    with pytest.raises(LookupError, match=r"no country or territory called 'Sudn'; did you mean Sudan \(SDN\)\?"):
        lookup.code_or_error("Sudn")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "displacement", *args], cwd=REPO, capture_output=True, text=True)


def test_the_cli_reads_a_name_as_the_same_country_as_its_code():
    by_name = json.loads(_cli("summary", "--year", "2025", "--country", "Sudan", "--json").stdout)
    by_code = json.loads(_cli("summary", "--year", "2025", "--country", "SDN", "--json").stdout)
    assert by_name == by_code and by_name["country"] == "SDN"


def test_the_cli_suggests_the_country_a_typo_meant():
    result = _cli("summary", "--year", "2025", "--country", "Sudn")
    assert result.returncode == 2
    assert "did you mean Sudan (SDN)?" in result.stderr


@pytest.mark.parametrize("page, value, code", [("profile", "Sudan", "SDN"), ("profile", "SUD", "SDN"),
                                               ("internal", "ukraine", "UKR"), ("projections", "Sudan", "SDN")])
def test_pages_open_a_country_named_by_name_or_unhcr_code(page, value, code):
    at = run_page(page, iso3=value)
    assert not at.warning
    assert at.selectbox(key="url-iso3").value == code
    assert at.query_params["iso3"] == code  # the link now names it by its code


def test_flows_reads_a_name_for_the_country_of_origin():
    at = run_page("flows", origin="Sudan")
    assert not at.warning and at.selectbox(key="url-origin").value == "SDN"


def test_a_typo_in_a_link_says_which_country_it_probably_meant():
    at = run_page("profile", iso3="Sudn")
    notice = " ".join(w.value for w in at.warning)
    assert "Did you mean [Sudan (SDN)](?iso3=SDN)?" in notice


def test_the_country_chosen_on_one_page_opens_on_the_next():
    at = run_page("profile", iso3="UKR")
    at.query_params.clear()
    at.switch_page("app_pages/internal.py").run()
    assert not at.exception
    assert at.selectbox(key="url-iso3").value == "UKR"
    assert at.query_params["iso3"] == "UKR"  # written into the link, so sharing it keeps the country
