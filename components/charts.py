"""Chart frames: every figure carries its title, unit, source line and 'data as of'. On the page they are
text around the chart, wrapped to the width it gets; in every PNG, SVG and PDF made of it they are drawn
inside the image, so the image keeps its attribution."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import streamlit as st

from components.heavy_work import in_turn
from displacement.formatting import chart_separators, chart_text, markdown_text
from displacement.text import _, in_viewer_language

FONT = "Source Sans Pro, Arial, sans-serif"  # not text
# The Plotly toolbar. Its camera button saves the plot without the title and source around it on the page,
# so it is offered only where the server cannot draw images ("Download this chart" draws them inside).
TOOLBAR = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"]}
BROWSER_IMAGE = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


FRAME = "frame"  # the key of a figure's title, unit, source and date in its layout.meta
FOOTER = "frame-footer"  # the name of the annotation that holds an image's source line and date


def frame(fig: go.Figure, *, title: str, unit: str, source: str, as_of: str, height: int = 460) -> go.Figure:
    """Give the figure its title, unit, source line and 'data as of'. They travel with it in layout.meta:
    on the page (show) they are text that wraps at whatever width the chart gets, from a 280 px phone to a
    wide screen; in every image made of it (printable: PNG, SVG, the PDF brief) they are drawn inside
    the chart, so the image keeps its attribution."""
    fig.update_layout(
        meta={FRAME: {"title": title, "unit": unit, "source": source, "as_of": as_of, "height": height}},
        font={"family": FONT, "size": 13, "color": "#1a1a1a"}, height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10, "autoexpand": True}, paper_bgcolor="white",
        plot_bgcolor="white", hoverlabel={"namelength": -1}, separators=chart_separators(),
        # Above the plot; Plotly wraps a horizontal legend into rows and grows the top margin to fit it.
        legend={"orientation": "h", "yref": "paper", "y": 1.02, "x": 0, "yanchor": "bottom", "font": {"size": 11}},
    )
    fig.update_xaxes(showgrid=False, linecolor="#999999", automargin=True)
    fig.update_yaxes(gridcolor="#e6e6e6", zerolinecolor="#999999", automargin=True)
    return fig


def framing(fig: go.Figure) -> dict | None:
    """The title, unit, source, date and height frame() gave the figure (None for an unframed one)."""
    meta = fig.layout.meta
    return meta.get(FRAME) if isinstance(meta, dict) else None


def printable(fig: go.Figure, plot_height: int | None = None, footer: bool = True) -> go.Figure:
    """A copy with its frame drawn inside, for an image at print width (1000 px): title and unit at the
    top, legend under them, source and 'data as of' at the bottom. A brief's two charts side by side
    are drawn lower (plot_height) and without the footer: the brief lists their sources under them."""
    copy = go.Figure(fig)
    framed = framing(copy)
    if not framed:
        return copy
    heading = (_wrap(framed["title"], WRAP_AT, bold=True) + "<br><span style='font-size:12px'>"  # not text
               + _wrap(framed["unit"], WRAP_AT + 12) + "</span>")
    lines = (_wrap(_("Source: {source}").format(source=framed["source"]), WRAP_AT + 20) + "<br>"
             + _wrap(_("Data as of {date}").format(date=framed["as_of"]), WRAP_AT + 20))
    top = 24 + 19 * heading.count("<br>") + 22
    bottom = 56 + 13 * lines.count("<br>") if footer else 40
    total = (plot_height or framed["height"]) + top + bottom - 140
    copy.update_layout(
        title={"text": heading, "x": 0.01, "xanchor": "left", "y": 1 - 26 / total, "yanchor": "top",
               "yref": "container"},
        margin={"l": 10, "r": 10, "t": top + 28, "b": bottom, "autoexpand": True}, height=total,
        legend={"orientation": "h", "yref": "container", "y": 1 - (top + 14) / total, "x": 0, "yanchor": "top",
                "font": {"size": 11}})
    if footer:
        copy.add_annotation(text=lines, name=FOOTER, xref="paper", yref="paper", x=0, y=0, yshift=-28, xanchor="left",
                            yanchor="top", showarrow=False, align="left", font={"size": 10, "color": "#444444"})
    return copy


WRAP_AT = 48


def _wrap(text: str, width: int, bold: bool = False) -> str:
    lines = textwrap.wrap(chart_text(text), width) or [""]
    if bold:
        lines = [f"<b>{line}</b>" for line in lines]
    return "<br>".join(lines)


def show(fig: go.Figure, *, key: str, alt: str) -> None:
    """Draw the figure between its title and unit and its source line (page text, which wraps to the
    chart's width), with a text alternative for screen readers and the chart as PNG and SVG files whose
    frame and footer carry the title, the source and the link back to this view."""
    from components.share import view_link
    from displacement.outputs.brief import chromium_missing
    framed = framing(fig)
    if framed:
        st.markdown(f"**{markdown_text(framed['title'])}**")
        st.caption(markdown_text(framed["unit"]))
    st.plotly_chart(fig, key=key, config=BROWSER_IMAGE if chromium_missing() else TOOLBAR, width="stretch")
    if framed:
        st.caption(_("Source: {source}. Data as of {date}.").format(source=markdown_text(framed["source"]),
                                                                    date=markdown_text(framed["as_of"])))
    st.caption(markdown_text(alt))  # a sentence built from the data: plain text, never Markdown
    image_downloads(fig, key, view_link())


def image_downloads(fig: go.Figure, key: str, link: str) -> None:
    """PNG beside SVG, each drawn by kaleido only when its button is clicked (about 2 s); the copy with
    the link is made then too, so a page run pays nothing for it (a map's figure is large)."""
    with st.popover(_("Download this chart (PNG, SVG)"), icon=":material/image:"):
        st.download_button(_("Chart as PNG (image)"), in_turn(in_viewer_language(lambda: chart_file(fig, link, "png"))),
                           file_name=f"{key}.png", mime="image/png", key=f"img-{key}-png", on_click="ignore")
        st.download_button(_("Chart as SVG (vector, for print)"),
                           in_turn(in_viewer_language(lambda: chart_file(fig, link, "svg"))),
                           file_name=f"{key}.svg", mime="image/svg+xml", key=f"img-{key}-svg", on_click="ignore")


def chart_file(fig: go.Figure, link: str, image_format: str) -> bytes:
    from displacement.outputs.brief import chart_image  # fpdf and kaleido load on the first click, not per page
    return chart_image(with_view_link(printable(fig), link), image_format, scale=2 if image_format == "png" else 1)


def with_view_link(fig: go.Figure, link: str) -> go.Figure:
    """A copy whose footer (source, data as of) ends with the link that reopens the view, so a saved
    image leads back to its figures; the figure grows by the line it adds."""
    if not link.startswith("http"):
        return fig
    copy = go.Figure(fig)
    footers = [a for a in copy.layout.annotations if is_footer(a)]
    if not footers:
        return copy
    footers[-1].text = footers[-1].text + "<br>" + chart_text(_("View: {link}").format(link=link))
    copy.update_layout(height=(copy.layout.height or 460) + LINE, margin={"b": (copy.layout.margin.b or 56) + LINE})
    return copy


def is_footer(annotation) -> bool:
    """The annotation printable() draws the source line and date in (found by name: its words are translated)."""
    return annotation.name == FOOTER


LINE = 13  # px of one 10 px footer line
