"""The view lives in the URL. Numeric widgets bind to query parameters (Streamlit's
bind="query-params", key = parameter name); widgets that show words for codes use `coded_select` and
`coded_multiselect`, which keep the codes in the link. `check_params` looks at the raw parameters first,
so a bad one is ignored with a visible notice, not silently. Nothing from the URL is ever rendered as
HTML or Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from displacement.formatting import markdown_text
from displacement.text import _

if TYPE_CHECKING:  # the lookup's module loads pandas, which the server need not import before it listens
    from displacement.figures.country_lookup import CountryLookup

MAX_SHOWN = 40
PAGE_PARAMS = "_page_params"  # session key: the parameters the current page declared
LAST_COUNTRY = "_last_country"  # session key: the country chosen last, on any page
# Parameters every page accepts (Streamlit's own and the app's frame).
GLOBAL_PARAMS = {"embed", "embed_options", "release", "lang"}


@dataclass(frozen=True)
class Param:
    """A URL parameter a page accepts: `accepts(value)` says whether one raw value is valid."""
    name: str
    accepts: Callable[[str], bool]
    expected: str  # words for the notice, in the viewer's language, e.g. "a year from 1951 to 2025"
    multiple: bool = False
    normalise: Callable[[str], str] = str
    suggest: Callable[[str], str | None] | None = None  # a "did you mean …?" sentence for a near miss


def choice(name: str, options: Iterable, expected: str | None = None, multiple: bool = False) -> Param:
    shown = [str(o) for o in options]  # in the page's own order (5, 10, 15, not 10, 15, 5)
    allowed = set(shown)
    return Param(name, allowed.__contains__, expected or _("one of {options}").format(options=", ".join(shown)[:80]),
                 multiple)


def year(name: str, first: int, last: int) -> Param:
    def accepts(value: str) -> bool:
        return value.isdigit() and first <= int(value) <= last
    return Param(name, accepts, _("a year from {first} to {last}").format(first=first, last=last))


def country(name: str, codes: Iterable[str], lookup: CountryLookup) -> Param:
    """A country in the link: an ISO3 or UNHCR code in any case, or a name (the one resolver, also the CLI's)."""
    allowed = set(codes)

    def suggest(value: str) -> str | None:
        near = lookup.suggestion(value, allowed)
        # The link's Markdown is part of the message: a translation keeps [..](..) around the name.
        return near and _("Did you mean [{country} ({code})](?{param}={code})?").format(
            country=markdown_text(lookup.names.get(near, near)), code=near, param=name)
    return Param(name, lambda v: lookup.resolve(v, allowed) is not None,
                 _("a country's ISO3 code or name, such as SDN"),
                 normalise=lambda v: lookup.resolve(v, allowed) or v, suggest=suggest)


def country_select(widget, label: str, codes: list[str], *, param: str, default: str, lookup: CountryLookup,
                   **kwargs) -> str:
    """A country picker kept in the link that reads names and codes alike, and opens on the country chosen
    last in this session (written into the link, so a shared link still names it) when the link names none."""
    remembered = st.session_state.get(LAST_COUNTRY)
    if param not in st.query_params and remembered in codes and remembered != default:
        st.query_params[param] = remembered
    allowed = set(codes)
    value = coded_select(widget, label, codes, param=param, default=default,
                         normalise=lambda v: lookup.resolve(v, allowed) or v, **kwargs)
    st.session_state[LAST_COUNTRY] = value
    return value


def safe_text(value: str) -> str:
    """A URL value made inert for Markdown: shortened, control characters dropped, specials escaped."""
    value = re.sub(r"[\x00-\x1f\x7f]", "", value)
    if len(value) > MAX_SHOWN:
        value = value[:MAX_SHOWN] + "…"
    return markdown_text(value)


def check_params(params: list[Param]) -> list[str]:
    """Notices for query parameters a page will ignore. Only unknown parameters are removed here:
    a known one belongs to a widget, which drops a bad value itself (bound widgets) or falls back to
    its default (`coded_select`), and Streamlit forbids touching a bound widget's parameter."""
    by_name = {p.name: p for p in params}
    st.session_state[PAGE_PARAMS] = params
    notices = []
    for name in list(st.query_params.keys()):
        param = by_name.get(name)
        if param is None:
            if name not in GLOBAL_PARAMS:
                notices.append(_("Ignored unknown link parameter “{name}”.").format(name=safe_text(name)))
                del st.query_params[name]
            continue
        notices.extend(value_notices(param, st.query_params.get_all(name)))
    return notices


def value_notices(param: Param, values: list[str]) -> list[str]:
    """Notices for the values of one parameter that are ignored (repeated, or not what it accepts)."""
    notices = []
    if not param.multiple and len(values) > 1:
        notices.append(_("Link parameter “{name}” appears {count} times: only the last value, “{value}”, is used.")
                       .format(name=param.name, count=len(values), value=safe_text(values[-1])))
        values = values[-1:]
    bad = [v for v in values if not param.accepts(v)]
    if not bad:
        return notices
    shown = ", ".join(f"“{safe_text(v)}”" for v in bad[:3])
    if len(bad) == len(values):
        hint = param.suggest(bad[-1]) if param.suggest else None
        ignored = _("Ignored link parameter “{name}” = {values}: expected {expected}.").format(
            name=param.name, values=shown, expected=param.expected)
        return [*notices, f"{ignored} {hint or _('Showing the default instead.')}"]  # two sentences
    return [*notices, _("Ignored part of link parameter “{name}”: {values} (expected {expected}).").format(
        name=param.name, values=shown, expected=param.expected)]


def _to_url(key: str, param: str, default) -> None:
    keep_in_link(param, st.session_state[key], default)


def keep_in_link(param: str, value, default) -> None:
    """The link's parameter set to the value chosen, or removed when it is the default."""
    if value == default or value is None or value == []:
        st.query_params.pop(param, None)  # a clean link when the view is the default one
    else:
        st.query_params[param] = value


def coded_select(widget, label: str, options: list, *, param: str, default, format_func=str,
                 normalise: Callable[[str], str] = str, **kwargs):
    """A selectbox/radio/segmented control that shows words but keeps the option's code in the URL
    (?iso3=SDN, not the country's name): Streamlit's bind="query-params" would store the words."""
    raw = st.query_params.get(param)
    wanted = normalise(raw) if raw else default
    value = next((o for o in options if str(o) == str(wanted)), default)
    if raw is not None and raw != str(value):
        keep_in_link(param, value, default)  # ?iso3=ukr becomes ?iso3=UKR; a bad value leaves the link
    key = f"url-{param}"
    st.session_state[key] = value
    widget(label, options, key=key, format_func=format_func, on_change=_to_url, args=(key, param, default),
           **kwargs)
    return value


def coded_multiselect(label: str, options: list, *, param: str, default: list, format_func=str,
                      widget=st.multiselect, **kwargs) -> list:
    """A multiselect (or multi-choice pills) whose choice lives in the URL as repeated codes
    (?types=refugees&types=oip)."""
    raw = st.query_params.get_all(param)
    chosen = [o for o in options if str(o) in raw] if raw else list(default)
    if raw and [str(o) for o in chosen] != raw:
        keep_in_link(param, chosen, list(default))  # drop what was ignored from the link
    key = f"url-{param}"
    st.session_state[key] = chosen or list(default)
    widget(label, options, key=key, format_func=format_func, on_change=_to_url, args=(key, param, list(default)),
           **kwargs)
    return st.session_state[key]


def show_notices(notices: list[str]) -> None:
    for notice in notices:
        st.warning(notice, icon="⚠️")
