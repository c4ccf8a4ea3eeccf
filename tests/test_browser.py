"""The real app in headless Chromium: every page and a country profile render with no Streamlit
exception box and no browser console error; screenshots go to test-artifacts/screenshots/."""

import re

import pytest

from browser import (CHROMIUM, CHROMIUM_ARGS, full_screenshot, require_chromium, screenshot_dir, streamlit_server,
                     wait_rendered)

STREAMLIT_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")
PAGES = ["", "trends", "countries", "flows", "internal", "profile?iso3=UKR", "projections", "sources"]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    require_chromium()
    with streamlit_server({"DISPLACEMENT_STORE": str(tmp_path_factory.mktemp("store")),
                           "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full"}) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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


@pytest.mark.parametrize("first", ["", "countries"])
def test_leaving_the_map_before_its_outlines_arrive_raises_no_error(browser, app_url, first):
    """Plotly.js draws a geo map when its country outlines (topojson) have arrived. If the reader has
    moved on by then, the update used to hit the removed chart: TypeError reading '_scrollZoom' (seen
    under 20 sessions of load). Any outline request is held until after leaving the page; arriving
    from the overview (Plotly's code already loaded) or straight on the map's page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, held = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and not message.text.startswith("Failed to load resource") else None)
    page.route("**/topojson/**", lambda route: held.append(route))
    page.goto(f"{app_url}/{first}")
    if not first:
        wait_rendered(page)
        page.get_by_role("link", name="Countries").click()
    page.wait_for_function("() => document.querySelector('.js-plotly-plot .geo') !== null", timeout=60_000)
    page.get_by_role("link", name="Trends").click()
    wait_rendered(page)
    for route in held:
        route.continue_()
    page.wait_for_timeout(2000)
    assert errors == []
    # The outlines were in place before the map: Plotly.js (an XHR) asked for none. The app's own
    # background copy (a fetch, sent first in every run) may be among those held.
    assert [route.request.resource_type for route in held if route.request.resource_type != "fetch"] == []
    page.close()


def test_outlines_reach_the_browser_when_the_page_script_code_arrives_late(browser, app_url):
    """Under load, Streamlit's code for page scripts (loaded on first use) can arrive after the reader
    has left the page that asked for it. The next page must ask again, or the map later downloads
    its outlines itself (the error above)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    held = []
    page.route("**/static/js/Html.*.js", lambda route: held.append(route))
    page.goto(f"{app_url}/flows")
    wait_rendered(page)
    page.get_by_role("link", name="Trends").click()
    page.wait_for_function("() => location.pathname.endsWith('/trends')")
    wait_rendered(page)
    assert held, "the page-script code was not requested"
    for route in held:
        route.continue_()
    page.wait_for_function("() => Boolean(window.PlotlyGeoAssets?.topojson?.world_110m)", timeout=30_000)
    page.close()


def test_the_map_has_its_outlines_when_the_view_changes_before_the_page_script_code_arrives(browser, app_url):
    """The same on the map's own page: the reader changes the view before Streamlit's code for page
    scripts (and Plotly's) has arrived. The map's copy of the outlines from the first run is gone by
    then; the second run must carry its own. Every outline download is held, so only that copy can
    fill Plotly.js's cache."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    held_code, outline_requests = [], []
    page.route(re.compile(r".*/static/js/(Html|PlotlyChart)\.[^/]*\.js$"), lambda route: held_code.append(route))
    page.route("**/topojson/**", lambda route: outline_requests.append(route.request.resource_type))
    page.goto(f"{app_url}/countries")
    wait_rendered(page)
    page.locator('[data-testid="stButtonGroup"]').first.get_by_role("radio", name="origin").click()
    page.wait_for_function("() => location.search.includes('view=origin')")
    wait_rendered(page)
    for route in [r for r in held_code if "/Html." in r.request.url]:
        route.continue_()
    page.wait_for_function("() => Boolean(window.PlotlyGeoAssets?.topojson?.world_110m)", timeout=30_000)
    for route in [r for r in held_code if "/PlotlyChart." in r.request.url]:
        route.continue_()
    page.wait_for_selector(".js-plotly-plot .geo .choroplethlocation", state="attached", timeout=60_000)
    assert "xhr" not in outline_requests
    page.close()


def test_the_outline_scripts_take_no_room_on_the_page(browser, app_url):
    page, _ = visit(browser, f"{app_url}/countries")
    page.wait_for_selector("script[data-map-outlines]", state="attached", timeout=30_000)
    holders = page.locator('[data-testid="stElementContainer"]:has(script[data-map-outlines])')
    assert holders.count() == 2  # the background copy first, the map's copy before the map
    assert [holders.nth(i).evaluate("e => getComputedStyle(e).display") for i in range(2)] == ["none", "none"]
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
