"""Data is text, never markup or formulas (issue: hostile source data). Country names in a store are made
hostile: a Markdown link with HTML in it, and a spreadsheet formula. Every page is run through AppTest:
no Markdown element may carry the link unescaped (Streamlit would draw it as a link), no chart may carry
the HTML unescaped (Plotly would draw it), and every CSV download neutralises the formula."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pandas as pd
import pytest
from pages import run_page

from components import navigation
from displacement import config
from displacement.formatting import FORMULA_STARTS, csv_cell, quotation
from displacement.storage import store
from displacement.storage.datasets import open_datasets

LINK = "[Ukraine](https://evil.example/phish)"
HTML = "<b>bold</b>"
FORMULA = '=HYPERLINK("https://evil.example","Sudan")'
HOSTILE = {"UKR": f"{LINK} {HTML}", "SDN": FORMULA}
# Every page (from the one page list), opened on Ukraine where it shows one country, plus views that draw more names.
COUNTRY_LINKS = {"flows": {"origin": "UKR"}, "internal": {"iso3": "UKR"}, "profile": {"iso3": "UKR"},
                 "projections": {"iso3": "UKR"}, "returns": {"iso3": "UKR"}, "compare": {"pick": "UKR"},
                 "demographics": {"iso3": "UKR"}}
PAGES = [(name, COUNTRY_LINKS.get(name, {})) for name in navigation.NAMES] + [
    ("countries", {"view": "origin"}), ("profile", {"iso3": "UKR", "section": "IDPs"})]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """The snapshot with UNHCR's names of Ukraine and Sudan replaced (the country list and the population rows)."""
    root = tmp_path_factory.mktemp("hostile") / "store"
    for source_id, table in (("countries", "countries"), ("population", "countries")):
        release = store.current_release(config.SNAPSHOT_DIR, source_id)
        tables = {name: release.table(name) for name in release.table_names()}
        names = tables[table]
        names["name"] = [HOSTILE.get(code, name) for code, name in zip(names["iso3"], names["name"])]
        manifest = {k: v for k, v in release.manifest.items() if k not in ("tables", "checksum", "source_id")}
        store.write_release(root, source_id, tables, manifest, datetime.now(UTC))
    return root


def markdown_bodies(at) -> list[str]:
    """The raw Markdown of every element Streamlit renders as Markdown, labels and help texts included."""
    bodies = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success", "header",
                                   "subheader", "title") for e in at.get(kind)]
    bodies += [m.label for m in at.metric] + [str(m.help or "") for m in at.metric]
    return bodies


@pytest.mark.parametrize("page, params", PAGES, ids=[f"{p}-{'-'.join(v.values()) or 'default'}" for p, v in PAGES])
def test_no_page_renders_a_name_as_markup(hostile_store, monkeypatch, page, params):
    monkeypatch.setenv("DISPLACEMENT_STORE", str(hostile_store))
    at = run_page(page, **params)
    for body in markdown_bodies(at):
        assert LINK not in body, body[:300]
    for chart in at.get("plotly_chart"):
        assert HTML not in chart.proto.spec, page


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(start):
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


def test_numbers_and_missing_values_are_not_touched():
    assert csv_cell(-5) == -5 and csv_cell(2.5) == 2.5 and csv_cell(None) is None


def test_every_csv_download_neutralises_formulas(hostile_store, monkeypatch):
    from components.downloads import csv_bytes, excel, provenance
    monkeypatch.setenv("DISPLACEMENT_STORE", str(hostile_store))
    data = open_datasets()
    frame = pd.DataFrame({"country": [FORMULA, "Chad"], "people": [-1000, 5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    rows = pd.read_csv(io.StringIO(text))
    assert rows.loc[0, "country"] == "'" + FORMULA and rows.loc[0, "people"] == -1000
    assert not any(line.startswith(FORMULA_STARTS) for line in text.splitlines())
    book = pd.read_excel(io.BytesIO(excel(frame, provenance(data, ["population"]), f"Refugees from {FORMULA}")),
                         sheet_name=None)
    assert book["Data"].loc[0, "country"] == "'" + FORMULA and book["Data"].loc[0, "people"] == -1000
    assert not any(str(cell).startswith(FORMULA_STARTS) for cell in book["Sources"].to_numpy().ravel())


def test_the_pdf_brief_prints_markup_as_text(hostile_store, monkeypatch, shared):
    from pypdf import PdfReader

    from displacement.outputs import brief
    monkeypatch.setenv("DISPLACEMENT_STORE", str(hostile_store))
    run_page("profile", iso3="UKR")
    call = shared[-1]
    document = brief.Brief(title=call["title"], headline=call["headline"], figures=call["figures"],
                           sources=brief.sources_for(open_datasets(), call["source_ids"]),
                           view_url="https://dashboard.example.org/profile?iso3=UKR", accessed="2026-12-01")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(brief.build_pdf(document, None))).pages)
    assert LINK in " ".join(text.split())  # printed literally, as the name reads
    assert json.dumps(HTML)[1:-1] in text or HTML in text


def test_every_csv_download_goes_through_the_one_neutralising_writer():
    """A page that wrote its own CSV would skip data_csv's formula rule (the API's CSV is written by it too)."""
    from conftest import REPO
    callers = [path.relative_to(REPO).as_posix() for folder in ("app_pages", "components", "displacement/outputs")
               for path in (REPO / folder).glob("*.py") if ".to_csv(" in path.read_text(encoding="utf-8")]
    assert callers == ["displacement/outputs/datapackage.py"]


def test_a_quotation_keeps_data_inert_on_every_line():
    quoted = quotation(f"{LINK}\n> {HTML}")
    assert quoted.splitlines() == [r"> \[Ukraine\]\(https\://evil\.example/phish\)", ">", r"> \> \<b\>bold\</b\>"]
