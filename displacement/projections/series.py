"""Yearly series for projections: the global headline and its parts, or one country's."""

from __future__ import annotations

import pandas as pd

from displacement.figures.countries import is_country
from displacement.formatting import local_number
from displacement.projections import SeriesTooShortError, fit_span
from displacement.storage.datasets import HEADLINE_COMPONENTS, Datasets, headline_totals
from displacement.text import N_, _
from displacement.vocabulary import CROSS_BORDER as PROTECTION_TYPES

SERIES = ["forcibly_displaced", *HEADLINE_COMPONENTS]
# The column of headline_totals read for the world's forcibly displaced series: the page, the command line
# and benchmarks/projections_panel.py all read it here, so switching the basis is this one line.
WORLD_SERIES = "forcibly_displaced_unhcr_basis"  # UNHCR's basis: the headline users quote
WORLD_BASIS_NOTES = {
    "forcibly_displaced": N_("The total is the sum of its components from 1990 (when IDMC's conflict IDP series "
                             "starts), without UNHCR's de-duplication of Gaza IDPs who are also Palestine refugees "
                             "(from end-2023), so it is above the published headline."),
}


def global_series(data: Datasets, name: str) -> pd.Series:
    """The forcibly displaced total (read from :data:`WORLD_SERIES`) is only complete from the first year
    with every component but OIP (which starts in 2018 by definition): IDMC's first year, 1990."""
    if name not in SERIES:
        raise KeyError(f"unknown series {name!r}; choose one of {', '.join(SERIES)}")  # not text: for callers
    totals = headline_totals(data)
    column = name
    if name == "forcibly_displaced":
        totals, column = totals[totals["idps_conflict"].notna()], WORLD_SERIES
    return totals.set_index("year")[column].astype("Float64").dropna().rename(name)


def country_series(data: Datasets, iso3: str, perspective: str, name: str = "forcibly_displaced") -> pd.Series:
    """Refugees + asylum-seekers + OIP from (origin) or in (asylum) a country, or one of them."""
    if perspective not in ("origin", "asylum"):
        raise ValueError(f"perspective must be origin or asylum, not {perspective!r}")  # not text: for callers
    table = data.table("population", f"by_{perspective}")
    rows = table[table["iso3"] == iso3].set_index("year")
    if rows.empty:
        raise LookupError(f"no {perspective} figures for {iso3!r}")  # not text: pages check the country first
    columns = PROTECTION_TYPES if name == "forcibly_displaced" else [name]
    if not set(columns) <= set(PROTECTION_TYPES):
        raise KeyError(f"country series are refugees, asylum_seekers, oip or their sum, not {name!r}")  # not text
    values = rows[columns].sum(axis=1, min_count=1).astype("Float64").dropna()
    return values.rename(f"{iso3} {perspective} {name}")


def population_latest(data: Datasets, iso3: str) -> tuple[float, int] | None:
    """The country's latest resident population (World Bank SP.POP.TOTL) and its year, or None."""
    table = data.table("worldbank-population", "population")
    rows = table[(table["iso3"] == iso3) & table["population"].notna()]
    if rows.empty:
        return None
    last = rows.loc[rows["year"].idxmax()]
    return float(last["population"]), int(last["year"])


def projection_options(data: Datasets, iso3: str | None, perspective: str) -> dict:
    """Keyword arguments for ``projections.project``: the scope and, by origin, a physical ceiling.

    People displaced from a country cannot outnumber its people. The World Bank counts residents, which
    leaves out those already abroad, so the ceiling is the latest resident population plus everyone from the
    country already counted abroad (refugees + asylum-seekers + OIP) in the latest year. By asylum there is no
    such bound (a host country can receive more people), and none for global series.
    """
    if not iso3:
        return {"scope": "global"}
    options: dict = {"scope": "country"}
    population = population_latest(data, iso3) if perspective == "origin" else None
    if population is not None:
        abroad = country_series(data, iso3, "origin")
        people, year = population
        options["ceiling"] = people + float(abroad.iloc[-1])
        options["ceiling_note"] = _(
            "people displaced from a country cannot outnumber its people: its resident population in {year} "
            "({people} million, World Bank) plus the {abroad} million from it counted abroad in {abroad_year}"
        ).format(year=year, people=local_number(people / 1e6, 1), abroad=local_number(float(abroad.iloc[-1]) / 1e6, 1),
                 abroad_year=int(abroad.index[-1]))
    return options


def load_series(data: Datasets, name: str, iso3: str | None, perspective: str) -> pd.Series:
    """The series, with ``attrs`` holding :func:`projection_options` (scope, ceiling) and any caveat on its
    basis (``notes``), for the command line and the page."""
    series = country_series(data, iso3, perspective, name) if iso3 else global_series(data, name)
    series.attrs.update(projection_options(data, iso3, perspective))
    if not iso3 and name == "forcibly_displaced" and WORLD_SERIES in WORLD_BASIS_NOTES:
        series.attrs["notes"] = [WORLD_BASIS_NOTES[WORLD_SERIES]]
    return series


PANEL_TOP = 20


def ranked_countries(data: Datasets, perspective: str, first: int = 0, last: int = PANEL_TOP) -> list[str]:
    """Countries (no non-country code such as UNK) ranked by refugees + asylum-seekers + OIP from them
    (origin) or in them (asylum) in the latest year: ranks ``first+1`` to ``last``."""
    table = data.table("population", f"by_{perspective}")
    latest = table[table["year"] == table["year"].max()]
    stock = latest[PROTECTION_TYPES].sum(axis=1, min_count=1)
    ranked = latest.assign(stock=stock)[[is_country(c) for c in latest["iso3"]]]
    return list(ranked.sort_values("stock", ascending=False)["iso3"].iloc[first:last])


def panel(data: Datasets, first: int = 0, last: int = PANEL_TOP) -> tuple[dict[str, pd.Series], dict[str, str]]:
    """The benchmark's panel: the countries ranked ``first+1``-``last`` by origin and by asylum (by default the
    top 20 of each), as {"SYR origin": series} for each series the command line accepts, and
    {"UKR origin": why not} for the ones it refuses (too recently at their level to fit)."""
    accepted, refused = {}, {}
    for perspective in ("origin", "asylum"):
        for iso3 in ranked_countries(data, perspective, first, last):
            series = country_series(data, iso3, perspective)
            try:
                fit_span(series, "country")
            except SeriesTooShortError as exc:
                refused[f"{iso3} {perspective}"] = str(exc)
                continue
            accepted[f"{iso3} {perspective}"] = series
    return accepted, refused
