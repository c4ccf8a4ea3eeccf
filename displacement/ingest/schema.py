"""The tidy long table every source becomes, and the errors raised when a payload does not fit it.

A payload that fails here is rejected with the source, the field and an offending row, and is
never stored.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

PERIODS = ("end-year", "mid-year")
UNITS = ("persons", "cases")

POPULATION_TYPES = (
    # stocks in the forcibly displaced headline
    "refugees", "palestine_refugees", "asylum_seekers", "oip", "idps_conflict",
    # stocks reported beside it
    "stateless", "idps_unhcr", "others_of_concern", "host_community",
    # flows during the year
    "returned_refugees", "returned_idps", "resettlement", "naturalisation",
    "asylum_applications", "decisions_recognized", "decisions_complementary",
    "decisions_rejected", "decisions_closed", "decisions_total",
    # IDMC GIDD (stocks and flows kept apart)
    "idps_conflict_stock", "idps_disaster_stock", "new_displacements_conflict",
    "new_displacements_disaster",
    # demographics carries UNHCR's population-type codes as they come
    "demographics",
    # denominators
    "population",
)

ISO3_PATTERN = r"^[A-Z0-9]{3}$"

TIDY_COLUMNS = ["source", "year", "period", "origin_iso3", "asylum_iso3",
                "population_type", "unit", "detail", "value"]


@cache
def tidy_schema():
    """The tidy long table's schema."""
    import pandera.pandas as pa  # here, not at import: the dashboard only reads stored tables

    return pa.DataFrameSchema(
        {
            "source": pa.Column(str),
            "year": pa.Column("int64", pa.Check.in_range(1900, 2100)),
            "period": pa.Column(str, pa.Check.isin(PERIODS)),
            "origin_iso3": pa.Column(str, pa.Check.str_matches(ISO3_PATTERN), nullable=True),
            "asylum_iso3": pa.Column(str, pa.Check.str_matches(ISO3_PATTERN), nullable=True),
            "population_type": pa.Column(str, pa.Check.isin(POPULATION_TYPES)),
            "unit": pa.Column(str, pa.Check.isin(UNITS)),
            "detail": pa.Column(str),
            "value": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        },
        strict=True,
        ordered=True,
    )


class ValidationError(ValueError):
    """A payload that does not fit: names the source, the field and one offending row."""

    def __init__(self, source: str, field: str, problem: str, row: dict | None = None):
        self.source, self.field, self.problem, self.row = source, field, problem, row
        where = f" in row {_short(row)}" if row else ""
        super().__init__(f"{source}: field '{field}' {problem}{where}")


def _short(row: dict, limit: int = 200) -> str:
    text = ", ".join(f"{k}={v!r}" for k, v in row.items())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def validate_tidy(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """Check a tidy table; raise ValidationError naming the first failing field and row."""
    from pandera.errors import SchemaErrors  # pandera is loaded by the schema, not at import
    try:
        return tidy_schema().validate(frame, lazy=True)
    except SchemaErrors as errors:
        case = errors.failure_cases.iloc[0]
        field = str(case["column"]) if pd.notna(case["column"]) else str(case["check"])
        index = case["index"]
        row = frame.loc[index].to_dict() if pd.notna(index) and index in frame.index else None
        raise ValidationError(source, field, f"fails check {case['check']} "
                              f"(value {case['failure_case']!r})", row) from None


def require_fields(frame: pd.DataFrame, fields: list[str], source: str) -> None:
    """A renamed or missing field in the payload is a schema change: reject it by name."""
    for field in fields:
        if field not in frame.columns:
            sample = frame.iloc[0].to_dict() if len(frame) else None
            raise ValidationError(source, field, "is missing from the payload", sample)
