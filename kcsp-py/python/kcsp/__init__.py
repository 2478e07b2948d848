"""The Kent Community Safety Partnership's governance and funding rules, from
the Rust core ``kcsp-core``.

Dates are ``datetime.date`` (ISO ``YYYY-MM-DD`` strings are accepted too);
money is ``decimal.Decimal`` (``str`` and ``int`` are accepted, ``float`` is
refused with a ``TypeError`` because binary floating point cannot hold pence
exactly). Results are frozen dataclasses (see :mod:`kcsp.results`) with an
``explanation`` and ``to_dict()``. Failures raise :class:`KcspError`
subclasses with a stable ``code`` and the ``field`` concerned.

The batch functions (:func:`quorum_batch`, :func:`papers_batch`,
:func:`ledger_batch`) return a dict of equal-length lists that goes straight
into ``pandas.DataFrame(...)``; pandas is not a dependency.
"""

from __future__ import annotations

import gc
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _kcsp
from ._kcsp import Calendar, Partnership
from .errors import (
    ERROR_CODES,
    CalendarError,
    DhrError,
    GovernanceError,
    GrantError,
    InputError,
    InternalError,
    KcspError,
    _error,
    _from_native,
)
from .results import (
    CaseStatus,
    Citation,
    Deadlines,
    Explanation,
    Figure,
    Ledger,
    MatchFunding,
    PapersResult,
    Portfolio,
    QuorumResult,
    Reconciliation,
    RemovalResult,
    ReviewStatus,
    Split,
    TacticalAccess,
    TermStatus,
    TransitionResult,
    WorkingDay,
    _build,
)

__version__ = "0.1.0"

__all__ = [
    "Partnership",
    "Calendar",
    "validate",
    "receipt",
    "verify",
    "KcspError",
    "InputError",
    "CalendarError",
    "GovernanceError",
    "GrantError",
    "DhrError",
    "InternalError",
    "ERROR_CODES",
    "Citation",
    "Figure",
    "Explanation",
    "quorum",
    "chair_removal",
    "chair_term",
    "tor_review",
    "papers_deadline",
    "working_day",
    "is_working_day",
    "grant_split",
    "match_funding",
    "grant_ledger",
    "reconcile",
    "tactical_access",
    "dhr_deadlines",
    "dhr_transition",
    "dhr_portfolio",
    "dhr_case",
    "meeting_cadence",
    "action_plan",
    "csa_priorities",
    "cadence_register",
    "quorum_batch",
    "papers_batch",
    "ledger_batch",
    "evaluate",
]

DateLike = Union[date, str]
MoneyLike = Union[Decimal, str, int]


def _date(value: Any, field: str) -> str:
    if isinstance(value, datetime):
        raise TypeError(f"{field} must be a datetime.date, not a datetime.datetime")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"{field} must be a datetime.date or an ISO date string, not {type(value).__name__}")


def _opt_date(value: Any, field: str) -> Optional[str]:
    return None if value is None else _date(value, field)


def _money(value: Any, field: str) -> str:
    if isinstance(value, bool):
        raise TypeError(f"{field} must be a Decimal, str or int, not bool")
    if isinstance(value, float):
        raise TypeError(
            f"{field} is a float: binary floating point cannot hold pounds and pence exactly; "
            f"pass a decimal.Decimal or a string such as '1234.50'"
        )
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"{field} must be a Decimal, str or int, not {type(value).__name__}")


def _strs(values: Any, field: str) -> list[str]:
    if isinstance(values, str):
        raise TypeError(f"{field} must be a sequence of str, not a str")
    out = list(values)
    for i, v in enumerate(out):
        if not isinstance(v, str):
            raise TypeError(f"{field}[{i}] must be a str, not {type(v).__name__}")
    return out


def _rows(rows: Iterable[Mapping[str, Any]], name: str, **convert: Any) -> list[dict[str, Any]]:
    """Copies each mapping of ``rows``, converting the keys named in
    ``convert`` (e.g. ``until=_date``) and naming ``name[i].key`` in errors."""
    return [
        {k: (convert[k](v, f"{name}[{i}].{k}") if k in convert and v is not None else v) for k, v in r.items()}
        for i, r in enumerate(rows)
    ]


def _checked(fn: Any, *args: Any) -> Any:
    """Calls the extension, raising its internal failures as ``KcspError``
    too (coded errors already arrive as ``KcspError``)."""
    try:
        return fn(*args)
    except _kcsp.NativeError as e:
        raise _from_native(e) from None


def evaluate(
    rule: str,
    input: Mapping[str, Any],
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> dict[str, Any]:
    """Evaluates ``rule`` on a JSON-shaped ``input`` (dates and money as
    strings, as in the conformance vectors) and returns the result as a dict
    of JSON values, for Kent or for the ``partnership`` given, on the England
    and Wales calendar or the ``calendar`` given. The typed functions below
    are usually more convenient."""
    out = _checked(_kcsp.evaluate, rule, json.dumps(input), partnership, calendar)
    result: dict[str, Any] = json.loads(out)
    return result


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
    found = _checked(_kcsp.validate, rule, json.dumps(input), partnership, calendar)
    return [_error(*e) for e in found]


def receipt(
    rule: str,
    input: Mapping[str, Any],
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> dict[str, Any]:
    """The decision as a receipt to store: the rule, the input, the library
    version, a hash of the context used and the result."""
    out = _checked(_kcsp.receipt, rule, json.dumps(input), partnership, calendar)
    result: dict[str, Any] = json.loads(out)
    return result


def verify(
    receipt: Mapping[str, Any],
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> dict[str, Any]:
    """Whether a stored receipt still holds (``holds``, ``same_context``,
    ``same_version``, the result now)."""
    out = _checked(_kcsp.verify, json.dumps(receipt), partnership, calendar)
    result: dict[str, Any] = json.loads(out)
    return result


def _call(
    rule: str,
    cls: type,
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
    **input: Any,
) -> Any:
    data = {k: v for k, v in input.items() if v is not None}
    return _build(cls, evaluate(rule, data, partnership=partnership, calendar=calendar))


def quorum(body: str, date: DateLike, present: Iterable[str], *, partnership: Optional[Partnership] = None) -> QuorumResult:
    """Whether a meeting of ``body`` (``kcsp``, ``working_group``,
    ``dhr_steering_group``) on ``date`` attended by people from the
    organisations ``present`` (repeats allowed) was quorate."""
    result: QuorumResult = _call(
        "quorum", QuorumResult, partnership=partnership, body=body, date=_date(date, "date"), present=_strs(present, "present")
    )
    return result


def chair_removal(
    date: DateLike,
    office: str,
    present: Iterable[str],
    votes_for: Iterable[str],
    body: Optional[str] = None,
    *,
    partnership: Optional[Partnership] = None,
) -> RemovalResult:
    """Decides a vote to remove the ``chair`` or ``vice_chair``: more than half of
    *all* seats must vote for removal at a quorate meeting."""
    result: RemovalResult = _call(
        "chair_removal",
        RemovalResult,
        partnership=partnership,
        body=body,
        date=_date(date, "date"),
        office=office,
        present=_strs(present, "present"),
        votes_for=_strs(votes_for, "votes_for"),
    )
    return result


def chair_term(
    body: str, elected: Iterable[DateLike], as_of: DateLike, *, partnership: Optional[Partnership] = None
) -> TermStatus:
    """When the chair of ``body`` is next due for election (two years on)."""
    result: TermStatus = _call(
        "chair_term",
        TermStatus,
        partnership=partnership,
        body=body,
        elected=[_date(d, f"elected[{i}]") for i, d in enumerate(elected)],
        as_of=_date(as_of, "as_of"),
    )
    return result


def tor_review(
    approvals: Iterable[DateLike],
    as_of: DateLike,
    body: Optional[str] = None,
    *,
    partnership: Optional[Partnership] = None,
) -> ReviewStatus:
    """The status of the annual terms-of-reference review."""
    result: ReviewStatus = _call(
        "tor_review",
        ReviewStatus,
        partnership=partnership,
        body=body,
        approvals=[_date(d, f"approvals[{i}]") for i, d in enumerate(approvals)],
        as_of=_date(as_of, "as_of"),
    )
    return result


def papers_deadline(
    meeting: DateLike,
    circulated: Optional[DateLike] = None,
    body: Optional[str] = None,
    *,
    partnership: Optional[Partnership] = None,
    calendar: Optional[Calendar] = None,
) -> PapersResult:
    """The latest day papers can go out (five clear working days), and whether
    ``circulated`` complied."""
    result: PapersResult = _call(
        "papers_deadline",
        PapersResult,
        partnership=partnership,
        calendar=calendar,
        body=body,
        meeting=_date(meeting, "meeting"),
        circulated=_opt_date(circulated, "circulated"),
    )
    return result


def working_day(date: DateLike, *, calendar: Optional[Calendar] = None) -> WorkingDay:
    """Whether ``date`` is a working day in England and Wales, and why."""
    result: WorkingDay = _call("working_day", WorkingDay, calendar=calendar, date=_date(date, "date"))
    return result


def is_working_day(date: DateLike, *, calendar: Optional[Calendar] = None) -> bool:
    """Whether ``date`` is a working day in England and Wales."""
    return working_day(date, calendar=calendar).working_day


def grant_split(allocation: MoneyLike, year: Optional[str] = None) -> Split:
    """The upfront share (two thirds rounded down to the pound) and the
    tactical pot (the rest); with ``year``, under that year's scheme."""
    result: Split = _call("grant_split", Split, allocation=_money(allocation, "allocation"), year=year)
    return result


def match_funding(grant: MoneyLike, total_cost: MoneyLike) -> MatchFunding:
    """The grant's share of a project's total cost."""
    result: MatchFunding = _call(
        "match_funding", MatchFunding, grant=_money(grant, "grant"), total_cost=_money(total_cost, "total_cost")
    )
    return result


def _projects(projects: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return _rows(projects, "projects", amount=_money, spent=_money)


def grant_ledger(
    year: str, allocation: MoneyLike, projects: Iterable[Mapping[str, Any]], tactical_open: bool = True
) -> Ledger:
    """A grant year's figures from its projects. Each project is a mapping with
    ``name``, ``round`` (``upfront``/``tactical``), ``amount``, ``decision``
    (``approved``/``rejected``/``pending``) and optionally ``spent``."""
    result: Ledger = _call(
        "grant_ledger",
        Ledger,
        year=year,
        allocation=_money(allocation, "allocation"),
        tactical_open=tactical_open,
        projects=_projects(projects),
    )
    return result


def reconcile(
    year: str,
    allocation: MoneyLike,
    projects: Iterable[Mapping[str, Any]],
    stated_figures: Iterable[Mapping[str, Any]] = (),
    stated_projects: Iterable[Mapping[str, Any]] = (),
    tactical_open: bool = True,
) -> Reconciliation:
    """Compares figures a report states (``{"figure", "amount", "source"}``) and
    project amounts it lists (``{"name", "amount", "source"}``) with the ledger."""

    result: Reconciliation = _call(
        "grant_reconciliation",
        Reconciliation,
        year=year,
        allocation=_money(allocation, "allocation"),
        tactical_open=tactical_open,
        projects=_projects(projects),
        stated_figures=_rows(stated_figures, "stated_figures", amount=_money),
        stated_projects=_rows(stated_projects, "stated_projects", amount=_money),
    )
    return result


def tactical_access(
    year: str,
    as_of: DateLike,
    *,
    earlier_projects_complete: Optional[bool] = None,
    upfront_cases_decided: Optional[bool] = None,
    closed_from: Optional[DateLike] = None,
) -> TacticalAccess:
    """Whether the tactical pot of ``year`` can be used on ``as_of``, given the
    gates that apply (``None`` for a gate that does not)."""
    result: TacticalAccess = _call(
        "tactical_access",
        TacticalAccess,
        year=year,
        as_of=_date(as_of, "as_of"),
        earlier_projects_complete=earlier_projects_complete,
        upfront_cases_decided=upfront_cases_decided,
        closed_from=_opt_date(closed_from, "closed_from"),
    )
    return result


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
    ext = _rows(extensions, "extensions", until=_date)
    result: Deadlines = _call(
        "dhr_deadlines",
        Deadlines,
        notified=_date(notified, "notified"),
        as_of=_date(as_of, "as_of"),
        decided=_opt_date(decided, "decided"),
        decision=decision,
        submitted=_opt_date(submitted, "submitted"),
        extensions=ext or None,
    )
    return result


def dhr_transition(events: Iterable[str]) -> TransitionResult:
    """Checks a sequence of stage names is legal and says where it leads."""
    result: TransitionResult = _call("dhr_transition", TransitionResult, events=_strs(events, "events"))
    return result


def dhr_portfolio(cases: Iterable[Iterable[str]]) -> Portfolio:
    """Counts over many reviews, each given as its stage names in order."""
    result: Portfolio = _call(
        "dhr_portfolio", Portfolio, cases=[_strs(c, f"cases[{i}]") for i, c in enumerate(cases)]
    )
    return result


def dhr_case(case: Mapping[str, Any], as_of: DateLike) -> CaseStatus:
    """The status of a case: ``{"reference", "events": [{"date", "stage"}],
    "extensions": [...], "actions": [{"id", "owner", "status"}]}``."""
    c = dict(case)
    c["events"] = _rows(case.get("events", []), "case.events", date=_date)
    if "extensions" in c:
        c["extensions"] = _rows(c["extensions"], "case.extensions", until=_date)
    result: CaseStatus = _call("dhr_case", CaseStatus, case=c, as_of=_date(as_of, "as_of"))
    return result


def meeting_cadence(
    body: str,
    year: str,
    meetings: Iterable[DateLike],
    other_meetings: Iterable[DateLike] = (),
    *,
    partnership: Optional[Partnership] = None,
) -> dict[str, Any]:
    """Whether ``body`` kept its meeting cadence in financial ``year``
    (``"2022/23"``), given the dates it met; for a body that must meet before
    each meeting of another, ``other_meetings`` are that body's dates. The
    result as a dict (``meetings``, ``compliant``, ``required``,
    ``quarters_without_meeting``, ``unprepared``, ``explanation``)."""
    return evaluate(
        "meeting_cadence",
        {
            "body": body,
            "year": year,
            "meetings": [_date(d, f"meetings[{i}]") for i, d in enumerate(meetings)],
            "other_meetings": [_date(d, f"other_meetings[{i}]") for i, d in enumerate(other_meetings)],
        },
        partnership=partnership,
    )


def action_plan(as_of: DateLike, items: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The progress of a Community Safety Agreement action plan: ``items`` are
    mappings with ``id``, ``priority``, ``status`` (``complete``,
    ``in_progress``, ``incomplete``) and ``timescale`` (``2023-03``,
    ``March 2023`` or ``Ongoing``). The result as a dict (counts,
    ``percent_complete``, ``overdue``, ``rag``, ``explanation``)."""
    return evaluate("action_plan", {"as_of": _date(as_of, "as_of"), "items": [dict(i) for i in items]})


def csa_priorities(date: DateLike) -> dict[str, Any]:
    """The Community Safety Agreement priorities and cross-cutting themes in
    force on ``date``; ``silent`` is true where the sources say nothing."""
    return evaluate("csa_priorities", {"date": _date(date, "date")})


def _native(fn: Any, *args: Any) -> Any:
    # A batch allocates many result objects at once; the cyclic collector
    # would walk the caller's (large) input lists again and again meanwhile.
    # None of these objects can form cycles, so it is paused for the call.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _checked(fn, *args)
    finally:
        if was_enabled:
            gc.enable()


def quorum_batch(
    rows: Optional[Iterable[Any]] = None,
    *,
    body: str = "kcsp",
    meeting_id: Optional[Sequence[Any]] = None,
    date: Optional[Sequence[Any]] = None,
    organisation: Optional[Sequence[str]] = None,
) -> dict[str, list[Any]]:
    """The quorum of every meeting of an attendance register, one row per
    person present: either ``rows`` of ``(meeting_id, date, organisation)``
    tuples or dicts, or the three columns as keyword lists. Returns columns
    ``meeting_id, date, quorate, count, required, represented, missing,
    reason`` with one entry per meeting, in order of first appearance."""
    if rows is not None:
        if meeting_id is not None or date is not None or organisation is not None:
            raise TypeError("give either rows or the three columns, not both")
        result: dict[str, list[Any]] = _native(_kcsp.quorum_batch_rows, body, rows if isinstance(rows, (list, tuple)) else list(rows))
        return result
    if meeting_id is None or date is None or organisation is None:
        raise TypeError("give rows, or all of meeting_id, date and organisation")
    result = _native(_kcsp.quorum_batch, body, meeting_id, date, organisation)
    return result


def papers_batch(
    rows: Optional[Iterable[Any]] = None,
    *,
    body: str = "kcsp",
    meeting_id: Optional[Sequence[Any]] = None,
    meeting: Optional[Sequence[Any]] = None,
    circulated: Optional[Sequence[Any]] = None,
) -> dict[str, list[Any]]:
    """Papers compliance of many meetings: ``rows`` of ``(meeting_id, meeting,
    circulated)`` tuples or dicts (``circulated`` may be None), or the three
    columns. Returns columns ``meeting_id, meeting, circulated,
    latest_circulation, clear_working_days, compliant, reason``."""
    if rows is not None:
        ids: list[Any] = []
        ms: list[Any] = []
        cs: list[Any] = []
        for i, r in enumerate(rows):
            if isinstance(r, Mapping):
                ids.append(r.get("meeting_id"))
                ms.append(r.get("meeting"))
                cs.append(r.get("circulated"))
            else:
                m_id, m, c = r
                ids.append(m_id)
                ms.append(m)
                cs.append(c)
        meeting_id, meeting, circulated = ids, ms, cs
    if meeting_id is None or meeting is None or circulated is None:
        raise TypeError("give rows, or all of meeting_id, meeting and circulated")
    result: dict[str, list[Any]] = _native(_kcsp.papers_batch, body, meeting_id, meeting, circulated)
    return result


_LEDGER_COLUMNS = (
    "allocation",
    "upfront_pot",
    "tactical_pot",
    "upfront_requested",
    "upfront_approved",
    "upfront_pending",
    "tactical_available",
    "tactical_approved",
    "tactical_remaining",
    "unallocated",
    "spent",
    "underspend",
)


def ledger_batch(ledgers: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Many grant years at once: each a mapping with the arguments of
    :func:`grant_ledger` (``year``, ``allocation``, ``projects``, optional
    ``tactical_open``). Returns columns ``year``, the money figures
    (Decimals), ``warnings`` (codes) and ``reason``."""
    out: dict[str, list[Any]] = {"year": [], **{c: [] for c in _LEDGER_COLUMNS}, "warnings": [], "reason": []}
    for i, l in enumerate(ledgers):
        try:
            r = grant_ledger(l["year"], l["allocation"], l.get("projects", ()), l.get("tactical_open", True))
        except KcspError as e:
            raise type(e)(e.code, f"ledgers[{i}].{e.field}" if e.field else f"ledgers[{i}]", e.message, e.details) from None
        out["year"].append(r.year)
        for c in _LEDGER_COLUMNS:
            out[c].append(getattr(r, c))
        out["warnings"].append([w.code for w in r.warnings])
        out["reason"].append(r.explanation.reason)
    return out


def cadence_register(
    body: Sequence[Any], date: Sequence[Any], *, partnership: Optional[Partnership] = None
) -> dict[str, list[Any]]:
    """Meeting cadence per body and financial year from a register of
    meetings given as two columns (one row per meeting; a pandas or polars
    column, or any sequence): ``body`` ids and ``date`` (``datetime.date`` or
    ISO text). A body that must meet before another's meetings is checked
    against that body's meetings in the same register. Returns columns, one
    entry per (body, year): ``body, year, meetings, compliant, required,
    quarters_without_meeting, unprepared, reason, error_code, error_field``
    (a body that cannot be judged keeps its row, with the error)."""
    result: dict[str, list[Any]] = _native(_kcsp.cadence_register, list(body), list(date), partnership)
    return result

