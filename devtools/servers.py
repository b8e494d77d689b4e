"""The benchmarks' own Neo4j servers: owned like the test harness's, never the main or a test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from cli.local_neo4j import LocalNeo4j
from devtools import harness
from graph.driver import Graph


def bench_server(name: str, port_offset: int) -> LocalNeo4j:
    """A server of the harness's kind with more memory than the tests give theirs (2 GB heap, 1 GB cache)."""
    os.environ.setdefault("ORGLINKS_TEST_NEO4J_HEAP", "2g")
    os.environ.setdefault("ORGLINKS_TEST_NEO4J_PAGECACHE", "1g")
    return LocalNeo4j(harness.server_settings(name, port_offset=port_offset))


@contextmanager
def running(server: LocalNeo4j, *, keep: bool) -> Iterator[tuple[Graph, str]]:
    """Start (unless already up) and claim the server; yield a migrated graph and the owner token."""
    token, started_here = harness.ensure_started(server)
    graph = harness.open_test_graph(server)
    try:
        yield graph, token
    finally:
        graph.close()
        if started_here and not keep:
            server.stop()


def admin_bearer(graph: Graph, username: str = "bench") -> dict[str, str]:
    """An Authorization header of a global admin on a bench server (the user is created if missing)."""
    import contextlib
    import datetime as dt

    from accounts.accounts import create_user
    from accounts.principal import Role, TokenKind
    from accounts.tokens import issue_token
    from graph.errors import Conflict

    with contextlib.suppress(Conflict):
        create_user(graph, None, username=username, role=Role.ADMIN, area_id=None)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    token = issue_token(graph, username, TokenKind.BEARER, expires=expires)
    return {"Authorization": f"Bearer {token.token}"}
