"""Every page's PDF brief, built from what the page hands its share bar, is one A4 page (the chart, the
headline, the key figures, the sources and the link), as a briefing needs it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pages import run_page
from pypdf import PdfReader

from components import charts, navigation, share
from displacement.outputs import brief
from displacement.storage.datasets import open_datasets

LINK = "https://dashboard.example.org/view?release=0123456789"
VIEWS = {"profile": {"iso3": "SDN"}, "flows": {"origin": "SDN"}, "internal": {"iso3": "SDN"},
         "projections": {"iso3": "SDN"}}


def _brief_of(page: str, shared: list[dict]) -> bytes | None:
    run_page(page, **VIEWS.get(page, {}))
    calls = [c for c in shared if c.get("headline")]
    if not calls:
        return None
    call = calls[-1]
    sources = share.source_records(open_datasets(), call["source_ids"])
    return share._brief_pdf(call["title"], call["headline"], call.get("figures"), sources, LINK,
                            date(2026, 12, 1), call.get("fig"), call.get("notes", ()))


@pytest.mark.parametrize("page", navigation.NAMES)
def test_the_brief_of_every_page_is_one_page(page, shared):
    if brief.chromium_missing():
        pytest.skip(brief.chromium_missing())
    pdf = _brief_of(page, shared)
    if pdf is None:
        pytest.skip(f"{page} offers no brief")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, reader.pages[1].extract_text()[:300]


def test_the_profile_brief_lists_the_sources_its_figures_and_chart_use_and_no_other(shared):
    run_page("profile", iso3="SDN")  # the Refugees section: its chart is UNHCR's population figures
    call = [c for c in shared if c.get("headline")][-1]
    named = {word for cell in call["figures"]["Source"] for word in cell.split("; ")}
    assert named == {"UNHCR", "IDMC via UNHCR", "IDMC database", "World Bank"}
    assert call["source_ids"] == ["population", "idmc", "idmc-gidd", "solutions", "worldbank-population"]


def test_the_profile_brief_names_the_five_main_hosts_with_their_figures(shared):
    run_page("profile", iso3="SDN")
    figures = [c for c in shared if c.get("headline")][-1]["figures"]
    hosts = figures[figures["Figure"].str.startswith("Refugees + OIP from Sudan hosted in")]
    assert hosts["Figure"].str.extract(r"hosted in (.+),")[0].tolist() == [
        "Chad", "South Sudan", "Libya", "Ethiopia", "Uganda"]
    assert hosts["Value"].iloc[0] == "1,330,950"


def test_the_profile_brief_carries_the_idp_trend_beside_the_open_sections_chart(shared):
    run_page("profile", iso3="SDN")
    call = [c for c in shared if c.get("headline")][-1]
    assert [charts.framing(fig)["title"] for fig in call["fig"]][1:] == ["People internally displaced in Sudan"]
    if brief.chromium_missing():
        pytest.skip(brief.chromium_missing())
    pdf = PdfReader(io.BytesIO(_brief_of("profile", shared)))
    assert len(pdf.pages) == 1 and len(pdf.pages[0].images) == 2


def test_the_profile_brief_of_the_idp_section_carries_its_chart_once(shared):
    run_page("profile", iso3="SDN", section="IDPs")
    call = [c for c in shared if c.get("headline")][-1]
    assert [charts.framing(fig)["title"] for fig in call["fig"]] == ["People internally displaced in Sudan"]
