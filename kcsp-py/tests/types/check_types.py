"""Checked by ``mypy --strict`` (tests/run.d/python.sh), never run: the rule
functions and ``evaluate`` are typed from the registry. Each ``type: ignore``
marks a line that must fail to type-check; ``--strict`` reports an ignore
that is not needed, so a line that stopped failing fails the check."""

from __future__ import annotations

from datetime import date

import kcsp


def typed_by_rule() -> list[kcsp.ErrorCode]:
    q: kcsp.QuorumResult = kcsp.evaluate("quorum", {"body": "kcsp", "date": "2022-07-14", "present": []})
    p: kcsp.PapersResult = kcsp.papers_deadline(date(2022, 7, 14), circulated=date(2022, 7, 6))
    kcsp.evaluate("papers_dedline", {"meeting": "2022-07-14"})  # type: ignore[call-overload]
    wrong: kcsp.QuorumResult = kcsp.evaluate("papers_deadline", {"meeting": "2022-07-14"})  # type: ignore[assignment]
    kcsp.chair_removal(date(2023, 11, 16), "treasurer", [], [])  # type: ignore[arg-type]
    kcsp.papers_deadline(date(2022, 7, 14), "2022-07-06")  # type: ignore[call-arg]
    rule: kcsp.RuleId = "grant_ledger"
    bad: kcsp.ErrorCode = "not_a_code"  # type: ignore[assignment]
    codes: list[kcsp.ErrorCode] = [e.code for e in kcsp.validate(rule, {"year": "2022/24"})]
    return codes if q.quorate and p.compliant and wrong and bad else []
