"""The one base class of every input model (JSON bodies and forms) and the limits it enforces.

- Integers fit PostgreSQL's integer (every id, count and quantity column): larger ones cannot be
  stored and would end as server errors.
- Dates lie between DATE_MIN and DATE_MAX: validity periods and working-day deadlines add to
  them, and near year 9999 that overflows.
- Text is bounded even where a field sets no length; floats are finite.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL integer (Piccolo's Serial and Integer)
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2199, 12, 31)
MAX_TEXT = 10_000  # characters, for a text field that sets no max_length of its own


def date_problem(value: date) -> str | None:
    """The Chinese message for a date outside DATE_MIN..DATE_MAX, else None."""
    if value < DATE_MIN:
        return f"日期不能早于{DATE_MIN.year}年"
    if value > DATE_MAX:
        return f"日期不能晚于{DATE_MAX.year}年"
    return None


def int_problem(value: int, low: int = INT_MIN, high: int = INT_MAX) -> str | None:
    if value < low:
        return f"不能小于{low}"
    if value > high:
        return f"不能大于{high}"
    return None


def _problem(value: Any, label: str) -> str | None:
    """What is wrong with a validated field value, looking into lists and mappings."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int_problem(value)
    if isinstance(value, date):
        return date_problem(value if type(value) is date else value.date())
    if isinstance(value, (list, tuple, set, frozenset)):
        return next((p for v in value if (p := _problem(v, label))), None)
    if isinstance(value, dict):
        items = (*value.keys(), *value.values())
        return next((p for v in items if (p := _problem(v, label))), None)
    return None  # nested models are Inputs themselves and checked their own fields


class Input(BaseModel):
    """Base of every input model: unknown fields refused, text stripped and checked."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, str_max_length=MAX_TEXT, allow_inf_nan=False
    )

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_hostile(cls, value: Any, info: ValidationInfo) -> Any:
        problem = _problem(value, "")
        if problem:
            raise ValueError(problem)
        return value
