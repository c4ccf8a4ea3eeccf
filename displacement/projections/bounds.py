"""Where a country series' fit starts, and the physical ceiling on a projection (pure functions).

Why: a country's series often starts with a few hundred people and jumps to millions when a crisis begins
(Syria by origin: 34,000 in 2011, 2.5 million in 2013). Relative errors made while a series was tiny do not
transfer to a series in the millions, and its in-sample one-year changes make MASE meaningless. Calibrated on
them, the 95% interval for Syria in 2027 reached 221 million, nine times the country's population.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from displacement.text import N_

REGIME_SHARE = 0.10  # a country series is fitted from where it stays at or above 10% of its latest value
MIN_FIT_YEARS = 6  # fewest years a projection can be backtested on (5 years of history + 1 to score)

REGIME_RULE = N_(
    "For a country, the fit starts in the first year from which the series has stayed at or above 10% of its "
    "latest value (the latest value known at the time: each backtest origin decides this with its own data); "
    "earlier years, when the series was a small fraction of that level, are left out of the fit."
)


def regime_start(clean: pd.Series, share: float = REGIME_SHARE) -> int:
    """First year from which ``clean`` (a prepared, contiguous series) stays at or above ``share`` × its
    latest value. The whole series if it never falls below."""
    threshold = share * float(clean.iloc[-1])
    below = clean.index[clean.to_numpy() < threshold]
    return int(below[-1]) + 1 if len(below) else int(clean.index[0])


def cap_frame(
    frame: pd.DataFrame, ceiling: float | None, columns=("point", "lo80", "hi80", "lo95", "hi95")
) -> pd.DataFrame:
    """Every projected value and bound at most ``ceiling`` (people); the frame unchanged without one."""
    if ceiling is None or not np.isfinite(ceiling):
        return frame
    out = frame.copy()
    for column in columns:
        if column in out:
            out[column] = np.minimum(out[column].to_numpy(dtype="float64"), float(ceiling))
    return out
