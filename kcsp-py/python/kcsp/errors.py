"""Errors: ``KcspError`` (a ``ValueError``) and one subclass per rule family.

Every error has a stable snake_case ``code`` (the same in Rust, Python and
JavaScript), the input ``field`` it concerns, a readable ``message`` and
``details`` (for example the offending ``value`` or what was ``allowed``).
"""

from __future__ import annotations

import json
from typing import Mapping

from . import _kcsp

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


class KcspError(ValueError):
    """A rule refused its input. ``code`` is stable; ``field`` names the input."""

    code: str
    field: str
    message: str
    details: Mapping[str, str]
    public_message: str

    def __init__(
        self,
        code: str,
        field: str,
        message: str,
        details: Mapping[str, str] | None = None,
        public_message: str = "",
    ) -> None:
        super().__init__(f"{code} ({field}): {message}" if field else f"{code}: {message}")
        self.code = code
        self.field = field
        self.message = message
        self.details = dict(details or {})
        #: The message for the public, in plain words (from the catalogue of
        #: kcsp-core/data/messages.en.json).
        self.public_message = public_message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, field={self.field!r}, message={self.message!r})"


class InputError(KcspError):
    """Malformed input: dates, ids, unknown keys."""


class CalendarError(KcspError):
    """A bank-holiday calendar could not be read."""


class GovernanceError(KcspError):
    """Quorum, removal votes, papers, reviews and chair terms."""


class GrantError(KcspError):
    """Money and the Crime Reduction Grant."""


class DhrError(KcspError):
    """The Domestic Homicide Review protocol."""


class InternalError(KcspError):
    """The library failed unexpectedly (please report it)."""


_BY_DOMAIN: dict[str, type[KcspError]] = {
    "input": InputError,
    "calendar": CalendarError,
    "governance": GovernanceError,
    "grant": GrantError,
    "dhr": DhrError,
}

#: Every error code, mapped to its rule family (``input``, ``calendar``,
#: ``governance``, ``grant``, ``dhr``).
ERROR_CODES: Mapping[str, str] = dict(_kcsp.error_catalogue())


def _from_native(err: BaseException) -> KcspError:
    """The ``KcspError`` for a ``NativeError`` raised by the extension."""
    return _error(*err.args)


def _error(code: str, field: str, message: str, details: str, public_message: str) -> KcspError:
    """The ``KcspError`` subclass of a code, from the extension's tuple."""
    cls = InternalError if code == "internal_error" else _BY_DOMAIN.get(ERROR_CODES.get(code, ""), KcspError)
    return cls(code, field, message, json.loads(details), public_message)
