"""The years the procedure fits on at one origin, decided with only the data known at that origin.

The same function decides the fit years for today's projection and for every origin of the track record, so
the record is that of the whole procedure: fit start included. A country's fit starts where the series,
as known at the origin, reached its order of size at the origin (:func:`.bounds.regime_start`); a global
series uses all its contiguous years. A fit too short to model means no projection at that origin.
"""

from __future__ import annotations

import pandas as pd

from displacement.text import _

from .bounds import MIN_FIT_YEARS, REGIME_RULE, regime_start
from .models import SeriesTooShortError

SCOPES = ("global", "country")


def check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be 'global' or 'country', not {scope!r}")  # not text: a caller's mistake


def fit_years(known: pd.Series, scope: str, window: int | None = None) -> pd.Series:
    """The years fitted at the origin ``known.index[-1]``: ``known`` is the prepared, contiguous series up to
    that origin and nothing after it. Raises SeriesTooShortError (saying why) below MIN_FIT_YEARS."""
    check_scope(scope)
    start = regime_start(known) if scope == "country" else int(known.index[0])
    span = known.loc[start:]
    if window is not None:
        span = span.iloc[-window:]
    if len(span) < MIN_FIT_YEARS:
        if scope == "country" and start > known.index[0]:
            raise SeriesTooShortError(_(
                "the series reached its present level only in {start} (it was below 10% of its latest value "
                "until {before}); {years} years at that level are too few to backtest a projection "
                "({needed} needed)").format(start=start, before=start - 1, years=len(span), needed=MIN_FIT_YEARS))
        raise SeriesTooShortError(_("{years} years to fit are too few to backtest a projection ({needed} needed)")
                                  .format(years=len(span), needed=MIN_FIT_YEARS))
    return span


def fit_rule_text(known: pd.Series, scope: str, window: int | None = None) -> str:
    """The fit rule and what it chose at the origin ``known.index[-1]``, in words."""
    span = fit_years(known, scope, window)
    first, last = int(span.index[0]), int(span.index[-1])
    tail = (" " + _("Fitted on the last {window} of those years ({first}-{last}).").format(
        window=window, first=first, last=last)) if window else ""
    if scope == "global":
        return _("All contiguous observed years ({first}-{last}).").format(first=int(known.index[0]), last=last) + tail
    start = regime_start(known)
    if start == known.index[0]:
        return " ".join([_(REGIME_RULE), _("This series never fell below that level, so all its contiguous years "
                                           "({start}-{last}) are used.").format(start=start, last=last)]) + tail
    return " ".join([_(REGIME_RULE), _("Here: from {start} (observed since {first}).").format(
        start=start, first=int(known.index[0]))]) + tail
