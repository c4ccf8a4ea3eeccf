"""The text layer: every word a user reads passes through here, so that a language is one message catalogue.

- `_("...")` translates a message where it is shown. A sentence with figures is one whole message with
  named placeholders, filled after translation: `_("{name} hosts {count} refugees").format(name=n, count=c)`,
  never fragments joined, so a translator can reorder it.
- `ngettext(singular, plural, n)` for a message whose form depends on a count.
- `N_("...")` marks a message kept in a constant (a title, a label, a glossary entry) for the catalogue and
  returns it untouched: the constant is translated where it is shown, with `_(CONSTANT)`, because constants
  are made once at import and the language is chosen per viewer.

The language is the viewer's (set once per run with `use_language`); the command line, the API and the
tests read English, the source language. Catalogues are gettext `.mo` files under `displacement/locale/`,
extracted and compiled with Babel (docs/languages.md); the template `displacement/locale/messages.pot`
lists every message, and tests/test_text_layer.py checks it is current and that no sentence bypasses it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

from babel.support import NullTranslations, Translations

SOURCE_LANGUAGE = "en"
# The languages offered, each named in itself (a reader looks for their own language's name).
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
RIGHT_TO_LEFT = {"ar"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
T = TypeVar("T")
_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=SOURCE_LANGUAGE)


@cache
def catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of a language; the source language (or one with no catalogue) reads as written."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], domain=DOMAIN)


def current_language() -> str:
    return _language.get()


def is_right_to_left(language: str) -> bool:
    return language in RIGHT_TO_LEFT


def use_language(language: str) -> None:
    """The language of the rest of this run (a Streamlit script run, a brief being written)."""
    _language.set(language)


@contextlib.contextmanager
def language(code: str) -> Iterator[None]:
    """Words in `code` inside the block, then back to the language before."""
    token = _language.set(code)
    try:
        yield
    finally:
        _language.reset(token)


def in_viewer_language(work: Callable[[], T]) -> Callable[[], T]:
    """`work` made to write its words in the language of the run that made it: a download's file is built
    when its button is clicked, on a server thread outside the page's run, which does not carry the language."""
    code = current_language()

    def worded() -> T:
        with language(code):
            return work()
    return worded


def _(message: str) -> str:
    return catalogue(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return catalogue(current_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    return message
