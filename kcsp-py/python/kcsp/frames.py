"""Batches over frames: any rule of the registry over the rows of a table.

:func:`batch` takes ``data`` — a pandas, polars or pyarrow frame, a DuckDB
result, anything with the Arrow PyCapsule interface (``__arrow_c_stream__``),
a dict of columns, or a list of row dicts — and returns a :class:`Table`. The
core's batch engine groups the rows as the rule needs (attendance rows into
meetings by body and meeting; a register of meetings into body and financial
year; grant projects into years; action plan items by date) and decides each
group as one request, so a batch answers as the same requests one at a time.
Each rule also has a named form, ``kcsp.<rule>_batch``, generated from the
registry.

No row is lost: a row (or group) that cannot be decided keeps its place with
``error_code``, ``error_field`` and ``error_message`` (its first error) set,
and :attr:`Table.errors` lists every error of every row, named by the frame's
index label (``rows[15].date``); ``errors="raise"`` raises the first one as a
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

__all__ = ["Table", "batch", "batch_columns"]

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

    def __init__(self, native: tuple[Any, list[str], list[dict[str, Any]]]) -> None:
        arrow, names, errors = native
        self._errors = errors
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
        """Every error of every row: ``row`` (of this table), ``source`` (the
        data's row it came from: its index label as text when the frame has
        labels, else its position; ``None`` for an error of no one row), ``code``,
        ``field`` (``rows[label].column``) and ``message``."""
        return list(self._errors)

    def to_pandas(self, *, lists: Literal["keep", "join"] = "keep") -> pandas.DataFrame:
        """The table as a ``pandas.DataFrame`` whose columns stay Arrow data
        (``pd.ArrowDtype``: ``bool[pyarrow]``, ``int64[pyarrow]``,
        ``date32[day][pyarrow]``, ``string[pyarrow]``, lists, exact
        ``decimal128(38, 2)``), as ``read_csv(dtype_backend="pyarrow")``
        gives: no row is copied into Python objects, missing values stay
        missing (no integer column turned to float), money stays exact.
        Needs pyarrow; without it, the frame is built from the lists
        (``pandas.DataFrame(table)``).

        ``lists="join"`` writes each list cell as text, items joined by
        ``"; "``: a flat frame that ``to_csv``, ``to_excel`` and
        ``to_parquet`` keep as it is."""
        import pandas as pd

        try:
            # Any: pyarrow ships no type information of its own.
            pa: Any = importlib.import_module("pyarrow")
        except ImportError:
            if lists == "join":
                return pd.DataFrame(Table((_kcsp.joined(self.arrow), self._names, self._errors)))
            return pd.DataFrame(self)
        arrow = pa.table(_kcsp.joined(self.arrow) if lists == "join" else self.arrow)
        # Text held as views (a table made from a polars frame) as plain
        # strings: pandas cannot yet write string views to CSV or filter them.
        def plain(t: Any) -> Any:
            if pa.types.is_string_view(t):
                return pa.string()
            if pa.types.is_list(t):
                return pa.list_(plain(t.value_type))
            return t

        schema = pa.schema([f.with_type(plain(f.type)) for f in arrow.schema])
        if schema != arrow.schema:
            arrow = arrow.cast(schema)
        frame: pandas.DataFrame = arrow.to_pandas(types_mapper=pd.ArrowDtype)
        return frame

    def to_polars(self) -> polars.DataFrame:
        """The table as a ``polars.DataFrame``, read from the Arrow data
        without a copy (``polars.DataFrame(table.arrow)``). A table made from
        a polars frame holds its text as string views, as polars does."""
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


def _labels(data: Any) -> Optional[list[str]]:
    # A pandas frame's index labels name its rows in errors (after a filter
    # they are not the positions).
    index = getattr(data, "index", None)
    if index is None or not hasattr(index, "tolist") or isinstance(data, Mapping):
        return None
    kind = type(index).__name__
    if kind == "RangeIndex" and index.start == 0 and index.step == 1:
        return None
    return [str(x) for x in index.tolist()]


def batch(
    rule: str,
    data: Any,
    *,
    columns: Optional[Mapping[str, str]] = None,
    values: Optional[Mapping[str, Any]] = None,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
    errors: Errors = "keep",
) -> Table:
    """Rule ``rule`` over the rows of ``data``, one answer per request.

    Args:
        rule: a rule id (``kcsp.RULE_IDS``).
        data: a frame, a dict of columns or a list of row dicts. Columns are
            named as the rule's input (``kcsp.batch_columns(rule)`` lists them);
            a list field may hold lists, or text separated by ``;`` or ``,``.
        columns: the data's name for a column, where it differs
            (``{"meeting_id": "id"}``).
        values: input fields that hold for every row (``{"as_of": date(2024, 3, 31)}``);
            one that contradicts its column is an error.
        partnership: another partnership's definition (Kent's when not given).
        calendar: another calendar (England and Wales when not given).
        errors: ``"keep"`` (an error stays in its row) or ``"raise"``.

    Returns one row per request, in order of first appearance: the keys of
    its group, the result's fields (its explanation as ``reason``) and the
    error columns.
    """
    if not isinstance(rule, str):
        raise TypeError(f"rule must be a rule id (str), not {type(rule).__name__}")
    given = {k: v for k, v in (values or {}).items() if v is not None}
    return Table(
        _kcsp.batch(
            rule, _data(data), dict(columns or {}), given, _labels(data), partnership, calendar, _raise(errors)
        )
    )


def batch_columns(rule: str) -> list[tuple[str, bool]]:
    """The columns rule ``rule``'s batch reads: (name, required)."""
    return list(_kcsp.batch_columns(rule))
