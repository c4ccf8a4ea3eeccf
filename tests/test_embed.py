"""?embed=true (Streamlit's embed mode, for an organisation's iframe) works on every page: no notice,
no exception, the charts keep their source line."""

import pytest
from pages import figures, run_page

from components.navigation import NAMES as PAGES


@pytest.mark.parametrize("page", PAGES)
def test_embed_parameter_is_accepted_on_every_page(page):
    at = run_page(page, embed="true")
    assert not at.warning, [w.value for w in at.warning]


@pytest.mark.parametrize("page", ["overview", "trends", "countries"])
def test_embedded_charts_keep_their_source_line(page):
    at = run_page(page, embed="true")
    charts = figures(at)
    assert charts and all(fig.layout.meta["frame"]["source"] for fig in charts)
    assert sum(c.value.startswith("Source: ") for c in at.caption) >= len(charts)  # under each chart on the page
