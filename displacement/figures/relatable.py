"""Relatable scale, always with its denominator: 'as many people as the population of <country>',
'1 in N residents of <host country>', 'N people a day'."""

from __future__ import annotations

import pandas as pd

from displacement.formatting import local_number, local_percent
from displacement.text import _, ngettext

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
    return _("about as many people as live in {country} ({residents} residents in {year}, World Bank)").format(
        country=names[nearest["iso3"]], residents=local_number(int(nearest['population'])), year=int(nearest["year"]))


def one_in(count: float, residents: float, place: str, population_year: int) -> str | None:
    """'1 in 27 residents of Lebanon (…)' for people hosted against the host's population."""
    if not count or not residents or pd.isna(count) or pd.isna(residents):
        return None
    ratio = residents / count
    figures = {"place": place, "count": local_number(int(count)), "residents": local_number(int(residents)),
               "year": population_year}
    if ratio >= 1.5:
        return _("1 in {ratio} residents of {place} ({count} people against a population of {residents} in {year}, "
                 "World Bank)").format(ratio=local_number(ratio, 0), **figures)
    return _("{share} of residents of {place} ({count} people against a population of {residents} in {year}, World "
             "Bank)").format(share=local_percent(count / residents, 0), **figures)


def per_day(amount: float, days: int, unit: str | None = None) -> str | None:
    """'about 14,847 people a day (5,419,135 over 365 days)': a yearly flow or change spread over its days;
    `unit` (in the viewer's language) names what is counted, people by default."""
    if amount is None or pd.isna(amount) or not days:
        return None
    daily = abs(float(amount)) / days
    return ngettext("about {daily} {unit} a day ({total} over {days} day)",
                    "about {daily} {unit} a day ({total} over {days} days)", days).format(
        daily=local_number(daily, 0), unit=unit or _("people"), total=local_number(abs(int(amount))), days=days)
