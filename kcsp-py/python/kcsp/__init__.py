"""The governance and funding rules of a Community Safety Partnership —
Kent's built in, any other from its definition — from the Rust core
``kcsp-core``.

Every rule is a function taking its inputs as Python values and returning a
result class built in Rust: frozen, with read-only attributes, ``repr``,
``==``, ``to_dict()`` and an ``explanation`` (the clauses cited, the
figures used, the reason, the calendar used).

- Dates: ``datetime.date``, ISO text, or what pandas and numpy hand you
  (``Timestamp``, ``datetime64``) at midnight; a time of day is refused.
- Money: ``decimal.Decimal``, ``int`` or text; a ``float`` is refused with
  ``invalid_amount`` because binary floating point cannot hold pence exactly.
- Missing values: ``None``, ``NaN``, ``NaT``, ``pandas.NA``.
- Another partnership or calendar: pass ``partnership=`` (a
  :class:`Partnership`) and ``calendar=`` (a :class:`Calendar`) to the rules
  that read them.
- Failures raise :class:`KcspError` subclasses with a stable ``code``, the
  ``field``, a ``message`` and a ``public_message``; :func:`validate` returns
  every error of a form at once instead.
- The rule functions are generated from the core's registry (``kcsp._registry``):
  one per rule, named by its id, required inputs positional and the rest
  keyword-only; :func:`evaluate` takes any rule by id.
- Frames: the batch functions of ``kcsp.frames`` take a pandas, polars or
  pyarrow frame (or a dict of columns) and return a :class:`Table`, which
  ``pandas.DataFrame(...)`` and ``polars.DataFrame(...)`` take as it is. One bad
  row never aborts a batch: it gets its error in the ``error_*`` columns
  (``errors="raise"`` raises the first instead).

The native code releases the GIL while it decides, so batches run in
parallel from threads.
"""

from __future__ import annotations

from . import _kcsp, _registry, errors, frames
from ._kcsp import (
    BankHoliday,
    Calendar,
    CalendarSource,
    Citation,
    Discrepancy,
    Explanation,
    Extension,
    Figure,
    OverdueCase,
    Partnership,
    Project,
    ShutGate,
    Warning,
    receipt,
    validate,
    verify,
)
from ._registry import *  # noqa: F403 (every rule function and result class)
from ._types import DateLike, MoneyLike
from .errors import *  # noqa: F403 (KcspError, a class per family of errors, ERROR_CODES)
from .frames import *  # noqa: F403 (the batch functions)

__version__: str = _kcsp.LIBRARY_VERSION

__all__ = [
    # contexts
    "Partnership",
    "Calendar",
    # every rule, by id
    "validate",
    "receipt",
    "verify",
    # values
    "DateLike",
    "MoneyLike",
    # what results hold
    "Explanation",
    "Citation",
    "Figure",
    "CalendarSource",
    "BankHoliday",
    "Project",
    "Warning",
    "Discrepancy",
    "ShutGate",
    "Extension",
    "OverdueCase",
]
__all__ += _registry.__all__  # the rules, evaluate, RuleId, ErrorCode, the result classes
__all__ += errors.__all__
__all__ += frames.__all__
