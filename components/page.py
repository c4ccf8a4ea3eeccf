"""What every page does first: check its URL parameters, then open the data release the link asks
for (the current one, or an earlier one the store still holds)."""

from __future__ import annotations

import re

import streamlit as st

from components import data as loaders
from components import url_state
from displacement.storage import releases
from displacement.storage.datasets import Datasets

RELEASE_ID = re.compile(r"^[0-9a-f]{10}$")


def start(title: str, params: list[url_state.Param], intro: str | None = None) -> Datasets:
    st.title(title)
    if intro:
        st.caption(intro)
    url_state.show_notices(url_state.check_params(params))
    data = loaders.datasets()
    current = loaders.release_id(data)
    linked = st.query_params.get("release")
    if linked and linked != current:
        data = _linked_release(linked, data, current)
    elif not linked:
        st.query_params["release"] = current  # the address bar's link records the release too
    st.session_state["release_shown"] = releases.release_id(releases.release_set(data))
    return data


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


def year_bounds(data: Datasets) -> tuple[int, int]:
    totals = loaders.totals(data)
    return int(totals["year"].min()), int(totals["year"].max())
