"""What a release says about itself (its manifest.json), typed: the source's metadata that travels with its
data into every chart footer, citation, download and brief (title, producer, licence, citation, release,
access date), and what the release holds (its tables, rows, years)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# What a user needs to cite a source, in the order downloads and briefs list them.
CITATION_FIELDS = ("publisher", "title", "url", "licence", "licence_url", "release", "retrieved_at", "citation")


@dataclass(frozen=True)
class Manifest:
    source_id: str = ""
    title: str | None = None
    publisher: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    citation: str | None = None
    url: str | None = None
    release: str | None = None  # the source's own name for its release, where it reports one
    reported_release: str | None = None
    retrieved_at: str | None = None  # ISO 8601, when the data were fetched (the access date)
    as_of: str | None = None
    written_at: str | None = None
    latest_period: str | None = None  # 'end-2025'
    latest_year: int | None = None
    first_year: int | None = None
    rows: int | None = None
    file: str | None = None  # the bulk file a release was read from, if any
    checksum: str | None = None
    tables: dict = field(default_factory=dict)  # table name -> {"file", "rows", "sha256"}

    @classmethod
    def read(cls, raw: dict) -> Manifest:
        """From the JSON a release was written with; keys it does not know are left out."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in raw.items() if key in known})

    def source_record(self) -> dict:
        """The fields a citation needs, as downloads, share links and briefs write them."""
        return {name: getattr(self, name) for name in CITATION_FIELDS}

    @property
    def retrieved_on(self) -> str:
        """The access date, 'YYYY-MM-DD' ('' when the release did not record one)."""
        return (self.retrieved_at or "")[:10]
