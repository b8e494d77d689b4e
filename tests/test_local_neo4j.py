"""The local Neo4j: starts and answers Bolt, stops, survives kill -9, refuses a second copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from cli.local_neo4j import LocalNeo4j, LocalNeo4jError
from graph.cypher import NamedQuery
from tests import harness

WRITE_MARK = NamedQuery("test_write_mark", "MERGE (a:Area:Entity {id: $id}) SET a.name = $name")
READ_MARK = NamedQuery("test_read_mark", "MATCH (a:Area {id: $id}) RETURN a.name AS name")


@pytest.fixture
def lifecycle_server() -> Iterator[LocalNeo4j]:
    """A throwaway instance on its own home and ports, removed afterwards."""
    server = LocalNeo4j(harness.server_settings("neo4j-lifecycle", port_offset=5))
    server.stop()
    shutil.rmtree(server.home, ignore_errors=True)
    yield server
    server.stop()
    shutil.rmtree(server.home, ignore_errors=True)


@pytest.mark.slow
def test_start_answer_stop_and_recover_after_kill(lifecycle_server: LocalNeo4j) -> None:
    server = lifecycle_server
    status = server.start()
    assert status.running
    assert status.bolt_answers

    graph = harness.open_test_graph(server)
    try:
        graph.write(WRITE_MARK, {"id": "A1", "name": "太和街道"})
    finally:
        graph.close()

    with pytest.raises(LocalNeo4jError, match="already running"):
        server.start()

    server.kill()
    assert not server.status().running

    assert server.start().bolt_answers
    graph = harness.open_test_graph(server)
    try:
        assert graph.read(READ_MARK, {"id": "A1"}) == [{"name": "太和街道"}]
    finally:
        graph.close()

    assert server.stop()
    assert not server.status().running
    assert not server.status().bolt_answers
    assert not server.stop()
