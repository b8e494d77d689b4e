"""An admin manages only accounts whose rights are a subset of their own (issue #14, 1).

The world of tests/auth_world.py, plus:
    d1admin   admin of 官渡区 D1, without pii (the attacker of the finding)
    m1pii     viewer of 佴家湾社区 M1 (inside D1), with pii
    nopiiroot a global admin without pii
d1admin may still manage communityviewer (viewer, M1, no pii) and create accounts like it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from accounts import accounts
from accounts.principal import Principal, Role, TokenKind
from accounts.tokens import expiry_after, issue_token
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.errors import Forbidden
from tests.auth_world import World, build_world, cheap_argon2  # noqa: F401

pytestmark = pytest.mark.usefixtures("cheap_argon2")

USER_PROPS = NamedQuery("t_user_props", "MATCH (u:User {id: $id}) RETURN properties(u) AS p")
TOKEN_REVOKED = NamedQuery("t_token_revoked", "MATCH (t:ApiToken {id: $id}) RETURN t.revoked AS revoked")
D1ADMIN = Principal("d1admin", Role.ADMIN, "D1", False)


@pytest.fixture
def world(graph: Graph) -> World:
    built = build_world(graph)
    for username, role, area, pii in [
        ("d1admin", Role.ADMIN, "D1", False),
        ("m1pii", Role.VIEWER, "M1", True),
        ("nopiiroot", Role.ADMIN, None, False),
    ]:
        _, built.passwords[username] = accounts.create_user(
            graph, None, username=username, role=role, area_id=area, pii=pii
        )
    return built


def _props(graph: Graph, username: str) -> dict[str, object]:
    return dict(graph.read(USER_PROPS, {"id": username})[0]["p"])


def _login(client: TestClient, username: str, password: str) -> int:
    response = client.post("/api/auth/login", json={"username": username, "password": password})
    return response.status_code


def test_an_admin_without_pii_cannot_reset_a_pii_holders_password(
    graph: Graph, client: TestClient, world: World
) -> None:
    before = _props(graph, "m1pii")
    response = client.post("/api/users/m1pii/reset-password", headers=world.bearer(graph, "d1admin"))
    assert response.status_code == 403
    assert "password" not in response.json()
    assert _props(graph, "m1pii")["password_hash"] == before["password_hash"]
    assert _login(client, "m1pii", world.passwords["m1pii"]) == 200


@pytest.mark.parametrize(
    "change",
    [{"role": "admin"}, {"disabled": True}, {"area_id": "S1"}, {"pii": False}],
    ids=["promote", "disable", "move", "take-pii"],
)
def test_an_admin_without_pii_cannot_change_a_pii_holder(
    graph: Graph, client: TestClient, world: World, change: dict[str, object]
) -> None:
    before = _props(graph, "m1pii")
    response = client.patch("/api/users/m1pii", json=change, headers=world.bearer(graph, "d1admin"))
    assert response.status_code == 403
    assert _props(graph, "m1pii") == before


def test_a_global_admin_without_pii_is_bound_by_the_same_rule(
    graph: Graph, client: TestClient, world: World
) -> None:
    headers = world.bearer(graph, "nopiiroot")
    assert client.post("/api/users/cityadmin/reset-password", headers=headers).status_code == 403
    assert client.patch("/api/users/root", json={"role": "viewer"}, headers=headers).status_code == 403
    made = client.post(
        "/api/users", json={"username": "x", "role": "viewer", "area_id": "M1", "pii": True}, headers=headers
    )
    assert made.status_code == 422
    # A token of a pii holder reads as no token at all; one of an account it covers is revoked.
    theirs = issue_token(graph, "cityadmin", TokenKind.BEARER, expires=expiry_after(timedelta(hours=1)))
    assert client.delete(f"/api/auth/tokens/{theirs.id}", headers=headers).status_code == 404
    assert graph.read(TOKEN_REVOKED, {"id": theirs.id}) == [{"revoked": False}]
    covered = issue_token(graph, "districtviewer", TokenKind.BEARER, expires=expiry_after(timedelta(hours=1)))
    assert client.delete(f"/api/auth/tokens/{covered.id}", headers=headers).status_code == 204
    assert graph.read(TOKEN_REVOKED, {"id": covered.id}) == [{"revoked": True}]


def test_the_admin_it_promotes_cannot_hand_out_pii_either(
    graph: Graph, client: TestClient, world: World
) -> None:
    d1 = world.bearer(graph, "d1admin")
    promoted = client.patch("/api/users/communityviewer", json={"role": "admin"}, headers=d1)
    assert promoted.status_code == 200
    helper = world.bearer(graph, "communityviewer")
    made = client.post(
        "/api/users", json={"username": "y", "role": "viewer", "area_id": "M1", "pii": True}, headers=helper
    )
    assert made.status_code == 422
    assert client.post("/api/users/m1pii/reset-password", headers=helper).status_code == 403


def test_inside_its_rights_an_admin_still_manages(graph: Graph, client: TestClient, world: World) -> None:
    d1 = world.bearer(graph, "d1admin")
    reset = client.post("/api/users/communityviewer/reset-password", headers=d1)
    assert reset.status_code == 200
    assert _login(client, "communityviewer", reset.json()["password"]) == 200
    assert client.patch("/api/users/streeteditor", json={"role": "viewer"}, headers=d1).status_code == 200


def test_the_rule_lives_in_accounts_for_the_api_and_the_cli_alike(graph: Graph, world: World) -> None:
    with pytest.raises(Forbidden):
        accounts.reset_password(graph, D1ADMIN, "m1pii")
    with pytest.raises(Forbidden):
        accounts.update_user(graph, D1ADMIN, "m1pii", {"role": Role.ADMIN})
    # The CLI's operator (no actor) holds every right.
    assert accounts.reset_password(graph, None, "m1pii")
