class KcspError(ValueError):
    code: ErrorCode
    field: str
    message: str
    details: dict[str, str]
    public_message: str

class InputError(KcspError): ...
class CalendarError(KcspError): ...
class GovernanceError(KcspError): ...
class GrantError(KcspError): ...
class DhrError(KcspError): ...
class InternalError(KcspError): ...

LIBRARY_VERSION: str

def evaluate(rule: str, input: Any, *, partnership: Partnership | None = None, calendar: Calendar | None = None) -> Any: ...
def validate(
    rule: RuleId,
    input: Mapping[str, Any],
    *,
    partnership: Partnership | None = None,
    calendar: Calendar | None = None,
    labels: Mapping[str, str] | None = None,
    messages: str | None = None,
) -> list[KcspError]:
    """Every input error of a request at once, the way a form shows them; an empty list means the input is valid."""
def receipt(
    rule: RuleId, input: Mapping[str, Any], *, partnership: Partnership | None = None, calendar: Calendar | None = None
) -> dict[str, Any]:
    """The decision as a receipt to store (``json.dumps`` it)."""
def verify(
    receipt: Mapping[str, Any], *, partnership: Partnership | None = None, calendar: Calendar | None = None
) -> dict[str, Any]:
    """Whether a stored receipt still holds."""
def error_catalogue() -> list[tuple[str, str]]: ...
def rules() -> dict[str, list[str]]:
    """Every rule id with its input keys."""

_Native = tuple[Any, list[str], list[dict[str, Any]]]

def columns(table: Any) -> dict[str, list[Any]]: ...

def batch(
    rule: str,
    data: Any,
    columns: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    labels: list[str] | None = None,
    partnership: Partnership | None = None,
    calendar: Calendar | None = None,
    raise_first: bool = False,
) -> _Native: ...
def batch_columns(rule: str) -> list[tuple[str, bool]]: ...
def joined(table: Any) -> Any: ...
