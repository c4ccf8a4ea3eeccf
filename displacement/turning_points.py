"""Curated turning points after which refugees went home (data/context/turning_points.toml).

Context written by the dashboard team, not data, kept apart from the figures like the crisis annotations
(components/annotations.py): each is a dated public event with a citation and the countries of origin it
concerns. The figures beside them are read from UNHCR's data by displacement/figures/returns.py.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from displacement import config
from displacement.formatting import long_date
from displacement.text import N_

TURNING_POINTS_FILE = config.DATA_DIR / "context" / "turning_points.toml"
# The file's own values, compared as written; shown to readers through _() (return_words.episode_table).
KINDS = (N_("peace agreement"), N_("ceasefire"), N_("change of government"), N_("end of fighting"))
MINIMUM_EPISODES = 12
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[a-z0-9-]+$")
_REQUIRED = ("id", "label", "date", "kind", "description", "citation", "url", "origins")


class TurningPointError(ValueError):
    """The curated file is malformed: the page and the command line refuse it rather than guess. Its messages
    name the file's fields for the dashboard team who edit it, so they stay in English (`# not text`)."""


@dataclass(frozen=True)
class TurningPoint:
    id: str
    label: str
    date: date
    kind: str
    description: str
    citation: str
    url: str
    origins: tuple[str, ...]
    note: str = ""

    @property
    def first_year(self) -> int:
        """The first calendar year counted after the event: its own year if it fell before 1 July, else the
        next (a December peace leaves almost no time for returns in its own year)."""
        return self.date.year if self.date.month <= 6 else self.date.year + 1

    @property
    def base_year(self) -> int:
        """The year whose end-of-year refugee stock is the denominator: the year before the first counted."""
        return self.first_year - 1

    @property
    def date_text(self) -> str:
        return long_date(self.date)


def parse_turning_point(raw: dict, known_iso3: set[str] | None = None) -> TurningPoint:
    """One entry, checked: every field present and non-empty, the date a real date, the kind one of KINDS,
    the citation a URL, the origins ISO3 codes (and known ones, when a country list is given)."""
    where = f"turning point {raw.get('id', '?')!r}"  # not text
    missing = [f for f in _REQUIRED if not raw.get(f)]
    if missing:
        raise TurningPointError(f"{where}: missing {', '.join(missing)}")  # not text
    if not _ID.match(str(raw["id"])):
        raise TurningPointError(f"{where}: id must be lower-case letters, digits and hyphens")  # not text
    try:
        when = raw["date"] if isinstance(raw["date"], date) else date.fromisoformat(str(raw["date"]))
    except ValueError as error:
        raise TurningPointError(f"{where}: date {raw['date']!r} is not YYYY-MM-DD") from error  # not text
    if raw["kind"] not in KINDS:
        raise TurningPointError(f"{where}: kind {raw['kind']!r} is not one of {', '.join(KINDS)}")  # not text
    if not str(raw["url"]).startswith("https://"):
        raise TurningPointError(f"{where}: the citation needs an https:// URL")  # not text
    origins = tuple(str(code) for code in raw["origins"])
    bad = [code for code in origins if not _ISO3.match(code) or (known_iso3 is not None and code not in known_iso3)]
    if bad:
        raise TurningPointError(f"{where}: unknown ISO3 code(s) {', '.join(bad)}")  # not text
    return TurningPoint(str(raw["id"]), str(raw["label"]), when, str(raw["kind"]), str(raw["description"]),
                        str(raw["citation"]), str(raw["url"]), origins, str(raw.get("note", "")))


def load_turning_points(path: Path | None = None, known_iso3: set[str] | None = None) -> tuple[TurningPoint, ...]:
    """All turning points in date order; raises TurningPointError when the file is malformed, holds a
    duplicate id, or has fewer than MINIMUM_EPISODES entries."""
    source = path or TURNING_POINTS_FILE
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise TurningPointError(f"cannot read {source.name}: {error}") from error  # not text
    points = [parse_turning_point(entry, known_iso3) for entry in raw.get("turning_point", [])]
    ids = [p.id for p in points]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise TurningPointError(f"duplicate id(s): {', '.join(duplicated)}")  # not text
    if len(points) < MINIMUM_EPISODES:
        raise TurningPointError(f"{len(points)} turning points; at least {MINIMUM_EPISODES} are needed")  # not text
    return tuple(sorted(points, key=lambda p: p.date))


def by_id(points: tuple[TurningPoint, ...]) -> dict[str, TurningPoint]:
    return {p.id: p for p in points}
