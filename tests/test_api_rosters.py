"""Alliance members, committee seats (personal data masked) and contract details, from world_gaps."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from tests.fixtures import world_gaps

AS_OF = world_gaps.AS_OF.isoformat()


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    world_gaps.build(graph)
    return client


def test_alliance_members(world: TestClient) -> None:
    response = world.get("/api/alliances/AL1/members")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["host_id"], body["host_name"]) == ("太和街道党建联盟", "A-S1", "太和街道")
    assert body["leads"] == [{"id": "P-S1", "name": "太和街道党工委"}]
    assert body["total"] == 3
    rows = [(m["id"], m["type"], m["unit_id"], m["role"], m["joined"]) for m in body["items"]]
    assert rows == [
        ("P-U1", "PartyOrg", "U1", "成员单位", "2024-03-01"),
        ("P-U7", "PartyOrg", "U7", "副主席单位", "2023-01-01"),
        ("U3", "Unit", "U3", "成员单位", "2024-05-01"),
    ]
    assert body["items"][0]["org_type_label"] == "党委"
    assert body["items"][2]["unit_kind_label"] == "非公企业"
    page2 = world.get("/api/alliances/AL1/members", params={"page": 2, "page_size": 2}).json()
    assert (page2["total"], [m["id"] for m in page2["items"]]) == (3, ["U3"])


def test_committee_seats_current_and_past(world: TestClient) -> None:
    current = world.get("/api/committees/P-M2/seats", params={"as_of": AS_OF}).json()
    assert (current["name"], current["area_id"], current["type_label"]) == ("金马社区党委", "A-M2", "党委")
    assert current["total"] == 1
    seat = current["items"][0]
    assert seat["title"] == "兼职副书记"
    assert seat["person"] == "欧***"
    assert seat["phone"] == "139****1111"
    assert (seat["unit_id"], seat["unit_name"], seat["start"], seat["end"]) == (
        "U4",
        "金马物业公司",
        "2026-01-01",
        None,
    )
    everyone = world.get("/api/committees/P-M2/seats", params={"as_of": AS_OF, "include_past": True}).json()
    assert everyone["total"] == 2
    assert [(s["person"], s["current"], s["end"]) for s in everyone["items"]] == [
        ("欧***", True, None),
        ("李*", False, "2025-12-31"),
    ]


def test_seats_never_leak_personal_data(world: TestClient) -> None:
    for fmt in ("json", "csv"):
        response = world.get("/api/committees/P-M1/seats", params={"include_past": True, "format": fmt})
        assert response.status_code == 200
        assert "张三" not in response.text
        assert "13812345678" not in response.text
        assert "138****5678" in response.text


def test_contract_detail(world: TestClient) -> None:
    response = world.get("/api/contracts/K1")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["title"], body["status"], body["status_label"]) == ("市三院共建协议", "active", "履行中")
    assert (body["signed"], body["expires"]) == ("2025-01-01", "2027-12-31")
    assert [(p["id"], p["unit_id"]) for p in body["parties"]] == [("P-M1", None), ("P-U1", "U1")]
    assert [(n["id"], n["raised_by_id"], n["category_label"]) for n in body["needs"]] == [
        ("N1", "P-M1", "医疗健康")
    ]
    assert [(r["id"], r["offered_by_id"]) for r in body["resources"]] == [("R1", "U1")]
    project = body["projects"][0]
    assert (project["id"], project["needs"], project["resources"]) == ("J1", ["N1"], ["R1"])
    assert project["delivered_by"] == [{"id": "P-U1", "name": "市三院党委"}]
    draft = world.get("/api/contracts/K6").json()
    assert (draft["status_label"], draft["signed"], draft["projects"], draft["parties"][0]["id"]) == (
        "拟签",
        None,
        [],
        "U5",
    )


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/alliances/nope/members", 404),
        ("/api/alliances/P-U1/members", 404),  # a party org is not an alliance
        ("/api/committees/nope/seats", 404),
        ("/api/contracts/nope", 404),
        ("/api/contracts/U1", 404),
        ("/api/committees/P-M1/seats?as_of=31-12-2025", 422),
        ("/api/committees/P-M1/seats?include_past=maybe", 422),
        ("/api/alliances/AL1/members?page_size=0", 422),
    ],
)
def test_roster_errors(world: TestClient, path: str, status: int) -> None:
    assert world.get(path).status_code == status
