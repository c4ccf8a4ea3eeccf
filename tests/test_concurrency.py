"""Browser sessions at once against `streamlit run app.py`, with a refresh landing while they work.

The harness is harness/concurrency.py (its docstring says what a session does and what is checked);
this is its pass/fail form, which checks correctness and never speed: a few headless Chromium contexts
each make a set number of page and filter changes; once every session has made some, a new release of
unrwa and idmc (every figure doubled) is written to the store. The harness waits on events (the server's
end of each run, the page's idle state), with limits (`PATIENT`) that only a hang reaches, so a slow or
loaded machine makes the test slower, not red.
Pass: no error (no stException, no console or page error, no failed request, no HTTP error but
Streamlit's own /<page>/_stcore/(health|host-config) probes), no page showing a mix of old and new
figures, and every session showing the new release at the end. How long things took is printed, not
asserted; benchmarks/concurrency.py measures it (docs/benchmarks.md).
"""

from __future__ import annotations

import pytest

from harness import concurrency as bench
from harness.browser import require_chromium

SESSIONS, CHANGES, REFRESH_AFTER = 6, 6, 2


def test_sessions_through_a_refresh_see_no_mix_no_error_and_the_new_release():
    require_chromium()
    pytest.importorskip("playwright")
    results = bench.run(SESSIONS, seconds=None, actions=CHANGES, refresh_after=REFRESH_AFTER, limits=bench.PATIENT)
    print(f"\n{SESSIONS} sessions x {CHANGES} changes, the refresh after {REFRESH_AFTER}\n" + results.summary())
    for line in (results.mixes + results.errors + [f"overview gone before its read: {g}" for g in results.overview_gone]
                 + [f"cut off while waiting: {c}" for c in results.cut_off_while]):
        print("  ", line)
    assert results.refreshed_at is not None
    assert not results.mixes, results.mixes[:5]
    assert not results.errors, results.errors[:10]
    assert results.cut_off == 0, results.cut_off_while
    assert results.final_checks == SESSIONS
    states = {read["state"] for read in results.overview_reads}
    assert "unrwa-new/idmc-new" in states
