"""CSV downloads that carry their source: a commented header names source, licence, release and
the date accessed, then the rows exactly as shown."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from displacement.formatting import csv_cell
from displacement.storage.datasets import Datasets


def csv_with_provenance(frame: pd.DataFrame, data: Datasets, source_ids: list[str], title: str,
                        view_url: str | None = None) -> bytes:
    lines = [f"# {title}", f"# Downloaded {date.today().isoformat()} from the forced-displacement dashboard"]
    if view_url:
        lines.append(f"# View: {view_url}")
    for source_id in source_ids:
        manifest = data.manifest(source_id)
        lines.append(f"# Source: {manifest['publisher']}, {manifest['title']}; release: {manifest.get('release')}; "
                     f"licence: {manifest['licence']} ({manifest['licence_url']}); "
                     f"retrieved {manifest['retrieved_at'][:10]}")
        lines.append(f"# Cite: {manifest['citation']}")
    lines.append("# Empty cells are missing figures (not collected or not applicable), never zero.")
    return ("\n".join(lines) + "\n").encode("utf-8") + inert(frame).to_csv(index=False).encode("utf-8")


def inert(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula (a name such as '=HYPERLINK(...)') get a leading
    apostrophe (OWASP's rule); numbers are left as they are."""
    text = frame.select_dtypes(include=["object", "string"]).columns
    return frame.assign(**{column: frame[column].map(csv_cell) for column in text}) if len(text) else frame


def download_buttons(shown: pd.DataFrame, full: pd.DataFrame | None, data: Datasets,
                     source_ids: list[str], title: str, key: str) -> None:
    """'Download the rows shown' next to 'Download the full dataset', both with provenance."""
    columns = st.columns(2)
    # Built when clicked (a callable): no media file to expire while a busy browser catches up.
    columns[0].download_button("Download the data shown (CSV)",
                               lambda: csv_with_provenance(shown, data, source_ids, title),
                               file_name=f"{key}.csv", mime="text/csv", key=f"dl-{key}", on_click="ignore")
    if full is not None:
        columns[1].download_button("Download the full dataset (CSV)",
                                   lambda: csv_with_provenance(full, data, source_ids, title + " (full dataset)"),
                                   file_name=f"{key}-full.csv", mime="text/csv", key=f"dl-{key}-full",
                                   on_click="ignore")
