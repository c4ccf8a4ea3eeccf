"""Work that holds the server for seconds (a PDF brief, a chart image, a dataset as Excel or a zip, a new
projection track record) runs at most `heavy_at_once` at a time in a process (secrets or
$DISPLACEMENT_HEAVY_AT_ONCE; default 1); the rest wait their turn.

Why: one process runs Python on one core at a time. Streamlit builds each download in a thread of its own
and every viewer's page in another, and they take turns on that core: twenty briefs asked for at once would
slow every other viewer's page about twenty-fold while they last. In turn, they slow it at most about
two-fold, and each brief waits for the ones before it instead (docs/benchmarks.md, "Heavy work")."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from components.settings import setting

T = TypeVar("T")
_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def at_once() -> int:
    """The setting, read once per process: a whole number of at least 1 (a bad value means 1)."""
    try:
        return max(1, int(setting("heavy_at_once", 1)))
    except (TypeError, ValueError):
        return 1


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(at_once())
        return _slots


@contextmanager
def turn() -> Iterator[None]:
    """Wait for a free slot, hold it while the block runs."""
    slots = _semaphore()
    with slots:
        yield


def in_turn(work: Callable[[], T]) -> Callable[[], T]:
    """`work` (a download's data callable) made to wait for its turn when it is called."""
    def waiting() -> T:
        with turn():
            return work()
    return waiting
