"""One country resolver for every page and the command line: what a reader types or pastes into a link
(an ISO3 code in any case, one of UNHCR's own codes, UNHCR's name, a common short name) becomes one ISO3
code, and a near miss gets a suggestion instead of a silent fallback.

Order when a text could mean two countries: ISO3 first, then UNHCR's code (UNHCR's AUS is Austria,
ISO3's AUS Australia: AUS means Australia here, as in every other ISO3 link of the app)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

# Names people write that UNHCR's list does not use (UNHCR writes "Syrian Arab Rep.", "Türkiye", ...).
# Only codes present in the data are offered, so an entry here can never invent a country. They are what a
# reader types (normalised), matched, never shown: not text for the catalogue.
COMMON_NAMES = {
    "syria": "SYR", "iran": "IRN", "russia": "RUS", "turkey": "TUR", "venezuela": "VEN", "bolivia": "BOL",
    "tanzania": "TZA", "drc": "COD", "dr congo": "COD", "congo kinshasa": "COD",  # not text
    "democratic republic of congo": "COD", "congo brazzaville": "COG", "republic of congo": "COG",  # not text
    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "united kingdom": "GBR", "usa": "USA",  # not text
    "us": "USA", "united states": "USA", "america": "USA", "south korea": "KOR", "north korea": "PRK",  # not text
    "laos": "LAO", "moldova": "MDA", "vietnam": "VNM", "viet nam": "VNM", "ivory coast": "CIV",  # not text
    "cote divoire": "CIV", "czech republic": "CZE", "palestine": "PSE", "burma": "MMR",  # not text
    "swaziland": "SWZ", "cape verde": "CPV", "macedonia": "MKD", "micronesia": "FSM", "holland": "NLD",  # not text
    "car": "CAF", "central african rep": "CAF", "south sudan": "SSD", "sudan": "SDN",  # not text
}
SUGGEST_CUTOFF = 0.75  # difflib ratio: "Sudn" -> Sudan, "Ukriane" -> Ukraine; "Foo" -> nothing


def normalised(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed: "Côte d'Ivoire" -> "cote divoire"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’.]", "", text.casefold())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _short_name(name: str) -> str:
    """UNHCR's "Venezuela (Bolivarian Republic of)" is also written "Venezuela"."""
    return re.sub(r"\s*\(.*?\)\s*", " ", name).strip()


@dataclass(frozen=True)
class CountryLookup:
    names: dict[str, str]  # ISO3 -> the name the app shows
    unhcr_codes: dict[str, str] = field(default_factory=dict)  # UNHCR code -> ISO3, where they differ

    @classmethod
    def from_tables(cls, names: dict[str, str], countries: pd.DataFrame) -> CountryLookup:
        pairs = countries[["unhcr_code", "iso3"]].dropna().astype(str)
        codes = {u.upper(): i for u, i in zip(pairs["unhcr_code"], pairs["iso3"]) if u.upper() != i}
        return cls(dict(names), codes)

    def _words(self) -> dict[str, str]:
        words = {normalised(w): code for w, code in COMMON_NAMES.items() if code in self.names}
        for code, name in self.names.items():
            words.setdefault(normalised(_short_name(name)), code)
            words[normalised(name)] = code
        return words

    def resolve(self, text: str | None, allowed: set[str] | None = None) -> str | None:
        """The ISO3 code `text` names (among `allowed`, else among all names), or None."""
        if not text or not text.strip():
            return None
        allowed = set(self.names) if allowed is None else allowed
        code = text.strip().upper()
        for candidate in (code, self.unhcr_codes.get(code), self._words().get(normalised(text))):
            if candidate in allowed:
                return candidate
        return None

    def suggestion(self, text: str, allowed: set[str] | None = None) -> str | None:
        """The one code a near miss most likely meant ("Sudn", "SUDAN ", "Ukriane"), or None."""
        allowed = set(self.names) if allowed is None else allowed
        words = {w: c for w, c in self._words().items() if c in allowed}
        close = difflib.get_close_matches(normalised(text), list(words), n=1, cutoff=SUGGEST_CUTOFF)
        return words[close[0]] if close else None

    def code_or_error(self, text: str) -> str:
        """The ISO3 code `text` names, or a LookupError saying what was not found and what was likely meant."""
        code = self.resolve(text)
        if code is not None:
            return code
        near = self.suggestion(text)
        # The command line's error, in English by decision (docs/languages.md): not text for the catalogue.
        hint = f"; did you mean {self.names[near]} ({near})?" if near else "; use an ISO3 code such as SDN"  # not text
        raise LookupError(f"no country or territory called {text!r}{hint}")  # not text


def lookup_for(data) -> CountryLookup:
    """The resolver for one release of the data (displacement.storage.datasets.Datasets)."""
    from displacement.storage.datasets import country_names
    return CountryLookup.from_tables(country_names(data), data.table("countries", "countries"))
