"""The view lives in the URL. Widgets bind to query parameters (Streamlit's bind="query-params",
key = parameter name); this module checks the raw parameters first, so a bad one is ignored with
a visible notice instead of silently. Nothing from the URL is ever rendered as HTML or Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

import streamlit as st

MAX_SHOWN = 40
# Parameters every page accepts (Streamlit's own and the app's frame).
GLOBAL_PARAMS = {"embed", "embed_options", "release"}


@dataclass(frozen=True)
class Param:
    """A URL parameter a page accepts: `accepts(value)` says whether one raw value is valid."""
    name: str
    accepts: Callable[[str], bool]
    expected: str  # words for the notice, e.g. "a year from 1951 to 2025"
    multiple: bool = False
    normalise: Callable[[str], str] = str


def choice(name: str, options: Iterable, expected: str | None = None, multiple: bool = False) -> Param:
    allowed = {str(o) for o in options}
    return Param(name, allowed.__contains__, expected or f"one of {', '.join(sorted(allowed))[:80]}", multiple)


def year(name: str, first: int, last: int) -> Param:
    def accepts(value: str) -> bool:
        return value.isdigit() and first <= int(value) <= last
    return Param(name, accepts, f"a year from {first} to {last}")


def country(name: str, codes: Iterable[str]) -> Param:
    allowed = set(codes)
    return Param(name, lambda v: v.strip().upper() in allowed, "an ISO3 country code such as UKR",
                 normalise=lambda v: v.strip().upper())


def safe_text(value: str) -> str:
    """A URL value made inert for Markdown: shortened, control characters dropped, specials escaped."""
    value = re.sub(r"[\x00-\x1f\x7f]", "", value)
    if len(value) > MAX_SHOWN:
        value = value[:MAX_SHOWN] + "…"
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])", r"\\\1", value)


def check_params(params: list[Param]) -> list[str]:
    """Drop invalid query parameters (the widget then uses its default) and return the notices."""
    by_name = {p.name: p for p in params}
    notices = []
    for name in list(st.query_params.keys()):
        values = st.query_params.get_all(name)
        param = by_name.get(name)
        if param is None:
            if name not in GLOBAL_PARAMS:
                notices.append(f"Ignored unknown link parameter “{safe_text(name)}”.")
                del st.query_params[name]
            continue
        notices.extend(_check_values(param, values))
    return notices


def _check_values(param: Param, values: list[str]) -> list[str]:
    if not param.multiple and len(values) > 1:
        values = values[-1:]
        st.query_params[param.name] = values[0]
    accepted = [v for v in values if param.accepts(v)]
    good = [param.normalise(v) for v in accepted]
    bad = [v for v in values if not param.accepts(v)]
    if good != accepted:
        _normalise_widget(param, good)
    if not bad:
        return []
    if not good:
        del st.query_params[param.name]
    shown = ", ".join(f"“{safe_text(v)}”" for v in bad[:3])
    return [f"Ignored link parameter “{param.name}” = {shown}: expected {param.expected}. "
            "Showing the default instead." if not good else
            f"Ignored part of link parameter “{param.name}”: {shown} (expected {param.expected})."]


def _normalise_widget(param: Param, good: list[str]) -> None:
    """e.g. ?iso3=ukr: set the bound widget's state to the normalised value before it renders."""
    st.session_state[param.name] = good if param.multiple else good[0]


def show_notices(notices: list[str]) -> None:
    for notice in notices:
        st.warning(notice, icon="⚠️")
