"""Domain exceptions with one root; api/ maps each to one HTTP status, the CLI to one exit code."""

from __future__ import annotations


class OrglinksError(Exception):
    """Root of every error that orglinks reports to a user instead of a stack trace."""


class NotFound(OrglinksError):
    """The requested entity does not exist (or is outside the caller's scope)."""


class Invalid(OrglinksError):
    """A request or input that cannot be served as given."""


class Conflict(OrglinksError):
    """The request collides with something already stored."""


class GraphUnavailable(OrglinksError):
    """Neo4j cannot be reached, or did not answer in time."""


class Forbidden(OrglinksError):
    """The caller may see the object but not do this to it (e.g. an account with rights beyond theirs)."""


class Busy(OrglinksError):
    """The server is at a bound it keeps on concurrent work (e.g. password hashing); try again soon."""

    def __init__(self, message: str, *, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TooManyRequests(OrglinksError):
    """The caller has reached a limit of their own (e.g. concurrent exports); try again later."""

    def __init__(self, message: str, *, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after
