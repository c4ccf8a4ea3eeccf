"""The shared components' own words (notices, 'Source:', download labels, the brief's and the citations'
fixed words, 'no data' and 'million') go through the text layer: English reads exactly as written, and a
catalogue's words reach the reader while links, keys and proper names stay as they are."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from components import charts, navigation
from displacement import formatting, text
from displacement.outputs import citations
from displacement.storage.manifest import Manifest


class Shouting:
    """A stand-in catalogue: every message upper-cased, its {placeholders} kept."""

    def gettext(self, message: str) -> str:
        return _upper_outside_braces(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.gettext(singular if count == 1 else plural)


def _upper_outside_braces(message: str) -> str:
    parts, depth = [], 0
    for char in message:
        depth += char == "{"
        parts.append(char if depth else char.upper())
        depth -= char == "}"
    return "".join(parts)


@pytest.fixture
def shouting(monkeypatch):
    """Every message read through the stand-in catalogue, in every thread (AppTest runs its script in one)."""
    monkeypatch.setattr(text, "catalogue", lambda language: Shouting())


SOURCE = {"publisher": "Internal Displacement Monitoring Centre", "title": "GIDD", "licence": "CC BY 4.0",
          "release": "GRID 2025", "retrieved_at": "2025-05-27T00:00:00+00:00"}
LINK = "https://example.org/internal?release=0123456789"


def test_missing_figures_read_no_data_and_the_constant_stays_the_english_message():
    assert formatting.exact(None) == formatting.millions(float("nan")) == formatting.short_millions(None) == "no data"
    assert formatting.MISSING == "no data"


def test_millions_keep_their_english_form():
    assert formatting.millions(117_312_345) == "117.3 million"
    assert formatting.short_millions(68_700_000) == "68.7 M"
    assert formatting.millions(950_000) == "950,000"


def test_according_to_names_each_source_and_one_day():
    cited = formatting.according_to([("UNHCR", Manifest(release="2025", retrieved_at="2026-06-25T00:00")),
                                     ("IDMC", Manifest(release="GRID", retrieved_at="2026-06-25T10:00")),
                                     ("World Bank", Manifest(retrieved_at="2026-06-25"))])
    assert cited == "according to UNHCR (2025), IDMC (GRID) and World Bank, data retrieved 2026-06-25"


def test_according_to_names_each_sources_own_day_when_they_differ():
    cited = formatting.according_to([("UNHCR", Manifest(release="2025", retrieved_at="2026-06-25")),
                                     ("IDMC", Manifest(retrieved_at="2026-05-01"))])
    assert cited == "according to UNHCR (2025, data retrieved 2026-06-25) and IDMC (data retrieved 2026-05-01)"


def test_a_catalogue_translates_the_formatters_words(shouting):
    assert formatting.millions(117_312_345) == "117.3 MILLION"
    assert formatting.exact(None) == "NO DATA"
    assert formatting.according_to([("UNHCR", Manifest(retrieved_at="2026-06-25"))]).startswith("ACCORDING TO UNHCR")


def test_a_catalogue_translates_the_citations_fixed_words_not_the_producers_names(shouting):
    apa = citations.apa([SOURCE], "Trends", LINK, date(2026, 11, 25))
    assert apa[0] == "Internal Displacement Monitoring Centre (IDMC) (2025). GIDD [DATA SET, GRID 2025]. CC BY 4.0."
    assert apa[1].startswith("FORCED DISPLACEMENT STATISTICS DASHBOARD (2026). “Trends” [DASHBOARD VIEW]. RETRIEVED")
    assert citations.plain([SOURCE], "Trends", LINK, date(2026, 11, 25))[0].startswith(
        "SOURCE: Internal Displacement Monitoring Centre (IDMC), GIDD")


def test_the_navigation_keeps_english_titles_and_shows_the_viewers(shouting):
    profile = next(p for p in navigation.PAGES if p.name == "profile")
    assert (profile.title, profile.section) == ("Country profile", "Countries")
    assert (profile.shown_title, profile.shown_section) == ("COUNTRY PROFILE", "COUNTRIES")
    assert profile.shown_embed_title == "FORCED DISPLACEMENT COUNTRY PROFILE"


def _framed() -> go.Figure:
    fig = go.Figure(go.Scatter(x=[2023, 2024], y=[1, 2]))
    return charts.frame(fig, title="Refugees", unit="people", source="UNHCR", as_of="end-2024")


def test_an_image_footer_is_found_by_name_in_any_language(shouting):
    printed = charts.with_view_link(charts.printable(_framed()), LINK)
    [footer] = [a for a in printed.layout.annotations if charts.is_footer(a)]
    assert footer.text.startswith("SOURCE: UNHCR") and footer.text.endswith("VIEW: " + LINK)


def test_a_download_built_later_keeps_the_language_of_the_run_that_placed_it():
    with text.language("xx"):
        later = text.in_viewer_language(text.current_language)
    assert text.current_language() == "en" and later() == "xx"


def _tabs_script():
    import streamlit as st

    from components import page
    from displacement.text import N_

    drawn = page.sections([N_("Projection"), N_("Track record")], lambda name: [name])
    st.write(f"drawn: {drawn}")


def _tabs(**params) -> AppTest:
    at = AppTest.from_function(_tabs_script, default_timeout=30)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def test_translated_tabs_open_from_the_english_name_in_the_link(shouting):
    at = _tabs(section="Track record")
    assert [t.label for t in at.tabs] == ["PROJECTION", "TRACK RECORD"]
    assert at.markdown[-1].value == "drawn: ['Track record']" and at.query_params["section"] == "Track record"


def test_translated_tabs_drop_a_section_the_page_does_not_have(shouting):
    at = _tabs(section="TRACK RECORD")  # a translated label is not a link's value
    assert at.markdown[-1].value == "drawn: ['Projection']" and "section" not in at.query_params


def test_english_tabs_are_bound_to_the_link_as_before():
    at = _tabs(section="Track record")
    assert [t.label for t in at.tabs] == ["Projection", "Track record"]
    assert at.markdown[-1].value == "drawn: ['Track record']"


def _choose_tab_script():
    import streamlit as st

    from components import page

    by_label = {"PROJECTION": "Projection", "TRACK RECORD": "Track record"}
    for label in ["TRACK RECORD", "PROJECTION"]:  # what a click on each tab hands the callback
        st.session_state["section-tab"] = label
        page._section_to_link("section-tab", by_label, "Projection")
        st.write(f"link: {st.query_params.to_dict()}")


def test_choosing_a_translated_tab_writes_its_english_name_and_the_first_tab_a_clean_link():
    at = AppTest.from_function(_choose_tab_script, default_timeout=30).run()
    assert [m.value for m in at.markdown] == ["link: {'section': 'Track record'}", "link: {}"]
