"""The country profile page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

import pytest
from pages import as_read, run_page, share_link, title
from streamlit.testing.v1 import AppTest

from components.labels import millions
from displacement.figures.summary import country_summary
from displacement.storage.datasets import open_datasets

SECTIONS = ["Refugees", "IDPs", "Solutions", "Applications", "Decisions", "Burden", "Footnotes"]


def _cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _texts(at: AppTest) -> str:
    parts = ([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
             + [t.value for t in at.text])
    return as_read("\n".join(parts))


def test_link_with_iso3_opens_ukraine_and_cards_agree_with_the_summary():
    at = run_page("profile", iso3="UKR")
    assert not at.warning
    assert at.header[0].value == "Ukraine"
    assert at.selectbox(key="url-iso3").value == "UKR"
    summary = country_summary(open_datasets(), 2025, "UKR")
    cards = _cards(at)
    assert cards["Fled from the country (refugees + OIP)"] == millions(summary["by_origin"]["refugees_and_oip"])
    assert cards["Hosted in the country (refugees + OIP)"] == millions(summary["by_asylum"]["refugees_and_oip"])
    assert cards["Internally displaced (conflict), end-2025"] == millions(summary["idps"][0]["value"])
    assert cards["Hosted per 1,000 residents"] == f"{summary['hosted_per_1000']:.2f}"
    assert f"{summary['by_origin']['asylum_seekers']:,} from Ukraine" in _texts(at)  # asylum-seekers apart
    assert "At end-2025" in _texts(at)
    text = _texts(at)
    assert "never added" in text
    assert "2024 population" in text  # per-capita: the latest earlier World Bank year, said so
    assert [t.label for t in at.tabs] == SECTIONS
    assert len(at.get("plotly_chart")) == 2  # only the open section (who fled, who is hosted) is drawn


@pytest.mark.parametrize("section, charts", [("Refugees", 2), ("IDPs", 1), ("Solutions", 2), ("Applications", 2),
                                             ("Decisions", 2), ("Burden", 1), ("Footnotes", 0)])
def test_each_section_opens_from_the_link_and_draws_only_its_charts(section, charts):
    at = run_page("profile", iso3="UKR", section=section)
    assert not at.warning
    assert len(at.get("plotly_chart")) == charts
    link = share_link(at)
    assert f"section={section}" in link if section != "Refugees" else "section" not in link  # the default: a clean link


def test_an_unknown_section_gives_a_notice_and_the_first_section():
    at = run_page("profile", iso3="UKR", section="<i>Everything</i>")
    [notice] = [w.value for w in at.warning]
    assert "section" in notice and "<i>" not in notice
    assert "People who fled Ukraine" in " ".join(c.proto.spec for c in at.get("plotly_chart"))


def test_recognition_rate_definition_is_under_the_decisions():
    text = _texts(run_page("profile", iso3="UKR", section="Decisions"))
    assert "(recognised + complementary protection) / (recognised + complementary protection + rejected)" in text


def test_lowercase_code_is_normalised():
    at = run_page("profile", iso3="ukr")
    assert not at.warning
    assert at.header[0].value == "Ukraine"
    assert at.query_params["iso3"] == "UKR"


@pytest.mark.parametrize("value", ["XXQ", "<script>alert(1)</script>", "U K R", ""])
def test_unknown_code_gives_a_notice_and_the_default_country(value):
    at = run_page("profile", iso3=value)
    if value:
        assert any("iso3" in w.value for w in at.warning), [w.value for w in at.warning]
        assert "<script>" not in "".join(w.value for w in at.warning)
    assert at.header[0].value.startswith("Venezuela")  # default: most people fled from it in the latest year


def test_missing_parts_say_no_data_never_zero():
    at = run_page("profile", iso3="LIE")
    cards = _cards(at)
    assert cards["Internally displaced (conflict), end-2025"] == "no data"
    assert all(m.value not in {"0", "0.0"} for m in at.metric)
    infos = [i.value for i in run_page("profile", iso3="LIE", section="IDPs").info]
    assert any("No data" in i and "IDMC reports no IDP stock figures" in i for i in infos), infos
    infos = [i.value for i in run_page("profile", iso3="LIE", section="Solutions").info]
    assert any("No data" in i and "returns" in i for i in infos), infos
    assert "UNHCR's footnotes table has no note" in _texts(run_page("profile", iso3="LIE", section="Footnotes"))


def test_footnotes_and_recognition_rate():
    at = run_page("profile", iso3="USA", section="Footnotes")
    assert at.header[0].value == "United States of America"
    texts = [t.value for t in at.text]
    assert len(texts) == 5 and any("country of origin" in t for t in texts)  # UNHCR's footnotes, as text
    at = run_page("profile", iso3="DEU", section="Decisions")
    assert "33.7% in 2025" in _texts(at)  # (73,415 + 20,745) / (73,415 + 20,745 + 185,041)


def test_choosing_a_country_updates_the_link():
    at = run_page("profile", iso3="UKR")
    at.selectbox(key="url-iso3").select("SYR").run()
    assert not at.exception
    assert at.query_params["iso3"] == "SYR"
    assert at.header[0].value.startswith("Syria")


def test_palestine_refugees_under_unrwa_are_named_not_hidden():
    at = run_page("profile", iso3="PSE")
    assert at.header[0].value == "State of Palestine"  # UNHCR's country list name, not "Palestinian"
    assert _cards(at)["Hosted in the country (refugees + OIP)"] == "no data"
    assert any("2.5 million Palestine refugees registered with UNRWA" in i.value for i in at.info)


def test_share_bar_links_the_country_and_states_its_figures(shared):
    at = run_page("profile", iso3="UKR")
    link = share_link(at)
    assert "release=" in link and "iso3=UKR" in link
    [call] = shared
    assert call["title"] == "Country profile: Ukraine"
    headline = call["headline"]
    summary = country_summary(open_datasets(), 2025, "UKR")
    fled, hosted = summary["by_origin"], summary["by_asylum"]
    assert headline.startswith(f"At end-2025, {millions(fled['refugees_and_oip'])} refugees and other people in need "
                               f"of international protection from Ukraine were abroad, "
                               f"{millions(hosted['refugees_and_oip'])} were hosted in Ukraine and 3.7 million people "
                               "were internally displaced by conflict and violence inside Ukraine")
    assert "never added" in headline and "according to" in headline and "2025.12.1" in headline
    figures = call["figures"].set_index("Figure")["Value"]
    assert figures["Fled from Ukraine (refugees + OIP), end-2025"] == f"{fled['refugees_and_oip']:,}"
    assert figures["Asylum-seekers from Ukraine, end-2025"] == f"{fled['asylum_seekers']:,}"
    assert figures["Internally displaced by conflict (IDMC via UNHCR), end-2025"] == "3,712,000"
    gidd = summary["idps"][1]
    assert figures[f"Internally displaced by conflict and violence (IDMC database), end-{gidd['year']}"] == \
        f"{gidd['value']:,}"
    fled_chart, idp_chart = call["fig"]  # the open section's chart, and the IDP trend beside it
    assert "People who fled Ukraine" in title(fled_chart)
    assert "People internally displaced in Ukraine" in title(idp_chart)
    assert {"population", "idmc", "worldbank-population"} <= set(call["source_ids"])


def test_relatable_scale_for_a_hosting_country_with_its_denominator():
    at = run_page("profile", iso3="LBN")
    lines = [as_read(m.value) for m in at.markdown if "1 in " in m.value]
    assert lines == ["At end-2025, the refugees and other people in need of international protection hosted in "
                     "Lebanon were the equivalent of 1 in 11 residents of Lebanon (535,168 people against a "
                     "population of 5,805,962 in 2024, World Bank)."]
    [like] = [as_read(m.value) for m in at.markdown if "as live in" in m.value]
    assert "refugees and other people" in like and "residents in 2024, World Bank" in like and "in Lebanon" not in like


def test_no_relatable_scale_without_data(shared):
    at = run_page("profile", iso3="PSE")  # UNHCR reports no one hosted in the State of Palestine
    assert not [m.value for m in at.markdown if "1 in " in m.value or "% of residents" in m.value]
    at = run_page("profile", iso3="VAT")  # nothing at all for the Holy See in the latest year
    assert not [m.value for m in at.markdown if "residents" in m.value]
    assert shared[-1]["headline"] is None  # no brief of an empty view; the link and citations remain
    assert "iso3=VAT" in share_link(at)


def test_change_since_a_year_gives_people_and_percent_and_lives_in_the_link():
    at = run_page("profile", iso3="SDN", change_since="2015")
    [changes] = [as_read(m.value) for m in at.markdown if "From end-2015 to end-2025" in as_read(m.value)]
    assert "refugees and other people in need of international protection from Sudan rose by" in changes
    assert "people internally displaced by conflict in Sudan (IDMC via UNHCR)" in changes and "%" in changes
    assert "change_since=2015" in share_link(at)
