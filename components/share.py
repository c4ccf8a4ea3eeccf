"""Under every page: a link that restores the view (filters and data release), citations, and a
one-click PDF brief of what the page shows."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts, url_state
from components.heavy_work import in_turn
from displacement.outputs import citations
from displacement.storage.datasets import Datasets
from displacement.text import _, in_viewer_language

KEPT_PARAMS = ("release", "lang")  # the data release and the language travel with every link


def view_link() -> str:
    """The current page's URL with its valid view parameters and the data release: a parameter
    the page ignored (unknown, or a rejected value) is not carried into the link."""
    parts = urlsplit(st.context.url or "")
    base = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else (parts.path or "/")
    accepted = {p.name: p for p in st.session_state.get(url_state.PAGE_PARAMS, [])}
    query = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)
             if key in KEPT_PARAMS or (key in accepted and accepted[key].accepts(value))]
    return base + ("?" + urlencode(query) if query else "")


def source_records(data: Datasets, source_ids: list[str]) -> list[dict]:
    return [data.manifest(sid).source_record() for sid in source_ids]


def share_bar(data: Datasets, *, title: str, source_ids: list[str], headline: str | None = None,
              figures: pd.DataFrame | None = None, fig: go.Figure | list[go.Figure] | None = None,
              notes: tuple = ()) -> None:
    """Link, the view's headline sentence to quote (with its source), citations and the PDF brief; the brief
    is built only when its button is clicked. The brief carries the chart (fig), or two charts side by side
    (a list)."""
    link, today, sources = view_link(), date.today(), source_records(data, source_ids)
    st.divider()
    # A popover, not an expander: its contents are drawn only when opened, which keeps every page's
    # first chart from waiting on its code blocks (cold start, docs/benchmarks.md).
    with st.popover(_("Share, cite or brief this view"), icon=":material/share:"):
        st.caption(_("Link to this view: it opens the same filters and the same data release."))
        st.code(link, language=None, wrap_lines=True)
        if headline:
            st.caption(_("The figure to quote, with its source"))
            st.code(headline, language=None, wrap_lines=True)
        st.caption(_("Cite (APA style): one reference per data set, then this view"))
        st.code(citations.as_text(citations.apa(sources, title, link, today)), language=None, wrap_lines=True)
        st.caption(_("Cite (plain sentences)"))
        st.code(citations.as_text(citations.plain(sources, title, link, today)), language=None, wrap_lines=True)
        if headline and link.startswith("http"):
            without_chart = brief_without_chart(fig)
            if without_chart:
                st.caption(without_chart)
            st.download_button(_("Download a PDF brief of this view"), on_click="ignore", mime="application/pdf",
                               file_name=f"brief-{_slug(title)}-{today.isoformat()}.pdf",
                               icon=":material/picture_as_pdf:",
                               data=in_turn(in_viewer_language(
                                   lambda: _brief_pdf(title, headline, figures, sources, link, today, fig, notes))),
                               help=_("A one- or two-page A4 PDF: the chart, the headline, key figures, sources, "
                                      "release, date accessed and this link. Takes a few seconds."))


def brief_without_chart(fig: go.Figure | None) -> str | None:
    """Why this view's brief will have no chart image, with what to use instead; None when it will have one."""
    from displacement.outputs import brief
    missing = brief.chromium_missing() if fig is not None else None
    return missing and _("The PDF brief will have no chart image ({reason}). The camera icon over the chart "
                         "saves the plot as a PNG drawn by your own browser (its title and source line are the "
                         "text around it), and the CSV buttons under it give its data.").format(reason=missing)


PAIR_WIDTH, PAIR_HEIGHT = 640, 290  # px of each of two charts side by side in a brief


def _brief_pdf(title, headline, figures, sources, link, today, fig, notes) -> bytes:
    from displacement.outputs import brief
    drawn = [] if fig is None else fig if isinstance(fig, list) else [fig]
    images = []
    if drawn and not brief.chromium_missing():
        try:
            images = _chart_images(drawn)
        except brief.BriefError as error:  # the brief still carries its figures, sources and link
            images, notes = [], (*notes, _("The chart image could not be drawn: {error}").format(error=error))
    document = brief.Brief(title=title, headline=headline,
                           figures=figures if figures is not None else pd.DataFrame(),
                           sources=sources, view_url=link, accessed=today.isoformat(), notes=list(notes))
    return brief.build_pdf(document, images)


def _chart_images(drawn: list[go.Figure]) -> list[bytes]:
    """One chart at print width; two share the page's width, so each is drawn narrower and lower (its
    text stays readable) and without its footer (the brief lists the sources under them)."""
    from displacement.outputs import brief
    if len(drawn) == 1:
        return [brief.chart_png(charts.printable(drawn[0]))]
    return [brief.chart_png(charts.printable(one, plot_height=PAIR_HEIGHT, footer=False), width=PAIR_WIDTH)
            for one in drawn]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:40]
