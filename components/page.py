"""What every page does first: open the data release the link asks for (the current one, or an earlier
one the store still holds), then check the link's parameters against that release, and hand the page
everything it reads from the data in one record (`View`): pages read the data only through it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components import data as loaders
from components import url_state
from displacement.figures.country_lookup import CountryLookup
from displacement.storage import releases
from displacement.storage.datasets import Datasets

RELEASE_ID = re.compile(r"^[0-9a-f]{10}$")


@dataclass(frozen=True)
class View:
    """The release a page shows and what its parameters were checked against."""
    data: Datasets
    release: str  # the id of the release set shown (current or linked)
    names: dict[str, str]  # one name per country code (UNHCR's country list)
    first: int  # the years the headline table covers
    last: int

    def table(self, source_id: str, name: str):
        return loaders.table(self.data, source_id, name)

    def years_of(self, source_id: str, name: str) -> tuple[int, int]:
        years = self.table(source_id, name)["year"]
        return int(years.min()), int(years.max())

    def totals(self):
        """The headline table (displacement.storage.datasets.headline_totals) of the release shown."""
        return loaders.totals(self.data)

    def data_as_of(self, source_ids: list[str]) -> str:
        return loaders.data_as_of(self.data, source_ids)

    @property
    def lookup(self) -> CountryLookup:
        """The one country resolver: what a link or the CLI may name a country by."""
        return loaders.country_lookup(self.data)


Params = list[url_state.Param] | Callable[[View], list[url_state.Param]]


def start(title: str, params: Params = (), intro: str | None = None) -> View:
    """Title, the release shown, the link's parameters checked against it (notices for what is ignored)."""
    st.title(title)
    if intro:
        st.caption(intro)
    data = loaders.datasets()
    current = loaders.release_id(data)
    linked = st.query_params.get("release")
    if linked and linked != current:
        data = _linked_release(linked, data, current)
    elif not linked:
        st.query_params["release"] = current  # the address bar's link records the release too
    shown = releases.release_id(releases.release_set(data))
    st.session_state["release_shown"] = shown
    totals = loaders.totals(data)
    view = View(data, shown, loaders.country_names(data), int(totals["year"].min()), int(totals["year"].max()))
    url_state.show_notices(url_state.check_params(params(view) if callable(params) else list(params)))
    return view


def _linked_release(linked: str, current_data: Datasets, current: str) -> Datasets:
    if not RELEASE_ID.match(linked):
        url_state.show_notices([f"Ignored link parameter “release” = “{url_state.safe_text(linked)}”: "
                                "expected a data release id such as 1a2b3c4d5e. Showing the current data."])
        st.query_params["release"] = current
        return current_data
    old = releases.resolve(linked)
    if old is None:
        st.info(f"This link was made with data release {linked}, which this app no longer holds. "
                f"Showing the current release, {current}.", icon=":material/history:")
        return current_data
    st.info(f"This link was made with data release {linked}; the app now holds a newer release, {current}.",
            icon=":material/history:")
    with st.expander("What changed since this link was made"):
        st.dataframe(releases.changed_sources(old, current_data), hide_index=True)
        st.dataframe(releases.changed_headline(old, current_data), hide_index=True)
    if st.toggle("Show the figures as they were in the link's release", key="as_linked"):
        st.warning(f"You are looking at an earlier data release ({linked}), not the current figures.",
                   icon=":material/history:")
        return old
    return current_data


def sections(names: list[str], draw) -> list:
    """Tabs whose choice lives in the link (?section=<name>); only the open one is built, by
    draw(name), which returns the figures it drew. A page of many charts then redraws one section on
    a widget change, not all of them."""
    for name, tab in zip(names, st.tabs(names, key="section", bind="query-params")):
        if tab.open:
            with tab:
                return draw(name)
    return []
