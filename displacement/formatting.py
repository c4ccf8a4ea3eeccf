"""How figures are written for reading: one place for every page, brief, download note and CLI sentence.
Missing is written as 'no data', never as 0."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

from displacement.text import N_, SOURCE_LANGUAGE, _, current_language, ngettext

if TYPE_CHECKING:
    import pandas as pd

MISSING = N_("no data")  # the message: what a reader sees is missing_text(), in their language


def missing(value) -> bool:
    """None, NaN, pd.NA or NaT. (pandas is imported here, not with the module: the server imports this
    module before it listens, and pandas then costs 0.5 s it can spend after.)"""
    import pandas as pd

    return value is None or pd.isna(value)


def missing_text() -> str:
    """'no data', in the viewer's language: a missing figure is never written as 0."""
    return _(MISSING)


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


# Arabic figures in Latin digits, as UNHCR's Arabic publications write them ("117.3 مليون").
NUMBERING = "latn"


def local_number(value: float, digits: int | None = None, *, grouping: bool = True, sign: bool = False) -> str:
    """A number with the viewer's separators: 119,254,738 (en), 119 254 738 (fr), 119.254.738 (es); `digits`
    decimals (None: as the value has them), thousands grouped or not, '+' shown on gains if `sign`. English
    keeps Python's own formatting, so its figures read exactly as before."""
    if current_language() == SOURCE_LANGUAGE:
        return format(value, ("+" if sign else "") + ("," if grouping else "")
                      + ("" if digits is None else f".{digits}f"))
    body = ("#,##0" if grouping else "0") + ("" if digits is None else ("." + "0" * digits if digits else ""))
    if digits is None:
        body += ".###"
    pattern = f"+{body};-{body}" if sign else body
    return format_decimal(value, format=pattern, locale=current_language(), numbering_system=NUMBERING)


def local_percent(value: float, digits: int = 0) -> str:
    """A share as a percentage in the viewer's style: 12.5% (en), 12,5 % (fr)."""
    if current_language() == SOURCE_LANGUAGE:
        return f"{value:.{digits}%}"
    pattern = _locale(current_language()).percent_formats[None].pattern  # '#,##0 %' in French
    if digits:
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    return format_percent(value, format=pattern, locale=current_language(), numbering_system=NUMBERING)


def chart_separators() -> str:
    """Plotly's `separators` (decimal, then thousands) for the viewer's language: hovers and axes match the text."""
    code = current_language()
    return (get_decimal_symbol(code, numbering_system=NUMBERING)
            + get_group_symbol(code, numbering_system=NUMBERING))


def exact(value) -> str:
    """A figure in full with thousands separators: 119,254,738."""
    return missing_text() if missing(value) else local_number(round(float(value)))


def millions(value, digits: int = 1) -> str:
    """117,312,345 -> '117.3 million'; figures under a million in full; missing stays visibly missing."""
    if missing(value):
        return missing_text()
    value = float(value)
    if abs(value) >= 1_000_000:
        return in_millions(value / 1_000_000, digits)
    return local_number(value, 0)


def in_millions(value_m: float, digits: int | None = None, **style) -> str:
    """A figure already in millions, with the word in the language's form for that number: 117.8 million;
    1,5 million but 2,5 millions in French; 1 millón but 2,5 millones in Spanish (CLDR's plural rules)."""
    return ngettext("{value} million", "{value} million", plural_count(value_m)).format(
        value=local_number(value_m, digits, **style))


def plural_count(value: float) -> int:
    """A whole number in the same plural category as `value` in the viewer's language: gettext's plural forms
    take whole numbers, CLDR's rules also place decimals (French 1.5 is 'one', Spanish 1.5 is 'other')."""
    locale = _locale(current_language())
    category = locale.plural_form(abs(value))
    return next((n for n in (1, 2, 0, 3, 11, 100, 1_000_000) if locale.plural_form(n) == category), 2)


def short_millions(value, digits: int = 1) -> str:
    """For narrow cards: '68.7 M'; the exact figure goes in the help text or on hover."""
    if missing(value):
        return missing_text()
    return _("{value} M").format(value=local_number(float(value) / 1_000_000, digits))  # M: the short form of million


# --- data is text: never markup, never a formula ----------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=])")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection: what a spreadsheet may run


def markdown_text(text) -> str:
    """Text from the data made inert for Streamlit's Markdown (a name holding '[x](url)', '**', ':red[..]')."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def quotation(text) -> str:
    """Text from the data as a Markdown block quotation, inert, one quoted paragraph per line."""
    return "\n>\n".join("> " + markdown_text(line) for line in str(text).splitlines() or [""])


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
    """A period in words: 'end-2025' (a stock at 31 December), 'mid-2025' (at 30 June); 'fin 2025' in
    French. For reading only: data keep their period as 'end-year' or 'mid-year'."""
    if str(period).startswith("mid"):
        return _("mid-{year}").format(year=int(year))
    return _("end-{year}").format(year=int(year))


def long_date(day: date) -> str:
    """'24 February 2022'; in another language its own long form of a date (CLDR): '24 février 2022'."""
    if current_language() == SOURCE_LANGUAGE:
        return f"{day.day} {day:%B %Y}"
    return format_date(day, "long", locale=current_language())


def stored_period_label(label: str | None) -> str:
    """A period as the data store it ('end-2025', 'mid-2025') in the viewer's words ('fin 2025'); anything
    else as it is."""
    kind, _sep, year = str(label or "").partition("-")
    return period_label(int(year), kind) if kind in ("end", "mid") and year.isdigit() else str(label or "")


def period_date(year: int, period: str) -> pd.Timestamp:
    """The date a stock refers to: 31 December for end-year, 30 June for mid-year."""
    import pandas as pd

    return pd.Timestamp(year=int(year), month=6 if str(period) == "mid-year" else 12,
                        day=30 if str(period) == "mid-year" else 31)


def according_to(parts: list[tuple[str, dict]]) -> str:
    """'according to <source> (<release>) and <source> (<release>), data retrieved 2026-06-25' from each
    source's name in words and its release manifest (release and retrieved_at), for the headline
    sentence of a page's share bar. Sources retrieved on different days each name their own day."""
    days = {str(manifest.retrieved_at or "")[:10] for __, manifest in parts}
    one_day = len(days) == 1
    named = []
    for name, manifest in parts:
        details = [str(manifest.release)] if manifest.release else []
        if not one_day and manifest.retrieved_at:
            details.append(_("data retrieved {day}").format(day=str(manifest.retrieved_at)[:10]))
        named.append(f"{name} ({', '.join(details)})" if details else name)
    sources = named[0] if len(named) == 1 else _("{names} and {last}").format(names=", ".join(named[:-1]),
                                                                              last=named[-1])
    day = next(iter(days)) if one_day else ""
    if day:
        return _("according to {sources}, data retrieved {day}").format(sources=sources, day=day)
    return _("according to {sources}").format(sources=sources)
