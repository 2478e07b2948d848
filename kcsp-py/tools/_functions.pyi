LIBRARY_VERSION: str


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
