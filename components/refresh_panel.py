"""The 'update the data' panel: a refresh button with progress and per-source results, shown only
when the app is not configured read-only.

Read-only: environment variable DISPLACEMENT_READ_ONLY=1 (or true/yes), or `read_only = true` in
Streamlit secrets. The IDMC key may come from secrets (`idmc_client_id`); it is passed to the refresh
and never displayed (every message shown passes through displacement.ingest.http.redact).
"""

from __future__ import annotations

import os

import streamlit as st

from displacement import config
from displacement.formatting import markdown_text as plain
from displacement.ingest import refresh as refresh_module
from displacement.ingest.http import redact
from displacement.sources import SOURCES_BY_ID
from displacement.text import _, ngettext

READ_ONLY_ENV = "DISPLACEMENT_READ_ONLY"
RESULTS_KEY = "refresh-results"
TRUE_WORDS = {"1", "true", "yes", "on"}


def secret(name: str):
    """A Streamlit secret, or None when there is no secrets file or no such key."""
    try:
        from streamlit.errors import StreamlitSecretNotFoundError
    except ImportError:  # older Streamlit
        StreamlitSecretNotFoundError = FileNotFoundError
    try:
        return st.secrets.get(name)
    except (FileNotFoundError, StreamlitSecretNotFoundError, KeyError):
        return None


def read_only() -> bool:
    if os.environ.get(READ_ONLY_ENV, "").strip().lower() in TRUE_WORDS:
        return True
    value = secret("read_only")
    return value is True or str(value).strip().lower() in TRUE_WORDS


def idmc_client_id() -> str | None:
    """From Streamlit secrets, else the environment (DISPLACEMENT_IDMC_CLIENT_ID), else None."""
    value = secret("idmc_client_id")
    return config.idmc_client_id(str(value) if value else None)


def _shown(text: str, client_id: str | None) -> str:
    return plain(redact(str(text), client_id))


def refresh_panel() -> None:
    st.subheader(_("Update the data"))
    if read_only():
        st.info(_("This copy of the dashboard is read-only: its maintainers update the data. The figures above say "
                  "which release each page reads and when it was retrieved."), icon=":material/lock:")
        st.button(_("Refresh the data now"), key="refresh-button", disabled=True,
                  help=_("Disabled: the app is configured read-only."))
        return
    client_id = idmc_client_id()
    ids = refresh_module.default_source_ids(client_id, None)
    names = ", ".join(ids)
    st.markdown(_(
        "Fetches the latest release of each source from its API ({sources}) and keeps it beside the bundled "
        "snapshot. Each source succeeds or fails on its own; a failed or incomplete source keeps its previous data. "
        "It can take a few minutes.").format(sources=plain(names)))
    by_hand = [SOURCES_BY_ID[s].title for s in SOURCES_BY_ID if s not in ids and not SOURCES_BY_ID[s].live]
    if by_hand:
        st.caption(_("Not refreshed from here (no API; maintainers update them with `python -m displacement refresh "
                     "--from-dir`): {sources}.").format(sources=plain(", ".join(by_hand))))
    if "idmc-gidd" not in ids:
        st.caption(_("IDMC's GIDD is not refreshed: no IDMC client_id is configured (environment variable or "
                     "Streamlit secrets). The conflict-IDP figure in the headline still refreshes through UNHCR."))
    if st.button(_("Refresh the data now"), key="refresh-button", type="primary", icon=":material/sync:"):
        _run(client_id)
    _show_results()


def _run(client_id: str | None) -> None:
    bar = st.progress(0.0, text=_("Starting…"))

    def progress(fraction: float, message: str) -> None:
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=_shown(message, client_id))

    outcomes = refresh_module.refresh(progress=progress, client_id=client_id)
    st.cache_data.clear()  # pages read the new releases on their next run
    bar.progress(1.0, text=_("Done."))
    st.session_state[RESULTS_KEY] = [
        {"source_id": o.source_id, "ok": o.ok, "message": redact(o.message, client_id), "release": o.release}
        for o in outcomes]
    st.rerun()  # redraw the page (freshness, coverage) from the new releases


def _show_results() -> None:
    results = st.session_state.get(RESULTS_KEY)
    if not results:
        return
    good = sum(r["ok"] for r in results)
    st.markdown("**" + ngettext("Last refresh: {updated} of {count} source updated.",
                                "Last refresh: {updated} of {count} sources updated.",
                                len(results)).format(updated=good, count=len(results)) + "**")
    for result in results:
        source = SOURCES_BY_ID.get(result["source_id"])
        title = source.title if source else result["source_id"]
        if result["ok"]:
            st.success(_("{source}: updated, {message} (release {release}).").format(
                source=plain(title), message=plain(result["message"]), release=plain(result["release"])),
                icon=":material/check_circle:")
        else:
            st.error(_("{source}: not updated: {message}. The previous data were kept.").format(
                source=plain(title), message=plain(result["message"])), icon=":material/error:")
