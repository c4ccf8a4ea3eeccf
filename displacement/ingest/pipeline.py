"""Per source: raw rows -> the plausibility gate's checks on the payload -> the source's own tables
(its registry entry's `build`) -> the gate's checks on those tables. The refresh and the snapshot build
both go through here, so a live payload and a bulk file take the same path.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from displacement.ingest import plausibility
from displacement.sources import Source

Tables = dict[str, pd.DataFrame]


def build(source: Source, raw: pd.DataFrame, as_of: date) -> Tables:
    """The source's tables, through the plausibility gate's checks that need only this payload: no
    row twice, no year the source cannot have published by `as_of`, no world total above the people
    alive (each count is capped while parsing, before anything is summed)."""
    plausibility.check_payload(source, raw)
    tables = source.build(raw, as_of)
    plausibility.check_tables(source, tables, as_of)
    return tables
