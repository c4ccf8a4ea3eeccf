"""Downloads that tools read and that carry their source: a plain CSV (header on the first line, UTF-8
with a byte-order mark), the same CSV with its provenance in a Frictionless `datapackage.json` (a zip),
and an Excel workbook with a "Sources" sheet. The files are written by displacement.outputs.datapackage;
this module only places the buttons and hands over the view's link and data release."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.heavy_work import in_turn
from displacement.outputs import datapackage
from displacement.storage.datasets import Datasets
from displacement.text import _, in_viewer_language

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Provenance:
    """What every file of one view carries: its sources, the view's link and the data release."""
    sources: list[dict]
    view_url: str | None
    release_id: str | None


def provenance(data: Datasets, source_ids: list[str]) -> Provenance:
    """Read while the page runs (the link comes from the browser's URL): the files are built later,
    when a button is clicked, outside the page's run."""
    from components import share
    from components.data import release_id
    sources = [data.manifest(sid).source_record() for sid in source_ids]
    link = share.view_link()
    return Provenance(sources, link if link.startswith("http") else None, release_id(data))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return datapackage.data_csv(frame)


def package_zip(frame: pd.DataFrame, about: Provenance, title: str, name: str) -> bytes:
    descriptor = datapackage.describe(frame, about.sources, title=title, name=name, view_url=about.view_url,
                                      release_id=about.release_id)
    return datapackage.zip_bytes(frame, descriptor)


def excel(frame: pd.DataFrame, about: Provenance, title: str) -> bytes:
    return datapackage.excel_bytes(frame, about.sources, title=title, view_url=about.view_url,
                                   release_id=about.release_id)


def download_buttons(shown: pd.DataFrame, full: pd.DataFrame | None, data: Datasets,
                     source_ids: list[str], title: str, key: str) -> None:
    """'Download the rows shown' next to 'Download the full dataset' (CSV), and both as Excel or as a
    Data Package (CSV + datapackage.json with sources, licences, release, link and column definitions)."""
    about = provenance(data, source_ids)
    columns = st.columns(3 if full is not None else 2)
    # Built when clicked (a callable): no media file to expire while a busy browser catches up.
    columns[0].download_button(_("Download the data shown (CSV)"), lambda: csv_bytes(shown), file_name=f"{key}.csv",
                               mime="text/csv", key=f"dl-{key}", on_click="ignore")
    if full is not None:
        columns[1].download_button(_("Download the full dataset (CSV)"), in_turn(lambda: csv_bytes(full)),
                                   file_name=f"{key}-full.csv", mime="text/csv", key=f"dl-{key}-full",
                                   on_click="ignore")
    with columns[-1].popover(_("Excel, or with sources (Data Package)"), icon=":material/download:"):
        _more_formats(shown, about, title, key)
        if full is not None:
            _more_formats(full, about, _("{title} (full dataset)").format(title=title), key + "-full")


def _more_formats(frame: pd.DataFrame, about: Provenance, title: str, key: str) -> None:
    full = key.endswith("-full")
    as_excel = (_("The full dataset as Excel (data and Sources sheets)") if full
                else _("The data shown as Excel (data and Sources sheets)"))
    with_sources = (_("The full dataset with its sources (zip: data + datapackage.json)") if full
                    else _("The data shown with its sources (zip: data + datapackage.json)"))
    # The files are built when clicked, outside this run: in_viewer_language keeps the viewer's words in them.
    st.download_button(as_excel, in_turn(in_viewer_language(lambda: excel(frame, about, title))),
                       file_name=f"{key}.xlsx", mime=XLSX, key=f"dl-{key}-xlsx", on_click="ignore")
    st.download_button(with_sources, in_turn(in_viewer_language(lambda: package_zip(frame, about, title, key))),
                       file_name=f"{key}.zip", mime="application/zip", key=f"dl-{key}-zip", on_click="ignore")
