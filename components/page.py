"""What every page does first: check its URL parameters, then open the data."""

from __future__ import annotations

import streamlit as st

from components import data as loaders
from components import url_state
from displacement.datasets import Datasets


def start(title: str, params: list[url_state.Param], intro: str | None = None) -> Datasets:
    st.title(title)
    if intro:
        st.caption(intro)
    url_state.show_notices(url_state.check_params(params))
    return loaders.datasets()


def year_bounds(data: Datasets) -> tuple[int, int]:
    totals = loaders.totals(data)
    return int(totals["year"].min()), int(totals["year"].max())
