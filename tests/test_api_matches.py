"""GET /api/matches over world_gaps: which nearby unit's resource meets which open need, and why."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from tests.fixtures import world_gaps

AS_OF = world_gaps.AS_OF.isoformat()
PROV = {"src_file": "test"}


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    world_gaps.build(graph)
    return client


def _pairs(client: TestClient, **params: str | int) -> tuple[int, list[tuple[str, str, int]]]:
    response = client.get("/api/matches", params={"as_of": AS_OF, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["total"], [(m["need_id"], m["resource_id"], m["score"]) for m in body["items"]]


def test_ranking_in_the_city(world: TestClient) -> None:
    # N1 (health, raised by P-M1 in 佴家湾社区):
    #   R1 by U1, same community, U1 holds K1, tie P-M1 <-SEATED_ON- H1 -WORKS_AT-> U1 = 2:
    #      1000 + 0 + 10·(5-2) + 1 = 1031;
    #   R3 by U4 in 金马社区 (same street), no contract in force (K4 not signed yet),
    #      tie P-M1 -> P-S1 <- P-M2 <- H4 -> U4 = 4: 0 + 100 + 10 + 1 = 111;
    #   R5 by U6 is in another district; R6 is offered by an area, not a unit.
    # N2 (facilities, raised by the area 金马社区): R2 by U2's branch, same street, U2 holds K2 (through the
    #   branch), no organizational tie from an area: 0 + 0 + 0 + 1 = 1.
    # N3 is claimed, not open. N4 (health, U6 in 西山区): the only health resource there is U6's own.
    assert _pairs(world, area="A-C") == (3, [("N1", "R1", 1031), ("N1", "R3", 111), ("N2", "R2", 1)])


def test_reasons_and_fields(world: TestClient) -> None:
    items = world.get("/api/matches", params={"area": "A-C", "as_of": AS_OF}).json()["items"]
    top, second, third = items
    assert (top["provider_id"], top["same_community"], top["provider_has_contract"], top["tie_distance"]) == (
        "U1",
        True,
        True,
        2,
    )
    assert top["reasons"][0].startswith("同一社区")
    assert "organizational tie distance 2" in top["reasons"][-1]
    assert (second["provider_id"], second["same_street"], second["provider_has_contract"]) == (
        "U4",
        True,
        False,
    )
    assert "provider has no active contract" in second["reasons"][1]
    assert (third["provider_id"], third["offered_by_id"], third["tie_distance"]) == ("U2", "B-U2", None)
    assert "no organizational tie" in third["reasons"][-1]
    assert top["category_label"] == "医疗健康"
    assert (top["raiser_id"], top["raiser_type"], top["need_community"]) == ("P-M1", "PartyOrg", "佴家湾社区")


def test_scope_category_and_pages(world: TestClient) -> None:
    assert _pairs(world, area="A-M2") == (1, [("N2", "R2", 1)])
    # A street scope walks down its area tree to the raisers: N1 (P-M1) and N2 (金马社区) are in 太和街道.
    assert _pairs(world, area="A-S1") == (3, [("N1", "R1", 1031), ("N1", "R3", 111), ("N2", "R2", 1)])
    assert _pairs(world, area="A-S2") == (0, [])
    assert _pairs(world, area="A-D2") == (0, [])
    assert _pairs(world, area="A-C", category="facilities") == (1, [("N2", "R2", 1)])
    assert _pairs(world, area="A-C", category="legal") == (0, [])
    assert _pairs(world, area="A-C", page=2, page_size=2) == (3, [("N2", "R2", 1)])


def test_a_closer_tie_ranks_higher_when_the_rest_is_equal(graph: Graph, world: TestClient) -> None:
    # U8 in 金马社区, like U4 with no contract, but its head H8 sits on P-M1: tie distance 2.
    graph.write(
        merge_nodes(Label.UNIT),
        {"rows": [{"id": "U8", "props": {"name": "金马药房", "kind": "private"}, "prov": PROV}]},
    )
    graph.write(
        merge_nodes(Label.RESOURCE),
        {
            "rows": [
                {
                    "id": "R8",
                    "props": {"name": "送药上门", "title": "送药上门", "category": "health"},
                    "prov": PROV,
                }
            ]
        },
    )
    graph.write(merge_nodes(Label.PERSON), {"rows": [{"id": "H8", "props": {"name": "赵六"}, "prov": PROV}]})
    for rel, src, dst, a, b in [
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, "U8", "A-M2"),
        (Rel.OFFERED_BY, Label.RESOURCE, Label.UNIT, "R8", "U8"),
        (Rel.WORKS_AT, Label.PERSON, Label.UNIT, "H8", "U8"),
    ]:
        graph.write(merge_rels(rel, src, dst), {"rows": [{"src": a, "dst": b, "props": {}, "prov": PROV}]})
    seat = {
        "src": "H8",
        "dst": "P-M1",
        "id": "H8|P-M1|2026-01-01",
        "props": {"start": dt.date(2026, 1, 1)},
        "prov": PROV,
    }
    graph.write(merge_rels(Rel.SEATED_ON, Label.PERSON, Label.PARTY_ORG), {"rows": [seat]})
    # R8: 0 + 100 + 10·(5-2) + 1 = 131, between R1 (1031) and R3 (111).
    assert _pairs(world, area="A-C", category="health") == (
        3,
        [("N1", "R1", 1031), ("N1", "R8", 131), ("N1", "R3", 111)],
    )


def test_match_errors(world: TestClient) -> None:
    assert world.get("/api/matches", params={"area": "nowhere"}).status_code == 404
    assert world.get("/api/matches", params={"category": "astrology"}).status_code == 422
    assert world.get("/api/matches", params={"as_of": "2026-06-31"}).status_code == 422
