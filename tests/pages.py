"""What the page tests share: run a page under AppTest from app.py, read its figures and texts back,
and check what it hands to the share bar."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import plotly.graph_objects as go
from conftest import REPO
from streamlit.testing.v1 import AppTest

SHARE = "Share, cite or brief this view"


def run_page(page: str, timeout: int = 90, **params) -> AppTest:
    """Open app_pages/<page>.py with these URL parameters; fail on any exception."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
    at.switch_page(f"app_pages/{page}.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _decode(node):
    """Plotly sends numeric arrays as {dtype, bdata}: turn them back into lists."""
    if isinstance(node, dict):
        if set(node) >= {"dtype", "bdata"}:
            array = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
            return array.reshape(node["shape"]).tolist() if "shape" in node else array.tolist()
        return {k: _decode(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode(v) for v in node]
    return node


def title(fig: go.Figure) -> str:
    """The chart's title and unit as plain text (the frame keeps them in layout.meta; the page shows them
    around the chart, images draw them inside)."""
    framed = fig.layout.meta["frame"]
    return " ".join(f"{framed['title']} {framed['unit']}".split())


def figures(at: AppTest) -> list[go.Figure]:
    return [go.Figure(_decode(json.loads(chart.proto.spec))) for chart in at.get("plotly_chart")]


def as_read(markdown: str) -> str:
    """Markdown as a reader sees it: backslash escapes (text from the data made inert) dropped."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    """Everything a reader sees as text: markdown, captions, notices, card labels, subheaders."""
    parts = ([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
             + [w.value for w in at.warning] + [m.label for m in at.metric] + [s.value for s in at.subheader])
    return as_read("\n".join(parts))


def share_box(at: AppTest):
    """The share popover under the page (link, citations, PDF brief)."""
    [box] = [b for b in at.get("popover") if b.proto.popover.label == SHARE]
    return box


def share_link(at: AppTest) -> str:
    """The link shown in the share popover (its first code block)."""
    return share_box(at).code[0].value


def link_keeps(at: AppTest, *parts: str) -> str:
    """The share link, after checking it carries each of these parameters (the view and its release)."""
    link = share_link(at)
    for part in parts:
        assert part in link, (part, link)
    return link


def brief_ready(call: dict) -> None:
    """A headline sentence with its source, a key-figures table a brief takes (2-4 columns, at most 20
    rows, figures as text) and the page's main figure."""
    assert "according to" in call["headline"] and call["headline"].endswith(".")
    rows, columns = call["figures"].shape
    assert 2 <= columns <= 4 and 1 <= rows <= 20, call["figures"]
    assert all(isinstance(v, str) for v in call["figures"].to_numpy().ravel())
    assert isinstance(call["fig"], go.Figure)
