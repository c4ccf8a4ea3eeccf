"""Read a source's bulk file (the API's field names) from a folder, for `refresh --from-dir`.

Only regular files are read, never through a symbolic link (a link named unrwa.csv could point at
any file the process may read, and its lines would reach the error messages) nor from a FIFO or a
device (which could block for ever). Messages name the file and the field or row, nothing else.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pandas as pd

from displacement.ingest.schema import ValidationError
from displacement.sources import Source


class BulkFileError(ValueError):
    """A bulk file is absent, unreadable or wrongly encoded."""


# Far above the largest real export (population.csv, 8.6 MB); the same bound as a live source's bytes.
MAX_BULK_BYTES = 512 * 2**20


def read_regular_file(path: Path, source_id: str) -> bytes:
    """The bytes of `path` if it is a regular file reached without following a symbolic link."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise BulkFileError(f"{source_id}: {path.name} is a symbolic link; refused (copy the file itself "
                                "into the folder)") from None
        raise BulkFileError(f"{source_id}: {path.name} cannot be opened ({error.strerror})") from None
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise BulkFileError(f"{source_id}: {path.name} is not a regular file; refused")
        if info.st_size > MAX_BULK_BYTES:
            raise BulkFileError(f"{source_id}: {path.name} is {info.st_size:,} bytes, over the "
                                f"{MAX_BULK_BYTES:,}-byte limit for a bulk file")
        return file.read(MAX_BULK_BYTES + 1)


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
    data = read_regular_file(path, source.id)
    _refuse_cut_off(source, path, data)
    try:
        raw, last_updated = _read(source, path, data)
    except UnicodeDecodeError as error:
        raise BulkFileError(f"{source.id}: {path.name} is not UTF-8 text ({error.reason} "
                            f"at byte {error.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise BulkFileError(f"{source.id}: {path.name} cannot be read as CSV ({error})") from None
    if raw.empty:
        raise ValidationError(source.id, "rows", f"none in {path.name}")
    return raw, {"url": path.resolve().as_uri(), "file": path.name, "release": last_updated,
                 "ignored_columns": unused_columns(source, raw)}


def _refuse_cut_off(source: Source, path: Path, data: bytes) -> None:
    """A file cut off mid-line would still parse, with a wrong or missing last figure. Every export
    we read ends with a line break, so one that does not is taken as truncated (an empty file gets
    its own message from the CSV reader)."""
    if data and not data.endswith(b"\n"):
        raise BulkFileError(f"{source.id}: {path.name} does not end with a line break: the file looks cut "
                            "off (truncated), so nothing was stored")


def unused_columns(source: Source, raw: pd.DataFrame) -> list[str]:
    """Columns the source's builder does not read (reported, not an error)."""
    return [] if source.fields_read is None else [c for c in raw.columns if c not in source.fields_read]


def _read(source: Source, path: Path, data: bytes) -> tuple[pd.DataFrame, str | None]:
    def read_beside(name: str) -> bytes | None:
        """A file beside the bulk file (the World Bank's metadata), read as safely as the file itself."""
        beside = path.with_name(name)
        return read_regular_file(beside, source.id) if os.path.lexists(beside) else None
    return source.read_bulk(path, data, read_beside)
