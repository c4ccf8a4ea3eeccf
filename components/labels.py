"""Words and colours for each population type: one colour per type on every page (DESIGN.md)."""

from __future__ import annotations

import pandas as pd

from displacement.country_stats import people as exact  # noqa: F401  (exact figures: one formatter)

# UNHCR data-visualisation palette (unhcrthemes, 2025 guidelines)
COLOURS = {
    "refugees": "#0072BC",
    "palestine_refugees": "#18375F",  # not in the palette; UNHCR navy, distinct from refugees
    "asylum_seekers": "#6CD8FD",
    "oip": "#D25A45",
    "idps_conflict": "#32C189",
    "idps_disaster": "#00B398",
    "stateless": "#FFC740",
    "returned_refugees": "#A097E3",
    "returned_idps": "#A097E3",
    "others_of_concern": "#BFBFBF",
    "forcibly_displaced": "#333333",
    "projection": "#666666",
}
MAP_SCALE = "Blues"

LABELS = {
    "refugees": "Refugees under UNHCR's mandate",
    "palestine_refugees": "Palestine refugees under UNRWA's mandate",
    "asylum_seekers": "Asylum-seekers",
    "oip": "Other people in need of international protection",
    "idps_conflict": "Internally displaced (conflict and violence, IDMC)",
    "forcibly_displaced": "Forcibly displaced (sum of the five)",
    "stateless": "Stateless people",
    "idps_unhcr": "IDPs protected/assisted by UNHCR",
    "returned_refugees": "Returned refugees",
    "returned_idps": "Returned IDPs",
    "others_of_concern": "Others of concern",
    "host_community": "Host communities",
}
SHORT = {
    "refugees": "Refugees", "palestine_refugees": "Palestine refugees", "asylum_seekers": "Asylum-seekers",
    "oip": "Other in need of int. protection", "idps_conflict": "IDPs (conflict)",
    "forcibly_displaced": "Forcibly displaced", "stateless": "Stateless",
}
GLOSSARY = {
    "refugees": "People recognised as refugees under UNHCR's mandate (including people in refugee-like "
                "situations), counted in the country that hosts them. A stock at the end of the period.",
    "palestine_refugees": "Palestine refugees registered with UNRWA in Gaza, the West Bank, Jordan, Lebanon "
                          "and Syria. A stock.",
    "asylum_seekers": "People whose claim for international protection has not yet been decided. A stock.",
    "oip": "People outside their country who need international protection but are not reported as "
           "refugees or asylum-seekers (from 2018; mostly Venezuelans displaced abroad). A stock.",
    "idps_conflict": "People displaced inside their own country by conflict and violence, as estimated by "
                     "IDMC (the figure UNHCR uses in its headline). A stock at 31 December.",
    "forcibly_displaced": "UNHCR's headline: refugees + Palestine refugees + asylum-seekers + other people in "
                          "need of international protection + conflict IDPs. Stateless people, returnees "
                          "and host communities are reported beside it, never inside it.",
    "stateless": "People not considered nationals by any state, as reported to UNHCR (a partial count). "
                 "Reported beside the headline, not in it.",
    "idps_unhcr": "IDPs protected or assisted by UNHCR: not the same as IDMC's global figure.",
    "returned_refugees": "Refugees who returned to their country during the year (a flow).",
    "returned_idps": "IDPs who returned home during the year (a flow).",
    "resettlement": "Refugees resettled to a third country during the year (a flow).",
    "naturalisation": "Refugees naturalised by their host country during the year (a flow).",
    "idps_disaster": "People displaced inside their country by disasters (IDMC; stock from 2019).",
    "new_displacements": "Internal displacements: movements during the year (a flow). One person can be "
                         "displaced more than once, so flows are never added to stocks.",
}
HEADLINE_ORDER = ["idps_conflict", "refugees", "asylum_seekers", "oip", "palestine_refugees"]


def short_millions(value, digits: int = 1) -> str:
    """For narrow cards: '68.7 M'; the exact figure goes in the help text or on hover."""
    if value is None or pd.isna(value):
        return "no data"
    return f"{float(value) / 1_000_000:,.{digits}f} M"


def millions(value, digits: int = 1) -> str:
    """117,312,345 -> '117.3 million'; small numbers in full; missing stays visibly missing."""
    if value is None or pd.isna(value):
        return "no data"
    value = float(value)
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.{digits}f} million"
    return f"{value:,.0f}"
