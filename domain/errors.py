"""One small error tree. Adapters translate foreign exceptions into these at the boundary.

Transient errors may succeed when retried (rate limits, 5xx, resets); terminal ones will not
(bad credentials, validation, a refused request). Messages never carry PHI values: ids, file
names, row numbers, field names and hashes only.
"""

from __future__ import annotations


class C2NError(Exception):
    """Base of every error the engine raises on purpose."""


class TransientError(C2NError):
    """Retrying later may succeed."""

    def __init__(self, message: str, *, retry_after: float | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class TerminalError(C2NError):
    """Retrying will not help; the operator must act."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AmbiguousWriteError(TransientError):
    """The request may or may not have been applied (a reset after sending a create)."""


class NotFound(TerminalError):
    """The remote record does not exist (or is deleted)."""


class AuthenticationFailed(TerminalError):
    """Credentials were refused."""


class SourceError(TerminalError):
    """A clinic source cannot be read. Names the file, row and field at fault, never values."""

    def __init__(self, message: str, *, file: str = "", row: int | None = None,
                 field: str | None = None) -> None:
        where = file
        if row is not None:
            where += f", row {row}"
        if field:
            where += f", field {field}"
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.row = row
        self.field = field


class PreconditionFailed(TerminalError):
    """A step was asked for before the step it depends on (e.g. run before approval)."""


class FileTooLarge(TerminalError):
    """A file over the per-file limit: held and reported, never truncated."""

    def __init__(self, message: str, *, size: int | None, limit: int | None,
                 status: int | None = None) -> None:
        super().__init__(message, status=status)
        self.size = size
        self.limit = limit
