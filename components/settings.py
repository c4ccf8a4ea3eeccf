"""Deployment settings: Streamlit secrets first, then environment variables. Secrets are read
here and nowhere else, and their values are never shown or logged."""

from __future__ import annotations

import os

import streamlit as st

ENV_PREFIX = "DISPLACEMENT_"


def setting(name: str, default=None):
    """`name` from st.secrets (top level), else $DISPLACEMENT_<NAME>, else the default."""
    try:
        if name in st.secrets:
            return st.secrets[name]
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        pass  # no secrets.toml: a plain local run
    return os.environ.get(ENV_PREFIX + name.upper(), default)


def flag(name: str, default: bool = False) -> bool:
    value = setting(name, default)
    return value is True or str(value).strip().lower() in {"1", "true", "yes", "on"}


def auth_configured() -> bool:
    """True when an OpenID Connect provider is configured for st.login ([auth] in secrets)."""
    try:
        auth = st.secrets.get("auth", {})
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False
    return bool(auth.get("client_id") or any(isinstance(v, dict) and v.get("client_id") for v in auth.values()))


def read_only() -> bool:
    """Viewers cannot trigger refreshes; refreshes come from the command line or a scheduled job."""
    return flag("read_only")
