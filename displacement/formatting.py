"""How figures are written for reading: one place for every page, brief, download note and CLI sentence.
Missing is written as 'no data', never as 0."""

from __future__ import annotations

import re

import pandas as pd

MISSING = "no data"


def missing(value) -> bool:
    return value is None or pd.isna(value)


def exact(value) -> str:
    """A figure in full with thousands separators: 119,254,738."""
    return MISSING if missing(value) else f"{round(float(value)):,}"


def millions(value, digits: int = 1) -> str:
    """117,312,345 -> '117.3 million'; figures under a million in full; missing stays visibly missing."""
    if missing(value):
        return MISSING
    value = float(value)
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.{digits}f} million"
    return f"{value:,.0f}"


def short_millions(value, digits: int = 1) -> str:
    """For narrow cards: '68.7 M'; the exact figure goes in the help text or on hover."""
    return MISSING if missing(value) else f"{float(value) / 1_000_000:,.{digits}f} M"


# --- data is text: never markup, never a formula ----------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=])")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection: what a spreadsheet may run


def markdown_text(text) -> str:
    """Text from the data made inert for Streamlit's Markdown (a name holding '[x](url)', '**', ':red[..]')."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def chart_text(text) -> str:
    """Text from the data made inert for Plotly, which renders a subset of HTML in labels, hovers and titles."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def csv_cell(value):
    """A text cell a spreadsheet would read as a formula gets a leading apostrophe (OWASP's rule); numbers and
    missing values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# --- periods and citations ----------------------------------------------------------------------------

def sentence_case(text: str) -> str:
    """The first letter upper-case, the rest as written ('refugees + OIP' -> 'Refugees + OIP')."""
    return text[:1].upper() + text[1:]


def period_label(year: int, period: str) -> str:
    return f"{str(period).split('-')[0]}-{int(year)}"


def period_date(year: int, period: str) -> pd.Timestamp:
    """The date a stock refers to: 31 December for end-year, 30 June for mid-year."""
    return pd.Timestamp(year=int(year), month=6 if str(period) == "mid-year" else 12,
                        day=30 if str(period) == "mid-year" else 31)


def according_to(parts: list[tuple[str, dict]]) -> str:
    """'according to <source> (<release>) and <source> (<release>), data retrieved 2026-06-25' from each
    source's name in words and its release manifest (release and retrieved_at), for the headline
    sentence of a page's share bar. Sources retrieved on different days each name their own day."""
    days = {str(manifest.get("retrieved_at") or "")[:10] for _, manifest in parts}
    one_day = len(days) == 1
    named = []
    for name, manifest in parts:
        details = [str(manifest["release"])] if manifest.get("release") else []
        if not one_day and manifest.get("retrieved_at"):
            details.append(f"data retrieved {str(manifest['retrieved_at'])[:10]}")
        named.append(f"{name} ({', '.join(details)})" if details else name)
    text = "according to " + (", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0])
    day = next(iter(days)) if one_day else ""
    return text + (f", data retrieved {day}" if day else "")
