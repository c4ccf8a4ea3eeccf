"""The viewer's language: `?lang=fr` in the link, else the browser's language, else English; a selector on
every page (in the sidebar, kept in the link so a shared link opens in the same language), and the page's
direction for Arabic. The words themselves come from displacement/text.py's catalogues."""

from __future__ import annotations

import streamlit as st

from components import url_state
from displacement import text
from displacement.text import _

PARAM = "lang"
# Right to left: the page's text, navigation and controls mirrored; charts, tables and code stay left to right
# (numbers and axes read the same way in Arabic publications).
# Card figures are smaller in Arabic: "28.5 مليون" is wider than "28.5 M", and six cards in a row cut it.
# A quotation's bar (Streamlit's own border, mirrored) goes on the right, where Arabic lines start.
RTL_STYLE = """<style>
[data-testid="stMain"], [data-testid="stSidebarUserContent"], [data-testid="stSidebarNav"] {
    direction: rtl; text-align: right;
}
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stMain"] :is([data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]) :is(p, li) {
    text-align: right;
}
.js-plotly-plot, [data-testid="stDataFrame"], code, pre { direction: ltr; }
[data-testid="stMetricValue"] { font-size: 1.5rem; }
[data-testid="stMain"] blockquote {
    border-left: none; padding-left: 0; padding-right: 12px;
    border-right-width: 2px; border-right-style: solid; border-right-color: rgba(26, 26, 26, 0.2);
}
</style>"""  # the frame (sidebar position, its collapse on phones) stays Streamlit's; everything inside it mirrors


def browser_language() -> str | None:
    """The browser's preferred language if the dashboard has it ('fr-CA' -> 'fr'), else None."""
    locale = st.context.locale or ""
    code = locale.split("-")[0].lower()
    return code if code in text.LANGUAGES else None


def choose() -> str:
    """The language of this run, from the link or the browser; a link's unknown language is ignored with a
    notice naming it. Called once at the top of every run, before any word is written."""
    values = st.query_params.get_all(PARAM)
    notices = url_state.value_notices(url_state.choice(PARAM, text.LANGUAGES), values)
    asked = values[-1] if values and values[-1] in text.LANGUAGES else None
    if values and asked is None:
        st.query_params.pop(PARAM)
    chosen = asked or st.session_state.get(f"url-{PARAM}") or browser_language() or text.SOURCE_LANGUAGE
    if asked is None and chosen != text.SOURCE_LANGUAGE:
        st.query_params[PARAM] = chosen  # into the link, so the menu shows it and a shared link keeps it
    text.use_language(chosen)
    url_state.show_notices(notices)  # after the choice: the notice is in the language chosen
    return chosen


def selector() -> None:
    """The language menu at the foot of the sidebar; the choice goes into the link. Its default is English,
    which stays out of the link: any other language is always written there (as its code, ?lang=fr)."""
    url_state.coded_select(st.sidebar.selectbox, _("Language"), list(text.LANGUAGES), param=PARAM,
                           default=text.SOURCE_LANGUAGE, format_func=text.LANGUAGES.get)


def direction() -> None:
    """Right to left for a right-to-left language (Arabic)."""
    if text.is_right_to_left(text.current_language()):
        st.html(RTL_STYLE)
