"""The dashboard in French, Spanish and Arabic: chosen by the link, kept in the share link, every page opens in
every language, figures written the language's way, Arabic right to left, and an unknown language ignored
with a notice."""

from __future__ import annotations

import io

import pytest
from pages import SHARE, run_page, texts
from pypdf import PdfReader

from components import navigation
from displacement import formatting, text
from displacement.figures import headline
from displacement.outputs import brief
from displacement.storage.datasets import headline_totals, open_datasets

TRANSLATED = [code for code in text.LANGUAGES if code != text.SOURCE_LANGUAGE]


def _in(code: str, message: str) -> str:
    with text.language(code):
        return text._(message)


def _shown(at) -> list[str]:
    """Every heading, paragraph, notice and widget label on the page."""
    values = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning")
              for e in getattr(at, kind)]
    labels = [e.label for kind in ("metric", "selectbox", "button", "tabs", "expander", "radio", "multiselect",
                                   "toggle") for e in getattr(at, kind)]
    return [str(t) for t in values + labels if t]


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("page", navigation.NAMES)
def test_every_page_opens_in_every_language_with_no_english_message_left(page, code):
    """A text shown whole as an English message the catalogue translates is English left behind."""
    at = run_page(page, lang=code)
    english = [shown for shown in _shown(at) if _in(code, shown) != shown]
    assert not english, english[:5]


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_overview_reads_in_the_language_of_the_link(code):
    at = run_page("overview", lang=code)
    assert at.title[0].value == _in(code, headline.TITLE) != headline.TITLE
    assert at.sidebar.selectbox(key="url-lang").value == code


def test_french_figures_use_french_separators():
    at = run_page("overview", lang="fr")
    with text.language("fr"):
        expected = formatting.millions(117_830_238)
    assert expected == "117,8 millions"
    assert expected in texts(at)


def test_the_share_link_keeps_the_language():
    at = run_page("overview", lang="es")
    [box] = [b for b in at.get("popover") if b.proto.popover.label == _in("es", SHARE)]
    assert "lang=es" in box.code[0].value


def test_arabic_turns_the_page_right_to_left():
    at = run_page("overview", lang="ar")
    assert any("direction: rtl" in element.proto.body for element in at.get("html"))
    assert not any("direction: rtl" in element.proto.body for element in run_page("overview").get("html"))


def test_an_unknown_language_is_ignored_with_a_notice_and_the_page_stays_english():
    at = run_page("overview", lang="xx<script>")
    assert any("“lang”" in w.value and "xx\\<script\\>" in w.value for w in at.warning)
    assert at.title[0].value == headline.TITLE


def _world_brief_pdf(code: str) -> bytes:
    """The overview's brief (its sentence, key figures and notes, from the same plain functions) in `code`."""
    data = open_datasets()
    with text.language(code):
        latest = headline_totals(data).iloc[-1]
        cited = formatting.according_to([(text._(headline.SOURCE_WORDS), data.manifest("population"))])
        world = brief.Brief(title=text._(headline.TITLE), headline=headline.citation_sentence(latest, cited),
                            figures=headline.key_figures(latest), sources=brief.sources_for(data, ["population"]),
                            view_url=f"https://dashboard.example.org/?lang={code}", accessed="2026-12-02",
                            notes=[headline.overlap_sentence(latest)])
        return brief.build_pdf(world, None)


def test_an_arabic_brief_is_one_page_of_arabic_text():
    reader = PdfReader(io.BytesIO(_world_brief_pdf("ar")))
    page_text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert sum("\u0600" <= ch <= "\u06ff" for ch in page_text) > 100  # Arabic letters, not empty boxes
    assert "117.8" in page_text  # the figure, its digits in order


def test_a_french_brief_writes_figures_the_french_way():
    page_text = PdfReader(io.BytesIO(_world_brief_pdf("fr"))).pages[0].extract_text()
    assert "117,8" in page_text and "117.8" not in page_text


@pytest.mark.parametrize("page, param, value", [("trends", "measure", "change"), ("trends", "scale", "log"),
                                                ("flows", "direction", "asylum")])
def test_a_links_choices_are_codes_that_work_in_every_language(page, param, value):
    """Choices shown in words keep their English code in the link, so a link made in one language opens
    the same view in another."""
    at = run_page(page, lang="fr", **{param: value})
    assert at.segmented_control(key=f"url-{param}").value == value
    assert at.query_params[param] in (value, [value])


@pytest.mark.parametrize("code, one, many", [("fr", "1,5 million", "2,5 millions"), ("es", "1 millón", "2,5 millones"),
                                             ("en", "1.5 million", "2.5 million")])
def test_millions_take_the_plural_the_language_gives_the_number(code, one, many):
    with text.language(code):
        assert formatting.millions(1_500_000 if code != "es" else 1_000_000, 1 if code != "es" else 0) == one
        assert formatting.millions(2_500_000) == many
