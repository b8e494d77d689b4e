"""The local Neo4j: starts and answers Bolt, stops, survives kill -9, refuses a second copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from cli.local_neo4j import LocalNeo4j, LocalNeo4jError
from devtools import harness
from graph.cypher import NamedQuery
from graph.driver import Graph, open_graph
from graph.errors import GraphUnavailable
from graph.settings import Neo4jSettings

WRITE_MARK = NamedQuery("test_write_mark", "MERGE (a:Area:Entity {id: $id}) SET a.name = $name")
READ_MARK = NamedQuery("test_read_mark", "MATCH (a:Area {id: $id}) RETURN a.name AS name")


@pytest.fixture
def lifecycle_server() -> Iterator[LocalNeo4j]:
    """A throwaway instance on its own home and ports, removed afterwards."""
    settings = harness.server_settings("neo4j-lifecycle", port_offset=5).model_copy(update={"auth": True})
    server = LocalNeo4j(settings)
    server.stop()
    shutil.rmtree(server.home, ignore_errors=True)
    yield server
    server.stop()
    shutil.rmtree(server.home, ignore_errors=True)


def _open_with_generated_password(server: LocalNeo4j, scheme: str = "bolt") -> Graph:
    uri = f"{scheme}://127.0.0.1:{server.settings.bolt_port}"
    return open_graph(Neo4jSettings(uri=uri, password=None, password_file=server.password_file))


@pytest.mark.slow
def test_start_answer_stop_and_recover_after_kill(
    lifecycle_server: LocalNeo4j, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    server = lifecycle_server
    status = server.start()
    assert status.running
    assert status.bolt_answers

    # Auth is on: the generated password is kept in a file only its owner can read, and is needed.
    assert server.password_file.stat().st_mode & 0o777 == 0o600
    with pytest.raises(GraphUnavailable):
        open_graph(Neo4jSettings(uri=server.bolt_uri, password=None, password_file=server.home / "none"))

    # A routing URI works against the single server, as it does against a cluster.
    graph = _open_with_generated_password(server, scheme="neo4j")
    try:
        graph.write(WRITE_MARK, {"id": "A1", "name": "太和街道"})
    finally:
        graph.close()

    with pytest.raises(LocalNeo4jError, match="already running"):
        server.start()

    server.kill()
    assert not server.status().running

    assert server.start().bolt_answers
    graph = _open_with_generated_password(server)
    try:
        assert graph.read(READ_MARK, {"id": "A1"}) == [{"name": "太和街道"}]
    finally:
        graph.close()

    assert server.stop()
    assert not server.status().running
    assert not server.status().bolt_answers
    assert not server.stop()
