"""The dashboard's pages, listed once. app.py builds its navigation from this list; the embed snippet
(Sources and methods), the tests and the benchmarks read it too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from displacement.text import N_, _


@dataclass(frozen=True)
class PageEntry:
    """A page of the dashboard. Its title, embed title and section are English messages (marked with N_):
    tests and tools read them as they are; what a viewer reads is the `shown_*` form, in their language."""
    script: str  # the page module, relative to the repository
    title: str
    icon: str
    url_path: str
    embed_title: str  # the iframe's title on an organisation's site (read aloud by screen readers)
    default: bool = False
    section: str = N_("Figures")  # the heading it is listed under in the navigation

    @property
    def shown_title(self) -> str:
        """The title in the viewer's language, as the navigation lists it."""
        return _(self.title)

    @property
    def shown_embed_title(self) -> str:
        """The embed title in the viewer's language, for the iframe snippet."""
        return _(self.embed_title)

    @property
    def shown_section(self) -> str:
        """The section heading in the viewer's language."""
        return _(self.section)

    @property
    def name(self) -> str:
        """The module's name, as tests open it (`app_pages/<name>.py`)."""
        return Path(self.script).stem

    @property
    def address(self) -> str:
        """The path the page is served at: the default page at the app's root."""
        return "" if self.default else self.url_path


PAGES = [
    PageEntry("app_pages/overview.py", N_("Overview"), ":material/home:", "overview",
              N_("How many people are forcibly displaced? (forced displacement statistics)"), default=True),
    PageEntry("app_pages/trends.py", N_("Trends"), ":material/show_chart:", "trends", N_("Forced displacement trends")),
    PageEntry("app_pages/countries.py", N_("Countries"), ":material/public:", "countries",
              N_("Where displaced people are hosted, and where they come from")),
    PageEntry("app_pages/flows.py", N_("Flows"), ":material/swap_horiz:", "flows",
              N_("Where displaced people go: corridors from origin to asylum")),
    PageEntry("app_pages/internal.py", N_("Internal displacement"), ":material/home_pin:", "internal",
              N_("Internal displacement (IDMC)")),
    PageEntry("app_pages/profile.py", N_("Country profile"), ":material/flag:", "profile",
              N_("Forced displacement country profile"), section=N_("Countries")),
    PageEntry("app_pages/compare.py", N_("Compare"), ":material/compare_arrows:", "compare",
              N_("Compare countries and regions: forced displacement over time"), section=N_("Countries")),
    PageEntry("app_pages/demographics.py", N_("Age and sex"), ":material/groups:", "demographics",
              N_("Age and sex of forcibly displaced people"), section=N_("Countries")),
    PageEntry("app_pages/projections.py", N_("Projections"), ":material/trending_up:", "projections",
              N_("Where is displacement heading? Projections (not official figures)"), section=N_("Outlook")),
    PageEntry("app_pages/returns.py", N_("Return after conflict"), ":material/u_turn_left:", "returns",
              N_("Return after conflict: what history says, and return scenarios (not official figures)"),
              section=N_("Outlook")),
    PageEntry("app_pages/sources.py", N_("Sources and methods"), ":material/menu_book:", "sources",
              N_("Sources and methods of the forced displacement dashboard"), section=N_("About")),
]
NAMES = [page.name for page in PAGES]


def default_page_redirect(base_path: str = "") -> list:
    """A Starlette route for st.App: the default page's own name (/overview) answers with a redirect to the
    app's root, where Streamlit serves it, keeping the link's query (country, year, language). Without
    it Streamlit shows "Page not found" at that address, the one PAGES declares for the page."""
    from starlette.responses import RedirectResponse
    from starlette.routing import Route

    from displacement.outputs.api_routes import path_prefix

    base = path_prefix(base_path)
    default = next(p for p in PAGES if p.default)

    def to_root(request) -> RedirectResponse:
        query = request.url.query
        return RedirectResponse(f"{base}/" + (f"?{query}" if query else ""), status_code=308)

    return [Route(f"{base}/{default.url_path}", to_root, methods=["GET"]),
            Route(f"{base}/{default.url_path}/", to_root, methods=["GET"])]


def streamlit_pages() -> dict[str, list]:
    """The pages under their section headings, in the order of PAGES (the sidebar lists every one, so all
    are in sight at 1024 px; on a phone Streamlit folds the sidebar behind its menu button)."""
    sections: dict[str, list] = {}
    for p in PAGES:
        sections.setdefault(p.shown_section, []).append(
            st.Page(p.script, title=p.shown_title, icon=p.icon, url_path=p.url_path, default=p.default))
    return sections
