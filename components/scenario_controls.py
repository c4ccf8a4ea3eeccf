"""The Projections page's what-if widgets: a yearly change (people or %), a new crisis and a return rate,
each kept in the link (?sc_chg=2M&sc_unit=abs&sc_shock=10M&sc_sy=2027&sc_sd=20&sc_ret=5). A link may write
10M or 500k; the page keeps plain numbers. A scenario follows the reader's assumptions, not the data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import url_state
from displacement.formatting import local_number
from displacement.projections import MAX_HORIZON
from displacement.projections.scenarios import ScenarioError, ScenarioSettings, parse_value, scenario_path
from displacement.text import N_, _

# URL key -> (min, max) in the widget's unit. sc_chg depends on sc_unit.
CHANGE_LIMITS = {"abs": (-50_000_000.0, 50_000_000.0), "pct": (-99.0, 100.0)}
SCENARIO_LIMITS = {"sc_shock": (0.0, 200_000_000.0), "sc_sd": (0.0, 100.0), "sc_ret": (0.0, 100.0)}
UNITS = {"abs": N_("people a year"), "pct": N_("% a year")}
CHANGE_LABELS = {"abs": N_("Yearly change (people a year)"), "pct": N_("Yearly change (% a year)")}


def _unit_in_url() -> str:
    unit = st.query_params.get("sc_unit", "abs")
    return unit if unit in UNITS else "abs"


def _scenario_param(key: str, expected: str) -> url_state.Param:
    def accepts(raw: str) -> bool:
        try:
            value = parse_value(key, raw, _unit_in_url())
        except ScenarioError:
            return False
        low, high = CHANGE_LIMITS[_unit_in_url()] if key == "sc_chg" else SCENARIO_LIMITS[key]
        return low <= value <= high
    return url_state.Param(key, accepts, expected)


def params(data_last: int) -> list[url_state.Param]:
    """The scenario's link parameters, checked by page.start."""
    return [_scenario_param("sc_chg", _("a yearly change: people (e.g. 2000000 or 2M, from -50M to 50M) or, with "
                                        "sc_unit=pct, a % from -99 to 100")),
            url_state.choice("sc_unit", UNITS),
            _scenario_param("sc_shock", _("a number of people from 0 to 200M (e.g. 10M or 500k)")),
            url_state.year("sc_sy", data_last + 1, data_last + MAX_HORIZON),
            _scenario_param("sc_sd", _("a yearly decay in % from 0 to 100")),
            _scenario_param("sc_ret", _("a yearly return rate in % from 0 to 100"))]


def _unit_to_url(key: str) -> None:
    unit = st.session_state.get(key) or "abs"
    if unit == "abs":
        st.query_params.pop("sc_unit", None)
    else:
        st.query_params["sc_unit"] = unit
    st.query_params.pop("sc_chg", None)  # people and % have different ranges: the change starts afresh


def _unit_select(label: str) -> str:
    """Like url_state.coded_select, and a change of unit also clears the yearly change (a number of
    people is no valid percentage), so the user's own click never triggers a notice."""
    unit = _unit_in_url()
    if st.query_params.get("sc_unit") not in (None, unit):
        st.query_params.pop("sc_unit", None)
    st.session_state["url-sc_unit"] = unit
    st.segmented_control(label, list(UNITS), key="url-sc_unit", format_func=lambda u: _(UNITS[u]),
                         on_change=_unit_to_url, args=("url-sc_unit",))
    return unit


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")


def _number_to_url(key: str, param: str) -> None:
    value = st.session_state.get(key)
    if not value:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = _number_text(float(value))


def _url_number(label: str, *, param: str, key: str, unit: str = "abs", **kwargs) -> float:
    """A number input whose link value may be written 10M or 500k (a bound input would silently drop those):
    read and checked here, kept in the URL as a plain number. page.start has already named a bad value."""
    raw = st.query_params.get(param)
    value = 0.0
    if raw:
        try:
            value = float(parse_value(param, raw, unit))
        except ScenarioError:
            value = 0.0
        if not kwargs["min_value"] <= value <= kwargs["max_value"]:
            value = 0.0  # page.start has named it
        text = _number_text(value)
        if not value:
            st.query_params.pop(param, None)
        elif raw != text:
            st.query_params[param] = text  # ?sc_shock=10M becomes ?sc_shock=10000000
    st.session_state[key] = value
    return st.number_input(label, key=key, on_change=_number_to_url, args=(key, param), **kwargs) or 0.0


def scenario_controls(horizon: int, last_year: int, data_last: int) -> ScenarioSettings | None:
    """The scenario the reader set (None when none), checked against the years shown."""
    active = any(k in st.query_params for k in ("sc_chg", "sc_shock", "sc_ret"))
    with st.expander(_("What if? Add a scenario beside the projection"), expanded=active, icon=":material/tune:"):
        st.caption(_("A scenario follows your assumptions, not the data: it starts from the last official figure "
                     "and is drawn dotted in orange. It is not a forecast and not an official figure. The settings "
                     "are kept in the link."))
        left, middle, right = st.columns(3)
        with left:
            unit, change = _change_inputs()
        with middle:
            shock, shock_year, decay = _crisis_inputs(data_last)
        with right:
            ret = st.number_input(_("Return rate (% of the stock a year)"), *SCENARIO_LIMITS["sc_ret"], value=0.0,
                                  step=1.0, format="%.1f", key="sc_ret", bind="query-params",
                                  help=_("The share of people who return home (or otherwise stop being counted) "
                                         "each year."))
    settings = ScenarioSettings(horizon=horizon, change=float(change or 0), unit=unit,
                                shock_size=float(shock or 0), shock_year=int(shock_year or data_last + 1),
                                shock_decay_pct=float(decay or 0), return_pct=float(ret or 0))
    if not (settings.change or settings.shock_size or settings.return_pct):
        return None
    if settings.shock_size and not last_year < settings.shock_year <= last_year + horizon:
        url_state.show_notices([_("Scenario parameter “{param}”: the crisis year {year} is outside the years shown "
                                  "({first}-{last}), so the scenario leaves the shock out. Raise “Years ahead” or "
                                  "pick an earlier year.").format(param="sc_sy", year=settings.shock_year,
                                                                  first=last_year + 1, last=last_year + horizon)])
        settings = ScenarioSettings(horizon=horizon, change=settings.change, unit=unit, return_pct=settings.return_pct)
        if not (settings.change or settings.return_pct):
            return None
    return settings


def scenario(history: pd.Series, horizon: int, data_last: int) -> tuple[ScenarioSettings | None, pd.DataFrame | None]:
    """The reader's scenario and its path from the last official figure (no path, and a notice, if it cannot
    be drawn)."""
    last_year = int(history.index[-1])
    settings = scenario_controls(horizon, last_year, data_last)
    if settings is None:
        return None, None
    try:
        return settings, scenario_path(last_year, float(history.iloc[-1]), settings)
    except ScenarioError as exc:
        url_state.show_notices([_("Scenario parameter “{param}”: {problem}").format(
            param=exc.param, problem=url_state.safe_text(str(exc)))])
        return settings, None


def _change_inputs() -> tuple[str, float]:
    unit = _unit_select(_("Yearly change in"))
    low, high = CHANGE_LIMITS[unit]
    change = _url_number(_(CHANGE_LABELS[unit]), param="sc_chg", key="proj-sc-chg", unit=unit,
                         min_value=low, max_value=high, step=500_000.0 if unit == "abs" else 0.5,
                         format="%.0f" if unit == "abs" else "%.1f",
                         help=_("Added every year (negative: a fall). In people (you can type 2000000; a link can "
                                "say 2M), or in % of the year before."))
    if unit == "abs" and change:
        st.caption(_("{change} million a year").format(change=local_number(change / 1e6, 2, sign=True)))
    return unit, change


def _crisis_inputs(data_last: int) -> tuple[float, int, float]:
    low, high = SCENARIO_LIMITS["sc_shock"]
    shock = _url_number(_("New crisis: people newly displaced"), param="sc_shock", key="proj-sc-shock",
                        min_value=low, max_value=high, step=500_000.0, format="%.0f",
                        help=_("People added in the shock year by a new crisis (0: no shock). A link can say 10M or "
                               "500k."))
    if shock:
        st.caption(_("{size} million").format(size=local_number(shock / 1e6, 2)))
    shock_year = st.number_input(_("…in the year"), data_last + 1, data_last + MAX_HORIZON, value=data_last + 1,
                                 step=1, key="sc_sy", bind="query-params")
    decay = st.number_input(_("…then shrinking by (% a year)"), *SCENARIO_LIMITS["sc_sd"], value=0.0, step=5.0,
                            format="%.0f", key="sc_sd", bind="query-params",
                            help=_("The share of the crisis' displaced who return or settle each year after."))
    return shock, shock_year, decay
