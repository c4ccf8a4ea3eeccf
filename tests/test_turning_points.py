"""The curated turning points (data/context/turning_points.toml): well formed, sourced, enough of them."""

from __future__ import annotations

from datetime import date

import pytest

from displacement.storage.datasets import country_names, open_datasets
from displacement.turning_points import (
    TURNING_POINTS_FILE,
    TurningPointError,
    load_turning_points,
    parse_turning_point,
)


@pytest.fixture(scope="module")
def known_iso3() -> set[str]:
    return set(country_names(open_datasets()))


def test_the_file_holds_at_least_twelve_sourced_turning_points_with_known_origins(known_iso3):
    points = load_turning_points(known_iso3=known_iso3)
    assert len(points) >= 12
    for point in points:
        assert isinstance(point.date, date) and 1950 < point.date.year <= date.today().year
        assert point.citation and point.url.startswith("https://")
        assert point.origins and all(code in known_iso3 for code in point.origins)
        assert "\n" not in point.description


def test_they_span_decades_and_regions():
    points = load_turning_points()
    decades = {p.date.year // 10 for p in points}
    assert {199, 200, 202} <= decades
    assert {"BIH", "AFG", "GTM", "SYR", "MOZ"} <= {c for p in points for c in p.origins}


def test_first_counted_year_follows_the_half_year_rule():
    points = {p.id: p for p in load_turning_points()}
    assert points["mozambique-1992"].first_year == 1993  # October: next year
    assert points["angola-2002"].first_year == 2002      # April: its own year
    assert points["syria-2024"].base_year == 2024


GOOD = {"id": "x-1", "label": "X", "date": "2000-01-01", "kind": "ceasefire", "description": "d",
        "citation": "c", "url": "https://example.org", "origins": ["MOZ"]}


@pytest.mark.parametrize("change, message", [
    ({"date": "2000-13-01"}, "not YYYY-MM-DD"),
    ({"citation": ""}, "missing citation"),
    ({"url": "http://plain.example"}, "https://"),
    ({"origins": ["Mozambique"]}, "unknown ISO3"),
    ({"origins": ["ZZZ"]}, "unknown ISO3"),
    ({"kind": "truce-ish"}, "kind"),
])
def test_a_malformed_entry_is_refused(change, message):
    with pytest.raises(TurningPointError, match=message):
        parse_turning_point({**GOOD, **change}, known_iso3={"MOZ"})


def test_too_few_or_duplicated_entries_are_refused(tmp_path):
    entry = "[[turning_point]]\n" + "\n".join(
        f"{k} = {v!r}" if k != "origins" else 'origins = ["MOZ"]' for k, v in GOOD.items())
    path = tmp_path / "tp.toml"
    path.write_text(entry + "\n", encoding="utf-8")
    with pytest.raises(TurningPointError, match="at least 12"):
        load_turning_points(path)
    path.write_text((entry + "\n") * 12, encoding="utf-8")
    with pytest.raises(TurningPointError, match="duplicate"):
        load_turning_points(path)


def test_the_file_lives_with_the_context_not_the_data():
    assert TURNING_POINTS_FILE.parent.name == "context"
    assert "snapshot" not in TURNING_POINTS_FILE.parts
