"""The message catalogues: every message of the template translated in every language, with the same
placeholders, and the compiled catalogue (.mo) the app reads made from the current .po."""

from __future__ import annotations

import re

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import REPO

from displacement import text

LOCALE = REPO / "displacement" / "locale"
TRANSLATED = [code for code in text.LANGUAGES if code != text.SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)(?:[:!][^}]*)?\}(?!\})")


def _template_ids() -> set:
    with (LOCALE / "messages.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def _catalogue(code: str, compiled: bool = False):
    folder = LOCALE / code / "LC_MESSAGES"
    with (folder / ("messages.mo" if compiled else "messages.po")).open("rb") as handle:
        return read_mo(handle) if compiled else read_po(handle, locale=code)


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


def _key(value):
    """A plural message's forms as a tuple (the .mo reader gives lists)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def _placeholders(message: str) -> set[str]:
    return set(PLACEHOLDER.findall(message))


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated(code):
    catalogue = _catalogue(code)
    missing = [m.id for m in catalogue if m.id and (m.fuzzy or not all(_forms(m.string)))]
    absent = _template_ids() - {m.id for m in catalogue if m.id}
    assert not absent, (f"{code}: {len(absent)} messages not in the catalogue (python -m displacement.catalogues), "
                        f"e.g. {list(absent)[:3]}")
    assert not missing, f"{code}: {len(missing)} messages untranslated or fuzzy, e.g. {missing[:3]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code):
    wrong = []
    for message in _catalogue(code):
        if not message.id:
            continue
        expected = set().union(*(_placeholders(i) for i in _forms(message.id)))
        for form in _forms(message.string):
            if form and _placeholders(form) != expected:
                wrong.append((message.id, form))
    assert not wrong, f"{code}: placeholders differ in {len(wrong)} messages, e.g. {wrong[:2]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_is_made_from_the_current_one(code):
    written = {_key(m.id): _key(m.string) for m in _catalogue(code) if m.id}
    compiled = {_key(m.id): _key(m.string) for m in _catalogue(code, compiled=True) if m.id}
    assert compiled == written, f"{code}: messages.mo is older than messages.po; compile (docs/languages.md)"


def test_a_translated_message_reads_in_its_language():
    with text.language("fr"):
        assert text._("Country profile") != "Country profile"
    assert text._("Country profile") == "Country profile"
