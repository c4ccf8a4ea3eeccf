"""Read a source's bulk file (the API's field names) from a folder, for `refresh --from-dir`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from displacement.schema import ValidationError
from displacement.sources import Source, idmc_gidd, unhcr, worldbank


class BulkFileError(ValueError):
    """A bulk file is absent, unreadable or wrongly encoded."""


def find_bulk_file(source: Source, folders: list[Path]) -> Path:
    for folder in folders:
        matches = sorted(Path(folder).glob(source.bulk_file))
        if matches:
            return matches[-1]
    searched = ", ".join(str(f) for f in folders)
    raise BulkFileError(f"{source.id}: no file matching '{source.bulk_file}' in {searched}")


def read_bulk(source: Source, folders: list[Path]) -> tuple[pd.DataFrame, dict]:
    """The raw rows of one source and what the file says of itself (path, last updated)."""
    path = find_bulk_file(source, folders)
    _refuse_cut_off(source, path)
    try:
        raw, last_updated = _read(source, path)
    except UnicodeDecodeError as error:
        raise BulkFileError(f"{source.id}: {path.name} is not UTF-8 text ({error.reason} "
                            f"at byte {error.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise BulkFileError(f"{source.id}: {path.name} cannot be read as CSV ({error})") from None
    if raw.empty:
        raise ValidationError(source.id, "rows", f"none in {path.name}")
    return raw, {"url": path.resolve().as_uri(), "file": path.name, "release": last_updated,
                 "ignored_columns": unused_columns(source.id, raw)}


def _refuse_cut_off(source: Source, path: Path) -> None:
    """A file cut off mid-line would still parse, with a wrong or missing last figure. Every export
    we read ends with a line break, so one that does not is taken as truncated."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return  # an empty file gets its own message from the CSV reader
        handle.seek(-1, 2)
        if handle.read(1) != b"\n":
            raise BulkFileError(f"{source.id}: {path.name} does not end with a line break: the file looks cut "
                                "off (truncated), so nothing was stored")


def unused_columns(source_id: str, raw: pd.DataFrame) -> list[str]:
    """Columns the source's builder does not read (reported, not an error)."""
    known = unhcr.FIELDS_READ.get(source_id)
    return [] if known is None else [c for c in raw.columns if c not in known]


def _read(source: Source, path: Path) -> tuple[pd.DataFrame, str | None]:
    if source.id == "worldbank-population":
        return worldbank.read_bulk_csv(path)
    if source.id == "idmc-gidd":
        return idmc_gidd.read_bulk_csv(path), None
    if source.id == "published-headlines":
        return pd.read_csv(path, encoding="utf-8"), None
    # An empty cell in these exports is the API's '-': keep it as text so it stays missing.
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"), None
