"""The dashboard's router: page config, then st.navigation over the thin modules in app_pages/.

`streamlit run app.py` imports this file once to find `app` (an st.App: the dashboard plus its read-only
data API under /api/v1, docs/api.md, and a lifespan that opens every page once at start-up,
components/warm_start.py), then runs it as the page script (__main__) for every viewer."""

import streamlit as st

from components import access, language, warm_start
from components.navigation import default_page_redirect, streamlit_pages
from displacement.text import _

if __name__ == "__main__":  # a viewer's run of the dashboard
    language.choose()  # before any word is written: the link's ?lang=, else the browser's language
    st.set_page_config(page_title=_("Forced displacement statistics"), page_icon="assets/icon.png",
                       layout="wide", initial_sidebar_state="auto")
    language.direction()
    with warm_start.viewer_run():
        if access.gate():
            page = st.navigation(streamlit_pages(), position="sidebar")
            language.selector()
            page.run()
else:  # imported by the server: the same dashboard, with the data API's routes beside it (and /overview sent to /)
    from components.settings import setting
    from displacement.outputs.api_routes import routes

    base_path = st.get_option("server.baseUrlPath") or ""
    app = st.App("app.py", routes=routes(setting, base_path) + default_page_redirect(base_path),
                 lifespan=warm_start.lifespan)
