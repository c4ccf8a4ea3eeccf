"""Outside baselines the procedure is measured against (benchmarks/projections_panel.py), not offered on the page.

Both are fitted, as one would run them by default, on all contiguous observed years up to the origin
(``fits_history``), not on the procedure's fit years.
- ``ets``: statsmodels ``ETSModel`` chosen by AICc among additive or multiplicative errors with no trend, a
  trend or a damped trend (no season: annual data), like AutoETS.
- ``theta_all``: statsmodels ``ThetaModel`` (no season), as the ``theta`` member but on all years.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np
import pandas as pd

from .models import ModelSpec, _finite_or_flat, _theta_forecast, naive

ETS_FORMS = [(error, trend, damped) for error in ("add", "mul")
             for trend, damped in ((None, False), ("add", False), ("add", True))]


def ets(train: pd.Series, horizon: int) -> np.ndarray:
    if len(train) < 4:
        return naive(train, horizon)
    return np.array(_ets_forecast(tuple(train.to_numpy(dtype="float64")), horizon))


@lru_cache(maxsize=4096)
def _ets_forecast(values: tuple[float, ...], horizon: int) -> tuple[float, ...]:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = np.asarray(values)
    scale = float(np.mean(np.abs(y))) or 1.0
    best, best_aicc = None, np.inf
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for error, trend, damped in ETS_FORMS:
            if error == "mul" and (y <= 0).any():
                continue
            try:
                fit = ETSModel(y / scale, error=error, trend=trend, damped_trend=damped).fit(disp=False)
            except (ValueError, np.linalg.LinAlgError):
                continue
            if np.isfinite(fit.aicc) and fit.aicc < best_aicc:
                best, best_aicc = fit, fit.aicc
    if best is None:
        return tuple(np.full(horizon, y[-1]))
    return _finite_or_flat(np.asarray(best.forecast(horizon), dtype="float64") * scale, y)


def theta_all(train: pd.Series, horizon: int) -> np.ndarray:
    if len(train) < 4:
        return naive(train, horizon)
    return np.array(_theta_forecast(tuple(train.to_numpy(dtype="float64")), horizon))


BASELINES = {
    "ets": ModelSpec("ets", "ETS (statsmodels, AICc)", "statsmodels ETSModel chosen by AICc, all years.", ets,
                     True, fits_history=True),
    "theta_all": ModelSpec("theta_all", "Theta (statsmodels, all years)", "statsmodels ThetaModel, all years.",
                           theta_all, True, fits_history=True),
}
