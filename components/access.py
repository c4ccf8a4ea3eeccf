"""Who may open the app, chosen by configuration (`access_mode` in secrets or $DISPLACEMENT_ACCESS_MODE):

- public   (default) anyone with the link;
- password a shared password kept in secrets as `access_password`, compared in constant time, with
           failed attempts rate-limited per client address, counted in this server process (so a reload
           or a new session does not reset them);
- oidc     sign-in through the OpenID Connect provider configured under [auth] (st.login).
An unknown mode, or oidc without [auth], fails closed with a message for the operator.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
from collections import defaultdict, deque

import streamlit as st

from components.settings import auth_configured, setting
from displacement.text import N_, _

MAX_FAILURES = 5
WINDOW_SECONDS = 300
# Viewers whose address the server cannot see share one counter: guessing is then limited for all
# of them together, and no reload or new session starts a fresh count.
UNSEEN = "address not visible"  # not text: a counter's key, never shown
TITLE = N_("Forced displacement statistics")

_failures: dict[str, deque] = defaultdict(deque)
_lock = threading.Lock()

# The server's own warm-up visits (components/warm_start.py) carry this process's random token in a header, so a
# gated dashboard is warmed behind its gate too; the token never leaves the process.
WARM_UP_HEADER = "X-Displacement-Warm-Up"
_WARM_UP_TOKEN = secrets.token_urlsafe(32)


def warm_up_headers() -> dict[str, str]:
    return {WARM_UP_HEADER: _WARM_UP_TOKEN}


def is_warm_up(headers) -> bool:
    given = str((headers or {}).get(WARM_UP_HEADER) or "")
    return bool(given) and hmac.compare_digest(given.encode(), _WARM_UP_TOKEN.encode())


def gate() -> bool:
    """True when the viewer may see the app; otherwise draws the sign-in and returns False."""
    mode = str(setting("access_mode", "public")).strip().lower()
    if mode == "public" or is_warm_up(getattr(st.context, "headers", None)):
        return True
    if mode == "password":
        return _password_gate()
    if mode == "oidc":
        return _oidc_gate()
    st.error(_("This dashboard's access mode is misconfigured (access_mode must be public, password or oidc). "
               "Ask the person who runs it to check the configuration."))
    return False


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of fixed-length digests, so timing reveals nothing about the secret."""
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())


def seconds_until_allowed(client: str, now: float | None = None) -> float:
    now = time.monotonic() if now is None else now
    with _lock:
        attempts = _recent(client, now)
        return 0.0 if len(attempts) < MAX_FAILURES else WINDOW_SECONDS - (now - attempts[0])


def record_failure(client: str, now: float | None = None) -> None:
    now = time.monotonic() if now is None else now
    with _lock:
        _recent(client, now).append(now)
        for other in [c for c, attempts in _failures.items() if not attempts]:
            del _failures[other]  # keep the table to the clients guessing now


def _recent(client: str, now: float) -> deque:
    attempts = _failures[client]
    while attempts and now - attempts[0] > WINDOW_SECONDS:
        attempts.popleft()
    return attempts


def client_key(peer: str | None, headers, proxy_header: str | None) -> str:
    """Whom a failed attempt counts against: the peer's address when Streamlit sees a remote one; behind
    a reverse proxy on this host (peer local, so Streamlit reports none) the address the proxy puts in
    `proxy_header` (e.g. X-Real-IP), trusted only when configured; else everyone without a visible
    address together (UNSEEN)."""
    if peer:
        return peer
    if proxy_header:
        forwarded = str(headers.get(proxy_header) or "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return UNSEEN


def _client_id() -> str:
    peer = getattr(st.context, "ip_address", None)
    headers = getattr(st.context, "headers", None) or {}
    return client_key(peer if isinstance(peer, str) and peer else None, headers,
                      setting("client_ip_header") or None)


def _password_gate() -> bool:
    if st.session_state.get("access_granted"):
        return True
    expected = setting("access_password")
    if not expected:
        st.error(_("Password access is configured but no password is set (access_password in secrets)."))
        return False
    st.title(_(TITLE))
    client = _client_id()
    with st.form("sign-in"):
        given = st.text_input(_("Password"), type="password")
        submitted = st.form_submit_button(_("Open the dashboard"))
    wait = seconds_until_allowed(client)
    if wait > 0:
        st.error(_("Too many wrong passwords. Try again in {seconds} seconds.").format(seconds=int(wait) + 1))
        return False
    if submitted:
        if password_matches(given, str(expected)):
            st.session_state["access_granted"] = True
            st.rerun()
        record_failure(client)
        st.error(_("That password is not right."))
    return False


def _oidc_gate() -> bool:
    if not auth_configured():
        st.error(_("Sign-in is configured (access_mode = oidc) but no identity provider is set up: add an [auth] "
                   "section to the app's secrets (see docs/deployment.md)."))
        return False
    if getattr(st.user, "is_logged_in", False):
        who = st.user.get("email") or st.user.get("name")
        st.sidebar.caption(_("Signed in as {who}").format(who=who) if who else _("Signed in as you"))
        st.sidebar.button(_("Log out"), on_click=st.logout)
        return True
    st.title(_(TITLE))
    st.write(_("Sign in with your organisation's account to open the dashboard."))
    st.button(_("Sign in"), on_click=st.login, type="primary")
    return False
