"""Words and colours for each population type: one colour per type on every page."""

from __future__ import annotations

from displacement.formatting import exact, millions, short_millions  # noqa: F401  (one formatter for every page)
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



