"""Data out in forms tools read: the CSV opens in pandas as it is, the Data Package validates with the
frictionless library, the workbook has the data and a Sources sheet (issue 16, part 4)."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from displacement.outputs import datapackage
from displacement.storage.datasets import open_datasets

VIEW = "https://dashboard.example.org/trends?year=2024&release=abc123"


@pytest.fixture(scope="module")
def sources():
    data = open_datasets()
    return [data.manifest(sid).source_record() for sid in ("population", "idmc")]


@pytest.fixture
def frame():
    return pd.DataFrame({"year": [2023, 2024, 2024], "iso3": ["CIV", "SDN", "TUR"],
                         "name": ["Côte d'Ivoire", '=HYPERLINK("https://evil.example","Sudan")', "Türkiye"],
                         "refugees": [1250.0, float("nan"), 2_900_000.0], "share": [0.25, 0.5, float("nan")]})


def test_the_csv_opens_in_pandas_unchanged_with_accents(frame):
    raw = datapackage.data_csv(frame)
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    rows = pd.read_csv(io.BytesIO(raw))  # no skiprows, no comment=, no encoding=
    assert list(rows.columns) == list(frame.columns)
    assert rows.loc[0, "name"] == "Côte d'Ivoire" and rows.loc[2, "name"] == "Türkiye"
    assert rows.loc[1, "name"].startswith("'=")
    assert rows.loc[0, "refugees"] == 1250 and pd.isna(rows.loc[1, "refugees"])  # missing stays missing
    assert b"1250.0" not in raw and b",1250," in raw  # counts written as whole numbers


def test_the_data_package_validates_with_frictionless(frame, sources, tmp_path):
    from frictionless import validate
    descriptor = datapackage.describe(frame, sources, title="Refugees by year", name="trends data",
                                      view_url=VIEW, release_id="abc123")
    zipfile.ZipFile(io.BytesIO(datapackage.zip_bytes(frame, descriptor))).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    written = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert written["homepage"] == VIEW and written["version"] == "abc123"
    source = written["sources"][0]
    assert {"title", "publisher", "licence", "release", "retrieved", "citation"} <= set(source)
    assert written["licenses"][0]["path"].startswith("https://creativecommons.org/")
    fields = {f["name"]: f for f in written["resources"][0]["schema"]["fields"]}
    assert fields["refugees"]["type"] == "integer" and fields["share"]["type"] == "number"
    assert "UNHCR's mandate" in fields["refugees"]["description"]
    assert all(f["description"] for f in fields.values())


def test_the_workbook_has_the_data_and_a_sources_sheet(frame, sources):
    book = pd.read_excel(io.BytesIO(datapackage.excel_bytes(frame, sources, title="Refugees by year",
                                                            view_url=VIEW, release_id="abc123")), sheet_name=None)
    assert list(book) == ["Data", "Sources"]
    assert list(book["Data"].columns) == list(frame.columns)
    assert book["Data"].loc[0, "name"] == "Côte d'Ivoire" and pd.isna(book["Data"].loc[1, "refugees"])
    about = " ".join(str(cell) for cell in book["Sources"].to_numpy().ravel())
    for expected in (VIEW, "abc123", "CC BY 4.0", sources[0]["citation"], "UNHCR's mandate"):
        assert expected in about


def test_the_workbook_runs_no_formula(frame, sources):
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(datapackage.excel_bytes(frame, sources, title="=1+1", view_url=None)))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)


@pytest.fixture(scope="module")
def framed():
    import plotly.graph_objects as go

    from components import charts
    fig = go.Figure(go.Scatter(x=[2023, 2024], y=[117.3, 123.2], name="Forcibly displaced"))
    fig = charts.frame(fig, title="Forcibly displaced worldwide", unit="millions of people",
                       source="UNHCR Refugee Data Finder & IDMC", as_of="end-2024")
    return charts.with_view_link(charts.printable(fig), VIEW)


def test_chart_images_carry_the_source_line_and_the_view_link(framed):
    from displacement.outputs import brief
    footer = framed.layout.annotations[-1].text
    assert footer.startswith("Source: UNHCR Refugee Data Finder &amp; IDMC") and VIEW.replace("&", "&amp;") in footer
    svg = brief.chart_svg(framed).decode("utf-8")
    assert svg.lstrip().startswith("<svg") and "Source: UNHCR Refugee Data Finder" in svg
    assert "View: https://dashboard.example.org/trends?year=2024" in svg
    png = brief.chart_png(framed)
    assert png.startswith(b"\x89PNG")  # drawn from the same figure, footer included


def test_no_view_link_without_an_address():
    import plotly.graph_objects as go

    from components import charts
    fig = charts.frame(go.Figure(), title="t", unit="u", source="s", as_of="a")
    assert charts.with_view_link(fig, "/trends") is fig


def test_the_real_app_downloads_carry_the_views_link(tmp_path):
    """In the browser: the Data Package zip and the SVG of the first chart on the Trends page name the view."""
    from playwright.sync_api import sync_playwright

    from harness.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium, streamlit_server, wait_rendered
    require_chromium()
    with streamlit_server() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/trends?scale=log")
        wait_rendered(page)
        saved = {}
        clicks = [("Excel, or with sources (Data Package)", "The data shown with its sources", "zip"),
                  ("Download this chart (PNG, SVG)", "Chart as SVG", "svg")]
        for popover, button, name in clicks:
            page.get_by_role("button", name=popover).first.click()
            with page.expect_download(timeout=120_000) as download:
                page.get_by_role("button", name=button).first.click()
            saved[name] = tmp_path / f"download.{name}"
            download.value.save_as(saved[name])
            page.keyboard.press("Escape")
        browser.close()
    descriptor = json.loads(zipfile.ZipFile(saved["zip"]).read("datapackage.json"))
    assert descriptor["homepage"].startswith(f"{url}/trends?") and "scale=log" in descriptor["homepage"]
    assert descriptor["version"] and descriptor["sources"]
    svg = saved["svg"].read_text(encoding="utf-8")
    assert "Source: " in svg and f"View: {url}/trends?" in svg


def test_real_tables_with_gaps_dates_and_categories_validate(sources, tmp_path):
    from frictionless import validate

    from displacement.storage.datasets import headline_totals
    totals = headline_totals(open_datasets())
    frame = totals.assign(date=pd.to_datetime(totals["year"].astype(str) + "-12-31"),
                          checked=pd.Timestamp("2026-06-25 10:30", tz="UTC"),
                          kind=pd.Categorical(["=cmd"] + ["stock"] * (len(totals) - 1)))
    frame.loc[frame.index[0], "date"] = pd.NaT
    descriptor = datapackage.describe(frame, sources, title="Totals", name="totals", view_url=VIEW)
    zipfile.ZipFile(io.BytesIO(datapackage.zip_bytes(frame, descriptor))).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:3]
    fields = {f["name"]: f["type"] for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["date"] == "date" and fields["checked"] == "datetime" and fields["refugees"] == "integer"
    rows = pd.read_csv(tmp_path / "data.csv")
    assert rows.loc[0, "kind"] == "'=cmd" and pd.isna(rows.loc[0, "date"]) and rows.loc[1, "date"].endswith("-12-31")
    book = pd.read_excel(io.BytesIO(datapackage.excel_bytes(frame, sources, title="Totals", view_url=VIEW)))
    assert book.loc[0, "kind"] == "'=cmd" and len(book) == len(frame)


def test_control_characters_in_names_do_not_break_the_workbook(sources):
    frame = pd.DataFrame({"name": ["Bad\x01name", "\tTabbed"], "people": [1, 2]})
    book = pd.read_excel(io.BytesIO(datapackage.excel_bytes(frame, sources, title="t\x02", view_url=None)))
    assert book.loc[0, "name"] == "Bad\ufffdname" and book.loc[1, "name"] == "'\tTabbed"
