"""Data out in the forms tools read, with no Streamlit here: a CSV whose first line is its header
(UTF-8 with a byte-order mark, so Excel shows accents and `pandas.read_csv` reads it unchanged), a
Frictionless Data Package (`datapackage.json`) beside it holding the provenance (sources, licences,
citations, release, retrieval time, the view's link, what each column means), both in one zip, and an
Excel workbook with the data and a "Sources" sheet.

Every text cell from the data goes through `csv_cell` (a name such as '=HYPERLINK(...)' gets a leading
apostrophe), in the CSV and in the workbook alike: a spreadsheet never runs the data as a formula.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime

import pandas as pd

from displacement.formatting import csv_cell
from displacement.text import N_, _
from displacement.vocabulary import GLOSSARY, LABELS, definition, label

CSV_NAME = "data.csv"
CSV_ENCODING = "utf-8-sig"  # the byte-order mark is what makes Excel read UTF-8 (accents in names)
MISSING_NOTE = N_("Empty cells are missing figures (not collected or not applicable), never zero.")
# What the common columns mean; the population types come from the glossary (displacement.vocabulary).
COLUMN_WORDS = {
    "year": N_("The year the figure is for."),
    "period": N_("end-YYYY: a stock at 31 December; mid-YYYY: a stock at 30 June."),
    "iso3": N_("ISO 3166-1 alpha-3 country code (UNHCR's codes for the few territories without one)."),
    "name": N_("Country or territory name as the source writes it."),
    "country": N_("Country or territory name as the source writes it."),
    "origin_iso3": N_("Country of origin, ISO3 code."),
    "asylum_iso3": N_("Country of asylum (host), ISO3 code."),
    "total": N_("The total on the count named in the title."),
    "population": N_("Resident population (World Bank SP.POP.TOTL)."),
    "series": N_("Which series the row belongs to."),
}
TYPES = {"i": "integer", "u": "integer", "f": "number", "b": "boolean"}


def inert(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula get a leading apostrophe (OWASP's rule);
    numbers and missing values are left as they are."""
    text = frame.select_dtypes(include=["object", "string", "category"]).columns
    return frame.assign(**{column: frame[column].astype(object).map(csv_cell) for column in text}) \
        if len(text) else frame


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """People counts held as floats only because of gaps are written as 1250 rather than 1250.0; the
    gaps stay empty (pandas' nullable integers), never 0. Dates are written as ISO 8601 (2024-12-31, or
    2024-12-31T10:00:00 with a time), the forms Table Schema's date and datetime read."""
    whole = [c for c in frame.columns if _whole(frame[c])]
    frame = frame.astype({c: "Int64" for c in whole}) if whole else frame
    dates = {c: _iso(frame[c]) for c in frame.columns if frame[c].dtype.kind == "M"}
    return frame.assign(**dates) if dates else frame


def _iso(series: pd.Series) -> pd.Series:
    pattern = "%Y-%m-%d" if _date_only(series) else "%Y-%m-%dT%H:%M:%S"
    return series.dt.strftime(pattern).astype(object).where(series.notna(), None)


def _date_only(series: pd.Series) -> bool:
    values = series.dropna()
    return bool((values.dt.normalize() == values).all()) and getattr(series.dt, "tz", None) is None


def _whole(series: pd.Series) -> bool:
    values = series.dropna()
    return series.dtype.kind == "f" and len(values) > 0 and bool(values.mod(1).eq(0).all()) \
        and bool(values.abs().lt(2 ** 53).all())


def data_csv(frame: pd.DataFrame) -> bytes:
    """The one CSV writer: header on the first line, formulas neutralised, UTF-8 with a BOM, missing empty."""
    return inert(whole_numbers(frame)).to_csv(index=False).encode(CSV_ENCODING)


def column_definition(column: str) -> str:
    key = str(column)
    if key in GLOSSARY:
        return definition(key)
    if key in LABELS:
        return label(key) + "."
    return _(COLUMN_WORDS[key]) if key in COLUMN_WORDS else _("As shown on the dashboard page this file was "
                                                              "downloaded from.")


def field_type(series: pd.Series) -> str:
    """The Table Schema type, as data_csv writes the column (whole floats as integers)."""
    if series.dtype.kind == "M":
        return "date" if _date_only(series) else "datetime"
    return "integer" if _whole(series) else TYPES.get(series.dtype.kind, "string")


def schema(frame: pd.DataFrame) -> dict:
    fields = [{"name": str(c), "type": field_type(frame[c]), "title": label(str(c)),
               "description": column_definition(c)} for c in frame.columns]
    return {"fields": fields, "missingValues": [""]}


def slug(text: str) -> str:
    """A Data Package name: lower-case letters, digits, '-', '_' and '.' only."""
    return re.sub(r"[^a-z0-9._-]+", "-", str(text).lower()).strip("-._")[:80] or "data"


def describe(frame: pd.DataFrame, sources: list[dict], *, title: str, name: str, view_url: str | None,
             release_id: str | None = None, created: datetime | None = None) -> dict:
    """The datapackage.json descriptor: the provenance that used to sit in '#' lines above the CSV."""
    created = (created or datetime.now(UTC)).replace(microsecond=0)
    descriptor = {
        "profile": "data-package", "name": slug(name), "title": str(title),
        "description": " ".join([_("Downloaded from the forced-displacement dashboard."), _(MISSING_NOTE)]),
        "created": created.isoformat().replace("+00:00", "Z"),
        "licenses": _licences(sources),
        "sources": [_source(s) for s in sources],
        "resources": [{"name": slug(name), "path": CSV_NAME, "profile": "tabular-data-resource", "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8", "title": str(title),
                       "schema": schema(frame)}],
    }
    if view_url:
        descriptor["homepage"] = view_url  # the link that reopens the view (filters and data release)
    if release_id:
        descriptor["version"] = release_id  # the dashboard's release-set id, as in its links (?release=)
    return descriptor


def _source(record: dict) -> dict:
    source = {"title": f"{record.get('publisher')}: {record.get('title')}", "path": record.get("url") or None,
              "publisher": record.get("publisher"), "release": record.get("release"),
              "licence": record.get("licence"), "retrieved": record.get("retrieved_at"),
              "citation": record.get("citation")}
    if not str(source["path"] or "").startswith("http"):
        source.pop("path")  # a local file path is no use to the reader (and not a valid URL)
    return {key: value for key, value in source.items() if value is not None}


def _licences(sources: list[dict]) -> list[dict]:
    seen = {}
    for record in sources:
        licence = record.get("licence")
        if licence and licence not in seen:
            seen[licence] = {"name": slug(licence), "title": licence,
                             **({"path": record["licence_url"]} if record.get("licence_url") else {})}
    return list(seen.values())


def zip_bytes(frame: pd.DataFrame, descriptor: dict) -> bytes:
    """data.csv and datapackage.json together, as Frictionless tools expect them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CSV_NAME, data_csv(frame))
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2))
    return buffer.getvalue()


SOURCE_ROWS = [(N_("Publisher"), "publisher"), (N_("Title"), "title"), (N_("Release"), "release"),
               (N_("Licence"), "licence"), (N_("Licence link"), "licence_url"), (N_("Retrieved"), "retrieved_at"),
               (N_("Citation"), "citation")]


def excel_bytes(frame: pd.DataFrame, sources: list[dict], *, title: str, view_url: str | None,
                release_id: str | None = None) -> bytes:
    """A workbook: the data sheet (header on row 1) and a "Sources" sheet with the provenance and what
    each column means. Every text cell is written through csv_cell, so nothing runs as a formula."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = _("Data")
    shown = inert(whole_numbers(frame))
    sheet.append([_excel_text(csv_cell(str(c))) for c in shown.columns])
    for row in shown.itertuples(index=False):
        sheet.append([_excel_value(v) for v in row])
    sheet.freeze_panes = "A2"
    about = book.create_sheet(_("Sources"))
    for line in _source_lines(frame, sources, title, view_url, release_id):
        about.append([_excel_text(csv_cell(cell)) for cell in line])
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 22, 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel_value(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None  # missing stays an empty cell, never 0
    if isinstance(value, str):
        return _excel_text(value)
    return value.item() if hasattr(value, "item") else value


def _excel_text(text: str) -> str:
    """Control characters a workbook cannot hold (openpyxl refuses them) shown as U+FFFD, not a crash."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _source_lines(frame, sources, title, view_url, release_id) -> list[list[str]]:
    created = datetime.now(UTC).replace(microsecond=0).isoformat()
    lines = [[_("Title"), str(title)], [_("Downloaded"), created], [_("View"), view_url or ""],
             [_("Data release"), release_id or ""], [_("Missing"), _(MISSING_NOTE)], []]
    for record in sources:
        lines += [[_(row_label), str(record.get(key) or "")] for row_label, key in SOURCE_ROWS] + [[]]
    lines.append([_("Column"), _("Definition")])
    lines += [[str(c), column_definition(c)] for c in frame.columns]
    return lines
