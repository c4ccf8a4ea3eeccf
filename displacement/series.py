"""Yearly series for projections: the global headline and its parts, or one country's."""

from __future__ import annotations

import pandas as pd

from displacement.datasets import HEADLINE_COMPONENTS, Datasets, headline_totals
from displacement.summary import PROTECTION_TYPES

SERIES = ["forcibly_displaced", *HEADLINE_COMPONENTS]


def global_series(data: Datasets, name: str) -> pd.Series:
    """The forcibly displaced total is only complete from the first year with every component
    but OIP (which starts in 2018 by definition): IDMC's first year, 1990."""
    if name not in SERIES:
        raise KeyError(f"unknown series {name!r}; choose one of {', '.join(SERIES)}")
    totals = headline_totals(data)
    if name == "forcibly_displaced":
        totals = totals[totals["idps_conflict"].notna()]
    return totals.set_index("year")[name].astype("Float64").dropna().rename(name)


def country_series(data: Datasets, iso3: str, perspective: str, name: str = "forcibly_displaced") -> pd.Series:
    """Refugees + asylum-seekers + OIP from (origin) or in (asylum) a country, or one of them."""
    if perspective not in ("origin", "asylum"):
        raise ValueError(f"perspective must be origin or asylum, not {perspective!r}")
    table = data.table("population", f"by_{perspective}")
    rows = table[table["iso3"] == iso3].set_index("year")
    if rows.empty:
        raise LookupError(f"no {perspective} figures for {iso3!r}")
    columns = PROTECTION_TYPES if name == "forcibly_displaced" else [name]
    if not set(columns) <= set(PROTECTION_TYPES):
        raise KeyError(f"country series are refugees, asylum_seekers, oip or their sum, not {name!r}")
    values = rows[columns].sum(axis=1, min_count=1).astype("Float64").dropna()
    return values.rename(f"{iso3} {perspective} {name}")


def load_series(data: Datasets, name: str, iso3: str | None, perspective: str) -> pd.Series:
    return country_series(data, iso3, perspective, name) if iso3 else global_series(data, name)
