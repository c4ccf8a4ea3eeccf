"""The words for each population type and figure: labels, short labels and the glossary, in one place
for pages, downloads, briefs and the command line (colours stay with the pages, in components/labels.py).

The dictionaries hold messages (marked with `N_`); read them through the functions at the end, which give
them in the viewer's language (displacement/text.py)."""

from __future__ import annotations

from babel import Locale
from babel.core import get_global

from displacement.text import N_, SOURCE_LANGUAGE, _, current_language

# The source line under charts of UNHCR's population statistics (a dataset's title and licence).
UNHCR_SOURCE_LINE = N_("UNHCR Refugee Population Statistics Database (CC BY 4.0)")

LABELS = {
    "refugees": N_("Refugees under UNHCR's mandate"),
    "palestine_refugees": N_("Palestine refugees under UNRWA's mandate"),
    "asylum_seekers": N_("Asylum-seekers"),
    "oip": N_("Other people in need of international protection"),
    "idps_conflict": N_("Internally displaced (conflict and violence, IDMC)"),
    "forcibly_displaced_unhcr_basis": N_("Forcibly displaced (UNHCR's basis: the Gaza overlap counted once)"),
    "forcibly_displaced": N_("Sum of the five components (counts the Gaza overlap twice)"),
    "gaza_overlap": N_("Palestine refugees also displaced inside Gaza (counted once by UNHCR)"),
    "stateless": N_("Stateless people"),
    "idps_unhcr": N_("IDPs protected/assisted by UNHCR"),
    "returned_refugees": N_("Returned refugees"),
    "returned_idps": N_("Returned IDPs"),
    "others_of_concern": N_("Others of concern"),
    "host_community": N_("Host communities"),
}
SHORT = {
    "refugees": N_("Refugees"), "palestine_refugees": N_("Palestine refugees"), "asylum_seekers": N_("Asylum-seekers"),
    "oip": N_("Other in need of int. protection"), "idps_conflict": N_("IDPs (conflict)"),
    "forcibly_displaced_unhcr_basis": N_("Forcibly displaced"), "forcibly_displaced": N_("Sum of the five"),
    "stateless": N_("Stateless"),
}
GLOSSARY = {
    "refugees": N_("People recognised as refugees under UNHCR's mandate (including people in refugee-like "
                "situations), counted in the country that hosts them. A stock at the end of the period."),
    "palestine_refugees": N_("Palestine refugees registered with UNRWA in Gaza, the West Bank, Jordan, Lebanon "
                          "and Syria. A stock."),
    "asylum_seekers": N_("People whose claim for international protection has not yet been decided. A stock."),
    "oip": N_("People outside their country who need international protection but are not reported as "
           "refugees or asylum-seekers (from 2018; mostly Venezuelans displaced abroad). A stock."),
    "idps_conflict": N_("People displaced inside their own country by conflict and violence, as estimated by "
                     "IDMC (the figure UNHCR uses in its headline). A stock at 31 December."),
    "forcibly_displaced_unhcr_basis": (
        N_("UNHCR's headline: refugees + Palestine refugees + asylum-seekers + other people in need of international "
        "protection + conflict IDPs, with the Palestine refugees who are also displaced inside Gaza counted once "
        "(from end-2023, as UNHCR does). Stateless people, returnees and host communities are reported beside it, "
        "never inside it.")),
    "forcibly_displaced": N_("The plain sum of the five components. From end-2023 it counts twice the Palestine "
                             "refugees who are also displaced inside Gaza (in UNRWA's figure and in IDMC's), so it is "
                             "higher than UNHCR's headline."),
    "gaza_overlap": N_("Palestine refugees registered with UNRWA who are also internally displaced in Gaza: about 70% "
                    "of IDMC's Gaza figure (UNHCR's estimate). UNHCR counts them once from end-2023."),
    "stateless": N_("People not considered nationals by any state, as reported to UNHCR (a partial count). "
                 "Reported beside the headline, not in it."),
    "idps_unhcr": N_("IDPs protected or assisted by UNHCR: not the same as IDMC's global figure."),
    "returned_refugees": N_("Refugees who returned to their country during the year (a flow)."),
    "returned_idps": N_("IDPs who returned home during the year (a flow)."),
    "resettlement": N_("Refugees resettled to a third country during the year (a flow)."),
    "naturalisation": N_("Refugees naturalised by their host country during the year (a flow)."),
    "idps_disaster": N_("People displaced inside their country by disasters (IDMC; stock from 2019)."),
    "new_displacements": N_("Internal displacements: movements during the year (a flow). One person can be "
                         "displaced more than once, so flows are never added to stocks."),
}
HEADLINE_ORDER = ["idps_conflict", "refugees", "asylum_seekers", "oip", "palestine_refugees"]

# People displaced across a border, counted once by country of origin or once by country of asylum
# (never both added): refugees, asylum-seekers and other people in need of international protection.
CROSS_BORDER = ["refugees", "asylum_seekers", "oip"]
# UNHCR ranks and compares host and origin countries by refugees + OIP, with asylum-seekers apart
# (Global Trends' top-5 lists; per-1,000 figures). The dashboard's default count; the other on request.
COUNTS = {"refugees-and-oip": ["refugees", "oip"], "with-asylum-seekers": CROSS_BORDER}
DEFAULT_COUNT = "refugees-and-oip"
COUNT_LABELS = {"refugees-and-oip": N_("Refugees + OIP (UNHCR's basis)"),
                "with-asylum-seekers": N_("Refugees + asylum-seekers + OIP")}
COUNT_WORDS = {"refugees-and-oip": N_("refugees and other people in need of international protection"),
               "with-asylum-seekers": N_("refugees, asylum-seekers and other people in need of international "
                                         "protection")}
COUNT_SHORT = {"refugees-and-oip": N_("refugees + OIP"), "with-asylum-seekers": N_("refugees + asylum-seekers + OIP")}


def label(key: str) -> str:
    """The full label of a population type or figure ('Refugees under UNHCR's mandate'); the key if none."""
    return _(LABELS[key]) if key in LABELS else key


def short_label(key: str) -> str:
    """The short label for legends and narrow cards ('Refugees'); the full label if none."""
    return _(SHORT[key]) if key in SHORT else label(key)


def definition(key: str) -> str:
    """The glossary's definition of a population type or figure; empty if none."""
    return _(GLOSSARY[key]) if key in GLOSSARY else ""


def count_label(count: str) -> str:
    """The name of a count for a selector ('Refugees + OIP (UNHCR's basis)')."""
    return _(COUNT_LABELS[count])


def count_words(count: str) -> str:
    """A count in words inside a sentence ('refugees and other people in need of international protection')."""
    return _(COUNT_WORDS[count])


def count_short(count: str) -> str:
    """A count in a unit or a column header ('refugees + OIP')."""
    return _(COUNT_SHORT[count])


# Codes UNHCR uses that are not countries: kept in tables with a label, never drawn on a map; named in the
# catalogue (CLDR has no name for them).
NON_COUNTRY = {
    "UNK": N_("Unknown"),
    "XXA": N_("Stateless"),
    "TIB": N_("Tibetan"),
    "AB9": N_("Abyei area"),
}
NON_COUNTRY_NOTE = {
    "UNK": N_("origin or location unknown, not a country"),
    "XXA": N_("no nationality, not a country"),
    "TIB": N_("UNHCR code, not a country"),
    "AB9": N_("disputed area, not a country"),
}


def country_names_in_language(names: dict[str, str]) -> dict[str, str]:
    """Country names (ISO3 -> UNHCR's English name) in the viewer's language: CLDR's name (Babel) for the
    country, the catalogue's for UNHCR's non-country codes, UNHCR's own name where neither has one. English
    keeps UNHCR's names as published."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return names
    territories = Locale.parse(language).territories
    aliases = get_global("territory_aliases")  # CLDR: ISO 3166 alpha-3 -> alpha-2
    translated = {}
    for code, name in names.items():
        alpha2 = (aliases.get(code) or [None])[0]
        translated[code] = (territories.get(alpha2) if alpha2 else None) or (
            _(NON_COUNTRY[code]) if code in NON_COUNTRY else name)
    return translated
