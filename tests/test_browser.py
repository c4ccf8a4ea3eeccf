"""The real app in headless Chromium: every page and a country profile render with no Streamlit
exception box and no browser console error; screenshots go to test-artifacts/screenshots/."""

import re
from urllib.parse import urlsplit

import pytest
from map_outlines import label_xy

from components import embed, navigation
from harness.browser import (
    full_screenshot,
    require_chromium,
    screenshot_dir,
    streamlit_server,
    wait_rendered,
)

STREAMLIT_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")
PAGES = [page.address + ("?iso3=UKR" if page.name == "profile" else "") for page in navigation.PAGES]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    require_chromium()
    with streamlit_server({"DISPLACEMENT_STORE": str(tmp_path_factory.mktemp("store")),
                           "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full"}) as url:
        yield url


@pytest.fixture(scope="module")
def shots():
    return screenshot_dir("screenshots")


def visit(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Resource failures are judged by URL: Streamlit's frontend probes <page>/_stcore/* for a base
    # path on deep links and falls back to the root; those expected 404s are not errors.
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not STREAMLIT_PROBE.search(response.url) else None)
    page.on("requestfailed", lambda request: errors.append(f"failed {request.url}"))
    page.goto(url)
    wait_rendered(page)
    return page, errors


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_errors(browser, app_url, shots, path):
    page, errors = visit(browser, f"{app_url}/{path}")
    name = path.split("?")[0] or "overview"
    full_screenshot(page, shots / f"{name}.png")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stHeading"]').count() > 0
    assert errors == []
    page.close()


def test_the_default_page_by_its_own_name_opens_at_the_root_with_the_link_kept(browser, app_url):
    """/overview, the address PAGES declares for the default page, lands on the overview at the root,
    query kept; not on Streamlit's "Page not found"."""
    default = next(p for p in navigation.PAGES if p.default)
    page, errors = visit(browser, f"{app_url}/{default.url_path}?since=1951&lang=fr")
    assert "Page not found" not in page.inner_text("body")
    assert urlsplit(page.url).path == "/" and "since=1951" in page.url and "lang=fr" in page.url
    assert page.locator('[data-testid="stHeading"]').count() > 0
    assert errors == []
    page.close()


def test_profile_sections_open_from_their_tabs_and_enter_the_link(browser, app_url, shots):
    page, errors = visit(browser, f"{app_url}/profile?iso3=UKR")
    for section in ["IDPs", "Solutions", "Applications", "Decisions", "Burden", "Footnotes"]:
        page.get_by_role("tab", name=section).click()
        page.wait_for_function(f"() => location.search.includes('section={section}')", timeout=30_000)
        wait_rendered(page)
        assert page.get_by_role("tab", name=section).get_attribute("aria-selected") == "true"
        full_screenshot(page, shots / f"profile-{section.lower()}.png")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []
    page.close()


def test_the_map_needs_no_outline_download_and_can_go_at_once(browser, app_url):
    """A Plotly geo map downloads its outlines after it starts drawing; a reader who changed the view
    or left meanwhile left Plotly.js updating a removed chart (TypeError reading '_scrollZoom', seen
    under 20 sessions of load). The map carries its own outlines: nothing is requested for them, and
    changing the view and leaving at once, on a CPU slowed four times, raises no error."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, outline_requests = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and not message.text.startswith("Failed to load resource") else None)
    page.on("request", lambda request: outline_requests.append(request.url)
            if re.search(r"topojson|world_110m", request.url) else None)
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(f"{app_url}/countries")
    page.wait_for_selector(".js-plotly-plot .js-fill", state="attached", timeout=60_000)
    page.get_by_role("radio", name="origin", exact=True).click()  # "Count by country of: origin"
    page.get_by_role("link", name="Trends").click()
    page.wait_for_function("() => location.pathname.endsWith('/trends')")
    wait_rendered(page)
    page.wait_for_timeout(2000)
    assert errors == [] and outline_requests == []
    page.close()


@pytest.mark.parametrize("iso3, shown", [("UKR", "Ukraine"), ("LSO", "Lesotho"), ("GRL", "No figure for"),
                                         ("IDN", "Indonesia"), ("PHL", "Philippines")])
def test_hovering_inside_a_country_shows_its_figure(browser, app_url, iso3, shown):
    """Lesotho lies inside South Africa; Greenland has no UNHCR figure; Indonesia and the Philippines are
    drawn as one shape of many islands (components/world_map.py), hovered on an island that is not
    their first part."""
    page, errors = visit(browser, f"{app_url}/countries?view=origin")
    world = page.locator(".js-plotly-plot", has=page.locator(".js-fill"))
    world.wait_for(timeout=60_000)
    world.scroll_into_view_if_needed()
    x, y = label_xy(iso3)
    where = world.evaluate(
        "(gd, [x, y]) => { const {xaxis, yaxis} = gd._fullLayout; const box = gd.getBoundingClientRect();"
        " return [box.left + xaxis._offset + xaxis.l2p(x), box.top + yaxis._offset + yaxis.l2p(y)]; }",
        [x, y],
    )
    page.mouse.move(*where)
    label = page.locator(".hoverlayer .hovertext")
    label.wait_for(timeout=10_000)
    assert shown in label.text_content()
    assert errors == []
    page.close()


def test_overview_draws_a_chart(browser, app_url):
    page, _ = visit(browser, f"{app_url}/")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    assert page.locator(".js-plotly-plot").count() >= 1
    page.close()


def test_phone_width_has_no_horizontal_scroll(browser, app_url, shots):
    page, _ = visit(browser, f"{app_url}/", width=390)
    full_screenshot(page, shots / "overview-phone.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.close()


def test_hostile_link_shows_a_notice_and_no_markup(browser, app_url):
    page, errors = visit(browser, f"{app_url}/?since=%3Cscript%3Ealert(1)%3C/script%3E&bogus=%3Cb%3Ex%3C/b%3E")
    assert page.locator('[data-testid="stAlert"]').count() >= 1
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert page.locator("b:text-is('x')").count() == 0
    assert errors == []
    page.close()


def test_overview_brief_downloads_as_a_pdf_with_the_view_link(browser, app_url, tmp_path):
    from pypdf import PdfReader

    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page.goto(f"{app_url}/?since=1951")
    wait_rendered(page)
    page.get_by_role("button", name="Share, cite or brief this view").click()
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download a PDF brief of this view").click()
    path = tmp_path / "brief.pdf"
    download.value.save_as(path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "since=1951" in text and "release=" in text
    assert "UNHCR" in text and "119,254,738" in text
    page.close()


@pytest.mark.parametrize("address", list(embed.EMBEDDABLE))
def test_every_embed_snippet_opens_its_page_in_a_frame_that_fits(browser, app_url, address):
    """The snippet itself, pasted into another site's page 600 px wide: the page it names loads (no
    "Page not found"), under its own title, with nothing wider than the frame."""
    host = browser.new_page(viewport={"width": 640, "height": 900})
    host.set_content(f"<html><body style='margin:0;width:600px'>{embed.iframe(app_url, address)}</body></html>")
    host.wait_for_selector("iframe")
    frame = next(f for f in host.frames if f != host.main_frame)
    wait_rendered(frame)
    text = frame.inner_text("body")
    assert "Page not found" not in text
    assert frame.inner_text('[data-testid="stHeading"]').strip()
    assert urlsplit(frame.url).path == f"/{address}"
    assert frame.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    host.close()


def _in_sight(locator, width: int) -> bool:
    box = locator.bounding_box()
    return bool(box) and locator.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_every_page_is_in_sight_in_the_navigation_at_1024_px(browser, app_url):
    page, _ = visit(browser, app_url, width=1024)
    links = page.locator('[data-testid="stSidebarNavLink"]')
    assert links.count() == len(navigation.PAGES)
    assert all(_in_sight(links.nth(i), 1024) for i in range(links.count()))
    page.close()


def test_a_phone_gets_a_menu_button_that_opens_every_page(browser, app_url):
    page, _ = visit(browser, app_url, width=390)
    links = page.locator('[data-testid="stSidebarNavLink"]')
    assert not _in_sight(links.first, 390)  # the page gets the whole width
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.wait_for_timeout(800)
    assert all(_in_sight(links.nth(i), 390) for i in range(len(navigation.PAGES)))
    page.close()


CHART_TEXT_OUTSIDE = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
    const box = gd.querySelector('svg.main-svg').getBoundingClientRect();
    return [...gd.querySelectorAll('.gtitle, .annotation-text, .legendtext, .xtick text, .ytick text, .node-label')]
        .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
        .filter(t => { const r = t.getBoundingClientRect();
                       return r.left < box.left - 1 || r.right > box.right + 1; })
        .map(t => t.textContent.slice(0, 60)); })"""
SANKEY_LABELS_OVERLAPPING = """() => {
    const boxes = [...document.querySelectorAll('.node-label')].filter(t => t.textContent.trim())
        .map(t => [t.textContent, t.getBoundingClientRect()]);
    return boxes.flatMap(([a, r], i) => boxes.slice(i + 1)
        .filter(([, q]) => r.top < q.bottom - 1 && q.top < r.bottom - 1 && r.left < q.right && q.left < r.right)
        .map(([b]) => a + ' / ' + b)); }"""
WIDTH_CASES = ([(path, width) for path in PAGES for width in (280, 1024)]
               + [("profile?iso3=SDN", width) for width in (390, 768, 1440)]
               + [("flows?direction=asylum", width) for width in (280, 390)]
               # Arabic, right to left, on a phone: longer words, mirrored text, nothing out of its box
               + [(path + ("&" if "?" in path else "?") + "lang=ar", 390) for path in PAGES])


@pytest.mark.parametrize("path, width", WIDTH_CASES)
def test_chart_text_fits_the_chart_at_every_width(browser, app_url, path, width):
    """Titles, units and source lines are page text that wraps; what Plotly draws (legend, tick labels,
    notes, the Sankey's labels) stays inside the chart, the Sankey's labels apart from each other; nothing
    makes the page scroll sideways."""
    page, _ = visit(browser, f"{app_url}/{path}", width=width)
    assert page.evaluate(CHART_TEXT_OUTSIDE) == []
    assert page.evaluate(SANKEY_LABELS_OVERLAPPING) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    page.close()


ARABIC_LAYOUT_FAULTS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const cut = [...main.querySelectorAll('[data-testid="stMetricValue"] *')]
        .filter(e => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1).map(e => 'cut: ' + e.textContent);
    const paragraphs = '[data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] p';
    const left = [...main.querySelectorAll(paragraphs)]
        .filter(p => p.getBoundingClientRect().width > 0 && getComputedStyle(p).textAlign === 'left')
        .map(p => 'left: ' + p.textContent.slice(0, 40));
    const quoteBars = [...main.querySelectorAll('blockquote')]  // a quotation's bar goes where its lines start
        .filter(q => getComputedStyle(q).borderLeftStyle !== 'none')
        .map(q => 'bar on the left: ' + q.textContent.slice(0, 40));
    return cut.concat(left, quoteBars); }"""


@pytest.mark.parametrize("path", ["", "profile?iso3=SDN"])
def test_arabic_on_a_desktop_keeps_every_card_figure_whole_and_its_paragraphs_right_aligned(browser, app_url, path):
    """Six cards in a row at 1280 px: "28.5 مليون" is wider than "28.5 M", and was cut to "28.5 م…". The
    overview's quotation ("Cite this") keeps its bar on the right, where Arabic lines start."""
    page, errors = visit(browser, f"{app_url}/{path}{'&' if '?' in path else '?'}lang=ar", width=1280)
    assert page.evaluate(ARABIC_LAYOUT_FAULTS) == []
    assert errors == []
    page.close()
