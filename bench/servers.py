"""The benchmarks' own Neo4j servers: owned like the test harness's, never the main or a test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from cli.local_neo4j import LocalNeo4j
from graph.driver import Graph
from graph.migrate import migrate
from tests import harness


def bench_server(name: str, port_offset: int) -> LocalNeo4j:
    """A server of the harness's kind with more memory than the tests give theirs (2 GB heap, 1 GB cache)."""
    os.environ.setdefault("ORGLINKS_TEST_NEO4J_HEAP", "2g")
    os.environ.setdefault("ORGLINKS_TEST_NEO4J_PAGECACHE", "1g")
    return LocalNeo4j(harness.server_settings(name, port_offset=port_offset))


@contextmanager
def running(server: LocalNeo4j, *, keep: bool) -> Iterator[tuple[Graph, str]]:
    """Start (unless already up) and claim the server; yield a migrated graph and the owner token."""
    token = harness.claim(server)
    started_here = server.pid() is None
    if started_here:
        server.start()
    graph = harness.open_test_graph(server)
    try:
        harness.mark_owned(graph, token)
        migrate(graph)
        yield graph, token
    finally:
        graph.close()
        if started_here and not keep:
            server.stop()
