"""The one-click PDF brief, read back with pypdf: built from the bundled data, its text, figures,
sources, date, link, size and chart image are what the page shows."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from displacement.figures import headline
from displacement.formatting import according_to
from displacement.outputs import brief
from displacement.storage.datasets import HEADLINE_COMPONENTS, headline_totals, open_datasets
from displacement.vocabulary import HEADLINE_ORDER, LABELS

VIEW_URL = "https://dashboard.example.org/displacement/?release=0123456789&since=1990"
ACCESSED = "2026-11-25"
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def data():
    return open_datasets(store_root=Path("/nonexistent-store"))  # the bundled snapshot only


@pytest.fixture(scope="module")
def latest(data):
    return headline_totals(data).iloc[-1]


@pytest.fixture(scope="module")
def world(data, latest):
    """The overview's brief: its citation sentence, key figures and notes, from the same plain functions."""
    cited = according_to([("UNHCR's Refugee Population Statistics Database", data.manifest("population"))])
    return brief.Brief(title="How many people are forcibly displaced?",
                       headline=headline.citation_sentence(latest, cited),
                       figures=headline.key_figures(latest, LABELS, HEADLINE_ORDER),
                       sources=brief.sources_for(data, ["population", "unrwa", "idmc", "published-headlines"]),
                       view_url=VIEW_URL, accessed=ACCESSED, notes=[headline.overlap_sentence(latest)])


@pytest.fixture(scope="module")
def pdf(world):
    return PdfReader(io.BytesIO(brief.build_pdf(world, None)))


def text_of(reader: PdfReader) -> str:
    """All pages' text with line breaks and runs of spaces as single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def uris(reader: PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if action.get("/URI"):
                found.append(str(action["/URI"]))
    return found


def image_xobjects(reader: PdfReader) -> list:
    images = []
    for page in reader.pages:
        xobjects = (page["/Resources"].get("/XObject") or {})
        images += [xobjects[name].get_object() for name in xobjects
                   if xobjects[name].get_object()["/Subtype"] == "/Image"]
    return images


def test_title_is_printed(pdf):
    assert "How many people are forcibly displaced?" in text_of(pdf)


def test_headline_sentence_is_printed_whole(pdf, world):
    assert world.headline in text_of(pdf)


def test_figures_table_rows_have_thousands_separators(pdf, latest):
    text = text_of(pdf)
    assert f"Refugees under UNHCR's mandate {latest['refugees']:,}" in text
    assert f"Internally displaced (conflict and violence, IDMC) {latest['idps_conflict']:,}" in text


def test_sources_name_publisher_and_licence(pdf, data):
    text = text_of(pdf)
    manifest = data.manifest("population")
    assert f"{manifest.publisher}, {manifest.title}" in text
    assert f"Licence: {manifest.licence} ({manifest.licence_url})" in text


def test_release_and_retrieval_are_printed(pdf, data):
    manifest = data.manifest("population")
    assert f"Release: {manifest.release}" in text_of(pdf)
    assert f"Retrieved {manifest.retrieved_at[:10]}" in text_of(pdf)


def test_accessed_date_is_printed(pdf):
    assert f"Accessed {ACCESSED}" in text_of(pdf)


def test_view_url_is_printed_and_linked(pdf):
    assert VIEW_URL in text_of(pdf)
    assert VIEW_URL in uris(pdf)


def test_one_or_two_a4_pages(pdf):
    assert 1 <= len(pdf.pages) <= 2
    for page in pdf.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4_POINTS


def test_footer_names_the_dashboard_and_producers(pdf):
    assert "Forced displacement statistics dashboard — figures from UNHCR/IDMC/World Bank" in text_of(pdf)


def hosts_brief(data, notes=()) -> brief.Brief:
    """The ten largest host countries at end-2024: Türkiye is among them."""
    hosted = data.table("population", "by_asylum")
    hosted = hosted[hosted["year"] == 2024].merge(data.table("countries", "countries"), on="iso3")
    hosted["people"] = hosted[["refugees", "asylum_seekers", "oip"]].sum(axis=1, min_count=1)
    top = hosted.nlargest(10, "people")
    figures = pd.DataFrame({"Country": top["name"], "Year": top["year"], "Hosted": top["people"]})
    return brief.Brief(title="Where are refugees hosted?",
                       headline="The ten countries hosting most refugees, asylum-seekers and OIP at end-2024.",
                       figures=figures, sources=brief.sources_for(data, ["population"]), view_url=VIEW_URL,
                       accessed=ACCESSED, notes=list(notes))


def test_non_ascii_country_names_survive(data):
    text = text_of(PdfReader(io.BytesIO(brief.build_pdf(hosts_brief(data, ["Côte d'Ivoire"]), None))))
    assert "Türkiye" in text
    assert "Côte d'Ivoire" in text


def test_without_dejavu_falls_back_to_helvetica_with_transliteration(data, monkeypatch):
    monkeypatch.setattr(brief, "FONT_REGULAR", Path("/nonexistent/DejaVuSans.ttf"))
    reader = PdfReader(io.BytesIO(brief.build_pdf(hosts_brief(data, ["Việt Nam — a note"]), None)))
    text = text_of(reader)
    assert "Türkiye" in text and "Viet Nam - a note" in text
    fonts = reader.pages[0]["/Resources"]["/Font"].get_object()
    assert {str(font.get_object()["/BaseFont"]) for font in fonts.values()} <= {"/Helvetica", "/Helvetica-Bold"}


def test_markup_in_text_is_printed_literally(data):
    text = text_of(PdfReader(io.BytesIO(brief.build_pdf(hosts_brief(data, ["<b>bold?</b> & **no**"]), None))))
    assert "<b>bold?</b> & **no**" in text


def test_a_non_web_view_link_is_refused(data):
    with pytest.raises(brief.BriefError, match="http"):
        brief.Brief(title="t", headline="h", figures=pd.DataFrame({"a": [1], "b": [2]}),
                    sources=brief.sources_for(data, ["population"]), view_url="javascript:alert(1)",
                    accessed=ACCESSED)


def test_a_figures_table_over_twenty_rows_is_refused(data):
    with pytest.raises(brief.BriefError, match="at most 20 rows"):
        brief.Brief(title="t", headline="h", figures=pd.DataFrame({"a": range(21), "b": range(21)}),
                    sources=brief.sources_for(data, ["population"]), view_url=VIEW_URL, accessed=ACCESSED)


def test_streamlit_placeholder_colours_are_replaced_for_export():
    placeholders = go.layout.Template(layout={"colorway": ["#000001", "#000002"],
                                              "colorscale": {"sequential": [[0, "#000011"], [1, "#000020"]]}})
    fig = go.Figure(go.Bar(x=[1], y=[pd.NA]), layout={"template": placeholders})
    layout = brief.exportable_figure(fig)["layout"]["template"]["layout"]
    assert layout["colorway"] == ["#0068c9", "#83c9ff"]
    assert layout["colorscale"]["sequential"] == [[0, "#e4f5ff"], [1, "#004280"]]


def test_missing_chromium_raises_brief_error(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(brief.BriefError, match="no Chromium at /nonexistent/chromium"):
        brief.chart_png(go.Figure(go.Bar(x=[1], y=[1])))


@pytest.fixture(scope="module")
def chart(data):
    """The overview's stacked trend, drawn once by kaleido in the system Chromium."""
    browser = os.environ.get("BROWSER_PATH", brief.DEFAULT_CHROMIUM)
    if not Path(browser).is_file():
        pytest.skip(f"no Chromium at {browser} to draw the chart image (apt-get install chromium)")
    rows = headline_totals(data).query("year >= 1990")
    fig = go.Figure([go.Scatter(x=rows["year"], y=rows[name].astype("Float64"), name=name, stackgroup="one")
                     for name in HEADLINE_COMPONENTS])
    fig.update_layout(title="People forcibly displaced worldwide, by population type — Türkiye")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BROWSER_PATH", browser)
        return brief.chart_png(fig, width=1000, height=560, scale=2)


def test_chart_png_is_a_png_at_print_size(chart):
    from PIL import Image

    image = Image.open(io.BytesIO(chart))
    assert (image.format, image.size) == ("PNG", (2000, 1120))


def test_chart_is_embedded_as_an_image(chart, world):
    reader = PdfReader(io.BytesIO(brief.build_pdf(world, chart)))
    images = image_xobjects(reader)
    assert images and (images[0]["/Width"], images[0]["/Height"]) == (2000, 1120)
    assert 1 <= len(reader.pages) <= 2


def other_image(chart: bytes) -> bytes:
    """A second, different image (fpdf stores the same bytes once)."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(chart)).resize((1280, 700)).save(out, format="PNG")
    return out.getvalue()


def test_two_charts_sit_side_by_side_on_one_page(chart, world):
    reader = PdfReader(io.BytesIO(brief.build_pdf(world, [chart, other_image(chart)])))
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 2


def test_two_charts_that_cannot_share_a_page_become_one(chart, world, monkeypatch):
    monkeypatch.setattr(brief, "PAIR_GAP", -1000)  # a pair that always overflows the page
    reader = PdfReader(io.BytesIO(brief.build_pdf(world, [chart, other_image(chart)])))
    assert sum(len(page.images) for page in reader.pages) == 1


def test_without_chromium_the_share_bar_says_why_and_what_to_use_instead(monkeypatch):
    from components import share
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    said = share.brief_without_chart(go.Figure(go.Bar(x=[1], y=[1])))
    assert "no Chromium at /nonexistent/chromium" in said and "PNG" in said and "CSV" in said


def test_without_chromium_the_brief_is_still_a_one_page_pdf_with_its_figures(monkeypatch, data):
    from components import share
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    figures = pd.DataFrame({"measure": ["Refugees"], "value": ["1.0 million"]})
    pdf = share._brief_pdf("Trends", "One headline.", figures, brief.sources_for(data, ["population"]),
                           "https://example.org/trends", date(2026, 12, 1),
                           go.Figure(go.Bar(x=[1], y=[1])), ())
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 and "One headline." in reader.pages[0].extract_text()


def test_one_chromium_draws_every_image_of_the_process(chart):
    import kaleido
    assert kaleido._global_server.is_running()  # the fixture's image left the browser running for the next
    assert brief.chart_png(go.Figure(go.Bar(x=[1], y=[1]))).startswith(b"\x89PNG")
