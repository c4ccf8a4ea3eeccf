"""What-if scenarios (pure functions returning a path) and their URL encoding; claims checked against data.

A scenario path starts from the last observed year and value and is labelled ``"scenario"``: it is an
illustration of stated assumptions, never a forecast and never an official figure.

Path arithmetic for year ``t = start + k`` (k = 1..horizon)::

    base_k  = max(0, (base_{k-1} + change) * (1 + change_pct/100) * (1 - return_pct/100))
    shock_t = size * (1 - decay_pct/100) ** (t - shock_year)   for t >= shock_year, else 0
    value_t = base_k + shock_t

``change`` (people a year) and ``change_pct`` (% a year) are one setting read with its ``unit``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from displacement.text import _

SCENARIO_LABEL = "scenario"
PARAM_PREFIX = "sc_"
MAX_SCENARIO_HORIZON = 30
_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9}


class ScenarioError(ValueError):
    """A scenario setting is invalid; ``param`` names it (the URL query parameter). The message is shown to
    readers as a notice, so it is already in their language (displacement/text.py)."""

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param


# --- pure path functions ---------------------------------------------------------------------------


def _years(start_year: int, horizon: int) -> np.ndarray:
    return np.arange(start_year + 1, start_year + horizon + 1)


def change_path(start_year: int, start_value: float, horizon: int, per_year: float = 0.0,
                percent: float = 0.0, return_pct: float = 0.0) -> pd.Series:
    """Yearly change (absolute ``per_year`` people and/or ``percent``) and a return rate, compounding; >= 0."""
    values, value = [], float(start_value)
    for __ in range(horizon):
        value = max(0.0, (value + per_year) * (1 + percent / 100) * (1 - return_pct / 100))
        values.append(value)
    return pd.Series(values, index=_years(start_year, horizon), name="value", dtype="float64")


def return_path(start_year: int, start_value: float, horizon: int, rate_pct: float) -> pd.Series:
    """``rate_pct`` % of the remaining stock returns (or otherwise leaves) each year."""
    return change_path(start_year, start_value, horizon, return_pct=rate_pct)


def shock_path(years, shock_year: int, size: float, decay_pct: float) -> pd.Series:
    """People added by a new crisis: ``size`` in ``shock_year``, shrinking by ``decay_pct`` % a year after."""
    years = np.asarray(list(years))
    since = years - shock_year
    added = np.where(since >= 0, size * (1 - decay_pct / 100) ** np.maximum(since, 0), 0.0)
    return pd.Series(added, index=years, name="added", dtype="float64")


# --- settings, validation, URL encoding ------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioSettings:
    horizon: int = 5
    change: float = 0.0  # people a year (unit "abs") or % a year (unit "pct")
    unit: str = "abs"
    shock_size: float = 0.0
    shock_year: int | None = None
    shock_decay_pct: float = 0.0
    return_pct: float = 0.0


URL_KEYS = {  # field -> short query parameter
    "horizon": "sc_h",
    "change": "sc_chg",
    "unit": "sc_unit",
    "shock_size": "sc_shock",
    "shock_year": "sc_sy",
    "shock_decay_pct": "sc_sd",
    "return_pct": "sc_ret",
}
FIELD_OF = {key: name for name, key in URL_KEYS.items()}


def validate(settings: ScenarioSettings) -> ScenarioSettings:
    """Raise ScenarioError naming the first bad parameter; return the settings unchanged if valid."""
    s = settings
    _check(1 <= s.horizon <= MAX_SCENARIO_HORIZON, "horizon",
           _("must be 1 to {most} years").format(most=MAX_SCENARIO_HORIZON))
    _check(s.unit in ("abs", "pct"), "unit", _("must be 'abs' (people a year) or 'pct' (% a year)"))
    _check(s.unit == "abs" or s.change > -100, "change", _("a yearly change in % must be above -100"))
    _check(s.shock_size >= 0, "shock_size", _("must be zero or more people"))
    _check(0 <= s.shock_decay_pct <= 100, "shock_decay_pct", _("must be between 0 and 100 (%)"))
    _check(0 <= s.return_pct <= 100, "return_pct", _("must be between 0 and 100 (%)"))
    _check(not s.shock_size or s.shock_year is not None, "shock_year", _("is needed when there is a shock"))
    for name in ("change", "shock_size", "shock_decay_pct", "return_pct"):
        _check(math.isfinite(getattr(s, name)), name, _("must be a finite number"))
    return settings


def _check(ok: bool, field_name: str, message: str) -> None:
    if not ok:
        raise ScenarioError(URL_KEYS[field_name], message)


def encode(settings: ScenarioSettings) -> dict[str, str]:
    """Flat dict of short strings for URL query parameters; defaults are left out."""
    validate(settings)
    default = ScenarioSettings()
    out = {}
    for name, value in asdict(settings).items():
        if value != getattr(default, name):
            out[URL_KEYS[name]] = _format(value)
    return out


def _format(value) -> str:
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def decode(params: dict[str, str]) -> ScenarioSettings:
    """Settings from query parameters (keys without the ``sc_`` prefix are ignored). Numbers may carry a
    k/M/B suffix ("10M"). Raises ScenarioError naming the bad or unknown parameter."""
    values = {}
    for key, raw in params.items():
        if not key.startswith(PARAM_PREFIX):
            continue
        if key not in FIELD_OF:
            raise ScenarioError(key, _unknown())
        values[FIELD_OF[key]] = _parse(key, FIELD_OF[key], raw)
    return validate(ScenarioSettings(**values))


def _unknown() -> str:
    return _("unknown scenario parameter (known: {known})").format(known=", ".join(FIELD_OF))


def _parse(key: str, name: str, raw):
    text = str(raw[-1] if isinstance(raw, (list, tuple)) else raw).strip()
    if name == "unit":
        return text.lower()
    number = _number(key, text)
    if name in ("horizon", "shock_year"):
        if not number.is_integer():
            raise ScenarioError(key, _("must be a whole number (got {value})").format(value=repr(text)))
        return int(number)
    return number


def _number(key: str, text: str) -> float:
    scale = _SUFFIXES.get(text[-1:].lower(), 1.0) if text else 1.0
    body = text[:-1] if scale != 1.0 else text
    try:
        value = float(body) * scale
    except ValueError:
        raise ScenarioError(key, _("must be a number (got {value})").format(value=repr(text))) from None
    if not math.isfinite(value):
        raise ScenarioError(key, _("must be a finite number (got {value})").format(value=repr(text)))
    return value


def parse_value(key: str, raw: str, unit: str = "abs"):
    """One query parameter parsed (numbers may carry a k/M/B suffix) and checked on its own, as if the other
    settings were at their defaults (a shock size is checked as if its year were given). ``unit`` is the
    ``sc_unit`` the value goes with. Raises ScenarioError naming the parameter."""
    if key not in FIELD_OF:
        raise ScenarioError(key, _unknown())
    name = FIELD_OF[key]
    value = _parse(key, name, raw)
    extra = {"shock_year": 0} if name == "shock_size" else {}
    if name == "change":
        extra["unit"] = unit
    validate(ScenarioSettings(**{name: value, **extra}))
    return value


# --- the path from settings -------------------------------------------------------------------------


def scenario_path(start_year: int, start_value: float, settings: ScenarioSettings) -> pd.DataFrame:
    """``[year, value, label]`` for the scenario, starting after the last observed (year, value)."""
    s = validate(settings)
    if s.shock_size and not start_year < s.shock_year <= start_year + s.horizon:
        raise ScenarioError(URL_KEYS["shock_year"], _("must fall in {first}-{last} (got {year})").format(
            first=start_year + 1, last=start_year + s.horizon, year=s.shock_year))
    per_year, pct = (s.change, 0.0) if s.unit == "abs" else (0.0, s.change)
    base = change_path(start_year, start_value, s.horizon, per_year, pct, s.return_pct)
    if s.shock_size:
        base = base + shock_path(base.index, s.shock_year, s.shock_size, s.shock_decay_pct)
    return pd.DataFrame({"year": base.index, "value": base.to_numpy(), "label": SCENARIO_LABEL})


# --- claims checked against what happened -----------------------------------------------------------

__all__ = [
    "SCENARIO_LABEL",
    "URL_KEYS",
    "ScenarioError",
    "ScenarioSettings",
    "change_path",
    "decode",
    "encode",
    "parse_value",
    "return_path",
    "scenario_path",
    "shock_path",
    "validate",
]
