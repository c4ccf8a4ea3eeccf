"""Curated annotations: crises that moved the global displacement series.

Context written by the dashboard team, not data: each has the date the crisis began or the event
that marks it, a short label for the chart and a one-line description. Positions on a chart are the
dates themselves; the yearly figures are stocks at 31 December, so a crisis that began in a year
shows up in that year's figure at the earliest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Crisis:
    key: str
    label: str           # short, for the chart
    date: date           # when it began, or the dated event that marks it
    description: str     # one line, plain text
    series: tuple[str, ...]  # the population types it moved most

    @property
    def date_text(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"


CRISES: tuple[Crisis, ...] = (
    Crisis("syria", "Syria", date(2011, 3, 15),
           "Protests from March 2011 turned into war; by 2014 Syria was the largest country of origin of refugees.",
           ("refugees", "idps_conflict")),
    Crisis("south-sudan", "South Sudan", date(2013, 12, 15),
           "Fighting broke out in Juba in December 2013 and spread into civil war, displacing people inside the "
           "country and into its neighbours.",
           ("refugees", "idps_conflict")),
    Crisis("venezuela", "Venezuela", date(2018, 11, 8),
           "UNHCR and IOM reported 3 million people had left Venezuela; from 2018 UNHCR counts Venezuelans "
           "displaced abroad (now 'other people in need of international protection').",
           ("oip", "asylum_seekers")),
    Crisis("afghanistan", "Afghanistan", date(2021, 8, 15),
           "The Taliban took Kabul on 15 August 2021; people fled inside Afghanistan and to Iran and Pakistan.",
           ("refugees", "oip", "idps_conflict")),
    Crisis("ukraine", "Ukraine", date(2022, 2, 24),
           "Russia's full-scale invasion of Ukraine on 24 February 2022 drove millions across borders and "
           "inside the country.",
           ("refugees", "idps_conflict")),
    Crisis("sudan", "Sudan", date(2023, 4, 15),
           "War between the Sudanese Armed Forces and the Rapid Support Forces from 15 April 2023 displaced "
           "millions inside Sudan and into Chad, Egypt and South Sudan.",
           ("idps_conflict", "refugees", "asylum_seekers")),
)


def within(first_year: int, last_year: int) -> list[Crisis]:
    """The crises whose date falls inside [first_year, last_year]."""
    return [c for c in CRISES if first_year <= c.date.year <= last_year]
