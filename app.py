"""The dashboard's router: page config, then st.navigation over the thin modules in app_pages/."""

import streamlit as st

from components import access

st.set_page_config(page_title="Forced displacement statistics", page_icon="assets/icon.png",
                   layout="wide", initial_sidebar_state="collapsed")

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/home:", url_path="overview", default=True),
    st.Page("app_pages/trends.py", title="Trends", icon=":material/show_chart:", url_path="trends"),
    st.Page("app_pages/countries.py", title="Countries", icon=":material/public:", url_path="countries"),
    st.Page("app_pages/flows.py", title="Flows", icon=":material/swap_horiz:", url_path="flows"),
    st.Page("app_pages/internal.py", title="Internal displacement", icon=":material/home_pin:", url_path="internal"),
    st.Page("app_pages/profile.py", title="Country profile", icon=":material/flag:", url_path="profile"),
    st.Page("app_pages/projections.py", title="Projections", icon=":material/trending_up:", url_path="projections"),
    st.Page("app_pages/sources.py", title="Sources and methods", icon=":material/menu_book:", url_path="sources"),
]

if access.gate():
    st.navigation(PAGES, position="top").run()
