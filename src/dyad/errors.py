"""One exception hierarchy for dyad.

Every error a user can see derives from :class:`DyadError` and carries a stable code (``E###``) and, where
known, the place it happened (file, line or record id), so a message says what went wrong and where.
"""

from __future__ import annotations


class DyadError(Exception):
    """Base of every error dyad raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message} [{self.code}]"


class InputError(DyadError):
    """An input file, record or URL could not be read or is not an article."""

    code = "E100"


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP status, timeout)."""

    code = "E110"


class StoreError(DyadError):
    """The database could not be opened, migrated or written."""

    code = "E200"


class CodebookError(DyadError):
    """A bundled or user-supplied data table (codebook, taxonomy, lexicon) is invalid."""

    code = "E300"


class ExtractionError(DyadError):
    """The NLP pipeline failed on one document."""

    code = "E400"


class EvaluationError(DyadError):
    """A gold file is missing or malformed."""

    code = "E500"


class QueryError(DyadError):
    """A query (CLI or HTTP) has invalid parameters."""

    code = "E600"


class NotFoundError(QueryError):
    """A path names a country, pair or record that dyad does not know (HTTP 404)."""

    code = "E604"


class DeliveryError(DyadError):
    """Alerts could not be delivered (webhook unreachable or refusing them after every retry)."""

    code = "E800"
