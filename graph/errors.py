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
