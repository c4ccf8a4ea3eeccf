"""Relatable scale, always with its denominator: 'as many people as the population of <country>',
'1 in N residents of <host country>', 'N people a day'."""

from __future__ import annotations

import pandas as pd

# 'About as many' only within this factor: far from any country's population (or below the smallest),
# the nearest country would be a misleading comparison.
COMPARABLE_FACTOR = 1.5


def as_many_as(value: float, population: pd.DataFrame, names: dict[str, str], year: int,
               exclude: str | None = None) -> str | None:
    """The country (not `exclude`) whose population (World Bank, latest year <= `year`) is nearest
    to `value`, if one is within COMPARABLE_FACTOR of it."""
    # Not `iso3 != exclude` when exclude is None: a string column compared with None is all False.
    candidates = set(names) - {exclude}
    rows = population[(population["year"] <= year) & population["iso3"].isin(candidates)]
    if rows.empty or value is None or pd.isna(value) or value <= 0:
        return None
    latest = rows[rows["year"] == rows["year"].max()].dropna(subset=["population"])
    gaps = (latest["population"].astype("float64") - float(value)).abs()
    nearest = latest.loc[gaps.idxmin()]
    if not 1 / COMPARABLE_FACTOR <= float(nearest["population"]) / float(value) <= COMPARABLE_FACTOR:
        return None
    return (f"about as many people as live in {names[nearest['iso3']]} "
            f"({int(nearest['population']):,} residents in {int(nearest['year'])}, World Bank)")


def one_in(count: float, residents: float, place: str, population_year: int) -> str | None:
    """'1 in 27 residents of Lebanon (…)' for people hosted against the host's population."""
    if not count or not residents or pd.isna(count) or pd.isna(residents):
        return None
    ratio = residents / count
    share = f"1 in {ratio:,.0f}" if ratio >= 1.5 else f"{count / residents:.0%} of"
    return (f"{share} residents of {place} ({int(count):,} people against a population of {int(residents):,} "
            f"in {population_year}, World Bank)")


def per_day(amount: float, days: int, unit: str = "people") -> str | None:
    """'about 14,847 people a day (5,419,135 over 365 days)': a yearly flow or change spread over its days."""
    if amount is None or pd.isna(amount) or not days:
        return None
    daily = abs(float(amount)) / days
    return f"about {daily:,.0f} {unit} a day ({abs(int(amount)):,} over {days} days)"
