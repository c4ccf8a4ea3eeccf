"""Every data source, declared whole and once: who publishes it, under what licence and how to cite
it; how to fetch it (with its request parameters) or read its bulk file; how to build its tables; and
what the plausibility gate checks in it. Nothing elsewhere branches on a source's id or API.

Adding a source means: its module under displacement/sources/ (its fetcher if it has an API, its tidy
step and its builder), one entry here, one fixture folder under tests/fixtures/ (payloads in the real
response shape) and one row in the README's source table. tests/test_source_contract.py fails until
all of them exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from displacement.ingest.plausibility import Checks, Figures
from displacement.sources import common, countries, idmc_gidd, published, unhcr, worldbank
from displacement.text import N_

UNHCR_CITATION = (
    "UNHCR Refugee Population Statistics Database, {dataset}. United Nations High Commissioner "
    "for Refugees. https://www.unhcr.org/refugee-statistics/ (CC BY 4.0). Accessed {accessed}."
)
UNHCR_LICENCE = "CC BY 4.0"
UNHCR_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
UNHCR_HOME = "https://www.unhcr.org/refugee-statistics/"

Tables = dict[str, pd.DataFrame]
# (source, session, client_id, progress) -> (raw rows, {"url": ..., "release": ...})
Fetch = Callable[..., tuple[pd.DataFrame, dict]]
# (path, its bytes, a reader of a file beside it) -> (raw rows, the release the file names or None)
ReadBulk = Callable[[Path, bytes, Callable[[str], "bytes | None"]], tuple[pd.DataFrame, "str | None"]]


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str  # the human landing page
    licence: str
    licence_url: str
    citation: str  # str.format(dataset=..., accessed=...)
    measures: str
    release_frequency: str
    build: Callable[[pd.DataFrame, date], Tables]  # raw rows -> the tables stored for the dashboard
    bulk_file: str  # file name (glob) `refresh --from-dir` reads for this source
    read_bulk: ReadBulk = common.read_api_csv
    fetch: Fetch | None = None  # None: no API; only `refresh --from-dir` updates it
    api: str = "none"  # key into config.DEFAULT_BASE_URLS (mirrors, proxies, tests)
    endpoint: str = ""  # path under the API's base URL
    params: dict = field(default_factory=dict)  # the source's own request parameters
    fields_read: tuple[str, ...] | None = None  # raw fields its builder reads (others are reported)
    checks: Checks = field(default_factory=Checks)  # what the plausibility gate checks in it
    needs_key: bool = False
    stale_after_days: int = 190  # past this age a newer release is likely out
    kind: str = "stock"  # stock, flow, mixed, text or reference
    caveats: tuple[str, ...] = ()  # messages (N_), like `measures` and `release_frequency`: shown through _()

    @property
    def live(self) -> bool:
        return self.fetch is not None

    def cite(self, accessed: str) -> str:
        return self.citation.format(dataset=self.title, accessed=accessed)


def _unhcr(id_, endpoint, title, measures, build, checks, kind="stock", caveats=(), params=None) -> Source:
    return Source(
        id=id_, title=title, publisher="UNHCR", url=UNHCR_HOME, licence=UNHCR_LICENCE,
        licence_url=UNHCR_LICENCE_URL, citation=UNHCR_CITATION, measures=measures,
        release_frequency=N_("twice a year: Global Trends (end-year, June) and Mid-Year Trends (October/November)"),
        build=build, bulk_file=endpoint.rstrip("/").replace("-", "_") + ".csv", fetch=unhcr.fetch_source,
        api="unhcr", endpoint=endpoint, params=params or {}, fields_read=tuple(unhcr.FIELDS_READ.get(id_, ())) or None,
        checks=checks, kind=kind,
        caveats=(N_("'-' means not applicable or not collected, never zero."),
                 N_("Values between 1 and 4 are published rounded to 5."),
                 N_("Back years are revised at every release."), *caveats),
    )


def _by_country(keys=(), origin: float | None = 2.0, asylum: float | None = 1.0, table="by_asylum") -> tuple:
    """The gate's country tables: people by origin bounded by twice the population, people in a
    country (by asylum) by its population (plausibility.SHARE_*)."""
    tables = [Figures("by_origin", keys, origin)] if origin is not None else []
    return (*tables, Figures(table, keys, asylum))


UNHCR_IDENTITY = ("year", "coo", "coo_iso", "coa", "coa_iso")
SOURCES: tuple[Source, ...] = (
    _unhcr("population", "population/", "Population figures",
           N_("Refugees under UNHCR's mandate, asylum-seekers, other people in need of international "
           "protection, stateless people, IDPs protected or assisted by UNHCR, returnees, host "
           "communities and others of concern, by origin and asylum country; year-end stocks "
           "(returns are flows during the year)."),
           unhcr.build_population, Checks(UNHCR_IDENTITY, Figures("totals"), _by_country()), kind="mixed",
           caveats=(N_("The latest year may hold mid-year figures between the Mid-Year and Global Trends releases."),
                    N_("The 'idps' column is IDPs protected/assisted by UNHCR, not IDMC's global figure."))),
    _unhcr("unrwa", "unrwa/", "Palestine refugees under UNRWA's mandate",
           N_("Palestine refugees registered with UNRWA, by field (Gaza, West Bank, Jordan, Lebanon, Syria); "
           "year-end stock."),
           unhcr.build_unrwa, Checks(UNHCR_IDENTITY, Figures("totals"), _by_country(origin=None))),
    _unhcr("idmc", "idmc/", "Internally displaced persons (IDMC, via UNHCR)",
           N_("People internally displaced by conflict and violence (IDMC's stock figure, as UNHCR "
           "uses it in the forcibly displaced headline); 1990-2008 a world figure only."),
           unhcr.build_idmc, Checks(UNHCR_IDENTITY, Figures("totals"), _by_country(origin=None, table="by_country")),
           caveats=(N_("Mid-year releases carry the previous year-end IDMC figure forward."),)),
    _unhcr("solutions", "solutions/", "Durable solutions",
           N_("Refugee and IDP returns, resettlement arrivals and naturalisations during the year (flows)."),
           unhcr.build_solutions, Checks(UNHCR_IDENTITY, Figures("totals"), _by_country()), kind="flow"),
    _unhcr("asylum-applications", "asylum-applications/", "Asylum applications",
           N_("Asylum applications lodged during the year, by procedure, application type and decision "
           "level; counted in persons (P) or cases (C), never added together."),
           unhcr.build_asylum_applications,
           Checks((*UNHCR_IDENTITY, "procedure_type", "app_type", "dec_level", "app_pc"),
                  Figures("by_asylum", ("unit", "app_type")), _by_country(("unit", "app_type"))), kind="flow",
           caveats=(N_("Rows counted in cases are kept apart from rows counted in persons."),)),
    _unhcr("asylum-decisions", "asylum-decisions/", "Asylum decisions",
           N_("First-instance and appeal decisions during the year: recognised, complementary protection, "
           "rejected, otherwise closed; persons or cases."),
           unhcr.build_asylum_decisions,
           Checks((*UNHCR_IDENTITY, "procedure_type", "dec_level", "dec_pc"), Figures("by_asylum", ("unit",)),
                  _by_country(("unit",))), kind="flow",
           caveats=(N_("Rows counted in cases are kept apart from rows counted in persons."),)),
    _unhcr("demographics", "demographics/", "Demographics",
           N_("Sex and age breakdown of the population figures by population type (latest year)."),
           unhcr.build_demographics,
           Checks((*UNHCR_IDENTITY, "pop_type", "location", "loc_type", "acc_type"), Figures("by_asylum", ("pop_type",
                                                                                                           )),
                  _by_country(("pop_type",), origin=None)),
           params={"ptype_show": 1, "locationDescription_show": 1, "locationUR_show": 1, "locationAccType_show": 1}),
    _unhcr("footnotes", "footnotes/", "Footnotes",
           N_("UNHCR's explanatory footnotes for country figures (text)."), unhcr.build_footnotes, Checks(),
           kind="text"),
    Source(
        id="worldbank-population", title="Population, total (SP.POP.TOTL)", publisher="World Bank",
        url="https://data.worldbank.org/indicator/SP.POP.TOTL",
        licence="CC BY 4.0", licence_url="https://creativecommons.org/licenses/by/4.0/",
        citation="World Bank, World Development Indicators: {dataset}. "
                 "https://data.worldbank.org/indicator/SP.POP.TOTL (CC BY 4.0). Accessed {accessed}.",
        measures=N_("Mid-year resident population by country; the denominator for per-capita figures."),
        release_frequency=N_("several times a year (World Development Indicators updates)"),
        build=worldbank.build, bulk_file="API_SP.POP.TOTL_DS2_en_csv_v2*.csv", read_bulk=worldbank.read_bulk,
        fetch=worldbank.fetch_source, api="worldbank", endpoint="country/all/indicator/SP.POP.TOTL",
        # its rows hold regions and income groups beside countries: no world total to check; it lists
        # years it has no value for yet
        checks=Checks(("countryiso3code", "date"), None, (Figures("population"),), empty_rows_dated=False),
        kind="reference", stale_after_days=400,
        caveats=(N_("Aggregates (regions, income groups) are dropped; only economies are kept."),
                 N_("The latest year usually lags one year behind the displacement data.")),
    ),
    Source(
        id="idmc-gidd", title="Global Internal Displacement Database (GIDD)",
        publisher="Internal Displacement Monitoring Centre (IDMC)",
        url="https://www.internal-displacement.org/database/displacement-data/",
        licence="CC BY-NC 4.0", licence_url="https://creativecommons.org/licenses/by-nc/4.0/",
        citation="Internal Displacement Monitoring Centre, {dataset}. IDMC. "
                 "https://www.internal-displacement.org/database/displacement-data/ (CC BY-NC 4.0). "
                 "Accessed {accessed}.",
        measures=N_("People internally displaced (stock at 31 December) and internal displacements "
                 "(movements during the year, a flow), for conflict and violence and for disasters."),
        release_frequency=N_("once a year (Global Report on Internal Displacement, May)"),
        build=idmc_gidd.build, bulk_file="idmc_gidd_displacement_data_*.csv", read_bulk=idmc_gidd.read_bulk,
        fetch=idmc_gidd.fetch_source, api="idmc", endpoint="gidd/displacements/",
        checks=Checks(("iso3", "year"), Figures("by_country"), (Figures("by_country", (), 1.0),)),
        needs_key=True, kind="mixed", stale_after_days=400,
        caveats=(N_("Stocks and flows are never added together: a flow counts movements, and one person can move "
                    "twice."),
                 N_("Disaster stock figures start in 2019; conflict stock in 2009."),
                 N_("Non-commercial licence."),
                 N_("The live API needs a client_id (DISPLACEMENT_IDMC_CLIENT_ID or Streamlit secrets); "
                 "without one only the conflict stock via UNHCR's idmc endpoint is refreshed.")),
    ),
    Source(
        id="published-headlines", title="Published headline figures (Global Trends, Mid-Year Trends)",
        publisher="UNHCR", url="https://www.unhcr.org/global-trends", licence="quoted figures",
        licence_url="https://www.unhcr.org/copyright",
        citation="UNHCR, Global Trends and Mid-Year Trends reports ({dataset}); each figure links to the "
                 "page it was read from. Accessed {accessed}.",
        measures=N_("The forcibly displaced headline and its parts exactly as UNHCR published them for each "
                 "period, in millions; kept beside the computed series, never overwriting it."),
        release_frequency=N_("twice a year, with the reports"), build=published.build_headlines,
        bulk_file="gt_headline_figures.csv", read_bulk=common.read_numbers_csv,
        # a mid-year and a year-end figure a year
        checks=Checks(("period",), Figures("headlines", ("period",))), kind="reference",
        caveats=(N_("Published figures are not revised; the computed series uses today's revised data, so the two "
                 "differ for back years."),
                 N_("From end-2023 the published headline counts Palestine refugees also displaced inside Gaza once; "
                 "the API has no field for that overlap.")),
    ),
    Source(
        id="headline-releases",
        title="Headline components as each release held them (refugees R package releases)", publisher="UNHCR",
        url="https://github.com/PopulationStatistics/refugees", licence=UNHCR_LICENCE, licence_url=UNHCR_LICENCE_URL,
        citation="UNHCR Refugee Population Statistics Database, world totals of the forcibly displaced headline's "
                 "components as held by each release of UNHCR's refugees R package ({dataset}). Accessed {accessed}.",
        measures=N_("The world's refugees, Palestine refugees, asylum-seekers, OIP, conflict IDPs and stateless people "
                 "as each release of UNHCR's data (Global Trends 2022 to 2025, Mid-Year Trends 2023 to 2025) held "
                 "them: it separates later revisions from differences of method between a published headline and "
                 "the sum of its components."),
        release_frequency=N_("twice a year, with the reports"), build=published.build_releases,
        bulk_file="global_totals_by_release.csv",
        checks=Checks(("release", "data_year", "period"), Figures("releases", ("release", "period"))),
        kind="reference",
        caveats=(N_("World totals only: no country figures."),
                 N_("Mid-year releases carry IDMC's previous year-end figure forward; MYT2023 has no IDP figure."),
                 N_("The earliest release held is Global Trends 2022: for earlier years only today's data are at "
                    "hand.")),
    ),
    Source(
        id="countries", title="Countries and regions", publisher="UNHCR", url=UNHCR_HOME, licence=UNHCR_LICENCE,
        licence_url=UNHCR_LICENCE_URL, citation=UNHCR_CITATION,
        measures=N_("UNHCR's country list: one name, UNHCR's own code and UNHCR region per ISO3 code, with the UN M49 "
                 "region; the one source of country names on every page, download and brief."),
        release_frequency=N_("when UNHCR's country list changes"), build=countries.build, bulk_file="countries.csv",
        checks=Checks(("unhcr_code",)),  # UNHCR's own code: Tibetan has no ISO3 code
        kind="reference",
        caveats=(N_("Read from the country table of UNHCR's refugees R package (built from the API's /countries and "
                 "/regions endpoints); refreshed with --from-dir."),),
    ),
)

SOURCES_BY_ID: dict[str, Source] = {s.id: s for s in SOURCES}


def get_source(source_id: str) -> Source:
    try:
        return SOURCES_BY_ID[source_id]
    except KeyError:
        known = ", ".join(SOURCES_BY_ID)
        raise KeyError(f"unknown source {source_id!r}; known sources: {known}") from None
