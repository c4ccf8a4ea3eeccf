"""Sources and methods: what each population type means, where every figure comes from (licence,
citation, coverage, release, retrieval date, caveats), how fresh the data are, and a refresh button
when the app is not read-only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import embed, page, share
from components.downloads import download_buttons
from components.refresh_panel import plain, refresh_panel
from displacement import methods
from displacement.figures import headline
from displacement.sources import SOURCES
from displacement.storage.freshness import source_status

ORIGIN_WORDS = {"store": "refreshed store", "snapshot": "bundled snapshot", "missing": "missing"}
TITLE = "Sources and methods"

view = page.start(TITLE, [], intro="What every figure means, where it comes from, how to cite it and how fresh it is.")
data = view.data


def glossary() -> None:
    st.header("Glossary")
    st.markdown("\n".join(f"- **{plain(term)}**: {plain(definition)}" for term, definition in methods.glossary()))


def method_notes() -> None:
    st.header("How the figures are put together")
    st.markdown("\n".join(methods.METHOD_NOTES))


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
    table = headline.reproduction(view.totals(), view.table("published-headlines", "headlines"),
                                  view.table("headline-releases", "releases"))
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


def coverage(source_id: str, manifest: dict) -> str:
    tables = list(manifest.get("tables") or {})
    unstated = manifest.get("first_year") is None and tables  # then the years are read from its first table
    return methods.coverage_text(manifest, view.table(source_id, tables[0]) if unstated else None)


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
                f"**Coverage:** {plain(coverage(source.id, manifest))}",
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


glossary()
method_notes()
published_reproduced()
status = freshness()
sources(status)
embed.embed_block()
refresh_panel()
share.share_bar(data, title=TITLE, source_ids=[source.id for source in SOURCES if source.id in data.releases],
                headline=None)
