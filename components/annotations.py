"""Curated annotations: crises that moved the global displacement series.

Context written by the dashboard team, not data: each has the date the crisis began or the event
that marks it, a short label for the chart and a one-line description. Positions on a chart are the
dates themselves; the yearly figures are stocks at 31 December, so a crisis that began in a year
shows up in that year's figure at the earliest. Labels and descriptions are messages (N_), read in the
viewer's language through `shown_label`, `shown_description` and `date_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from displacement.formatting import long_date
from displacement.text import N_, _


@dataclass(frozen=True)
class Crisis:
    key: str
    label: str           # short, for the chart (a message: shown through shown_label)
    date: date           # when it began, or the dated event that marks it
    description: str     # one line, plain text (a message: shown through shown_description)
    series: tuple[str, ...]  # the population types it moved most

    @property
    def date_text(self) -> str:
        return long_date(self.date)

    @property
    def shown_label(self) -> str:
        return _(self.label)

    @property
    def shown_description(self) -> str:
        return _(self.description)


CRISES: tuple[Crisis, ...] = (
    Crisis("syria", N_("Syria"), date(2011, 3, 15),
           N_("Protests from March 2011 turned into war; by 2014 Syria was the largest country of origin of "
              "refugees."),
           ("refugees", "idps_conflict")),
    Crisis("south-sudan", N_("South Sudan"), date(2013, 12, 15),
           N_("Fighting broke out in Juba in December 2013 and spread into civil war, displacing people inside the "
              "country and into its neighbours."),
           ("refugees", "idps_conflict")),
    Crisis("venezuela", N_("Venezuela"), date(2018, 11, 8),
           N_("UNHCR and IOM reported 3 million people had left Venezuela; from 2018 UNHCR counts Venezuelans "
              "displaced abroad (now 'other people in need of international protection')."),
           ("oip", "asylum_seekers")),
    Crisis("afghanistan", N_("Afghanistan"), date(2021, 8, 15),
           N_("The Taliban took Kabul on 15 August 2021; people fled inside Afghanistan and to Iran and Pakistan."),
           ("refugees", "oip", "idps_conflict")),
    Crisis("ukraine", N_("Ukraine"), date(2022, 2, 24),
           N_("Russia's full-scale invasion of Ukraine on 24 February 2022 drove millions across borders and "
              "inside the country."),
           ("refugees", "idps_conflict")),
    Crisis("sudan", N_("Sudan"), date(2023, 4, 15),
           N_("War between the Sudanese Armed Forces and the Rapid Support Forces from 15 April 2023 displaced "
              "millions inside Sudan and into Chad, Egypt and South Sudan."),
           ("idps_conflict", "refugees", "asylum_seekers")),
)


def within(first_year: int, last_year: int) -> list[Crisis]:
    """The crises whose date falls inside [first_year, last_year]."""
    return [c for c in CRISES if first_year <= c.date.year <= last_year]


def crisis_line(crisis: Crisis) -> str:
    """The crisis for the list under the chart, in Markdown: its label, date and description."""
    return f"**{crisis.shown_label}**, {crisis.date_text}: {crisis.shown_description}"
