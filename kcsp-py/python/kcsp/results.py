"""Result types: frozen dataclasses with ``datetime.date`` for dates,
``decimal.Decimal`` for money and percentages, tuples for lists, and plain
strings for enumerations (seat ids, stages, decisions).

Every result has an ``explanation`` (the clauses that applied, the figures
used, the reason) and ``to_dict()``.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Mapping, Optional, Tuple, TypeVar

__all__ = [
    "Citation",
    "Figure",
    "Explanation",
    "QuorumResult",
    "RemovalResult",
    "TermStatus",
    "ReviewStatus",
    "PapersResult",
    "WorkingDay",
    "Split",
    "MatchFunding",
    "Project",
    "LedgerWarning",
    "Ledger",
    "Discrepancy",
    "Reconciliation",
    "ShutGate",
    "TacticalAccess",
    "Extension",
    "Deadlines",
    "TransitionResult",
    "OverdueCase",
    "Portfolio",
    "CaseStatus",
    "CalendarSource",
]


class _Result:
    """Shared behaviour: ``to_dict()``."""

    def to_dict(self) -> dict[str, Any]:
        """The result as a plain dict (nested results as dicts too)."""
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class Citation(_Result):
    """A clause of a source document, by title and date, section, and a summary."""

    document: str
    section: str
    summary: str

    def __str__(self) -> str:
        return f"{self.document}, {self.section}: {self.summary}"


@dataclass(frozen=True)
class Figure(_Result):
    """A figure a decision used."""

    name: str
    value: str


@dataclass(frozen=True)
class CalendarSource(_Result):
    """Which calendar a result counted working days on: the years computed from
    statute, the years a GOV.UK file replaced, the days added and removed."""

    statute_years: Tuple[Tuple[int, int], ...]
    govuk_years: Optional[Tuple[int, int]]
    added: Tuple[date, ...]
    removed: Tuple[date, ...]
    summary: str


@dataclass(frozen=True)
class Explanation(_Result):
    """Why a result came out as it did."""

    rule: str
    citations: Tuple[Citation, ...]
    figures: Tuple[Figure, ...]
    reason: str
    reading: Optional[str] = None
    calendar: Optional[CalendarSource] = None

    def __str__(self) -> str:
        lines = [self.reason]
        if self.reading:
            lines.append(f"  reading: {self.reading}")
        lines.extend(f"  per {c}" for c in self.citations)
        return "\n".join(lines)


@dataclass(frozen=True)
class QuorumResult(_Result):
    """Whether a meeting was quorate."""

    body: str
    date: date
    basis: str
    quorate: bool
    count: int
    required: int
    represented: Tuple[str, ...]
    missing: Tuple[str, ...]
    not_counted: Tuple[str, ...]
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class RemovalResult(_Result):
    """The outcome of a vote to remove the chair or vice-chair."""

    office: str
    removed: bool
    votes_for: int
    required: int
    seats: int
    basis: str
    voting_seats: Tuple[str, ...]
    quorum: QuorumResult = field(repr=False)
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class TermStatus(_Result):
    """When a body's chair is next due for election or review."""

    body: str
    last_elected: date
    next_due: date
    overdue: bool
    days_until_due: int
    term_months: int
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class ReviewStatus(_Result):
    """The status of the terms-of-reference review."""

    last_approved: date
    next_due: date
    overdue: bool
    days_until_due: int
    interval_months: int
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class PapersResult(_Result):
    """Whether papers went out in time, and the latest day they could."""

    meeting: date
    latest_circulation: date
    circulated: Optional[date]
    clear_working_days: Optional[int]
    compliant: Optional[bool]
    required: int
    counting: str
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class WorkingDay(_Result):
    """Whether a date is a working day in England and Wales."""

    date: date
    working_day: bool
    weekday: str
    holiday: Optional[str]
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class Split(_Result):
    """An allocation split into the upfront share and the tactical pot."""

    allocation: Decimal
    upfront: Decimal
    tactical: Decimal
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class MatchFunding(_Result):
    """A project's funding split between the grant and others."""

    grant: Decimal
    total_cost: Decimal
    grant_share_percent: Decimal
    other_funding: Decimal
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class Project(_Result):
    """A project of a grant year."""

    name: str
    round: str
    amount: Decimal
    decision: str
    spent: Optional[Decimal] = None


@dataclass(frozen=True)
class LedgerWarning(_Result):
    """Something in a consistent ledger that deserves attention."""

    code: str
    field: str
    message: str


@dataclass(frozen=True)
class Ledger(_Result):
    """A grant year's derived figures."""

    year: str
    scheme: str
    allocation: Decimal
    upfront_pot: Decimal
    tactical_pot: Decimal
    upfront_requested: Decimal
    upfront_approved: Decimal
    upfront_pending: Decimal
    upfront_rejected: Decimal
    tactical_open: bool
    tactical_available: Decimal
    tactical_approved: Decimal
    tactical_pending: Decimal
    tactical_remaining: Decimal
    unallocated: Decimal
    spent: Decimal
    underspend: Decimal
    warnings: Tuple[LedgerWarning, ...]
    projects: Tuple[Project, ...] = field(repr=False)
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class Discrepancy(_Result):
    """A difference between a stated and a computed figure."""

    kind: str
    subject: str
    source: str
    stated: Decimal
    computed: Decimal
    difference: Decimal
    stated_is: str
    swapped_with: Optional[str]
    message: str


@dataclass(frozen=True)
class Reconciliation(_Result):
    """Stated figures compared with computed ones."""

    consistent: bool
    discrepancies: Tuple[Discrepancy, ...]
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class ShutGate(_Result):
    """A tactical-pot gate that is shut."""

    code: str
    reason: str


@dataclass(frozen=True)
class TacticalAccess(_Result):
    """Whether the tactical pot can be used on a date."""

    year: str
    as_of: date
    open: bool
    shut: Tuple[ShutGate, ...]
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class Extension(_Result):
    """An agreed extension of a DHR deadline."""

    deadline: str
    until: date
    reason: str
    note: str = ""


@dataclass(frozen=True)
class Deadlines(_Result):
    """A review's decision and report deadlines."""

    protocol: str
    review_name: str
    decision_due: date
    decision_due_original: date
    decision_overdue: bool
    report_due: Optional[date]
    report_due_original: Optional[date]
    report_overdue: bool
    extensions: Tuple[Extension, ...]
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class TransitionResult(_Result):
    """Where a sequence of stages leads."""

    stage: str
    home_office_informed: bool
    next_allowed: Tuple[str, ...]
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class OverdueCase(_Result):
    """A case with a missed deadline."""

    reference: str
    deadline: str
    due: date


@dataclass(frozen=True)
class Portfolio(_Result):
    """Counts over many reviews."""

    considered: int
    commissioned: int
    not_commissioned: int
    qa_completed: int
    published: int
    closed: int
    by_stage: Mapping[str, int]
    overdue: Tuple[OverdueCase, ...]
    explanation: Explanation = field(repr=False)


@dataclass(frozen=True)
class CaseStatus(_Result):
    """A review case's status as of a date."""

    reference: str
    stage: str
    home_office_informed: bool
    next_allowed: Tuple[str, ...]
    deadlines: Deadlines
    open_actions: int
    can_close: bool
    explanation: Explanation = field(repr=False)


T = TypeVar("T")


Convert = Callable[[Any], Any]
_CONVERTERS: dict[Any, Convert] = {}
_PLANS: dict[type, dict[str, Convert]] = {}


def _converter(tp: Any) -> Convert:
    """The function that converts a JSON value to the annotated type ``tp``,
    worked out once per type (reading type hints on every call made a result
    cost more than the rule)."""
    conv = _CONVERTERS.get(tp)
    if conv is None:
        conv = _CONVERTERS[tp] = _make_converter(tp)
    return conv


def _make_converter(tp: Any) -> Convert:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if origin in (tuple, Tuple):
        item = _converter(typing.get_args(tp)[0])
        return lambda v: tuple([item(x) for x in v])
    if origin in (collections.abc.Mapping, dict):
        return dict
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        cls = tp
        return lambda v: _build(cls, v)
    if tp is date:
        return date.fromisoformat
    if tp is Decimal:
        return Decimal
    if tp in (str, int, bool):
        expected = tp

        def check(v: Any) -> Any:
            if not isinstance(v, expected):
                raise TypeError(f"expected {expected.__name__}, got {v!r}")
            return v

        return check

    def unknown(v: Any) -> Any:
        raise TypeError(f"no conversion to {tp!r}")

    return unknown


def _build(cls: type[T], data: Mapping[str, Any]) -> T:
    """Builds result ``cls`` from the core's JSON object."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        plan = _PLANS[cls] = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs = {}
    for k, v in data.items():
        conv = plan.get(k)
        if conv is None:
            raise TypeError(f"{cls.__name__}: unexpected keys {sorted(set(data) - set(plan))}")
        try:
            kwargs[k] = conv(v)
        except TypeError as e:
            raise TypeError(f"{cls.__name__}.{k}: {e}") from None
    return cls(**kwargs)
