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
RTL_STYLE = """<style>
[data-testid="stMain"], [data-testid="stSidebarUserContent"], [data-testid="stSidebarNav"] {
    direction: rtl; text-align: right;
}
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3 { text-align: right; }
.js-plotly-plot, [data-testid="stDataFrame"], code, pre { direction: ltr; }
</style>"""  # the frame (sidebar position, its collapse on phones) stays Streamlit's; everything inside it mirrors


def browser_language() -> str | None:
    """The browser's preferred language if the dashboard has it ('fr-CA' -> 'fr'), else None."""
    locale = st.context.locale or ""
    code = locale.split("-")[0].lower()
    return code if code in text.LANGUAGES else None


def choose() -> str:
    """The language of this run, from the link or the browser; a link's unknown language is ignored with a
    notice naming it. Called once at the top of every run, before any word is written."""
    asked = st.query_params.get(PARAM)
    if asked is not None and asked not in text.LANGUAGES:
        st.query_params.pop(PARAM)
        chosen = browser_language() or text.SOURCE_LANGUAGE
        text.use_language(chosen)
        st.warning(_("Ignored link parameter “lang” = “{value}”: expected one of {choices}.").format(
            value=url_state.safe_text(asked), choices=", ".join(text.LANGUAGES)), icon="⚠️")
        return chosen
    chosen = asked or st.session_state.get(f"url-{PARAM}") or browser_language() or text.SOURCE_LANGUAGE
    if asked is None and chosen != text.SOURCE_LANGUAGE:
        st.query_params[PARAM] = chosen  # into the link, so the menu shows it and a shared link keeps it
    text.use_language(chosen)
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
