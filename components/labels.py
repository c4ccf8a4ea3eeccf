"""Words and colours for each population type: one colour per type on every page (DESIGN.md)."""

from __future__ import annotations

import pandas as pd

from displacement.country_stats import people as exact  # noqa: F401  (exact figures: one formatter)
from displacement.vocabulary import GLOSSARY, HEADLINE_ORDER, LABELS, SHORT  # noqa: F401  (the words: one place)

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
    "forcibly_displaced_unhcr_basis": "#000000",
    "projection": "#666666",
}
MAP_SCALE = "Blues"



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
