"""20 browser sessions at once against `streamlit run app.py`, with a refresh landing mid-run.

The harness is benchmarks/concurrency.py (its docstring says what a session does and what is checked);
this is its bounded pass/fail form: 20 headless Chromium contexts move through pages and filters for
45 s; half-way a new release of unrwa and idmc (every figure doubled) is written to the store.
Pass: no error (no stException, no console or page error, no failed request, no HTTP error but
Streamlit's own /<page>/_stcore/(health|host-config) probes), no page showing a mix of old and new
figures, and every session showing the new release at the end. Timings are printed, not asserted.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from browser import require_chromium
from conftest import REPO

SESSIONS, SECONDS = 20, 45


def harness():
    spec = importlib.util.spec_from_file_location("concurrency_harness", REPO / "benchmarks" / "concurrency.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_twenty_sessions_through_a_refresh():
    require_chromium()
    pytest.importorskip("playwright")
    bench = harness()
    results = bench.run(SESSIONS, SECONDS, refresh=True, refresh_at=0.6)
    print(f"\n{SESSIONS} sessions x {SECONDS} s\n" + results.summary())
    for line in (results.mixes + results.errors + [f"overview gone before its read: {g}" for g in results.overview_gone]
                 + [f"cut off while waiting: {c}" for c in results.cut_off_while]):
        print("  ", line)
    assert results.refreshed_at is not None
    assert not results.mixes, results.mixes[:5]
    states = {read["state"] for read in results.overview_reads}
    assert "unrwa-new/idmc-new" in states
    assert not results.errors, results.errors[:10]
    assert results.final_checks + results.cut_off == SESSIONS
    assert results.final_checks >= SESSIONS // 2, "most sessions did not get back to the overview in time"
