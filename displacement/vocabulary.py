"""The words for each population type and figure: labels, short labels and the glossary, in one place
for pages, downloads, briefs and the command line (colours stay with the pages, in components/labels.py)."""

from __future__ import annotations

LABELS = {
    "refugees": "Refugees under UNHCR's mandate",
    "palestine_refugees": "Palestine refugees under UNRWA's mandate",
    "asylum_seekers": "Asylum-seekers",
    "oip": "Other people in need of international protection",
    "idps_conflict": "Internally displaced (conflict and violence, IDMC)",
    "forcibly_displaced_unhcr_basis": "Forcibly displaced (UNHCR's basis: the Gaza overlap counted once)",
    "forcibly_displaced": "Sum of the five components (counts the Gaza overlap twice)",
    "gaza_overlap": "Palestine refugees also displaced inside Gaza (counted once by UNHCR)",
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
    "forcibly_displaced_unhcr_basis": "Forcibly displaced", "forcibly_displaced": "Sum of the five",
    "stateless": "Stateless",
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
    "forcibly_displaced_unhcr_basis": (
        "UNHCR's headline: refugees + Palestine refugees + asylum-seekers + other people in need of international "
        "protection + conflict IDPs, with the Palestine refugees who are also displaced inside Gaza counted once "
        "(from end-2023, as UNHCR does). Stateless people, returnees and host communities are reported beside it, "
        "never inside it."),
    "forcibly_displaced": "The plain sum of the five components. From end-2023 it counts twice the Palestine refugees "
                          "who are also displaced inside Gaza (in UNRWA's figure and in IDMC's), so it is higher than "
                          "UNHCR's headline.",
    "gaza_overlap": "Palestine refugees registered with UNRWA who are also internally displaced in Gaza: about 70% "
                    "of IDMC's Gaza figure (UNHCR's estimate). UNHCR counts them once from end-2023.",
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

# People displaced across a border, counted once by country of origin or once by country of asylum
# (never both added): refugees, asylum-seekers and other people in need of international protection.
CROSS_BORDER = ["refugees", "asylum_seekers", "oip"]
# UNHCR ranks and compares host and origin countries by refugees + OIP, with asylum-seekers apart
# (Global Trends' top-5 lists; per-1,000 figures). The dashboard's default count; the other on request.
COUNTS = {"refugees-and-oip": ["refugees", "oip"], "with-asylum-seekers": CROSS_BORDER}
DEFAULT_COUNT = "refugees-and-oip"
COUNT_LABELS = {"refugees-and-oip": "Refugees + OIP (UNHCR's basis)",
                "with-asylum-seekers": "Refugees + asylum-seekers + OIP"}
COUNT_WORDS = {"refugees-and-oip": "refugees and other people in need of international protection",
               "with-asylum-seekers": "refugees, asylum-seekers and other people in need of international protection"}
COUNT_SHORT = {"refugees-and-oip": "refugees + OIP", "with-asylum-seekers": "refugees + asylum-seekers + OIP"}
