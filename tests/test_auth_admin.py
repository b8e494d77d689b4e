"""Admin-only endpoints: accounts, mass assignment, admins scoped to an area, the audit log."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from accounts.principal import Role
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.queries.audit import CREATE_ENTRY
from tests.auth_world import World, build_world, cheap_argon2  # noqa: F401

pytestmark = pytest.mark.usefixtures("cheap_argon2")

USER_PROPS = NamedQuery("t_user_props", "MATCH (u:User {id: $id}) RETURN properties(u) AS p")
USER_IDS = NamedQuery("t_user_ids", "MATCH (u:User) RETURN u.id AS id ORDER BY id")
TOKEN_COUNT = NamedQuery("t_token_count", "MATCH (t:ApiToken) RETURN count(t) AS n")

ADMIN_ENDPOINTS = [
    ("GET", "/api/users", None),
    ("POST", "/api/users", {"username": "newbie", "role": "viewer", "area_id": "M1"}),
    ("PATCH", "/api/users/communityviewer", {"pii": True}),
    ("POST", "/api/users/communityviewer/reset-password", None),
    ("GET", "/api/audit", None),
]


@pytest.fixture
def world(graph: Graph) -> World:
    return build_world(graph)


def _props(graph: Graph, username: str) -> dict[str, object]:
    rows = graph.read(USER_PROPS, {"id": username})
    return dict(rows[0]["p"]) if rows else {}


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ENDPOINTS)
@pytest.mark.parametrize("username", ["districtviewer", "streeteditor", "communityviewer"])
def test_admin_endpoints_are_403_for_editors_and_viewers(
    graph: Graph, client: TestClient, world: World, method: str, path: str, body: object, username: str
) -> None:
    before = _props(graph, "communityviewer")
    response = client.request(method, path, json=body, headers=world.bearer(graph, username))
    assert response.status_code == 403
    assert graph.read(USER_IDS) == [{"id": u} for u in sorted(world.passwords)]
    assert _props(graph, "communityviewer") == before


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ENDPOINTS)
def test_admin_endpoints_are_401_without_credentials(
    client: TestClient, world: World, method: str, path: str, body: object
) -> None:
    assert client.request(method, path, json=body).status_code == 401


def test_global_admin_creates_a_user_whose_password_is_returned_once(
    graph: Graph, client: TestClient, world: World
) -> None:
    headers = world.bearer(graph, "root")
    response = client.post(
        "/api/users", json={"username": "newbie", "role": "viewer", "area_id": "M1"}, headers=headers
    )
    assert response.status_code == 201
    body = response.json()
    password = body.pop("password")
    assert len(password) >= 16
    assert body["username"] == "newbie"
    assert (body["role"], body["area_id"], body["pii"], body["disabled"]) == ("viewer", "M1", False, False)
    login = client.post("/api/auth/login", json={"username": "newbie", "password": password})
    assert login.status_code == 200
    listed = client.get("/api/users", headers=headers).json()
    assert [u["username"] for u in listed] == sorted([*world.passwords, "newbie"])
    assert all("password" not in u and "password_hash" not in u for u in listed)
    again = client.post(
        "/api/users", json={"username": "newbie", "role": "viewer", "area_id": "M1"}, headers=headers
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"username": "sneaky", "role": "viewer", "area_id": "M1", "password_hash": "$argon2id$x"},
        {"username": "sneaky", "role": "viewer", "area_id": "M1", "is_admin": True},
        {"username": "sneaky", "role": "viewer", "area_id": "M1", "disabled": False},
        {"username": "sneaky", "role": "viewer", "area_id": "M1", "password": "chosen-by-me"},
        {"username": "sneaky", "role": "superuser", "area_id": "M1"},
        {"username": "sneaky", "role": "viewer"},
        {"username": "sneaky", "role": "viewer", "area_id": "NO-SUCH-AREA"},
        {"username": "bad name", "role": "viewer", "area_id": "M1"},
    ],
)
def test_create_user_with_extra_or_wrong_fields_is_422_and_stores_nothing(
    graph: Graph, client: TestClient, world: World, body: dict[str, object]
) -> None:
    response = client.post("/api/users", json=body, headers=world.bearer(graph, "root"))
    assert response.status_code == 422
    assert graph.read(USER_IDS) == [{"id": u} for u in sorted(world.passwords)]


@pytest.mark.parametrize(
    "body",
    [
        {"pii": True, "username": "renamed"},
        {"password_hash": "$argon2id$x"},
        {"role": "viewer", "created_at": "2020-01-01T00:00:00Z"},
        {"role": "root"},
        {"role": "viewer", "area_id": None},
    ],
)
def test_patch_with_extra_or_wrong_fields_is_422_and_changes_nothing(
    graph: Graph, client: TestClient, world: World, body: dict[str, object]
) -> None:
    before = _props(graph, "communityviewer")
    response = client.patch("/api/users/communityviewer", json=body, headers=world.bearer(graph, "root"))
    assert response.status_code == 422
    assert _props(graph, "communityviewer") == before


def test_extra_fields_in_login_and_token_requests_are_422_and_issue_nothing(
    graph: Graph, client: TestClient, world: World
) -> None:
    login = client.post(
        "/api/auth/login",
        json={"username": "communityviewer", "password": world.passwords["communityviewer"], "role": "admin"},
    )
    assert login.status_code == 422
    assert graph.read(TOKEN_COUNT) == [{"n": 0}]
    headers = world.bearer(graph, "communityviewer")
    token = client.post("/api/auth/tokens", json={"name": "x", "user": "root"}, headers=headers)
    assert token.status_code == 422
    assert graph.read(TOKEN_COUNT) == [{"n": 1}]  # only the one made for this test


def test_patch_changes_only_what_was_sent_and_disabling_revokes_tokens(
    graph: Graph, client: TestClient, world: World
) -> None:
    victim = world.bearer(graph, "streeteditor")
    admin = world.bearer(graph, "root")
    response = client.patch("/api/users/streeteditor", json={"pii": True}, headers=admin)
    assert response.status_code == 200
    assert response.json()["pii"] is True
    assert (response.json()["role"], response.json()["area_id"]) == ("editor", "S1")
    assert client.get("/api/auth/me", headers=victim).json()["pii"] is True
    assert client.patch("/api/users/streeteditor", json={"disabled": True}, headers=admin).status_code == 200
    assert client.get("/api/auth/me", headers=victim).status_code == 401
    assert client.patch("/api/users/nobody", json={"pii": True}, headers=admin).status_code == 404


def test_reset_password_returns_a_new_one_and_ends_sessions(
    graph: Graph, client: TestClient, world: World
) -> None:
    victim = world.bearer(graph, "districtviewer")
    response = client.post("/api/users/districtviewer/reset-password", headers=world.bearer(graph, "root"))
    assert response.status_code == 200
    new = response.json()["password"]
    assert new != world.passwords["districtviewer"]
    assert client.get("/api/auth/me", headers=victim).status_code == 401
    old_login = {"username": "districtviewer", "password": world.passwords["districtviewer"]}
    assert client.post("/api/auth/login", json=old_login).status_code == 401
    assert (
        client.post("/api/auth/login", json={"username": "districtviewer", "password": new}).status_code
        == 200
    )


def test_an_admin_cannot_change_their_own_role_or_status(
    graph: Graph, client: TestClient, world: World
) -> None:
    headers = world.bearer(graph, "cityadmin")
    assert client.patch("/api/users/cityadmin", json={"role": "viewer"}, headers=headers).status_code == 422
    assert client.patch("/api/users/cityadmin", json={"disabled": True}, headers=headers).status_code == 422
    assert client.patch("/api/users/cityadmin", json={"area_id": "D1"}, headers=headers).status_code == 422
    assert (_props(graph, "cityadmin")["role"], _props(graph, "cityadmin")["area_id"]) == ("admin", "C")


class TestAnAdminWithAnArea:
    """d1admin administers 官渡区 (D1): S1 and M1 are inside, C, D2 and S2 outside; no pii."""

    @pytest.fixture
    def d1(self, graph: Graph, world: World) -> dict[str, str]:
        from accounts.accounts import create_user

        create_user(graph, None, username="d1admin", role=Role.ADMIN, area_id="D1", pii=False)
        return world.bearer(graph, "d1admin")

    def test_lists_only_the_users_in_its_subtree(self, client: TestClient, d1: dict[str, str]) -> None:
        listed = client.get("/api/users", headers=d1).json()
        assert [u["username"] for u in listed] == [
            "communityviewer",
            "d1admin",
            "districtviewer",
            "streeteditor",
        ]

    def test_city_admin_sees_everyone_but_the_global_admin(
        self, graph: Graph, client: TestClient, world: World, d1: dict[str, str]
    ) -> None:
        listed = client.get("/api/users", headers=world.bearer(graph, "cityadmin")).json()
        assert [u["username"] for u in listed] == [
            "cityadmin",
            "communityviewer",
            "d1admin",
            "districtviewer",
            "streeteditor",
        ]

    def test_users_outside_are_not_found(self, client: TestClient, d1: dict[str, str]) -> None:
        assert client.patch("/api/users/cityadmin", json={"pii": False}, headers=d1).status_code == 404
        assert client.patch("/api/users/root", json={"pii": False}, headers=d1).status_code == 404
        assert client.post("/api/users/root/reset-password", headers=d1).status_code == 404

    @pytest.mark.parametrize(
        "body",
        [
            {"username": "x", "role": "viewer", "area_id": "D2"},  # outside: reads as no such area
            {"username": "x", "role": "viewer", "area_id": "C"},  # above its area
            {"username": "x", "role": "admin", "area_id": None},  # a global admin
            {"username": "x", "role": "viewer", "area_id": "M1", "pii": True},  # a permission it lacks
        ],
    )
    def test_cannot_grant_beyond_its_own_rights(
        self, graph: Graph, client: TestClient, d1: dict[str, str], body: dict[str, object]
    ) -> None:
        response = client.post("/api/users", json=body, headers=d1)
        assert response.status_code == 422
        assert _props(graph, "x") == {}

    def test_an_area_outside_reads_exactly_like_a_missing_one(
        self, client: TestClient, d1: dict[str, str]
    ) -> None:
        outside = client.post(
            "/api/users", json={"username": "x", "role": "viewer", "area_id": "D2"}, headers=d1
        )
        missing = client.post(
            "/api/users", json={"username": "x", "role": "viewer", "area_id": "ZZ"}, headers=d1
        )
        assert outside.json()["detail"] == "no area with id 'D2'"
        assert missing.json()["detail"] == "no area with id 'ZZ'"

    def test_can_manage_inside(self, graph: Graph, client: TestClient, d1: dict[str, str]) -> None:
        made = client.post(
            "/api/users", json={"username": "m1b", "role": "editor", "area_id": "M1"}, headers=d1
        )
        assert made.status_code == 201
        moved = client.patch("/api/users/communityviewer", json={"area_id": "S1"}, headers=d1)
        assert moved.status_code == 200
        assert _props(graph, "communityviewer")["area_id"] == "S1"
        away = client.patch("/api/users/communityviewer", json={"area_id": "S2"}, headers=d1)
        assert away.status_code == 422


def _entry(graph: Graph, at: datetime, user: str | None, action: str, target: str | None = None) -> str:
    entry_id = str(uuid.uuid4())
    graph.write(
        CREATE_ENTRY,
        {
            "id": entry_id,
            "at": at,
            "user": user,
            "action": action,
            "target": target,
            "ip": "10.0.0.9",
            "detail": None,
        },
    )
    return entry_id


class TestTheAuditEndpoint:
    """Entries written at known times (T = 2026-03-01 08:00 UTC), after the world's user_create entries."""

    T = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    @pytest.fixture
    def entries(self, graph: Graph, world: World) -> dict[str, str]:
        t = self.T
        return {
            "a": _entry(graph, t, "streeteditor", "import", "load-1"),
            "b": _entry(graph, t + timedelta(hours=1), "streeteditor", "export", "roster"),
            "c": _entry(graph, t + timedelta(hours=2), "communityviewer", "pii_read", "P1"),
            "d": _entry(graph, t + timedelta(hours=3), "cityadmin", "export", "gaps"),
            "e": _entry(graph, t + timedelta(days=1), "intruder", "login_failed", "intruder"),
        }

    def _get(self, client: TestClient, headers: dict[str, str], **params: object) -> dict[str, object]:
        response = client.get("/api/audit", params=params, headers=headers)
        assert response.status_code == 200, response.text
        body: dict[str, object] = response.json()
        return body

    def _ids(self, body: dict[str, object]) -> list[str]:
        return [e["id"] for e in body["entries"]]  # type: ignore[attr-defined, index]

    def test_filters_by_user_action_and_time(
        self, graph: Graph, client: TestClient, world: World, entries: dict[str, str]
    ) -> None:
        root = world.bearer(graph, "root")
        assert self._ids(self._get(client, root, user="streeteditor")) == [entries["b"], entries["a"]]
        assert self._ids(self._get(client, root, action="export")) == [entries["d"], entries["b"]]
        window = self._get(client, root, since="2026-03-01T09:00:00Z", until="2026-03-01T11:00:00Z")
        assert self._ids(window) == [entries["c"], entries["b"]]
        naive = self._get(client, root, since="2026-03-01T09:00:00", until="2026-03-01T11:00:00")
        assert self._ids(naive) == [entries["c"], entries["b"]]
        first = self._get(client, root, until="2026-03-03T00:00:00Z", page=1, page_size=2)
        second = self._get(client, root, until="2026-03-03T00:00:00Z", page=2, page_size=2)
        third = self._get(client, root, until="2026-03-03T00:00:00Z", page=3, page_size=2)
        assert first["total"] == second["total"] == 5
        assert self._ids(first) == [entries["e"], entries["d"]]
        assert self._ids(second) == [entries["c"], entries["b"]]
        assert self._ids(third) == [entries["a"]]
        [row] = self._get(client, root, user="cityadmin", until="2026-03-03T00:00:00Z")["entries"]  # type: ignore[misc]
        assert row == {
            "id": entries["d"],
            "at": "2026-03-01T11:00:00Z",
            "user": "cityadmin",
            "action": "export",
            "target": "gaps",
            "ip": "10.0.0.9",
            "detail": None,
        }

    def test_reading_the_log_is_itself_audited(
        self, graph: Graph, client: TestClient, world: World, entries: dict[str, str]
    ) -> None:
        root = world.bearer(graph, "root")
        self._get(client, root, user="streeteditor")
        [read] = self._get(client, root, action="audit_read")["entries"]  # type: ignore[misc]
        assert read["user"] == "root"
        assert json.loads(read["detail"]) == {"user": "streeteditor"}

    def test_an_admin_with_an_area_sees_only_its_users_entries(
        self, graph: Graph, client: TestClient, world: World, entries: dict[str, str]
    ) -> None:
        from accounts.accounts import create_user

        create_user(graph, None, username="d1admin", role=Role.ADMIN, area_id="D1")
        d1 = world.bearer(graph, "d1admin")
        body = self._get(client, d1, until="2026-03-03T00:00:00Z")
        # streeteditor (S1) and communityviewer (M1) are in 官渡区;
        # cityadmin (C) and the unknown name are not.
        assert self._ids(body) == [entries["c"], entries["b"], entries["a"]]

    @pytest.mark.parametrize(
        "params",
        [{"since": "yesterday"}, {"action": "hack"}, {"page": 0}, {"page_size": 10_000}, {"user": ""}],
    )
    def test_bad_parameters_are_422(
        self, graph: Graph, client: TestClient, world: World, params: dict[str, object]
    ) -> None:
        response = client.get("/api/audit", params=params, headers=world.bearer(graph, "root"))
        assert response.status_code == 422
