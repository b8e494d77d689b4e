"""Login, sessions, bearer tokens, logout and the login lockout, against the real Neo4j."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accounts.passwords import verify_password
from accounts.principal import TokenKind
from accounts.tokens import issue_token
from api.main import create_app
from api.security.deps import SESSION_COOKIE
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.settings import AppSettings, Neo4jSettings
from tests.auth_world import USERS, World, build_world, cheap_argon2  # noqa: F401

pytestmark = pytest.mark.usefixtures("cheap_argon2")

STORED_HASHES = NamedQuery("t_hashes", "MATCH (u:User) RETURN u.id AS id, u.password_hash AS hash")
STORED_TOKENS = NamedQuery("t_tokens", "MATCH (t:ApiToken) RETURN properties(t) AS t")
ENTRIES = NamedQuery(
    "t_entries",
    "MATCH (e:AuditEntry) WHERE e.action IN $actions "
    "RETURN e.user AS user, e.action AS action, e.target AS target, e.ip AS ip, e.detail AS detail "
    "ORDER BY e.at",
)
DISABLE = NamedQuery("t_disable", "MATCH (u:User {id: $id}) SET u.disabled = true")


@pytest.fixture
def world(graph: Graph) -> World:
    return build_world(graph)


def _login(client: TestClient, username: str, password: str) -> Any:
    return client.post("/api/auth/login", json={"username": username, "password": password})


def test_passwords_are_stored_as_argon2id_hashes(graph: Graph, world: World) -> None:
    stored = {row["id"]: row["hash"] for row in graph.read(STORED_HASHES)}
    assert set(stored) == {u[0] for u in USERS}
    for username, password in world.passwords.items():
        assert stored[username].startswith("$argon2id$v=19$")
        assert password not in stored[username]
        assert verify_password(stored[username], password)
        assert not verify_password(stored[username], password + "x")
    # Every account got its own random password: no default.
    assert len(set(world.passwords.values())) == len(USERS)


def test_login_sets_an_httponly_samesite_cookie_and_answers_who(client: TestClient, world: World) -> None:
    response = _login(client, "streeteditor", world.passwords["streeteditor"])
    assert response.status_code == 200
    assert response.json() == {"username": "streeteditor", "role": "editor", "area_id": "S1", "pii": False}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/" in attributes
    assert "secure" not in attributes  # ORGLINKS_COOKIE_SECURE is off by default
    me = client.get("/api/auth/me")
    assert me.status_code == 200
    assert me.json()["username"] == "streeteditor"


def test_secure_cookie_when_configured(
    graph: Graph, world: World, test_neo4j_settings: Neo4jSettings
) -> None:
    app = create_app(test_neo4j_settings, AppSettings(cookie_secure=True))
    with TestClient(app, base_url="https://testserver") as client:
        response = _login(client, "root", world.passwords["root"])
    assert response.status_code == 200
    assert "secure" in [part.strip().lower() for part in response.headers["set-cookie"].split(";")]


def test_the_session_token_is_stored_only_as_its_sha256(
    graph: Graph, client: TestClient, world: World
) -> None:
    _login(client, "communityviewer", world.passwords["communityviewer"])
    token = client.cookies[SESSION_COOKIE]
    [row] = graph.read(STORED_TOKENS)
    stored = row["t"]
    assert stored["hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert stored["kind"] == "session"
    assert stored["user"] == "communityviewer"
    assert token not in [str(v) for v in stored.values()]
    assert token.split(".")[0] == stored["id"]


@pytest.mark.parametrize(
    ("username", "password_of", "reason"),
    [
        ("streeteditor", None, "bad_password"),
        ("nobody", None, "unknown_user"),
    ],
)
def test_wrong_credentials_are_401_and_audited(
    graph: Graph, client: TestClient, world: World, username: str, password_of: str | None, reason: str
) -> None:
    response = _login(client, username, "not-the-password")
    assert response.status_code == 401
    assert SESSION_COOKIE not in response.cookies
    assert client.get("/api/auth/me").status_code == 401
    entries = graph.read(ENTRIES, {"actions": ["login", "login_failed"]})
    assert entries == [
        {
            "user": username,
            "action": "login_failed",
            "target": username,
            "ip": "testclient",
            "detail": f'{{"reason": "{reason}"}}',
        }
    ]


def test_a_disabled_user_cannot_log_in_even_with_the_right_password(
    graph: Graph, client: TestClient, world: World
) -> None:
    graph.write(DISABLE, {"id": "districtviewer"})
    assert _login(client, "districtviewer", world.passwords["districtviewer"]).status_code == 401
    entries = graph.read(ENTRIES, {"actions": ["login", "login_failed"]})
    assert [(e["action"], e["detail"]) for e in entries] == [("login_failed", '{"reason": "disabled"}')]


def test_successful_login_is_audited(graph: Graph, client: TestClient, world: World) -> None:
    _login(client, "cityadmin", world.passwords["cityadmin"])
    [entry] = graph.read(ENTRIES, {"actions": ["login", "login_failed"]})
    assert (entry["user"], entry["action"], entry["ip"]) == ("cityadmin", "login", "testclient")


def test_lockout_after_five_failures_is_429_even_with_the_right_password(
    graph: Graph, client: TestClient, world: World
) -> None:
    for _ in range(5):
        assert _login(client, "streeteditor", "wrong").status_code == 401
    blocked = _login(client, "streeteditor", world.passwords["streeteditor"])
    assert blocked.status_code == 429
    wait = int(blocked.headers["retry-after"])
    assert 0 < wait <= 15 * 60
    assert SESSION_COOKIE not in blocked.cookies
    # Another account from the same machine is not locked by these failures.
    assert _login(client, "districtviewer", world.passwords["districtviewer"]).status_code == 200
    actions = [e["action"] for e in graph.read(ENTRIES, {"actions": ["login_failed", "login_blocked"]})]
    assert actions == ["login_failed"] * 5 + ["login_blocked"]


def test_a_successful_login_resets_the_failure_count(client: TestClient, world: World) -> None:
    password = world.passwords["communityviewer"]
    for _ in range(4):
        assert _login(client, "communityviewer", "wrong").status_code == 401
    assert _login(client, "communityviewer", password).status_code == 200
    for _ in range(4):
        assert _login(client, "communityviewer", "wrong").status_code == 401
    assert _login(client, "communityviewer", password).status_code == 200


def test_many_usernames_from_one_ip_are_limited_too(client: TestClient, world: World) -> None:
    # 4 × 5 = 20 failures from one ip across usernames, each username below its own limit of 5.
    for i in range(20):
        assert _login(client, f"guess{i}", "wrong").status_code == 401
    assert _login(client, "root", world.passwords["root"]).status_code == 429


def test_bearer_token_created_from_a_session_works_and_is_shown_once(
    graph: Graph, client: TestClient, world: World
) -> None:
    _login(client, "districtviewer", world.passwords["districtviewer"])
    created = client.post("/api/auth/tokens", json={"name": "nightly export"})
    assert created.status_code == 201
    body = created.json()
    token = body["token"]
    assert body["name"] == "nightly export"
    expires = datetime.fromisoformat(body["expires"])
    assert timedelta(days=29) < expires - datetime.now(UTC) <= timedelta(days=30)
    bare = TestClient(client.app)
    me = bare.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["username"] == "districtviewer"
    listed = client.get("/api/auth/tokens").json()
    assert {t["kind"] for t in listed} == {"session", "bearer"}
    assert all("token" not in t and "hash" not in t for t in listed)
    # A bearer token cannot mint more tokens.
    minted = bare.post("/api/auth/tokens", json={"name": "x"}, headers={"Authorization": f"Bearer {token}"})
    assert minted.status_code == 403


def test_token_lifetime_is_capped_by_the_settings(client: TestClient, world: World) -> None:
    _login(client, "root", world.passwords["root"])
    body = client.post("/api/auth/tokens", json={"name": "long", "ttl_hours": 100_000}).json()
    assert datetime.fromisoformat(body["expires"]) - datetime.now(UTC) <= timedelta(hours=24 * 30)
    short = client.post("/api/auth/tokens", json={"name": "short", "ttl_hours": 2}).json()
    left = datetime.fromisoformat(short["expires"]) - datetime.now(UTC)
    assert timedelta(hours=1) < left <= timedelta(hours=2)


def test_expired_token_is_401(graph: Graph, client: TestClient, world: World) -> None:
    expired = issue_token(
        graph, "streeteditor", TokenKind.BEARER, expires=datetime.now(UTC) - timedelta(minutes=1)
    )
    live = issue_token(
        graph, "streeteditor", TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(minutes=5)
    )
    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {expired.token}"}).status_code == 401
    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {live.token}"}).status_code == 200


def test_revoked_token_is_401(client: TestClient, world: World) -> None:
    _login(client, "streeteditor", world.passwords["streeteditor"])
    created = client.post("/api/auth/tokens", json={"name": "script"}).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    bare = TestClient(client.app)
    assert bare.get("/api/auth/me", headers=headers).status_code == 200
    assert client.delete(f"/api/auth/tokens/{created['id']}").status_code == 204
    assert bare.get("/api/auth/me", headers=headers).status_code == 401
    assert client.delete("/api/auth/tokens/no-such-token").status_code == 404


def test_a_user_cannot_revoke_anothers_token(graph: Graph, client: TestClient, world: World) -> None:
    other = issue_token(graph, "cityadmin", TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(hours=1))
    _login(client, "communityviewer", world.passwords["communityviewer"])
    assert client.delete(f"/api/auth/tokens/{other.id}").status_code == 404
    headers = {"Authorization": f"Bearer {other.token}"}
    assert client.get("/api/auth/me", headers=headers).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "Bearer nonsense",
        "Bearer abc.def",
        "Basic cm9vdDpyb290",
        "Bearer ",
    ],
)
def test_malformed_or_unknown_bearer_is_401(client: TestClient, world: World, header: str) -> None:
    response = client.get("/api/auth/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_tampered_secret_and_wrong_kind_are_401(graph: Graph, client: TestClient, world: World) -> None:
    issued = issue_token(graph, "root", TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(hours=1))
    token_id, secret = issued.token.split(".")
    tampered = f"{token_id}.{secret[:-1]}{'A' if secret[-1] != 'A' else 'B'}"
    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {tampered}"}).status_code == 401
    # A bearer token is not a session cookie, and a session cookie is not a bearer token.
    client.cookies.set(SESSION_COOKIE, issued.token)
    assert client.get("/api/auth/me").status_code == 401
    client.cookies.clear()
    _login(client, "root", world.passwords["root"])
    session = client.cookies[SESSION_COOKIE]
    client.cookies.clear()
    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {session}"}).status_code == 401


def test_a_disabled_users_live_token_stops_working(graph: Graph, client: TestClient, world: World) -> None:
    headers = world.bearer(graph, "streeteditor")
    assert client.get("/api/auth/me", headers=headers).status_code == 200
    graph.write(DISABLE, {"id": "streeteditor"})
    assert client.get("/api/auth/me", headers=headers).status_code == 401


def test_logout_revokes_the_session(graph: Graph, client: TestClient, world: World) -> None:
    _login(client, "cityadmin", world.passwords["cityadmin"])
    session = client.cookies[SESSION_COOKIE]
    response = client.post("/api/auth/logout")
    assert response.status_code == 204
    assert (
        f'{SESSION_COOKIE}=""' in response.headers["set-cookie"]
        or "max-age=0" in response.headers["set-cookie"].lower()
    )
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, session)
    assert client.get("/api/auth/me").status_code == 401
    actions = [e["action"] for e in graph.read(ENTRIES, {"actions": ["login", "logout"]})]
    assert actions == ["login", "logout"]


def test_cookie_session_refuses_a_foreign_origin_for_changes(client: TestClient, world: World) -> None:
    _login(client, "root", world.passwords["root"])
    foreign = client.post("/api/auth/tokens", json={"name": "x"}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    same = client.post("/api/auth/tokens", json={"name": "x"}, headers={"Origin": "http://testserver"})
    assert same.status_code == 201
    # Reads are not changes: a foreign Origin on GET is served.
    assert client.get("/api/auth/me", headers={"Origin": "https://evil.example"}).status_code == 200


def test_no_credentials_is_401(client: TestClient, world: World) -> None:
    assert client.get("/api/auth/me").status_code == 401
    assert client.post("/api/auth/logout").status_code == 401
    assert client.post("/api/auth/tokens", json={"name": "x"}).status_code == 401


def test_change_own_password_ends_other_sessions_but_not_this_one(
    graph: Graph, client: TestClient, world: World
) -> None:
    old = world.passwords["communityviewer"]
    other = world.bearer(graph, "communityviewer")
    _login(client, "communityviewer", old)
    wrong = client.post("/api/auth/password", json={"current_password": "nope", "new_password": "x" * 12})
    assert wrong.status_code == 401
    short = client.post("/api/auth/password", json={"current_password": old, "new_password": "short"})
    assert short.status_code == 422
    extra = client.post(
        "/api/auth/password", json={"current_password": old, "new_password": "y" * 12, "role": "admin"}
    )
    assert extra.status_code == 422
    new = "新的口令-2026-yes"
    changed = client.post("/api/auth/password", json={"current_password": old, "new_password": new})
    assert changed.status_code == 204
    assert client.get("/api/auth/me").status_code == 200  # this session goes on
    assert client.get("/api/auth/me", headers=other).status_code == 401  # the others end
    client.cookies.clear()
    assert _login(client, "communityviewer", old).status_code == 401
    assert _login(client, "communityviewer", new).status_code == 200
    actions = [e["action"] for e in graph.read(ENTRIES, {"actions": ["password_change"]})]
    assert actions == ["password_change"]


def test_guessing_the_current_password_is_rate_limited(
    graph: Graph, client: TestClient, world: World
) -> None:
    headers = world.bearer(graph, "streeteditor")
    body = {"current_password": "guess", "new_password": "z" * 12}
    for _ in range(5):
        assert client.post("/api/auth/password", json=body, headers=headers).status_code == 401
    blocked = client.post(
        "/api/auth/password",
        json={"current_password": world.passwords["streeteditor"], "new_password": "z" * 12},
        headers=headers,
    )
    assert blocked.status_code == 429
