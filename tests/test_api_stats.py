"""GET /api/stats over the hand-built world in tests/fixtures/world_gaps.py; figures worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.queries.writes import merge_nodes
from graph.schema import Label
from tests.fixtures import world_gaps

AS_OF = world_gaps.AS_OF.isoformat()
COUNT_KEYS = (
    "units",
    "party_orgs",
    "alliances",
    "alliance_members",
    "big_committees",
    "current_seats",
    "active_contracts",
    "linked_by_contract",
    "linked_by_alliance",
    "linked_by_committee",
    "linked_by_any",
)


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    world_gaps.build(graph)
    return client


def _counts(block: dict[str, Any]) -> tuple[int, ...]:
    return tuple(block[k] for k in COUNT_KEYS)


def test_city_stats_and_its_districts(world: TestClient) -> None:
    response = world.get("/api/stats", params={"area": "A-C", "as_of": AS_OF})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["area"] == {"id": "A-C", "name": "昆明市", "level": "city"}
    # 7 units; 10 orgs (P-U1 P-U2 B-U2 P-U4 P-U7 P-S1 P-M1 P-M2 P-M3 GB1); AL1, AL2; members P-U1 U3 P-U7
    # P-M3; big committees P-M1 (H1) and P-M2 (H4); seats H1, H4; contracts in force K1 K2 K7.
    # Linked: contract U1 U2; alliance U1 U3 U7; committee U1 U4; any U1 U2 U3 U4 U7.
    assert _counts(body["total"]) == (7, 10, 2, 4, 2, 2, 3, 2, 3, 2, 5)
    assert body["total"]["shares"] == {
        "contract": 0.2857,
        "alliance": 0.4286,
        "committee": 0.2857,
        "any": 0.7143,
    }
    children = {c["area"]["id"]: c for c in body["children"]}
    assert list(children) == ["A-D1", "A-D2"]
    assert _counts(children["A-D1"]) == (6, 10, 2, 4, 2, 2, 3, 2, 3, 2, 5)
    assert children["A-D1"]["shares"]["any"] == 0.8333
    assert _counts(children["A-D2"]) == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert children["A-D2"]["shares"]["any"] == 0.0


def test_without_an_area_the_only_city_is_the_total_and_its_districts_the_children(
    world: TestClient,
) -> None:
    # 昆明市 A-C is the world's only top-level area: the same answer as for area=A-C.
    body = world.get("/api/stats", params={"as_of": AS_OF}).json()
    assert body["area"] == {"id": "A-C", "name": "昆明市", "level": "city"}
    assert _counts(body["total"]) == (7, 10, 2, 4, 2, 2, 3, 2, 3, 2, 5)
    children = {c["area"]["id"]: c for c in body["children"]}
    assert list(children) == ["A-D1", "A-D2"]
    # 官渡区: U1 U2 U3 U4 U5 U7, all 10 orgs; AL1 AL2 (hosted in its streets); linked as the city's.
    assert _counts(children["A-D1"]) == (6, 10, 2, 4, 2, 2, 3, 2, 3, 2, 5)
    assert children["A-D1"]["shares"] == {
        "contract": 0.3333,
        "alliance": 0.5,
        "committee": 0.3333,
        "any": 0.8333,
    }
    # 西山区: U6 alone, linked by nothing.
    assert _counts(children["A-D2"]) == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


def test_without_an_area_two_top_areas_are_listed_side_by_side(graph: Graph, world: TestClient) -> None:
    row = {"id": "A-X", "props": {"name": "外市", "level": "city"}, "prov": world_gaps.PROV}
    graph.write(merge_nodes(Label.AREA), {"rows": [row]})
    body = world.get("/api/stats", params={"as_of": AS_OF}).json()
    assert body["area"] == {"id": None, "name": "全部", "level": None}
    assert _counts(body["total"]) == (7, 10, 2, 4, 2, 2, 3, 2, 3, 2, 5)
    children = {c["area"]["id"]: c for c in body["children"]}
    assert list(children) == ["A-C", "A-X"]
    assert _counts(children["A-C"]) == (7, 10, 2, 4, 2, 2, 3, 2, 3, 2, 5)
    assert _counts(children["A-X"]) == (0,) * len(COUNT_KEYS)
    assert children["A-X"]["shares"]["any"] == 0.0


def test_street_stats_and_its_communities(world: TestClient) -> None:
    body = world.get("/api/stats", params={"area": "A-S1", "as_of": AS_OF}).json()
    # U1 U2 U3 U4 U7; orgs without P-M3; AL1 and its 3 members; K1 K2 K7.
    assert _counts(body["total"]) == (5, 9, 1, 3, 2, 2, 3, 2, 3, 2, 5)
    children = {c["area"]["id"]: c for c in body["children"]}
    # M1: U1 U2; orgs P-U1 P-U2 B-U2 P-M1 GB1 (based in its grid); member P-U1; P-M1 with H1; K1 K2 K7 (U1).
    assert _counts(children["A-M1"]) == (2, 5, 0, 1, 1, 1, 3, 2, 1, 1, 2)
    # M2: U3 U4; orgs P-U4 P-M2; member U3; P-M2 with H4; K3 expired and K4 not signed yet: none.
    assert _counts(children["A-M2"]) == (2, 2, 0, 1, 1, 1, 0, 0, 1, 1, 2)


def test_stats_on_an_earlier_date(world: TestClient) -> None:
    body = world.get("/api/stats", params={"area": "A-M2", "as_of": "2025-06-01"}).json()
    # H3's seat is current, H4's not yet; K3 is still in force for U3 and P-M2.
    assert _counts(body["total"]) == (2, 2, 0, 1, 1, 1, 1, 1, 1, 1, 1)


def test_stats_export_and_errors(world: TestClient) -> None:
    response = world.get("/api/stats", params={"area": "A-C", "as_of": AS_OF, "format": "csv"})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("区域编号,区域,驻区单位,党组织")
    assert lines[1].startswith("A-C,昆明市,7,10,2,4,2,2,3,")
    assert len(lines) == 4
    assert world.get("/api/stats", params={"area": "nowhere"}).status_code == 404
    assert world.get("/api/stats", params={"as_of": "2026-02-30"}).status_code == 422
