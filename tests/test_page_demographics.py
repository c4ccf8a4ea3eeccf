"""The Age and sex page, run through Streamlit's AppTest from app.py."""

from __future__ import annotations

from pages import brief_ready, figures, link_keeps, run_page, texts, title


def _metrics(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def test_default_is_the_country_with_the_largest_breakdown_beside_the_world():
    at = run_page("demographics")
    assert at.selectbox(key="url-iso3").value == "COL"
    assert [s.value for s in at.subheader][:2] == ["Colombia", "World"]
    # World, refugees + asylum-seekers + OIP, end-2025: 39.6% children of those whose age is known; the
    # breakdown covers 78.8% of the 44,636,876 people in UNHCR's population figure
    assert ("Children (0-17)", "39.6%") in _metrics(at) and ("Breakdown covers", "78.8%") in _metrics(at)
    assert not at.warning


def test_germany_figures_and_their_coverage_are_stated():
    at = run_page("demographics", iso3="DEU")
    assert _metrics(at)[:4] == [("Children (0-17)", "29.3%"), ("Women and girls", "46.5%"),
                                ("Older people (60+)", "7.8%"), ("Breakdown covers", "95.3%")]
    text = texts(at)
    assert "covers 95.3% of the 2,952,694" in text and "female, all ages" in text
    [fig] = figures(at)
    assert "Age and sex" in title(fig) and "coverage" in title(fig)


def test_a_scope_without_breakdown_says_so():
    at = run_page("demographics", iso3="DEU", scope="stateless")
    assert "no shares can be given (missing, not zero)" in texts(at)
    assert ("Children (0-17)", "no breakdown") in _metrics(at)


def test_odd_links_are_ignored_with_a_notice():
    at = run_page("demographics", iso3="ZZZ", year="1999", scope="everyone")
    warnings = " ".join(w.value for w in at.warning)
    for name in ("iso3", "year", "scope"):
        assert name in warnings, warnings
    assert at.selectbox(key="url-iso3").value == "COL"


def test_share_bar_and_link(shared):
    at = run_page("demographics", iso3="SDN")
    link_keeps(at, "release=", "iso3=SDN")
    [call] = shared
    brief_ready(call)
    assert call["headline"].startswith("52.1% of refugees, asylum-seekers and other people in need of international "
                                       "protection in Sudan at end-2025")
