"""What every page does first: open the data release the link asks for (the current one, or an earlier
one the store still holds), then check the link's parameters against that release, and hand the page
everything it reads from the data in one record (`View`): pages read the data only through it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components import data as loaders
from components import url_state
from displacement.figures.country_lookup import CountryLookup
from displacement.storage import releases
from displacement.storage.datasets import Datasets
from displacement.text import N_, _

RELEASE_ID = re.compile(r"^[0-9a-f]{10}$")
SECTION = "section"  # the link's parameter that names the open tab (?section=Decisions), in English
# The headings of the release comparison's tables: displacement.storage.releases names its columns in English
# (the keys), the page shows them in the viewer's language.
CHANGE_HEADINGS = {"source": N_("source"), "link's release": N_("link's release"),  # not text: the keys
                   "current release": N_("current release"), "year": N_("year"), "figure": N_("figure"),  # not text
                   "in the link's release": N_("in the link's release"), "now": N_("now")}  # not text


@dataclass(frozen=True)
class View:
    """The release a page shows and what its parameters were checked against."""
    data: Datasets
    release: str  # the id of the release set shown (current or linked)
    names: dict[str, str]  # one name per country code (UNHCR's country list)
    first: int  # the years the headline table covers
    last: int

    def table(self, source_id: str, name: str):
        return loaders.table(self.data, source_id, name)

    def years_of(self, source_id: str, name: str) -> tuple[int, int]:
        years = self.table(source_id, name)["year"]
        return int(years.min()), int(years.max())

    def totals(self):
        """The headline table (displacement.storage.datasets.headline_totals) of the release shown."""
        return loaders.totals(self.data)

    def data_as_of(self, source_ids: list[str]) -> str:
        return loaders.data_as_of(self.data, source_ids)

    @property
    def lookup(self) -> CountryLookup:
        """The one country resolver: what a link or the CLI may name a country by."""
        return loaders.country_lookup(self.data)


Params = list[url_state.Param] | Callable[[View], list[url_state.Param]]


def start(title: str, params: Params = (), intro: str | None = None) -> View:
    """Title, the release shown, the link's parameters checked against it (notices for what is ignored)."""
    st.title(title)
    if intro:
        st.caption(intro)
    data = loaders.datasets()
    current = loaders.release_id(data)
    linked = st.query_params.get("release")
    if linked and linked != current:
        data = _linked_release(linked, data, current)
    elif not linked:
        st.query_params["release"] = current  # the address bar's link records the release too
    shown = releases.release_id(releases.release_set(data))
    st.session_state["release_shown"] = shown
    totals = loaders.totals(data)
    view = View(data, shown, loaders.country_names(data), int(totals["year"].min()), int(totals["year"].max()))
    url_state.show_notices(url_state.check_params(params(view) if callable(params) else list(params)))
    return view


def _linked_release(linked: str, current_data: Datasets, current: str) -> Datasets:
    if not RELEASE_ID.match(linked):
        url_state.show_notices([_("Ignored link parameter “release” = “{value}”: expected a data release id such as "
                                  "1a2b3c4d5e. Showing the current data.").format(value=url_state.safe_text(linked))])
        st.query_params["release"] = current
        return current_data
    old = releases.resolve(linked)
    if old is None:
        st.info(_("This link was made with data release {linked}, which this app no longer holds. "
                  "Showing the current release, {current}.").format(linked=linked, current=current),
                icon=":material/history:")
        return current_data
    st.info(_("This link was made with data release {linked}; the app now holds a newer release, {current}.").format(
        linked=linked, current=current), icon=":material/history:")
    with st.expander(_("What changed since this link was made")):
        st.dataframe(_headed(releases.changed_sources(old, current_data)), hide_index=True)
        st.dataframe(_headed(releases.changed_headline(old, current_data)), hide_index=True)
    if st.toggle(_("Show the figures as they were in the link's release"), key="as_linked"):
        st.warning(_("You are looking at an earlier data release ({linked}), not the current figures.").format(
            linked=linked), icon=":material/history:")
        return old
    return current_data


def _headed(table):
    return table.rename(columns=lambda column: _(CHANGE_HEADINGS[column]) if column in CHANGE_HEADINGS else column)


def sections(names: list[str], draw) -> list:
    """Tabs whose choice lives in the link (?section=<name>); only the open one is built, by
    draw(name), which returns the figures it drew. A page of many charts then redraws one section on
    a widget change, not all of them. `names` are the English messages (marked with N_): the tabs show
    them in the viewer's language, the link and draw() keep the English name."""
    labels = [_(name) for name in names]
    if labels == names:  # Streamlit writes a bound tab's label itself into the link: here the English name
        tabs = st.tabs(names, key=SECTION, bind="query-params")
    else:
        tabs = _translated_tabs(names, labels)
    for name, tab in zip(names, tabs):
        if tab.open:
            with tab:
                return draw(name)
    return []


def _translated_tabs(names: list[str], labels: list[str]) -> list:
    """Tabs in another language, kept in the link by hand: a bound tab would write its translated label."""
    linked = st.query_params.get(SECTION)
    if linked is not None and linked not in names:
        del st.query_params[SECTION]  # as a bound tab drops a value it does not know (check_params said so)
    key = f"{SECTION}-tab"
    st.session_state[key] = labels[names.index(linked)] if linked in names else labels[0]  # the link decides
    by_label = dict(zip(labels, names))
    return st.tabs(labels, key=key, on_change=_section_to_link, args=(key, by_label, names[0]))


def _section_to_link(key: str, by_label: dict[str, str], first: str) -> None:
    url_state.keep_in_link(SECTION, by_label[st.session_state[key]], first)
