"""Sources and methods: what each population type means, where every figure comes from (licence,
citation, coverage, release, retrieval date, caveats), how fresh the data are, and a refresh button
when the app is not read-only. The words and tables are displacement/methods.py's."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import embed, page, share
from components.downloads import download_buttons
from components.refresh_panel import refresh_panel
from displacement import methods
from displacement.figures import headline
from displacement.formatting import markdown_text
from displacement.sources import SOURCES
from displacement.storage.freshness import source_status
from displacement.storage.manifest import Manifest
from displacement.text import _

view = page.start(_(methods.TITLE), [], intro=_(methods.INTRO))
data = view.data


def published_reproduced() -> None:
    st.header(_("UNHCR's published headlines, reproduced"))
    table = headline.reproduction(view.totals(), view.table("published-headlines", "headlines"),
                                  view.table("headline-releases", "releases"))
    st.markdown(_(methods.REPRODUCTION_INTRO))
    columns = {key: (st.column_config.NumberColumn if "format" in options else st.column_config.TextColumn)(**options)
               for key, options in methods.reproduction_columns().items()}
    st.dataframe(table, hide_index=True, width="stretch", column_config=columns, column_order=list(columns),
                 placeholder="–")
    st.caption(_(methods.REPRODUCTION_CAPTION))
    download_buttons(table, None, data, methods.REPRODUCTION_SOURCE_IDS, _(methods.REPRODUCTION_DOWNLOAD),
                     "published-headlines-reproduced")


def coverage(source_id: str, manifest: Manifest) -> str:
    tables = list(manifest.tables or {})
    unstated = manifest.first_year is None and tables  # then the years are read from its first table
    return methods.coverage_text(manifest, view.table(source_id, tables[0]) if unstated else None)


def freshness() -> pd.DataFrame:
    st.header(_("How fresh the data are"))
    status = pd.DataFrame(source_status(data))
    shown = methods.freshness_table(status, {source.id: source.title for source in SOURCES})
    st.dataframe(shown, hide_index=True, width="stretch", height=38 + 35 * len(shown))
    st.caption(_(methods.FRESHNESS_CAPTION))
    return status


def sources(status: pd.DataFrame) -> None:
    st.header(_("Sources"))
    by_id = status.set_index("id")
    for source in SOURCES:
        release = data.releases.get(source.id)
        with st.expander(f"{source.title} · {source.publisher}"):
            if release is None:
                st.warning(_("No data for this source in the store or the snapshot."))
            manifest = data.manifest(source.id) if release is not None else Manifest()
            st.markdown(markdown_text(_(source.measures)))
            st.markdown(methods.source_facts(source, manifest, by_id.loc[source.id], coverage(source.id, manifest)))
            st.markdown(_("**Cite as**"))
            st.code(manifest.citation or source.cite(_("(date accessed)")), language=None, wrap_lines=True)
            if source.caveats:
                st.markdown(methods.caveats_markdown(source.caveats))


st.header(_("Glossary"))
st.markdown(methods.glossary_markdown())
st.header(_("How the figures are put together"))
st.markdown("\n".join(methods.method_notes()))
published_reproduced()
status = freshness()
sources(status)
embed.embed_block()
refresh_panel()
share.share_bar(data, title=_(methods.TITLE), headline=None,
                source_ids=[source.id for source in SOURCES if source.id in data.releases])
