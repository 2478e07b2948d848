"""The value types the rule functions take, and the one call they make."""

from __future__ import annotations

from datetime import date as _date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from . import _kcsp
from ._kcsp import Calendar, Partnership

if TYPE_CHECKING:
    from ._registry import RuleId

DateLike = Union[_date, str, Any]
"""A ``datetime.date``, ISO text, or a pandas/numpy date at midnight."""
MoneyLike = Union[Decimal, int, str]
"""A ``decimal.Decimal``, an ``int`` or text such as ``"1234.50"``."""


def decide(
    rule: RuleId,
    values: Mapping[str, Any],
    partnership: Optional[Partnership],
    calendar: Optional[Calendar],
    messages: Optional[str] = None,
) -> Any:
    """Decides ``rule`` on ``values`` (inputs given as ``None`` are left out, so
    that an optional input takes its default and a required one is reported
    missing) in the context given, its errors' public messages from
    ``messages`` (a catalogue as JSON text) when given."""
    given = {k: v for k, v in values.items() if v is not None}
    return _kcsp.evaluate(rule, given, partnership=partnership, calendar=calendar, messages=messages)
