"""While Neo4j is down, every answer is a plain 503 without the driver's address (issue #14, 14),
before login and with a session alike; the address goes to the server log only."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from api.errors import DATABASE_UNAVAILABLE
from api.main import create_app
from api.security.deps import SESSION_COOKIE
from devtools.live_server import free_port
from graph.settings import Neo4jSettings

#: (method, path, body, with a session cookie): before login, then as a logged-in browser.
REQUESTS = [
    ("GET", "/api/health", None, False),
    ("POST", "/api/auth/login", {"username": "amy", "password": "whatever-it-is"}, False),
    ("GET", "/api/auth/me", None, True),
    ("GET", "/api/gaps/units", None, True),
    ("GET", "/", None, True),
    ("POST", "/api/auth/password", {"current_password": "x", "new_password": "y" * 12}, True),
]


@pytest.mark.parametrize(("method", "path", "body", "session"), REQUESTS)
def test_neo4j_down_is_a_plain_503_without_its_address(
    caplog: pytest.LogCaptureFixture, method: str, path: str, body: object, session: bool
) -> None:
    port = free_port()
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", connection_timeout_s=1, api_retry_time_s=0)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        if session:
            client.cookies.set(SESSION_COOKIE, "abc.def")
        with caplog.at_level(logging.WARNING, logger="orglinks.api"):
            response = client.request(method, path, json=body)
    assert response.status_code == 503
    if path == "/":  # a page: the error page in the explorer's frame, in the same words
        assert response.headers["content-type"].startswith("text/html")
        assert "数据库暂时不可用，请稍后再试" in response.text
    else:
        assert response.json()["detail"] == DATABASE_UNAVAILABLE
    assert str(port) not in response.text
    assert "127.0.0.1" not in response.text
    assert response.headers["retry-after"]
    assert str(port) in caplog.text  # the operator still learns where it tried
