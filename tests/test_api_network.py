"""GET /api/entities/{id}/network: ego networks over tests/fixtures/world_links.py, worked out by hand."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.networks import ego_network
from graph.schema import Rel
from tests.fixtures.world_links import build_world


@pytest.fixture
def api(graph: Graph, client: TestClient) -> TestClient:
    build_world(graph)
    return client


def _network(api: TestClient, entity_id: str, **params: str | int) -> dict[str, object]:
    response = api.get(f"/api/entities/{entity_id}/network", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _nodes(body: dict[str, object]) -> set[str]:
    return {n["id"] for n in body["nodes"]}  # type: ignore[attr-defined]


def _edges(body: dict[str, object]) -> list[tuple[str, str, str]]:
    return sorted((e["source"], e["target"], e["type"]) for e in body["edges"])  # type: ignore[attr-defined]


DEPTH_1_EDGES = [
    ("PE-1", "U-SSY", "WORKS_AT"),
    ("P-SSY", "U-SSY", "BELONGS_TO"),
    ("R-1", "U-SSY", "OFFERED_BY"),
    ("U-SSY", "A-EJW", "LOCATED_IN"),
]


def test_depth_1(api: TestClient) -> None:
    body = _network(api, "U-SSY", depth=1)
    assert _nodes(body) == {"U-SSY", "A-EJW", "P-SSY", "PE-1", "R-1"}
    assert _edges(body) == sorted(DEPTH_1_EDGES)
    assert body["truncated"] is False


def test_depth_2_adds_the_second_ring_and_the_ties_among_it(api: TestClient) -> None:
    body = _network(api, "U-SSY", depth=2)
    assert _nodes(body) == {
        *("U-SSY", "A-EJW", "P-SSY", "PE-1", "R-1"),
        *("A-TH", "A-EJW-G1", "U-YN", "P-EJW", "N-1", "R-2"),  # the community's other neighbours
        *("AL-TH", "K-1", "J-1"),  # the party org's
    }
    assert _edges(body) == sorted(
        [
            *DEPTH_1_EDGES,
            ("A-EJW", "A-TH", "PART_OF"),
            ("A-EJW-G1", "A-EJW", "PART_OF"),
            ("U-YN", "A-EJW", "LOCATED_IN"),
            ("P-EJW", "A-EJW", "BASED_IN"),
            ("N-1", "A-EJW", "RAISED_BY"),
            ("R-2", "A-EJW", "OFFERED_BY"),
            ("P-SSY", "AL-TH", "MEMBER_OF"),
            ("P-SSY", "K-1", "PARTY_TO"),
            ("J-1", "P-SSY", "DELIVERED_BY"),
            ("PE-1", "P-EJW", "SEATED_ON"),  # two terms, one edge
            ("J-1", "R-1", "USES"),
            # ties among the outer ring
            ("AL-TH", "A-TH", "HOSTED_BY"),
            ("P-EJW", "K-1", "PARTY_TO"),
            ("J-1", "N-1", "MEETS"),
            ("J-1", "K-1", "UNDER"),
        ]
    )


def test_node_shape(api: TestClient) -> None:
    nodes = {n["id"]: n for n in _network(api, "U-SSY", depth=1)["nodes"]}  # type: ignore[attr-defined]
    assert nodes["U-SSY"]["label"] == "市三院"
    assert nodes["U-SSY"]["type"] == "Unit"
    assert nodes["U-SSY"]["properties"] == {"kind": "institution", "depth": 0}
    assert nodes["A-EJW"]["properties"] == {"level": "community", "depth": 1}
    assert nodes["PE-1"]["type"] == "Person"
    assert nodes["PE-1"]["label"] == "张**"
    assert nodes["PE-1"]["properties"] == {"title": "预防保健科主任", "party_member": True, "depth": 1}


def test_types_filter(api: TestClient) -> None:
    chain = _network(api, "P-SSY", depth=2, types="MEMBER_OF")
    assert _nodes(chain) == {"P-SSY", "AL-TH", "P-GDJ"}
    assert _edges(chain) == [("P-GDJ", "AL-TH", "MEMBER_OF"), ("P-SSY", "AL-TH", "MEMBER_OF")]
    two_kinds = _network(api, "P-SSY", depth=1, types="member_of, BELONGS_TO")
    assert _nodes(two_kinds) == {"P-SSY", "AL-TH", "U-SSY"}


def test_truncation_is_flagged(api: TestClient) -> None:
    # 佴家湾社区 has 7 neighbours: 太和街道, its grid, 市三院, 怡宁, its party committee, N-1 and R-2.
    full = _network(api, "A-EJW", depth=1, limit=8)
    assert len(full["nodes"]) == 8  # type: ignore[arg-type]
    assert full["truncated"] is False
    cut = _network(api, "A-EJW", depth=1, limit=5)
    assert len(cut["nodes"]) == 5  # type: ignore[arg-type]
    assert cut["truncated"] is True
    assert "A-EJW" in _nodes(cut)
    assert {e for pair in _edges(cut) for e in pair[:2]} <= _nodes(cut)


def test_isolated_unit_has_only_its_community(api: TestClient) -> None:
    body = _network(api, "U-NH", depth=1)
    assert _nodes(body) == {"U-NH", "A-DH"}
    assert _network(api, "U-NH", depth=1, types="MEMBER_OF,PARTY_TO")["nodes"] == [
        {
            "id": "U-NH",
            "label": "昆明南华机械厂",
            "type": "Unit",
            "properties": {"kind": "private", "depth": 0},
            "count": None,
            "gaps": [],
        }
    ]


def test_plain_function_for_visualize(graph: Graph) -> None:
    build_world(graph)
    view = ego_network(graph, "P-SSY", depth=1, types=[Rel.MEMBER_OF, Rel.BELONGS_TO])
    assert {n.id for n in view.nodes} == {"P-SSY", "AL-TH", "U-SSY"}


@pytest.mark.parametrize(
    "params",
    [
        {"types": "FOO"},
        {"types": "MEMBER_OF,nope"},
        {"types": "MEMBER_OF;DROP"},
        {"depth": 0},
        {"depth": 4},
        {"limit": 0},
        {"limit": 2001},
        {"depth": "x"},
    ],
)
def test_bad_parameters_are_422(api: TestClient, params: dict[str, str | int]) -> None:
    response = api.get("/api/entities/U-SSY/network", params=params)
    assert response.status_code == 422
    assert "Traceback" not in response.text


def test_unknown_entity_is_404(api: TestClient) -> None:
    assert api.get("/api/entities/NOPE/network").status_code == 404
