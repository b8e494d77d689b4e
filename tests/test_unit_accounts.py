"""Unit accounts (驻区单位账号): an account tied to one unit, created and managed only by an admin whose area
holds that unit, never holding any other right; over tests/fixtures/world_claims.py, plus
    s1admin   admin of 太和街道 A-S1 (holds U1, U2)
    s3admin   admin of 永昌街道 A-S3 (holds U9 only)
Each test below fails without the guard it names.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accounts import accounts
from accounts.principal import Principal, Role
from cli.main import app as cli_app
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.settings import Neo4jSettings
from tests.auth_world import World, cheap_argon2  # noqa: F401  (a fixture)
from tests.fixtures import world_claims

USER_PROPS = NamedQuery("t_unit_user_props", "MATCH (u:User {id: $id}) RETURN properties(u) AS p")


@pytest.fixture
def world(graph: Graph, cheap_argon2: None) -> World:  # noqa: F811
    world_claims.build(graph)
    for username, area in (("s1admin", "A-S1"), ("s3admin", "A-S3")):
        accounts.create_user(graph, None, username=username, role=Role.ADMIN, area_id=area)
    return World({})


def _props(graph: Graph, username: str) -> dict[str, object]:
    rows = graph.read(USER_PROPS, {"id": username})
    return dict(rows[0]["p"]) if rows else {}


def _create(client: TestClient, world: World, graph: Graph, admin: str, **body: object) -> tuple[int, str]:
    response = client.post(
        "/api/users", json={"username": "newunit", **body}, headers=world.bearer(graph, admin)
    )
    return response.status_code, response.text


def test_an_admin_whose_area_holds_the_unit_creates_its_account(
    graph: Graph, client: TestClient, world: World
) -> None:
    status, text = _create(client, world, graph, "s1admin", role="unit", unit_id="U1")
    assert status == 201, text
    props = _props(graph, "newunit")
    assert (props["role"], props["unit_id"], props.get("area_id"), props["pii"]) == (
        "unit",
        "U1",
        None,
        False,
    )
    principal = Principal.from_row({"username": "newunit", "area_id": None, **props})
    assert (principal.unit_id, principal.scope, principal.can_write(), principal.can_claim()) == (
        "U1",
        [],
        False,
        True,
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"role": "unit", "unit_id": "U9"}, "no unit with id 'U9'"),  # U9 lies in 西山区: outside
        ({"role": "unit", "unit_id": "U-none"}, "no unit with id 'U-none'"),  # the same words
        ({"role": "unit"}, "needs a unit"),
        ({"role": "unit", "unit_id": "U1", "area_id": "A-S1"}, "has no area"),
        ({"role": "unit", "unit_id": "U1", "pii": True}, "pii"),
        ({"role": "editor", "area_id": "A-S1", "unit_id": "U1"}, "only a unit account"),
    ],
    ids=["outside", "missing", "no-unit", "with-area", "with-pii", "unit-on-editor"],
)
def test_a_unit_account_beyond_the_rule_is_refused(
    graph: Graph, client: TestClient, world: World, body: dict[str, object], words: str
) -> None:
    status, text = _create(client, world, graph, "s1admin", **body)
    assert status == 422
    assert words in text
    assert _props(graph, "newunit") == {}


def test_an_admin_outside_the_units_area_neither_sees_nor_changes_its_account(
    graph: Graph, client: TestClient, world: World
) -> None:
    s3, s1 = world.bearer(graph, "s3admin"), world.bearer(graph, "s1admin")
    before = _props(graph, "u1unit")
    assert "u1unit" not in [u["username"] for u in client.get("/api/users", headers=s3).json()]
    assert client.patch("/api/users/u1unit", json={"disabled": True}, headers=s3).status_code == 404
    assert client.post("/api/users/u1unit/reset-password", headers=s3).status_code == 404
    assert _props(graph, "u1unit") == before
    # The admin whose area holds U1 lists it (with its unit) and manages it.
    listed = {u["username"]: u for u in client.get("/api/users", headers=s1).json()}
    assert listed["u1unit"]["unit_id"] == "U1"
    assert client.patch("/api/users/u1unit", json={"disabled": True}, headers=s1).status_code == 200


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"unit_id": "U9"}, "no unit with id 'U9'"),  # moved out of the admin's area
        ({"role": "editor", "area_id": "A-S1"}, "only a unit account"),  # still tied to U1
        ({"role": "viewer", "area_id": "A-S1", "unit_id": None, "pii": True}, "pii"),
        ({"pii": True}, "pii"),
    ],
    ids=["move-out", "promote-keeping-unit", "viewer-with-pii", "grant-pii"],
)
def test_a_unit_account_cannot_be_changed_beyond_the_rule(
    graph: Graph, client: TestClient, world: World, change: dict[str, object], words: str
) -> None:
    before = _props(graph, "u1unit")
    response = client.patch("/api/users/u1unit", json=change, headers=world.bearer(graph, "s1admin"))
    assert response.status_code == 422, response.text
    assert words in response.text
    assert _props(graph, "u1unit") == before


def test_an_admin_turns_a_unit_account_into_a_viewer_of_its_area(
    graph: Graph, client: TestClient, world: World
) -> None:
    change = {"role": "viewer", "area_id": "A-S1", "unit_id": None}
    response = client.patch("/api/users/u1unit", json=change, headers=world.bearer(graph, "s1admin"))
    assert response.status_code == 200, response.text
    assert (response.json()["role"], response.json()["unit_id"]) == ("viewer", None)


def test_the_cli_adds_a_unit_account(
    graph: Graph, world: World, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", test_neo4j_settings.uri)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(test_neo4j_settings.password_file))
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    refused = runner.invoke(cli_app, ["user", "add", "cliunit", "--role", "unit"])
    assert refused.exit_code != 0
    assert "--unit" in refused.output
    outside = runner.invoke(cli_app, ["user", "add", "cliunit", "--role", "unit", "--unit", "U-none"])
    assert outside.exit_code != 0
    made = runner.invoke(cli_app, ["user", "add", "cliunit", "--role", "unit", "--unit", "U2"])
    assert made.exit_code == 0, made.output
    assert "unit U2" in made.output
    assert _props(graph, "cliunit")["unit_id"] == "U2"
