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
- Frames: :func:`quorum_batch`, :func:`papers_batch`, :func:`removal_batch`,
  :func:`ledger_batch` and :func:`cadence_register` take a pandas, polars or
  pyarrow frame (or a dict of columns) and return a :class:`Table`, which
  ``pandas.DataFrame(...)`` and ``polars.DataFrame(...)`` take as it is. One bad
  row never aborts a batch: it gets its error in the ``error_*`` columns
  (``errors="raise"`` raises the first instead).

The native code releases the GIL while it decides, so batches run in
parallel from threads.
"""

from __future__ import annotations

from datetime import date as _date
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional, Union

from . import _kcsp
from ._kcsp import (
    BankHoliday,
    Calendar,
    CalendarSource,
    CadenceResult,
    CaseStatus,
    Citation,
    Deadlines,
    Discrepancy,
    Explanation,
    Extension,
    Figure,
    Ledger,
    MatchFunding,
    OverdueCase,
    PapersResult,
    Partnership,
    PlanProgress,
    Portfolio,
    Priorities,
    Project,
    QuorumResult,
    Reconciliation,
    RemovalResult,
    ReviewStatus,
    ShutGate,
    Split,
    TacticalAccess,
    TermStatus,
    TransitionResult,
    Warning,
    WorkingDay,
)
from .errors import (
    ERROR_CODES,
    CalendarError,
    DhrError,
    GovernanceError,
    GrantError,
    InputError,
    InternalError,
    KcspError,
)
from .frames import Table, cadence_register, ledger_batch, papers_batch, quorum_batch, removal_batch

__version__: str = _kcsp.LIBRARY_VERSION

__all__ = [
    # contexts
    "Partnership",
    "Calendar",
    # every rule, by id
    "evaluate",
    "validate",
    "receipt",
    "verify",
    "rules",
    # the rules
    "quorum",
    "chair_removal",
    "chair_term",
    "tor_review",
    "papers_deadline",
    "working_day",
    "is_working_day",
    "meeting_cadence",
    "grant_split",
    "match_funding",
    "grant_ledger",
    "reconcile",
    "tactical_access",
    "dhr_deadlines",
    "dhr_transition",
    "dhr_portfolio",
    "dhr_case",
    "action_plan",
    "csa_priorities",
    # frames
    "Table",
    "quorum_batch",
    "papers_batch",
    "removal_batch",
    "ledger_batch",
    "cadence_register",
    # errors
    "KcspError",
    "InputError",
    "CalendarError",
    "GovernanceError",
    "GrantError",
    "DhrError",
    "InternalError",
    "ERROR_CODES",
    # result classes
    "QuorumResult",
    "RemovalResult",
    "TermStatus",
    "ReviewStatus",
    "PapersResult",
    "WorkingDay",
    "CadenceResult",
    "Split",
    "MatchFunding",
    "Ledger",
    "Project",
    "Warning",
    "Reconciliation",
    "Discrepancy",
    "TacticalAccess",
    "ShutGate",
    "Deadlines",
    "Extension",
    "TransitionResult",
    "Portfolio",
    "OverdueCase",
    "CaseStatus",
    "PlanProgress",
    "Priorities",
    "Explanation",
    "Citation",
    "Figure",
    "CalendarSource",
    "BankHoliday",
]

DateLike = Union[_date, str, Any]
"""A ``datetime.date``, ISO text, or a pandas/numpy date at midnight."""
MoneyLike = Union[Decimal, int, str]
"""A ``decimal.Decimal``, an ``int`` or text such as ``"1234.50"``."""


def _given(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def evaluate(
    rule: str,
    input: Mapping[str, Any],
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> Any:
    """Decides rule ``rule`` (an id of :func:`rules`) on ``input`` (a mapping
    of the rule's input keys, as in the conformance vectors; Python dates and
    Decimals are accepted) and returns its result class."""
    return _kcsp.evaluate(rule, input, partnership, calendar)


def validate(
    rule: str,
    input: Mapping[str, Any],
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> list[KcspError]:
    """Every input error of a request at once, the way a form shows them
    (each error's ``public_message`` is for the public); an empty list means
    the input is valid. Raises only for a rule that does not exist."""
    found: list[KcspError] = _kcsp.validate(rule, input, partnership, calendar)
    return found


def receipt(
    rule: str,
    input: Mapping[str, Any],
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> dict[str, Any]:
    """The decision as a receipt to store (``json.dumps`` it): the rule, the
    input, the library version, a hash of the context used and the result."""
    out: dict[str, Any] = _kcsp.receipt(rule, input, partnership, calendar)
    return out


def verify(
    receipt: Mapping[str, Any],
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> dict[str, Any]:
    """Whether a stored receipt still holds: ``holds``, ``same_context``,
    ``same_version``, the ``result`` now and the ``error`` code if it now fails."""
    out: dict[str, Any] = _kcsp.verify(receipt, partnership, calendar)
    return out


def rules() -> dict[str, list[str]]:
    """Every rule id with its input keys (``partnership`` and ``calendar``
    added where the rule reads them)."""
    return {
        rule: keys + (["partnership"] if p else []) + (["calendar"] if c else [])
        for rule, keys, p, c in _kcsp.rules()
    }


def quorum(
    body: str, date: DateLike, present: Iterable[str], *, partnership: Optional[Partnership] = None
) -> QuorumResult:
    """Whether a meeting of ``body`` on ``date``, attended by people from the
    organisations ``present`` (repeats allowed), was quorate."""
    r: QuorumResult = _kcsp.evaluate("quorum", {"body": body, "date": date, "present": present}, partnership)
    return r


def chair_removal(
    date: DateLike,
    office: str,
    present: Iterable[str],
    votes_for: Iterable[str],
    body: Optional[str] = None,
    *,
    partnership: Optional[Partnership] = None,
) -> RemovalResult:
    """A vote to remove the ``chair`` or ``vice_chair``: by default more than
    half of *all* seats must vote for removal at a quorate meeting (the
    partnership's definition may count seats present instead)."""
    r: RemovalResult = _kcsp.evaluate(
        "chair_removal",
        _given(body=body, date=date, office=office, present=present, votes_for=votes_for),
        partnership,
    )
    return r


def chair_term(
    body: str, elected: Iterable[DateLike], as_of: DateLike, *, partnership: Optional[Partnership] = None
) -> TermStatus:
    """When the chair of ``body`` is next due for election."""
    r: TermStatus = _kcsp.evaluate("chair_term", {"body": body, "elected": elected, "as_of": as_of}, partnership)
    return r


def tor_review(
    approvals: Iterable[DateLike],
    as_of: DateLike,
    body: Optional[str] = None,
    *,
    partnership: Optional[Partnership] = None,
) -> ReviewStatus:
    """The status of the annual terms-of-reference review."""
    r: ReviewStatus = _kcsp.evaluate("tor_review", _given(body=body, approvals=approvals, as_of=as_of), partnership)
    return r


def papers_deadline(
    meeting: DateLike,
    circulated: Optional[DateLike] = None,
    body: Optional[str] = None,
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> PapersResult:
    """The latest day papers can go out (five clear working days by default),
    and whether ``circulated`` complied (``None`` when not yet sent)."""
    r: PapersResult = _kcsp.evaluate(
        "papers_deadline", _given(body=body, meeting=meeting, circulated=circulated), partnership, calendar
    )
    return r


def working_day(date: DateLike, *, calendar: Optional[Calendar] = None) -> WorkingDay:
    """Whether ``date`` is a working day in England and Wales (or on ``calendar``), and why."""
    r: WorkingDay = _kcsp.evaluate("working_day", {"date": date}, None, calendar)
    return r


def is_working_day(date: DateLike, *, calendar: Optional[Calendar] = None) -> bool:
    """Whether ``date`` is a working day."""
    return working_day(date, calendar=calendar).working_day


def meeting_cadence(
    body: str,
    year: str,
    meetings: Iterable[DateLike],
    other_meetings: Iterable[DateLike] = (),
    *,
    partnership: Optional[Partnership] = None,
) -> CadenceResult:
    """Whether ``body`` kept its meeting cadence in financial ``year``
    (``"2022/23"``), given the dates it met; for a body that must meet before
    each meeting of another, ``other_meetings`` are that body's dates."""
    r: CadenceResult = _kcsp.evaluate(
        "meeting_cadence",
        {"body": body, "year": year, "meetings": meetings, "other_meetings": other_meetings},
        partnership,
    )
    return r


def grant_split(allocation: MoneyLike, year: Optional[str] = None) -> Split:
    """The upfront share and the tactical pot of an allocation, under the
    scheme of ``year`` (the latest when not given)."""
    r: Split = _kcsp.evaluate("grant_split", _given(allocation=allocation, year=year))
    return r


def match_funding(grant: MoneyLike, total_cost: MoneyLike) -> MatchFunding:
    """The grant's share of a project's total cost."""
    r: MatchFunding = _kcsp.evaluate("match_funding", {"grant": grant, "total_cost": total_cost})
    return r


def grant_ledger(
    year: str, allocation: MoneyLike, projects: Iterable[Mapping[str, Any]], tactical_open: bool = True
) -> Ledger:
    """A grant year's figures from its projects: mappings with ``name``,
    ``round`` (``upfront``/``tactical``), ``amount``, ``decision``
    (``approved``/``rejected``/``pending``) and optionally ``spent``."""
    r: Ledger = _kcsp.evaluate(
        "grant_ledger", {"year": year, "allocation": allocation, "tactical_open": tactical_open, "projects": projects}
    )
    return r


def reconcile(
    year: str,
    allocation: MoneyLike,
    projects: Iterable[Mapping[str, Any]],
    stated_figures: Iterable[Mapping[str, Any]] = (),
    stated_projects: Iterable[Mapping[str, Any]] = (),
    tactical_open: bool = True,
) -> Reconciliation:
    """Compares the figures a report prints (``{"figure", "amount", "source"}``)
    and the project amounts it lists (``{"name", "amount", "source"}``) with
    the ledger."""
    r: Reconciliation = _kcsp.evaluate(
        "grant_reconciliation",
        {
            "year": year,
            "allocation": allocation,
            "tactical_open": tactical_open,
            "projects": projects,
            "stated_figures": stated_figures,
            "stated_projects": stated_projects,
        },
    )
    return r


def tactical_access(
    year: str,
    as_of: DateLike,
    *,
    earlier_projects_complete: Optional[bool] = None,
    upfront_cases_decided: Optional[bool] = None,
    closed_from: Optional[DateLike] = None,
) -> TacticalAccess:
    """Whether the tactical pot of ``year`` can be used on ``as_of``; a gate
    condition not reported as met keeps the pot shut."""
    r: TacticalAccess = _kcsp.evaluate(
        "tactical_access",
        _given(
            year=year,
            as_of=as_of,
            earlier_projects_complete=earlier_projects_complete,
            upfront_cases_decided=upfront_cases_decided,
            closed_from=closed_from,
        ),
    )
    return r


def dhr_deadlines(
    notified: DateLike,
    as_of: DateLike,
    decided: Optional[DateLike] = None,
    decision: Optional[str] = None,
    submitted: Optional[DateLike] = None,
    extensions: Iterable[Mapping[str, Any]] = (),
) -> Deadlines:
    """A review's decision and report deadlines as of ``as_of``. ``decision`` is
    ``commission`` or ``not_commission``; ``extensions`` are mappings with
    ``deadline`` (``decision``/``report``), ``until``, ``reason``
    (``criminal_proceedings``/``inquest``/``other``) and optional ``note``."""
    r: Deadlines = _kcsp.evaluate(
        "dhr_deadlines",
        _given(
            notified=notified,
            as_of=as_of,
            decided=decided,
            decision=decision,
            submitted=submitted,
            extensions=extensions,
        ),
    )
    return r


def dhr_transition(events: Iterable[str]) -> TransitionResult:
    """Checks a sequence of review stages is legal and says where it leads."""
    r: TransitionResult = _kcsp.evaluate("dhr_transition", {"events": events})
    return r


def dhr_portfolio(cases: Iterable[Iterable[str]]) -> Portfolio:
    """Counts over many reviews, each given as its stages in order."""
    r: Portfolio = _kcsp.evaluate("dhr_portfolio", {"cases": cases})
    return r


def dhr_case(case: Mapping[str, Any], as_of: DateLike) -> CaseStatus:
    """The status of a case: ``{"reference", "events": [{"date", "stage"}],
    "extensions": [...], "actions": [{"id", "owner", "status"}]}``."""
    r: CaseStatus = _kcsp.evaluate("dhr_case", {"case": case, "as_of": as_of})
    return r


def action_plan(as_of: DateLike, items: Iterable[Mapping[str, Any]]) -> PlanProgress:
    """The progress of a Community Safety Agreement action plan: ``items``
    are mappings with ``id``, ``priority``, ``status`` (``complete``,
    ``in_progress``, ``incomplete``) and ``timescale`` (``2023-03``,
    ``March 2023`` or ``Ongoing``) — the rows of a CSV export as they are."""
    r: PlanProgress = _kcsp.evaluate("action_plan", {"as_of": as_of, "items": items})
    return r


def csa_priorities(date: DateLike) -> Priorities:
    """The Community Safety Agreement priorities and cross-cutting themes in
    force on ``date``; ``silent`` is true where the sources say nothing."""
    r: Priorities = _kcsp.evaluate("csa_priorities", {"date": date})
    return r
