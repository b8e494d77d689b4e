"""Hostile ids and Cypher injection payloads through every query route and through uploads: never a
5xx, and no rejected input changes the graph (its fingerprint). An accepted id is stored literally."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from devtools.fingerprint import graph_fingerprint
from graph.driver import Graph
from loaders.pipeline import load_path
from tests.loaders_support import BASIC

PAYLOADS = [
    "'] RETURN n //",
    "x` RETURN 1 //",
    "`) DETACH DELETE n //",
    "U1' OR 1=1 //",
    '" OR ""="',
    "U1\n MATCH (n) DETACH DELETE n",
    "}) MATCH (m) DETACH DELETE m //",
    "$where",
    "\\u0027 RETURN 1",
    "昆明`\r\n",
    "%00",
    "../../etc/passwd",
    "a" * 199,
]

ROUTES = [
    "/api/search?q={p}",
    "/api/search?q={p}&type=unit",
    "/api/entities/{p}",
    "/api/entities/{p}/network?depth=2",
    "/api/paths?from={p}&to=U1",
    "/api/paths?from=U1&to={p}",
    "/api/gaps/units?area={p}",
    "/api/gaps/areas?area={p}",
    "/api/stats?area={p}",
    "/api/matches?area={p}",
    "/api/alliances/{p}/members",
    "/api/committees/{p}/seats",
    "/api/contracts/{p}",
    "/view/entity/{p}",
    "/view/area/{p}",
]


@pytest.fixture
def admin(graph: Graph, client: TestClient) -> TestClient:
    """The client, signed in as a global admin who may see everything (a bearer token)."""
    create_user(graph, None, username="reliability", role=Role.ADMIN, area_id=None, pii=True)
    expires = datetime.now(UTC) + timedelta(hours=1)
    token = issue_token(graph, "reliability", TokenKind.BEARER, expires=expires).token
    client.headers["Authorization"] = f"Bearer {token}"
    return client


@pytest.fixture
def loaded(graph: Graph, admin: TestClient) -> str:
    """The basic fixture package loaded; the graph's fingerprint back (users are not in it)."""
    assert load_path(graph, BASIC).outcome == "ok"
    return graph_fingerprint(graph)


def test_payloads_through_every_query_route_change_nothing(
    loaded: str, graph: Graph, admin: TestClient
) -> None:
    statuses: dict[int, int] = {}
    for payload in PAYLOADS:
        for route in ROUTES:
            answer = admin.get(route.format(p=quote(payload, safe="")))
            assert answer.status_code < 500, (route, payload, answer.text[:300])
            statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
    assert graph_fingerprint(graph) == loaded
    assert set(statuses) <= {200, 404, 422}
    assert statuses.get(404, 0) > 0  # the hostile ids were looked up, as ids, and not found


def _csv(rows: list[list[str]]) -> bytes:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    return ("\r\n".join(",".join(cell(v) for v in row) for row in rows) + "\r\n").encode("utf-8")


def test_a_rejected_upload_of_hostile_ids_changes_nothing(
    loaded: str, graph: Graph, admin: TestClient
) -> None:
    rows = [["id", "name", "kind", "area_id"]]
    rows += [[payload, f"单位{i}", "非公企业", "TH"] for i, payload in enumerate(PAYLOADS)]
    rows.append(["BAD", "坏行", "非公企业", "NO-SUCH-AREA"])  # makes the strict load reject the file
    answer = admin.post("/api/imports", files={"file": ("units.csv", io.BytesIO(_csv(rows)), "text/csv")})
    assert answer.status_code == 422
    assert answer.json()["outcome"] == "rejected"
    assert graph_fingerprint(graph) == loaded  # the load's own (:Load) record is not in the fingerprint


def test_hostile_ids_that_are_valid_are_stored_literally(loaded: str, admin: TestClient) -> None:
    ids = [p for p in PAYLOADS if "\n" not in p and "\r" not in p]
    rows = [["id", "name", "kind", "area_id"]] + [
        [p, f"单位{i}", "非公企业", "TH"] for i, p in enumerate(ids)
    ]
    answer = admin.post("/api/imports", files={"file": ("units.csv", io.BytesIO(_csv(rows)), "text/csv")})
    assert answer.status_code == 200, answer.text[:500]
    assert answer.json()["counts"]["units"]["added"] == len(ids)
    # Every one is read back exactly, those holding "/" or "%" too (api/idpath.py).
    for payload in ids:
        found = admin.get(f"/api/entities/{quote(payload, safe='')}")
        assert found.status_code == 200, payload
        assert found.json()["id"] == payload
    assert admin.get("/api/entities/U1").status_code == 200  # nothing was deleted by a payload
