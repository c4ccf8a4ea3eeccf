"""The embed snippet: an iframe of one page of this dashboard in Streamlit's embed mode, at the address the
dashboard is served from (with any path prefix), for an organisation's own website."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import streamlit as st

from components import share
from components.navigation import PAGES
from components.settings import setting
from displacement.text import _

THIS_PAGE = "sources"  # the page that shows the snippet (its url_path in components/navigation.py)
PLACEHOLDER_HOST = "https://YOUR-DASHBOARD-ADDRESS"


def app_root() -> str:
    """scheme://host plus any path prefix the app is served under (e.g. /displacement), from this
    page's own link; a placeholder host when Streamlit does not know the address."""
    parts = urlsplit(share.view_link())
    path = parts.path.rstrip("/")
    prefix = path[: -len(THIS_PAGE)].rstrip("/") if path.endswith("/" + THIS_PAGE) else ""
    return (f"{parts.scheme}://{parts.netloc}" if parts.netloc else PLACEHOLDER_HOST) + prefix


# Page address -> its iframe title, a message (components/navigation.py) translated where it is shown.
EMBEDDABLE = {page.address: page.embed_title for page in PAGES if page.url_path != THIS_PAGE}


def iframe(root: str, page_path: str) -> str:
    src = html.escape(f"{root}/{page_path}?embed=true", quote=True)
    title = html.escape(_(EMBEDDABLE[page_path]), quote=True)  # read aloud on the organisation's site
    return f'<iframe src="{src}" width="100%" height="720" style="border:0" title="{title}"></iframe>'  # not text


def embed_block() -> None:
    st.header(_("Embed this dashboard"))
    st.markdown(_("An organisation's website can show a page of this dashboard inside its own pages: copy the "
                  "snippet below into the page's HTML. `?embed=true` is Streamlit's embed mode: it shows the page "
                  "without the navigation and the app menu."))
    page_path = st.selectbox(_("Page to embed"), list(EMBEDDABLE), format_func=lambda path: _(EMBEDDABLE[path]),
                             key="embed-page")
    root = app_root()
    st.code(iframe(root, page_path), language="html", wrap_lines=True)
    st.caption(_("The source line and the date the data were retrieved stay inside every chart, so an embedded "
                 "chart, and any screenshot or download of it, keeps its attribution."))
    st.caption(_("To embed one particular view (a country, a year, a series), open it, copy its link under “Share, "
                 "cite or brief this view”, add &embed=true and remove the release=… part: the embedded view then "
                 "always shows the current data (with it, visitors see a notice once newer data are out)."))
    if root.startswith(PLACEHOLDER_HOST):
        st.caption(_("Replace {placeholder} with the address this dashboard is served at.").format(
            placeholder=PLACEHOLDER_HOST))
    if str(setting("access_mode", "public")).strip().lower() != "public":
        st.warning(_("This dashboard asks viewers to sign in, so an embedded page shows the sign-in first; "
                     "single sign-on (OIDC) providers usually refuse to run inside another site's frame. Embed a "
                     "publicly accessible deployment."), icon=":material/lock:")
