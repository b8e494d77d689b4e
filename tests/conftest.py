"""Fixtures: the harness's own Neo4j for the session, and an empty, migrated database for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from cli.local_neo4j import LocalNeo4j
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import Neo4jSettings
from tests import harness

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[LocalNeo4j]:
    """The harness's Neo4j, started unless already running (ORGLINKS_TEST_KEEP_NEO4J=1 leaves it up)."""
    server = LocalNeo4j(harness.server_settings())
    token = harness.claim(server)
    started = server.pid() is None
    if started:
        server.start()
    graph = harness.open_test_graph(server)
    try:
        harness.mark_owned(graph, token)
        migrate(graph)
    finally:
        graph.close()
    yield server
    if started and not os.environ.get("ORGLINKS_TEST_KEEP_NEO4J"):
        server.stop()


@pytest.fixture(scope="session")
def owner_token(neo4j_server: LocalNeo4j) -> str:
    return harness.claim(neo4j_server)


@pytest.fixture(scope="session")
def session_graph(neo4j_server: LocalNeo4j) -> Iterator[Graph]:
    graph = harness.open_test_graph(neo4j_server)
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph: Graph, owner_token: str) -> Graph:
    """An empty database with the schema in place, for this test alone."""
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    return session_graph


@pytest.fixture
def test_neo4j_settings(neo4j_server: LocalNeo4j) -> Neo4jSettings:
    return harness.neo4j_settings_for(neo4j_server)


@pytest.fixture
def client(graph: Graph, test_neo4j_settings: Neo4jSettings) -> Iterator[TestClient]:
    """The API, with its own driver from its lifespan, over the test's empty database."""
    with TestClient(create_app(test_neo4j_settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
