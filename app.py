"""The dashboard's router: page config, then st.navigation over the thin modules in app_pages/."""

import streamlit as st

from components import access
from components.navigation import streamlit_pages

st.set_page_config(page_title="Forced displacement statistics", page_icon="assets/icon.png",
                   layout="wide", initial_sidebar_state="auto")

if access.gate():
    st.navigation(streamlit_pages(), position="sidebar").run()
