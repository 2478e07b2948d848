"""Batch functions over frames.

Each takes ``data`` — a pandas, polars or pyarrow frame, a DuckDB result,
anything with the Arrow PyCapsule interface (``__arrow_c_stream__``), a dict
of columns, or a list of row dicts — and the names of the columns to read,
and returns a :class:`Table`.

No row is lost: a row that cannot be read or decided keeps its place with
``error_code``, ``error_field`` and ``error_message`` set (and its result
columns empty); ``errors="raise"`` raises the first error as a
:class:`~kcsp.KcspError` instead.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal, Mapping, Optional

from . import _kcsp
from ._kcsp import Calendar, Partnership

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["Table", "quorum_batch", "papers_batch", "removal_batch", "ledger_batch", "cadence_register"]

Errors = Literal["keep", "raise"]


_PENDING = object()


class Table(dict):  # type: ignore[type-arg]
    """The result of a batch: an Arrow table (``__arrow_c_stream__``, read
    without copying by ``polars.DataFrame(table.arrow)``, ``pandas.DataFrame.from_arrow``,
    ``pyarrow.table`` and DuckDB) that is also a dict of columns (lists), so
    ``pandas.DataFrame(table)`` and ``polars.DataFrame(table)`` work with
    nothing else installed. Dates are ``datetime.date``, money
    ``decimal.Decimal``, missing values ``None``.

    The lists are built from the Arrow table the first time the table is
    read as a dict, so a caller who hands it to an Arrow reader never pays
    for them."""

    def __init__(self, native: tuple[Any, list[str]]) -> None:
        arrow, names = native
        super().__init__(dict.fromkeys(names, _PENDING))
        #: The Arrow table itself (an arro3 Table), for zero-copy readers:
        #: ``polars.DataFrame(table.arrow)``, ``pyarrow.table(table.arrow)``.
        self.arrow = arrow
        self._names: list[str] = list(names)
        self._filled = False

    def _fill(self) -> None:
        if not self._filled:
            dict.update(self, _kcsp.columns(self.arrow))
            self._filled = True

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        """The Arrow C stream of the table (the Arrow PyCapsule interface)."""
        return self.arrow.__arrow_c_stream__(requested_schema)

    def __arrow_c_schema__(self) -> object:
        """The Arrow schema of the table (the Arrow PyCapsule interface)."""
        return self.arrow.__arrow_c_schema__()

    @property
    def num_rows(self) -> int:
        """How many rows the table has."""
        return len(self.arrow)

    @property
    def errors(self) -> list[dict[str, Any]]:
        """The rows that carry an error: ``row``, ``code``, ``field``, ``message``."""
        if "error_code" not in self._names:
            return []
        codes = self["error_code"]
        return [
            {"row": i, "code": c, "field": self["error_field"][i], "message": self["error_message"][i]}
            for i, c in enumerate(codes)
            if c is not None
        ]

    def to_pandas(self) -> pandas.DataFrame:
        """The table as a ``pandas.DataFrame`` whose columns stay Arrow data
        (``pd.ArrowDtype``: ``bool[pyarrow]``, ``uint32[pyarrow]``,
        ``date32[day][pyarrow]``, ``string[pyarrow]``, lists, exact
        ``decimal128(38, 2)``), as ``read_csv(dtype_backend="pyarrow")``
        gives: no row is copied into Python objects, missing values stay
        missing (no integer column turned to float), money stays exact.
        Needs pyarrow; without it, the frame is built from the lists
        (``pandas.DataFrame(table)``)."""
        import pandas as pd

        try:
            # Any: pyarrow ships no type information of its own.
            pa: Any = importlib.import_module("pyarrow")
        except ImportError:
            return pd.DataFrame(self)
        frame: pandas.DataFrame = pa.table(self.arrow).to_pandas(types_mapper=pd.ArrowDtype)
        return frame

    def to_polars(self) -> polars.DataFrame:
        """The table as a ``polars.DataFrame``, read from the Arrow data
        without a copy (``polars.DataFrame(table.arrow)``)."""
        import polars as pl

        return pl.DataFrame(self.arrow)

    def __repr__(self) -> str:
        return f"Table({self.num_rows} rows: {', '.join(self._names)})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A pickled table is its columns: the Arrow handle does not pickle.
        self._fill()
        return (dict, (dict(self.items()),))


def _filled(name: str) -> Any:
    base = getattr(dict, name)

    def method(self: Table, *args: Any, **kwargs: Any) -> Any:
        self._fill()
        return base(self, *args, **kwargs)

    method.__name__ = name
    method.__qualname__ = f"Table.{name}"
    method.__doc__ = base.__doc__
    return method


# Every dict method that reads or changes the values fills the lists first.
for _name in (
    "__getitem__", "__iter__", "__reversed__", "__contains__", "__eq__", "__ne__",
    "__or__", "__ror__", "__ior__", "__setitem__", "__delitem__",
    "keys", "values", "items", "get", "copy", "pop", "popitem", "setdefault", "update", "clear",
):  # fmt: skip
    setattr(Table, _name, _filled(_name))


def _data(data: Any) -> Any:
    # A list of row dicts becomes a dict of columns.
    if isinstance(data, list) and data and isinstance(data[0], Mapping):
        keys = list(dict.fromkeys(k for row in data for k in row))
        return {k: [row.get(k) for row in data] for k in keys}
    return data


def _raise(errors: Errors) -> bool:
    if errors not in ("keep", "raise"):
        raise ValueError(f"errors must be 'keep' or 'raise', not {errors!r}")
    return errors == "raise"


def quorum_batch(
    data: Any,
    *,
    body: Optional[str] = None,
    meeting_id: str = "meeting_id",
    date: str = "date",
    organisation: str = "organisation",
    partnership: Optional[Partnership] = None,
    errors: Errors = "keep",
) -> Table:
    """The quorum of every meeting of an attendance register, one row per
    person present (columns ``meeting_id``, ``date``, ``organisation`` by
    default). Returns one row per meeting, in order of first appearance:
    the meeting id, ``date``, ``quorate``, ``count``, ``required``,
    ``represented``, ``missing``, ``reason`` and the error columns. ``body``
    defaults to the partnership's principal body."""
    return Table(
        _kcsp.quorum_batch(_data(data), body, meeting_id, date, organisation, partnership, _raise(errors))
    )


def papers_batch(
    data: Any,
    *,
    body: Optional[str] = None,
    meeting_id: str = "meeting_id",
    meeting: str = "meeting",
    circulated: str = "circulated",
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
    errors: Errors = "keep",
) -> Table:
    """Papers compliance of many meetings, one row each (columns
    ``meeting_id``, ``meeting``, ``circulated`` by default; a missing
    ``circulated`` means not yet sent). Returns, per row, the meeting id, the
    two dates, ``latest_circulation``, ``clear_working_days``, ``compliant``,
    ``reason`` and the error columns."""
    return Table(
        _kcsp.papers_batch(
            _data(data), body, meeting_id, meeting, circulated, partnership, calendar, _raise(errors)
        )
    )


def removal_batch(
    data: Any,
    *,
    body: Optional[str] = None,
    date: str = "date",
    office: str = "office",
    present: str = "present",
    votes_for: str = "votes_for",
    partnership: Optional[Partnership] = None,
    errors: Errors = "keep",
) -> Table:
    """Votes to remove a chair or vice-chair, one row each (columns ``date``,
    ``office``, ``present``, ``votes_for``; the last two hold lists, or text
    separated by ``;`` or ``,`` as a CSV has them). Returns, per row,
    ``date``, ``office``, ``removed``, ``votes_for``, ``required``, ``seats``,
    ``quorate``, ``reason`` and the error columns."""
    return Table(
        _kcsp.removal_batch(_data(data), body, date, office, present, votes_for, partnership, _raise(errors))
    )


def ledger_batch(
    data: Any,
    allocations: Mapping[str, Any],
    *,
    year: str = "year",
    name: str = "name",
    round: str = "round",
    amount: str = "amount",
    decision: str = "decision",
    spent: Optional[str] = None,
    tactical_open: Optional[Mapping[str, bool]] = None,
    errors: Errors = "keep",
) -> Table:
    """Grant ledgers from a frame of projects, one row per project with its
    financial ``year`` (``"2022/23"``); ``allocations`` maps each year to its
    allocation and ``tactical_open`` each year to whether its pot was open.
    Amounts must be exact: read them as text (``dtype={"amount": str}`` in
    pandas, ``schema_overrides={"amount": pl.String}`` in polars) or as
    ``Decimal``; floats are refused (``invalid_amount``). Returns one row
    per year: the money figures (decimals), ``warnings`` (codes),
    ``reason`` and the error columns."""
    return Table(
        _kcsp.ledger_batch(
            _data(data), allocations, year, name, round, amount, decision, spent, tactical_open, _raise(errors)
        )
    )


def cadence_register(
    data: Any,
    *,
    body: str = "body",
    date: str = "date",
    partnership: Optional[Partnership] = None,
    errors: Errors = "keep",
) -> Table:
    """Meeting cadence per body and financial year from a register of
    meetings, one row per meeting (columns ``body`` and ``date``). A body
    that must meet before another's meetings is checked against that body's
    meetings in the same register. Returns one row per (body, year):
    ``body``, ``year``, ``meetings``, ``compliant``, ``required``,
    ``quarters_without_meeting``, ``unprepared`` (dates), ``reason`` and the
    error columns."""
    return Table(_kcsp.cadence_register(_data(data), body, date, partnership, _raise(errors)))
