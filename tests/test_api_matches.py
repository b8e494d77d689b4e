"""GET /api/matches over world_gaps and world_matches: which nearby unit's resource meets which open
need, ranked, and why. Every score below is worked out by hand with graph.matches.score:
1000 · proximity (3 community, 2 street, 1 another street) + 100 per tie (alliance, contract in force,
seat) + 50 if the titles share a two-character word + 10 · (3 − projects using the resource, ≥ 0)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from accounts.principal import Principal, Role
from api.security.deps import current_principal
from graph.driver import Graph
from graph.matches import score, words
from tests.fixtures import world_gaps, world_matches

AS_OF = world_gaps.AS_OF.isoformat()


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    world_gaps.build(graph)
    return client


@pytest.fixture
def world2(graph: Graph, client: TestClient) -> TestClient:
    world_matches.build(graph)
    return client


def _pairs(client: TestClient, **params: str | int) -> tuple[int, list[tuple[str, str, int]]]:
    response = client.get("/api/matches", params={"as_of": AS_OF, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["total"], [(m["need_id"], m["resource_id"], m["score"]) for m in body["items"]]


# N1 (health, raised by P-M1 in 佴家湾社区). Its side: P-M1 and the orgs based in 佴家湾社区 and 太和街道
# (P-M1, P-S1): alliance AL1 (P-S1 leads it; it is 太和街道's), contracts in force K1 (P-M1) and K7 (P-S1).
#   R1 by U1, same community; U1's org P-U1 is in AL1, party to K1, and H1 (U1) sits on P-M1; J1 uses R1;
#      no shared word (残疾人免费体检 / 预防保健科义诊): 3000 + 300 + 0 + 20 = 3320.
#   R3 by U4 in 金马社区 (same street): no alliance, K4 not signed yet, H4 sits on P-M2 (not N1's side);
#      no project, no shared word: 2000 + 0 + 0 + 30 = 2030.
#   R5 by U6 is in another district; R6 is offered by an area, not a unit.
# N2 (facilities, raised by the area 金马社区; side P-M2, P-S1: AL1, K7): R2 by U2's branch (U2 in
#   佴家湾社区, same street), K2 not shared; 线路 in both titles; no project: 2000 + 0 + 50 + 30 = 2080.
# N3 is claimed, not open. N4 (health, U6 in 西山区): the only health resource there is U6's own.
CITY = [("N1", "R1", 3320), ("N2", "R2", 2080), ("N1", "R3", 2030)]


def test_ranking_in_the_city(world: TestClient) -> None:
    assert _pairs(world, area="A-C") == (3, CITY)


def test_reasons_and_fields(world: TestClient) -> None:
    items = world.get("/api/matches", params={"area": "A-C", "as_of": AS_OF}).json()["items"]
    top, second, third = items
    assert (top["provider_id"], top["same_community"], top["same_alliance"]) == ("U1", True, True)
    assert (top["contract_in_force"], top["seat"], top["projects"]) == (True, True, 1)
    assert top["reasons"] == [
        "同一社区",
        "已在同一联盟",
        "已有履行中的共建协议",
        "已在社区大党委任职",
        "同类资源",
        "已承接 1 个项目",
    ]
    assert top["reasons_en"][-1] == "used by 1 project(s) already"
    assert (second["provider_id"], second["offered_by_id"]) == ("U2", "B-U2")
    assert second["shared_words"] == ["线路"]
    assert second["reasons"] == ["同一街道", "资源与需求相近", "尚未承接项目"]
    assert (third["provider_id"], third["same_street"], third["other_street"]) == ("U4", True, False)
    assert third["reason_codes"] == ["same_street", "same_category", "no_projects"]
    assert top["category_label"] == "医疗健康"
    assert (top["raiser_id"], top["raiser_type"], top["need_community"]) == ("P-M1", "PartyOrg", "佴家湾社区")


def test_scope_category_and_pages(world: TestClient) -> None:
    assert _pairs(world, area="A-M2") == (1, [("N2", "R2", 2080)])
    # A street scope walks down its area tree to the raisers: N1 (P-M1) and N2 (金马社区) are in 太和街道.
    assert _pairs(world, area="A-S1") == (3, CITY)
    assert _pairs(world, area="A-S2") == (0, [])
    assert _pairs(world, area="A-D2") == (0, [])
    assert _pairs(world, area="A-C", category="facilities") == (1, [("N2", "R2", 2080)])
    assert _pairs(world, area="A-C", category="legal") == (0, [])
    assert _pairs(world, area="A-C", page=2, page_size=2) == (3, [("N1", "R3", 2030)])


def test_other_streets_only_when_nothing_nearer_fits(world2: TestClient) -> None:
    # N6 (health, 关上社区): U9's R9 is in the same community; 体检 in both titles; no tie, no project:
    #   3000 + 0 + 50 + 30 = 3080. R1 and R3 (太和街道) are from another street: not shown, R9 fits.
    # N5 (facilities, 关上社区; side P-M3: AL2, no contract in force): nothing in 关上街道, so R2
    #   (U2, 太和街道) is shown as from another street: 1000 + 0 + 0 (路灯维修 / 线路检修) + 30 = 1030.
    assert _pairs(world2, area="A-S2") == (2, [("N6", "R9", 3080), ("N5", "R2", 1030)])
    item = world2.get("/api/matches", params={"area": "A-S2", "as_of": AS_OF}).json()["items"][1]
    assert (item["other_street"], item["reasons"][0]) == (True, "另一街道（本街道无可匹配资源）")
    # The city's list keeps 太和街道's own matches as they were.
    city = [("N1", "R1", 3320), ("N6", "R9", 3080), *CITY[1:], ("N5", "R2", 1030)]
    assert _pairs(world2, area="A-C") == (5, city)


def test_a_viewer_of_one_district_sees_nothing_of_another(world2: TestClient) -> None:
    viewer = Principal(username="xishan", role=Role.VIEWER, area_id="A-D2", pii=False)
    world2.app.dependency_overrides[current_principal] = lambda: viewer  # type: ignore[attr-defined]
    assert world2.get("/api/matches", params={"area": "A-D1"}).status_code == 404
    assert world2.get("/api/matches", params={"area": "nowhere"}).status_code == 404
    # Their own district: N4's only candidate is U6's own resource.
    assert _pairs(world2) == (0, [])


def test_match_errors(world: TestClient) -> None:
    assert world.get("/api/matches", params={"area": "nowhere"}).status_code == 404
    assert world.get("/api/matches", params={"category": "astrology"}).status_code == 422
    assert world.get("/api/matches", params={"as_of": "2026-06-31"}).status_code == 422


def test_generic_words_do_not_make_titles_alike() -> None:
    # 助餐 (meals) and 助浴 (bathing) share only 服务 and the generic 社区/需求 pieces of the titles.
    assert words("小坝新村社区助餐服务需求") & words("助浴服务") == set()
    assert words("老旧小区线路维修") & words("线路检修") == {"线路"}
    assert score(3, 3, True, 0) == 3380
    assert score(1, 0, False, 5) == 1000
