"""The Sources page's words and tables as plain functions (displacement/methods.py): the glossary in reading
order, the notes on method, the reproduction table's columns, the freshness table and each source's facts."""

from __future__ import annotations

import pandas as pd

from displacement import methods
from displacement.figures.country import RECOGNITION_RATE_DEFINITION
from displacement.formatting import markdown_text
from displacement.sources import SOURCES
from displacement.storage.manifest import Manifest
from displacement.vocabulary import GLOSSARY


def test_the_glossary_defines_every_entry_headline_first():
    entries = methods.glossary()
    assert len(entries) == len(GLOSSARY)
    assert entries[0][0].startswith("Forcibly displaced (UNHCR's basis")
    assert ("Resettlement", GLOSSARY["resettlement"]) in entries


def test_the_glossary_markdown_escapes_its_terms():
    first = methods.glossary_markdown().splitlines()[0]
    assert first.startswith("- **Forcibly displaced \\(UNHCR's basis")


def test_the_recognition_note_holds_the_definition():
    notes = methods.method_notes()
    assert len(notes) == len(methods.METHOD_NOTES) and all(note.startswith("- **") for note in notes)
    assert "- **Recognition rate.** " + RECOGNITION_RATE_DEFINITION in notes


def test_the_reproduction_columns_pin_the_period_and_format_the_numbers():
    columns = methods.reproduction_columns()
    assert list(columns) == list(methods.REPRODUCTION_COLUMNS)
    assert columns["period"] == {"label": "Period", "pinned": True}
    assert columns["published_m"] == {"label": "Published by UNHCR (million)", "format": "%.1f"}
    assert "Gaza overlap" in columns["unhcr_basis_as_released"]["help"]


def test_coverage_names_the_years_and_the_latest_period():
    assert methods.coverage_text(Manifest(first_year=1951, latest_year=2025)) == "1951 to 2025"
    assert methods.coverage_text(Manifest(first_year=1951, latest_year=2025, latest_period="mid-2025")) == (
        "1951 to 2025 (latest period mid-2025)")
    assert methods.coverage_text(Manifest()) == "not stated"
    notes = pd.DataFrame({"year_text": ["2019-2024", "2021"]})
    assert methods.coverage_text(Manifest(), notes) == "2019 to 2024"


def test_freshness_reads_the_verdicts_key_and_age():
    assert methods.freshness_words("fresh (3 days)", 3) == "fresh (3 days)"
    assert methods.freshness_words("stale (400 days; a newer release is likely out)", 400.0) == (
        "stale (400 days; a newer release is likely out)")
    assert methods.freshness_words("missing", None) == "missing"
    assert methods.origin_words("snapshot") == "bundled snapshot"


def _status(**overrides) -> dict:
    return {"id": "unrwa", "publisher": "UNRWA", "latest_period": None, "retrieved_at": "2026-06-25T10:00:00+00:00",
            "from": "store", "freshness": "fresh (2 days)", "age_days": 2} | overrides


def test_the_freshness_table_shows_titles_origins_and_unstated_periods():
    table = methods.freshness_table(pd.DataFrame([_status()]), {"unrwa": "UNRWA figures"})
    assert list(table.columns) == ["Source", "Id", "Publisher", "Latest period", "Retrieved", "Read from", "Freshness"]
    assert table.iloc[0].tolist() == ["UNRWA figures", "unrwa", "UNRWA", "not stated", "2026-06-25",
                                      "refreshed store", "fresh (2 days)"]


def test_a_sources_facts_name_its_licence_retrieval_and_file():
    source = next(s for s in SOURCES if s.id == "unrwa")
    manifest = Manifest(release="2025", retrieved_at="2026-06-25T10:00:00+00:00", file="unrwa.csv")
    facts = methods.source_facts(source, manifest, pd.Series(_status()), "2019 to 2024").splitlines()
    assert facts[0].startswith(f"- **Licence:** [{markdown_text(source.licence)}](")
    assert "- **Coverage:** 2019 to 2024" in facts
    assert "- **Retrieved:** 2026\\-06\\-25, read from the refreshed store (file unrwa\\.csv)" in facts
    no_release = methods.source_facts(source, Manifest(), pd.Series(_status()), "not stated").splitlines()
    assert "- **Release:** not reported by the source" in no_release
    assert "- **Retrieved:** unknown, read from the refreshed store" in no_release


def test_caveats_are_a_titled_list():
    assert methods.caveats_markdown(("Back years are revised.",)) == "**Caveats**\n- Back years are revised\\."
