"""Security headers on every answer, request body limits (413), and CORS off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.security.headers import CSP
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.settings import AppSettings, Neo4jSettings

MB = 1024 * 1024
COUNT_TOKENS = NamedQuery("t_count_tokens", "MATCH (t:ApiToken) RETURN count(t) AS n")


def _check_headers(headers: object) -> None:
    get = headers.get  # type: ignore[attr-defined]
    assert "default-src 'self'" in get("content-security-policy")
    assert "img-src 'self' data: blob:" in get("content-security-policy")
    assert get("x-content-type-options") == "nosniff"
    assert get("referrer-policy") == "no-referrer"
    assert get("x-frame-options") == "DENY"


def test_csp_allows_only_self() -> None:
    sources = {part.split()[0]: part.split()[1:] for part in CSP.split("; ")}
    assert sources["default-src"] == ["'self'"]
    assert sources["img-src"] == ["'self'", "data:", "blob:"]
    assert sources["frame-ancestors"] == ["'none'"]
    assert all("http" not in s and "*" not in s and "unsafe" not in s for v in sources.values() for s in v)


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/api/health"), ("GET", "/api/auth/me"), ("GET", "/nope")]
)
def test_security_headers_on_every_answer(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path)
    _check_headers(response.headers)


def test_api_answers_are_not_cached(client: TestClient) -> None:
    assert client.get("/api/health").headers["cache-control"] == "no-store"


def test_cors_is_off(client: TestClient) -> None:
    response = client.options(
        "/api/auth/login",
        headers={"Origin": "https://other.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in response.headers
    got = client.get("/api/health", headers={"Origin": "https://other.example"})
    assert "access-control-allow-origin" not in got.headers


@pytest.fixture
def small_client(graph: Graph, test_neo4j_settings: Neo4jSettings) -> Iterator[TestClient]:
    """The app with a 1 MB body limit."""
    with TestClient(create_app(test_neo4j_settings, AppSettings(max_body_mb=1))) as client:
        yield client


def test_a_declared_oversized_body_is_413_before_anything_reads_it(
    graph: Graph, small_client: TestClient
) -> None:
    body = b'{"username": "a", "password": "' + b"x" * MB + b'"}'
    response = small_client.post(
        "/api/auth/login", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    _check_headers(response.headers)
    assert graph.read(COUNT_TOKENS) == [{"n": 0}]


def test_a_streamed_oversized_body_is_413(small_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"username": "a", "password": "'
        for _ in range(5):
            yield b"x" * (256 * 1024)
        yield b'"}'

    response = small_client.post(
        "/api/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


def test_a_body_under_the_limit_is_served(small_client: TestClient) -> None:
    body = b'{"username": "a", "password": "' + b"x" * 200 + b'"}'
    response = small_client.post(
        "/api/auth/login", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401  # served: an unknown user, not a size problem
