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


#: The date the fixture's ties are judged on: K-1 (2023-01-01 … 2026-12-31) is in force and 张医生's
#: second term (2023-01-01 … 2025-12-31) is current; the first (2020 … 2022) has ended.
AS_OF = "2024-06-01"
SEAT_PATH = ["U-SSY", "PE-1", "P-EJW", "P-TH", "AL-TH", "P-GDJ", "U-GDJ"]
CONTRACT_PATH = ["U-SSY", "P-SSY", "K-1", "P-EJW", "P-TH", "AL-TH", "P-GDJ", "U-GDJ"]


def test_unit_party_org_alliance_party_org_unit(api: TestClient) -> None:
    body = _paths(api, "U-SSY", "U-GDJ", as_of=AS_OF)
    # Only the alliance chain uses co-building ties alone; the committee seat reaches the alliance through
    # the hierarchy (佴家湾社区党委 reports to 太和街道党工委, which leads it), so it ranks second (both
    # terms fold into one path). The contract's way is 7 ties long, over max_length 6. The path through
    # 市三院's own resource and project comes back into 市三院's own party org: an end is left once.
    assert _sequences(body) == [CHAIN, SEAT_PATH]
    assert [p["tier"] for p in body["paths"]] == ["cobuilding", "hierarchy"]  # type: ignore[attr-defined]
    first = body["paths"][0]  # type: ignore[index]
    assert first["length"] == 4
    assert first["rank"] == 1
    assert first["kinds"] == ["alliance"]
    assert [(e["source"], e["target"], e["type"]) for e in first["edges"]] == [
        ("P-SSY", "U-SSY", "BELONGS_TO"),
        ("P-SSY", "AL-TH", "MEMBER_OF"),
        ("P-GDJ", "AL-TH", "MEMBER_OF"),
        ("P-GDJ", "U-GDJ", "BELONGS_TO"),
    ]
    assert body["via"] == "org"
    assert body["source_end"] == {"id": "U-SSY", "name": "市三院", "type": "Unit"}
    assert body["target_end"] == {"id": "U-GDJ", "name": "市供电局", "type": "Unit"}


def test_same_tier_ranks_by_length(api: TestClient) -> None:
    # At 7 ties the contract's way fits: same tier and as many ties between the ends as the seat's way
    # (5), one more in all (市三院 → 市三院党委 inside the start), so it comes after.
    body = _paths(api, "U-SSY", "U-GDJ", as_of=AS_OF, max_length=7)
    assert _sequences(body) == [CHAIN, SEAT_PATH, CONTRACT_PATH]
    assert body["paths"][2]["kinds"] == ["contract", "hierarchy", "alliance"]  # type: ignore[index]


def test_combined_graph_is_the_union_of_the_paths(api: TestClient) -> None:
    graph = _paths(api, "U-SSY", "U-GDJ", as_of=AS_OF, max_length=7)["graph"]
    assert {n["id"] for n in graph["nodes"]} == {  # type: ignore[index]
        *CHAIN,
        "PE-1",
        "P-EJW",
        "P-TH",
        "K-1",
    }
    # 4 + 6 + 7 ties: the seat's way shares its last two with the chain; the contract's way its first
    # with the chain and its last four with the seat's way.
    assert len(graph["edges"]) == 4 + 4 + 2  # type: ignore[index]
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


def test_an_area_end_stands_for_its_party_org(api: TestClient) -> None:
    # 佴家湾社区 stands for itself and 佴家湾社区党委 (based in it). Tier 1 within 4 ties: the seat (3 ties,
    # 2 between the ends), the contract (4 ties, 2 between), the project meeting the community's own
    # need (4 ties, 3 between), and the same through 市三院's resource (4 between): the first three.
    body = _paths(api, "U-SSY", "A-EJW", via="org", max_length=4, as_of=AS_OF)
    assert _sequences(body) == [
        ["U-SSY", "PE-1", "P-EJW", "A-EJW"],
        ["U-SSY", "P-SSY", "K-1", "P-EJW", "A-EJW"],
        ["U-SSY", "P-SSY", "J-1", "N-1", "A-EJW"],
    ]
    assert [p["kinds"] for p in body["paths"]] == [  # type: ignore[attr-defined]
        ["committee"],
        ["contract"],
        ["project"],
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
        {"kinds": "contract,map"},
        {"as_of": "2024-13-01"},
    ],
)
def test_bad_parameters_are_422(api: TestClient, params: dict[str, str | int]) -> None:
    query = {"from": "U-SSY", "to": "U-GDJ", **params}
    response = api.get("/api/paths", params=query)
    assert response.status_code == 422
    assert "Traceback" not in response.text


def test_missing_endpoint_is_422(api: TestClient) -> None:
    assert api.get("/api/paths", params={"from": "U-SSY"}).status_code == 422
