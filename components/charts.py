"""Chart frames: every figure carries its title, unit, source line and 'data as of' inside it, so a
PNG, SVG or screenshot keeps its attribution."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import streamlit as st

from displacement.formatting import chart_text, markdown_text

FONT = "Source Sans Pro, Arial, sans-serif"
# The Plotly toolbar: PNG from the camera button at print size; SVG via the second config below.
TOOLBAR = {"displaylogo": False, "responsive": True,
           "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "displacement-chart"},
           "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def frame(fig: go.Figure, *, title: str, unit: str, source: str, as_of: str, height: int = 460) -> go.Figure:
    """Title and unit at the top, legend under them, source and 'data as of' at the bottom, all
    inside the figure. Long lines are wrapped so they stay readable at phone width."""
    heading = (_wrap(title, WRAP_AT, bold=True) + "<br><span style='font-size:12px'>" + _wrap(unit, WRAP_AT + 12)
               + "</span>")
    footer = _wrap(f"Source: {source}", WRAP_AT + 20) + "<br>" + _wrap(f"Data as of {as_of}", WRAP_AT + 20)
    top = 24 + 19 * heading.count("<br>") + 22
    bottom = 56 + 13 * footer.count("<br>")
    fig.update_layout(
        title={"text": heading, "x": 0.01, "xanchor": "left", "y": 1 - 26 / (height + top + bottom - 140),
               "yanchor": "top", "yref": "container"},
        font={"family": FONT, "size": 13, "color": "#1a1a1a"},
        margin={"l": 10, "r": 10, "t": top + 28, "b": bottom, "autoexpand": True},
        height=height + top + bottom - 140, paper_bgcolor="white", plot_bgcolor="white",
        # Anchored under the heading in pixels of the whole figure: a legend that wraps onto several
        # lines at phone width pushes the plot down instead of covering the title.
        legend={"orientation": "h", "yref": "container", "y": 1 - (top + 14) / (height + top + bottom - 140),
                "x": 0, "yanchor": "top", "font": {"size": 11}},
        hoverlabel={"namelength": -1},
    )
    fig.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=0, yshift=-28, xanchor="left",
                       yanchor="top", showarrow=False, align="left", font={"size": 10, "color": "#444444"})
    fig.update_xaxes(showgrid=False, linecolor="#999999", automargin=True)
    fig.update_yaxes(gridcolor="#e6e6e6", zerolinecolor="#999999", automargin=True)
    return fig


WRAP_AT = 48


def _wrap(text: str, width: int, bold: bool = False) -> str:
    lines = textwrap.wrap(chart_text(text), width) or [""]
    if bold:
        lines = [f"<b>{line}</b>" for line in lines]
    return "<br>".join(lines)


def show(fig: go.Figure, *, key: str, alt: str) -> None:
    """Draw with the toolbar, a text alternative for screen readers, and the chart as PNG and SVG files
    whose footer carries the source line and the link back to this view."""
    from components.share import view_link
    config = {**TOOLBAR, "toImageButtonOptions": {**TOOLBAR["toImageButtonOptions"], "filename": key}}
    st.plotly_chart(fig, key=key, config=config, width="stretch")
    st.caption(markdown_text(alt))  # a sentence built from the data: plain text, never Markdown
    image_downloads(fig, key, view_link())


def image_downloads(fig: go.Figure, key: str, link: str) -> None:
    """PNG beside SVG, each drawn by kaleido only when its button is clicked (about 2 s); the copy with
    the link is made then too, so a page run pays nothing for it (a map's figure is large)."""
    with st.popover("Download this chart (PNG, SVG)", icon=":material/image:"):
        st.download_button("Chart as PNG (image)", lambda: chart_file(fig, link, "png"),
                           file_name=f"{key}.png", mime="image/png", key=f"img-{key}-png", on_click="ignore")
        st.download_button("Chart as SVG (vector, for print)", lambda: chart_file(fig, link, "svg"),
                           file_name=f"{key}.svg", mime="image/svg+xml", key=f"img-{key}-svg", on_click="ignore")


def chart_file(fig: go.Figure, link: str, image_format: str) -> bytes:
    from displacement.outputs.brief import chart_image  # fpdf and kaleido load on the first click, not per page
    return chart_image(with_view_link(fig, link), image_format, scale=2 if image_format == "png" else 1)


def with_view_link(fig: go.Figure, link: str) -> go.Figure:
    """A copy whose footer (source, data as of) ends with the link that reopens the view, so a saved
    image leads back to its figures; the figure grows by the line it adds."""
    if not link.startswith("http"):
        return fig
    copy = go.Figure(fig)
    footers = [a for a in copy.layout.annotations if str(a.text or "").startswith("Source:")]
    if not footers:
        return copy
    footers[-1].text = footers[-1].text + "<br>" + chart_text(f"View: {link}")
    copy.update_layout(height=(copy.layout.height or 460) + LINE, margin={"b": (copy.layout.margin.b or 56) + LINE})
    return copy


LINE = 13  # px of one 10 px footer line
