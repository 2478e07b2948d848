"""Errors: ``KcspError`` (a ``ValueError``) and one subclass per rule family,
defined in the native module.

Every error has a stable snake_case ``code`` (the same in Rust, Python and
JavaScript), the input ``field`` it concerns (``projects[0].amount``), a
``message`` for developers, a ``public_message`` for the public (from the
catalogue of ``kcsp-core/data/messages.en.json``) and ``details`` (for
example the offending ``value`` or what was ``allowed``).
"""

from __future__ import annotations

from typing import Mapping

from ._kcsp import (
    CalendarError,
    DhrError,
    GovernanceError,
    GrantError,
    InputError,
    InternalError,
    KcspError,
    error_catalogue,
)

__all__ = [
    "KcspError",
    "InputError",
    "CalendarError",
    "GovernanceError",
    "GrantError",
    "DhrError",
    "InternalError",
    "ERROR_CODES",
]

#: Every error code, mapped to its rule family (``input``, ``calendar``,
#: ``governance``, ``grant``, ``dhr``).
ERROR_CODES: Mapping[str, str] = dict(error_catalogue())
