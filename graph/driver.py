"""The driver's lifecycle and the one place where queries meet it.

One driver per process: the CLI command or the FastAPI lifespan calls `open_graph`, passes the `Graph`
on, and closes it. Nothing here runs at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
import neo4j.time
from neo4j import Driver, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from graph.cypher import NamedQuery
from graph.errors import Conflict, GraphUnavailable, Invalid
from graph.queries.data_version import BUMP_DATA_VERSION
from graph.settings import Neo4jSettings

T = TypeVar("T")
_OUR_BUGS = ("Statement.SyntaxError", "Statement.SemanticError", "Statement.ParameterMissing")
Params = Mapping[str, Any]


@dataclass
class Graph:
    """A driver, the database it serves and the timeout every query gets."""

    driver: Driver
    database: str
    timeout_s: float

    def read(self, query: NamedQuery, params: Params | None = None) -> list[dict[str, Any]]:
        """Run a read query in a read transaction (routed to a secondary on a cluster)."""
        return self.read_tx(lambda tx: _records(tx, query, params))

    def write(
        self, query: NamedQuery, params: Params | None = None, *, changes_data: bool = True
    ) -> list[dict[str, Any]]:
        """Run a write query in a write transaction; the driver retries transient errors. It raises the
        data version unless `changes_data=False` (see `write_tx`)."""
        return self.write_tx(lambda tx: _records(tx, query, params), changes_data=changes_data)

    def read_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run a function of several reads in one read transaction."""
        with translate_errors(), self.driver.session(database=self.database) as session:
            return session.execute_read(unit_of_work(timeout=self.timeout_s)(work))

    def write_tx(self, work: Callable[[ManagedTransaction], T], *, changes_data: bool = True) -> T:
        """Run a function of several writes in one write transaction; it must be idempotent (MERGE).

        Every write raises the data version in its own transaction, after its work (`_then_bump`), so
        cached figures (graph/stats_cache.py) are known stale by one read of the version. This is the
        only way into a write transaction, so a new write path cannot forget the bump: it has to say
        `changes_data=False` to skip it, and tests/test_data_version.py allows that only where the
        writes touch no figure's input (accounts/: users, tokens, audit, login limits; the schema's
        DDL in graph/migrate.py; the test harness's wipe, which deletes the counter with the data)."""
        if changes_data:
            work = _then_bump(work)
        with translate_errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(unit_of_work(timeout=self.timeout_s)(work))

    def close(self) -> None:
        self.driver.close()


def _then_bump(work: Callable[[ManagedTransaction], T]) -> Callable[[ManagedTransaction], T]:
    """The work, then the data version raised in the same transaction. Last, so that the one node's
    lock is the last one the transaction's statements take and is held only while it commits: the
    claim races lock their item first. (Neo4j still takes a dense node's relationship-group locks at
    commit; a deadlock through them is detected and the transaction function retried, see
    docs/architecture.md "The data version and the figures cache".)"""

    def bumped(tx: ManagedTransaction) -> T:
        result = work(tx)
        tx.run(BUMP_DATA_VERSION.text).consume()
        return result

    return bumped


def _records(tx: ManagedTransaction, query: NamedQuery, params: Params | None) -> list[dict[str, Any]]:
    # Not `record.data()`: it rebuilds every value through the driver's generic transformer, about ten
    # times the cost of this for the rows of a page (2–3 ms for 150 rows of the matches' reads).
    result = tx.run(query.text, dict(params or {}))
    keys = result.keys()
    return [
        {k: v if type(v) in _PLAIN else native(v) for k, v in zip(keys, record, strict=True)}
        for record in result
    ]


_TEMPORAL = (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time)
#: The types of the values that come out of the driver as they are (checked first: most values are).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def native(value: Any) -> Any:
    """A record's value with Neo4j's dates, datetimes and times as Python's `datetime` values (datetimes
    keep microseconds, Python's precision), inside lists and maps too; a node as the map of its
    properties, a relationship and a path as `Record.data()` gives them; durations and all else unchanged.
    Every record is read through here, so nothing above graph/driver.py sees a `neo4j.time` value."""
    kind = type(value)
    if kind in _PLAIN:  # most values: returned at once
        return value
    if kind is list:
        return [item if type(item) in _PLAIN else native(item) for item in value]
    if kind is dict:
        return {key: item if type(item) in _PLAIN else native(item) for key, item in value.items()}
    if isinstance(value, _TEMPORAL):
        return value.to_native()
    if isinstance(value, Node):
        return native(dict(value))
    if isinstance(value, Relationship):
        return (native(dict(value.start_node or {})), value.type, native(dict(value.end_node or {})))
    if isinstance(value, Path):
        path: list[Any] = [native(dict(value.start_node))]
        for relationship, node in zip(value.relationships, value.nodes[1:], strict=True):
            path += [relationship.type, native(dict(node))]
        return path
    if isinstance(value, list):
        return [native(item) for item in value]
    if isinstance(value, dict):
        return {key: native(item) for key, item in value.items()}
    return value


def run(tx: ManagedTransaction, query: NamedQuery, params: Params | None = None) -> list[dict[str, Any]]:
    """Run one named query inside a transaction function and return its records as dicts."""
    return _records(tx, query, params)


def open_graph(settings: Neo4jSettings, *, verify: bool = True, retry_time_s: float | None = None) -> Graph:
    """Create the process's driver and, unless told not to, check that Neo4j answers.

    `retry_time_s` overrides how long transient failures are retried (settings.retry_time_s)."""
    password = settings.resolved_password()
    auth = (settings.user, password) if password is not None else None
    driver = GraphDatabase.driver(
        settings.uri,
        auth=auth,
        connection_timeout=settings.connection_timeout_s,
        connection_acquisition_timeout=settings.connection_timeout_s,
        max_connection_pool_size=settings.max_pool_size,
        max_transaction_retry_time=settings.retry_time_s if retry_time_s is None else retry_time_s,
        notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
    )
    graph = Graph(driver, settings.database, settings.query_timeout_s)
    if verify:
        try:
            with translate_errors():
                driver.verify_connectivity()
        except GraphUnavailable:
            driver.close()
            raise
    return graph


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver errors into the domain's exceptions at the graph/ boundary."""
    try:
        yield
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
        raise GraphUnavailable(f"Neo4j cannot be reached: {exc}") from exc
    except neo4j_errors.AuthError as exc:
        raise GraphUnavailable(f"Neo4j refused the credentials: {exc.message}") from exc
    except neo4j_errors.ConstraintError as exc:
        raise Conflict(exc.message or "a uniqueness constraint was violated") from exc
    except neo4j_errors.ClientError as exc:
        code = exc.code or ""
        if "TransactionTimedOut" in code:
            raise GraphUnavailable("the query took longer than its timeout") from exc
        if any(bug in code for bug in _OUR_BUGS):
            raise  # a malformed query is a defect to fix, not a user's mistake to report
        raise Invalid(exc.message or str(exc)) from exc
    except neo4j_errors.TransientError as exc:
        raise GraphUnavailable(f"Neo4j is busy: {exc.message}") from exc
    except neo4j_errors.DriverError as exc:
        raise GraphUnavailable(f"Neo4j driver error: {exc}") from exc
