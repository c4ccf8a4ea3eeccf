"""The Compare page, run through Streamlit's AppTest from app.py: its lines equal the figures other pages and
the CLI give for the same country, regions are sums of countries, the view lives in the link."""

from __future__ import annotations

import math

from pages import brief_ready, figures, link_keeps, run_page, texts, title


def _lines(at) -> dict[str, dict[int, float]]:
    [fig] = [f for f in figures(at) if "Refugees" in title(f) or "IDPs" in title(f)]
    return {t.name: dict(zip(t.x, t.y)) for t in fig.data}


def test_sudan_by_origin_equals_its_rank_and_profile_figure():
    at = run_page("compare", pick=["SDN", "SYR"])
    lines = _lines(at)
    # python -m displacement rank --year 2025 --side origin: Sudan 2,820,737; Syria 4,865,764 (refugees + OIP)
    assert lines["Sudan"][2025] == 2_820_737 and lines["Syrian Arab Rep."][2025] == 4_865_764
    assert not at.warning


def test_default_view_is_the_top_five_and_says_what_is_counted():
    at = run_page("compare")
    assert at.multiselect(key="url-pick").value == ["VEN", "UKR", "SYR", "AFG", "SDN"]
    text = texts(at)
    assert "never zero" in text and "UNHCR ranks" in text
    assert "Suggest" in at.button(key="suggest").label


def test_a_region_is_drawn_as_the_sum_of_its_countries_and_unassigned_codes_are_named():
    at = run_page("compare", pick=["unhcr-europe", "wb-sub-saharan-africa"])
    lines = _lines(at)
    assert set(lines) == {"Europe (UNHCR region)", "Sub-Saharan Africa (World Bank region)"}
    text = texts(at)
    assert "Not in any UNHCR region in 2025" in text and "Not in any World Bank region in 2025" in text


def test_idps_have_gaps_not_zeros_and_index_starts_at_100():
    at = run_page("compare", pick=["SDN", "UKR"], measure="idps-conflict", scale="index", years=["2015", "2025"])
    lines = _lines(at)
    assert lines["Sudan"][2015] == 100
    assert math.isnan(lines["Sudan"][2025]) or lines["Sudan"][2025] is None  # GIDD ends at 2024: a gap
    assert "IDPs" in title(figures(at)[0]) and "2015 = 100" in title(figures(at)[0])


def test_per_1000_uses_the_world_bank_population():
    at = run_page("compare", pick=["LBN"], measure="asylum", unit="per-1000", years=["2020", "2024"])
    value = _lines(at)["Lebanon"][2024]
    assert 100 < value < 300  # Lebanon hosts well over 100 refugees per 1,000 residents
    assert "World Bank" in texts(at)


def test_odd_links_are_ignored_with_a_notice():
    at = run_page("compare", pick=["SDN", "ZZZ", "<script>x</script>"], measure="everything", unit="per-10",
                  scale="log", bogus="1")
    warnings = " ".join(w.value for w in at.warning)
    for name in ("pick", "measure", "unit", "scale", "bogus"):
        assert name in warnings, warnings
    assert at.multiselect(key="url-pick").value == ["SDN"]
    assert "<script>" not in warnings


def test_more_than_eight_picks_keep_eight():
    codes = ["SDN", "SYR", "UKR", "AFG", "VEN", "COD", "MMR", "SSD", "SOM", "CAF"]
    at = run_page("compare", pick=codes)
    assert len(at.multiselect(key="url-pick").value) == 8
    assert any("only the first 8" in w.value for w in at.warning)


def test_share_bar_and_link(shared):
    at = run_page("compare", pick=["SDN"], measure="origin")
    link_keeps(at, "release=", "pick=SDN")
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("There were 2,820,737 refugees and other people in need of international "
                                       "protection (OIP) from Sudan at end-2025")


def test_the_suggestion_puts_the_region_top_five_in_the_view_and_the_link():
    at = run_page("compare", pick=["SDN"])
    at.button(key="suggest").click().run()
    assert not at.exception
    chosen = at.multiselect(key="url-pick").value
    assert "SDN" in chosen and len(chosen) == 6  # Sudan and the top 5 of its UNHCR region
    assert sorted(at.query_params["pick"]) == sorted(chosen)
