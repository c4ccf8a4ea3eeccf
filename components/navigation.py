"""The dashboard's pages, listed once. app.py builds its navigation from this list; the embed snippet
(Sources and methods), the tests and the benchmarks read it too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st


@dataclass(frozen=True)
class PageEntry:
    script: str  # the page module, relative to the repository
    title: str
    icon: str
    url_path: str
    embed_title: str  # the iframe's title on an organisation's site (read aloud by screen readers)
    default: bool = False
    section: str = "Figures"  # the heading it is listed under in the navigation

    @property
    def name(self) -> str:
        """The module's name, as tests open it (`app_pages/<name>.py`)."""
        return Path(self.script).stem

    @property
    def address(self) -> str:
        """The path the page is served at: the default page at the app's root."""
        return "" if self.default else self.url_path


PAGES = [
    PageEntry("app_pages/overview.py", "Overview", ":material/home:", "overview",
              "How many people are forcibly displaced? (forced displacement statistics)", default=True),
    PageEntry("app_pages/trends.py", "Trends", ":material/show_chart:", "trends", "Forced displacement trends"),
    PageEntry("app_pages/countries.py", "Countries", ":material/public:", "countries",
              "Where displaced people are hosted, and where they come from"),
    PageEntry("app_pages/flows.py", "Flows", ":material/swap_horiz:", "flows",
              "Where displaced people go: corridors from origin to asylum"),
    PageEntry("app_pages/internal.py", "Internal displacement", ":material/home_pin:", "internal",
              "Internal displacement (IDMC)"),
    PageEntry("app_pages/profile.py", "Country profile", ":material/flag:", "profile",
              "Forced displacement country profile", section="Countries"),
    PageEntry("app_pages/compare.py", "Compare", ":material/compare_arrows:", "compare",
              "Compare countries and regions: forced displacement over time", section="Countries"),
    PageEntry("app_pages/demographics.py", "Age and sex", ":material/groups:", "demographics",
              "Age and sex of forcibly displaced people", section="Countries"),
    PageEntry("app_pages/projections.py", "Projections", ":material/trending_up:", "projections",
              "Where is displacement heading? Projections (not official figures)", section="Outlook"),
    PageEntry("app_pages/returns.py", "Return after conflict", ":material/u_turn_left:", "returns",
              "Return after conflict: what history says, and return scenarios (not official figures)",
              section="Outlook"),
    PageEntry("app_pages/sources.py", "Sources and methods", ":material/menu_book:", "sources",
              "Sources and methods of the forced displacement dashboard", section="About"),
]
NAMES = [page.name for page in PAGES]


def streamlit_pages() -> dict[str, list]:
    """The pages under their section headings, in the order of PAGES (the sidebar lists every one, so all
    are in sight at 1024 px; on a phone Streamlit folds the sidebar behind its menu button)."""
    sections: dict[str, list] = {}
    for p in PAGES:
        sections.setdefault(p.section, []).append(
            st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path, default=p.default))
    return sections
