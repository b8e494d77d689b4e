"""GET /api/paths: shortest paths via organizational ties or via the map too, over
tests/fixtures/world_links.py, worked out by hand."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from tests.fixtures.world_links import build_world


@pytest.fixture
def api(graph: Graph, client: TestClient) -> TestClient:
    build_world(graph)
    return client


def _paths(api: TestClient, source: str, target: str, **params: str | int) -> dict[str, object]:
    response = api.get("/api/paths", params={"from": source, "to": target, **params})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _sequences(body: dict[str, object]) -> list[list[str]]:
    return [[n["id"] for n in p["nodes"]] for p in body["paths"]]  # type: ignore[attr-defined]


CHAIN = ["U-SSY", "P-SSY", "AL-TH", "P-GDJ", "U-GDJ"]


def test_unit_party_org_alliance_party_org_unit(api: TestClient) -> None:
    body = _paths(api, "U-SSY", "U-GDJ")
    # Length 4 through the alliance; the two of length 6 reach the alliance through the committee seat
    # (both terms fold into one path) and through the project's resource.
    assert _sequences(body) == [
        CHAIN,
        ["U-SSY", "PE-1", "P-EJW", "P-TH", "AL-TH", "P-GDJ", "U-GDJ"],
        ["U-SSY", "R-1", "J-1", "P-SSY", "AL-TH", "P-GDJ", "U-GDJ"],
    ]
    first = body["paths"][0]  # type: ignore[index]
    assert first["length"] == 4
    assert [(e["source"], e["target"], e["type"]) for e in first["edges"]] == [
        ("P-SSY", "U-SSY", "BELONGS_TO"),
        ("P-SSY", "AL-TH", "MEMBER_OF"),
        ("P-GDJ", "AL-TH", "MEMBER_OF"),
        ("P-GDJ", "U-GDJ", "BELONGS_TO"),
    ]
    assert body["via"] == "org"


def test_combined_graph_is_the_union_of_the_paths(api: TestClient) -> None:
    graph = _paths(api, "U-SSY", "U-GDJ")["graph"]
    assert {n["id"] for n in graph["nodes"]} == {  # type: ignore[index]
        *CHAIN,
        "PE-1",
        "P-EJW",
        "P-TH",
        "R-1",
        "J-1",
    }
    # 4 + 6 + 6 ties: the second path shares its last two with the first, the third its last three.
    assert len(graph["edges"]) == 4 + 4 + 3  # type: ignore[index]
    labels = {n["id"]: n["label"] for n in graph["nodes"]}  # type: ignore[index]
    assert labels["PE-1"] == "张**"  # a person's name is masked
    assert labels["AL-TH"] == "太和街道党建联盟"


def test_k_and_max_length_bound_the_answer(api: TestClient) -> None:
    assert _sequences(_paths(api, "U-SSY", "U-GDJ", k=1)) == [CHAIN]
    assert _sequences(_paths(api, "U-SSY", "U-GDJ", max_length=5)) == [CHAIN]
    assert _sequences(_paths(api, "U-SSY", "U-GDJ", max_length=3)) == []


def test_shared_community_counts_only_via_all(api: TestClient) -> None:
    # 怡宁 and 市三院 are both in 佴家湾社区; 怡宁's branch reports to a committee tied to nothing else.
    assert _sequences(_paths(api, "U-YN", "U-SSY", via="org", max_length=8)) == []
    assert _sequences(_paths(api, "U-YN", "U-SSY", via="all", max_length=2)) == [["U-YN", "A-EJW", "U-SSY"]]
    assert _sequences(_paths(api, "U-YN", "U-SSY", via="all"))[0] == ["U-YN", "A-EJW", "U-SSY"]


def test_unit_without_organizational_ties(api: TestClient) -> None:
    assert _paths(api, "U-NH", "U-SSY")["paths"] == []
    assert _paths(api, "U-NH", "U-SSY")["graph"] == {
        "nodes": [],
        "edges": [],
        "truncated": False,
        "aggregated": False,
    }
    assert _sequences(_paths(api, "U-NH", "U-SSY", via="all", k=1)) == [
        ["U-NH", "A-DH", "A-TH", "A-EJW", "U-SSY"]
    ]


def test_via_org_never_passes_through_an_area(api: TestClient) -> None:
    # R-2 is offered by 佴家湾社区 itself; N-1, met by the project, is raised by it too.
    assert _sequences(_paths(api, "R-2", "U-SSY", via="org", max_length=8)) == []
    assert _sequences(_paths(api, "R-2", "U-SSY", via="all", max_length=2)) == [["R-2", "A-EJW", "U-SSY"]]


def test_an_area_can_be_an_end_of_an_org_path(api: TestClient) -> None:
    assert _sequences(_paths(api, "U-SSY", "A-EJW", via="org", max_length=4)) == [
        ["U-SSY", "P-SSY", "J-1", "N-1", "A-EJW"],
        ["U-SSY", "R-1", "J-1", "N-1", "A-EJW"],
    ]


def test_unknown_ids_are_404(api: TestClient) -> None:
    assert api.get("/api/paths", params={"from": "NOPE", "to": "U-SSY"}).status_code == 404
    response = api.get("/api/paths", params={"from": "U-SSY", "to": "NOPE"})
    assert response.status_code == 404
    assert "NOPE" in response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"max_length": 0},
        {"max_length": 9},
        {"k": 0},
        {"k": 11},
        {"via": "map"},
        {"to": "U-SSY"},  # from == to
    ],
)
def test_bad_parameters_are_422(api: TestClient, params: dict[str, str | int]) -> None:
    query = {"from": "U-SSY", "to": "U-GDJ", **params}
    response = api.get("/api/paths", params=query)
    assert response.status_code == 422
    assert "Traceback" not in response.text


def test_missing_endpoint_is_422(api: TestClient) -> None:
    assert api.get("/api/paths", params={"from": "U-SSY"}).status_code == 422
