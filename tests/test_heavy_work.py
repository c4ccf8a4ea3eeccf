"""Heavy work in turn (components/heavy_work.py): a process runs at most `heavy_at_once` briefs, chart images,
Excel or zip files and new track records at a time. What this does to other viewers is measured in
benchmarks/heavy_work.py."""

from __future__ import annotations

import threading
import time

import pytest

from components import heavy_work


@pytest.fixture(autouse=True)
def fresh_slots(monkeypatch):
    monkeypatch.setattr(heavy_work, "_slots", None)  # the setting is read once per process


def most_at_once(workers: int, together: threading.Barrier | None = None) -> int:
    """Run `workers` pieces of work at once through in_turn; how many ever ran together. With `together`,
    each piece waits there for others (a pass only when that many can run at once)."""
    lock, running, most = threading.Lock(), [0], [0]

    def work() -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        if together is not None:
            together.wait()
        else:
            time.sleep(0.05)
        with lock:
            running[0] -= 1

    threads = [threading.Thread(target=heavy_work.in_turn(work)) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return most[0]


def test_heavy_work_runs_one_at_a_time_by_default(monkeypatch):
    monkeypatch.delenv("DISPLACEMENT_HEAVY_AT_ONCE", raising=False)
    assert most_at_once(8) == 1


def test_the_setting_allows_that_many_at_once(monkeypatch):
    monkeypatch.setenv("DISPLACEMENT_HEAVY_AT_ONCE", "3")
    together = threading.Barrier(3, timeout=60)  # broken, and the test fails, if fewer than 3 can run at once
    assert most_at_once(6, together) == 3
    assert not together.broken


@pytest.mark.parametrize("value", ["0", "-2", "many", ""])
def test_a_bad_setting_means_one_at_a_time(monkeypatch, value):
    monkeypatch.setenv("DISPLACEMENT_HEAVY_AT_ONCE", value)
    assert heavy_work.at_once() == 1


def test_work_in_turn_returns_its_result():
    assert heavy_work.in_turn(lambda: b"%PDF")() == b"%PDF"
