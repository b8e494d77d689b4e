"""Fixtures: the harness's own Neo4j for the session, and an empty, migrated database for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Depends, Request
from fastapi.testclient import TestClient

from accounts.principal import Principal, Role
from api.deps import get_graph
from api.main import create_app
from api.security.deps import current_principal, presented_token
from cli.local_neo4j import LocalNeo4j
from devtools import harness
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import Neo4jSettings

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[LocalNeo4j]:
    """The harness's Neo4j, started unless already running (ORGLINKS_TEST_KEEP_NEO4J=1 leaves it up)."""
    server = LocalNeo4j(harness.server_settings())
    _token, started = harness.ensure_started(server)
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


#: Who the `client` fixture is: a global admin without the `pii` permission (so persons stay masked).
TEST_ADMIN = Principal(username="test-admin", role=Role.ADMIN, area_id=None, pii=False)
#: Test modules about authentication itself get an anonymous `client`, as a browser would be.
ANONYMOUS_CLIENT_MODULES = ("test_auth_",)


def _test_admin_unless_presented(request: Request, graph: Graph = Depends(get_graph)) -> Principal:  # noqa: B008
    """TEST_ADMIN for a request without credentials; a request that presents a token is checked as usual."""
    if presented_token(request) is None:
        request.state.principal = TEST_ADMIN
        return TEST_ADMIN
    return current_principal(request, graph)


@pytest.fixture
def anonymous_client(graph: Graph, test_neo4j_settings: Neo4jSettings) -> Iterator[TestClient]:
    """The API, with its own driver from its lifespan, over the test's empty database; not logged in."""
    with TestClient(create_app(test_neo4j_settings)) as test_client:
        yield test_client


@pytest.fixture
def client(
    request: pytest.FixtureRequest, graph: Graph, test_neo4j_settings: Neo4jSettings
) -> Iterator[TestClient]:
    """The API over the test's empty database, logged in as a global admin (TEST_ADMIN) unless the
    request carries its own credentials; anonymous in the authentication tests."""
    app = create_app(test_neo4j_settings)
    module = request.node.module.__name__.rsplit(".", 1)[-1]
    if not module.startswith(ANONYMOUS_CLIENT_MODULES):
        app.dependency_overrides[current_principal] = _test_admin_unless_presented
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
