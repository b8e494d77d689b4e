"""Paths that explain themselves: ranked by tier (co-building ties in force, then the hierarchy, then
ended ties, the map only when nothing else connects), each told in words, only through the caller's
scope. Over tests/fixtures/world_links.py and a school added here, worked out by hand:

    西华小学 U-XH (in 东华社区 A-DH, 太和街道) ← 西华小学党支部 P-XH
    K-2 佴家湾社区与西华小学共建协议（2019）: expired, 2019-01-01 … 2021-12-31, P-XH and P-EJW
    K-3 佴家湾社区与西华小学共建协议（2024）: active, 2024-01-01 … 2027-12-31, P-XH and P-EJW
    K-4 市供电局与西华小学共建协议: active, 2024-01-01 … 2027-12-31, P-XH and P-GDJ (莲花社区, 五华区)
    佴家湾社区第二党支部 P-EJW-2: BASED_IN 佴家湾社区 too, REPORTS_TO 佴家湾社区党委 (as in the demo world)

Ties are judged on 2024-06-01: K-1, K-3 and K-4 are in force, 张医生's second term is current.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accounts.accounts import create_user
from accounts.principal import Role
from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from tests.auth_world import cheap_argon2  # noqa: F401 - a fixture
from tests.fixtures.world_links import build_world
from tests.test_access_matrix import session

AS_OF = "2024-06-01"

SCHOOL_CONTRACTS = [
    ("K-2", "佴家湾社区与西华小学共建协议（2019）", "expired", date(2019, 1, 1), date(2021, 12, 31)),
    ("K-3", "佴家湾社区与西华小学共建协议（2024）", "active", date(2024, 1, 1), date(2027, 12, 31)),
    ("K-4", "市供电局与西华小学共建协议", "active", date(2024, 1, 1), date(2027, 12, 31)),
]


def _rows(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    return {"rows": [{"src": a, "dst": b, "props": {}, "prov": {}} for a, b in pairs]}


def add_school(graph: Graph) -> None:
    prov = {"src_file": "test_paths_ranking"}
    graph.write(
        merge_nodes(Label.UNIT),
        {"rows": [{"id": "U-XH", "props": {"name": "西华小学", "kind": "institution"}, "prov": prov}]},
    )
    orgs = [("P-XH", "西华小学党支部"), ("P-EJW-2", "佴家湾社区第二党支部")]
    graph.write(
        merge_nodes(Label.PARTY_ORG),
        {"rows": [{"id": i, "props": {"name": n, "type": "branch"}, "prov": prov} for i, n in orgs]},
    )
    graph.write(merge_rels(Rel.BASED_IN, Label.PARTY_ORG, Label.AREA), _rows([("P-EJW-2", "A-EJW")]))
    graph.write(merge_rels(Rel.REPORTS_TO, Label.PARTY_ORG, Label.PARTY_ORG), _rows([("P-EJW-2", "P-EJW")]))
    contracts = [
        {"id": i, "props": {"name": n, "title": n, "status": s, "signed": a, "expires": b}, "prov": prov}
        for i, n, s, a, b in SCHOOL_CONTRACTS
    ]
    graph.write(merge_nodes(Label.CONTRACT), {"rows": contracts})
    graph.write(merge_rels(Rel.LOCATED_IN, Label.UNIT, Label.AREA), _rows([("U-XH", "A-DH")]))
    graph.write(merge_rels(Rel.BELONGS_TO, Label.PARTY_ORG, Label.UNIT), _rows([("P-XH", "U-XH")]))
    parties = [("P-XH", "K-2"), ("P-EJW", "K-2"), ("P-XH", "K-3"), ("P-EJW", "K-3"), ("P-XH", "K-4")]
    parties.append(("P-GDJ", "K-4"))
    graph.write(merge_rels(Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT), _rows(parties))


@pytest.fixture
def api(graph: Graph, client: TestClient) -> TestClient:
    build_world(graph)
    add_school(graph)
    return client


def _paths(
    api: TestClient, source: str, target: str, headers: dict[str, str] | None = None, **params: Any
) -> Any:
    response = api.get("/api/paths", params={"from": source, "to": target, **params}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


def _sequences(body: Any) -> list[list[str]]:
    return [[n["id"] for n in p["nodes"]] for p in body["paths"]]


def test_unit_to_community_shows_the_contract_and_the_seat_first(api: TestClient) -> None:
    # The question of issue #12: 市三院 and 佴家湾社区 (an area), by default (via=org, k=3). The same seat
    # or contract told again through 佴家湾社区第二党支部 (P-EJW → P-EJW-2 → A-EJW) is no other path.
    body = _paths(api, "U-SSY", "A-EJW", as_of=AS_OF)
    paths = body["paths"]
    assert _sequences(body) == [
        ["U-SSY", "PE-1", "P-EJW", "A-EJW"],
        ["U-SSY", "P-SSY", "K-1", "P-EJW", "A-EJW"],
        ["U-SSY", "P-SSY", "J-1", "N-1", "A-EJW"],
    ]
    assert [p["tier"] for p in paths] == ["cobuilding"] * 3
    assert paths[0]["sentence"] == {
        "zh": "市三院的张**任佴家湾社区党委兼职委员（任期 2023-01-01 至 2025-12-31）；"
        "佴家湾社区党委设在佴家湾社区。",
        "en": "张** of 市三院 sits on 佴家湾社区党委 as 兼职委员 (term 2023-01-01 to 2025-12-31); "
        "佴家湾社区党委 is based in 佴家湾社区.",
    }
    assert paths[1]["sentence"]["zh"] == (
        "市三院党委是市三院的党组织；市三院党委与佴家湾社区党委签订《佴家湾社区与市三院共建协议》"
        "（履行中，至 2026-12-31）；佴家湾社区党委设在佴家湾社区。"
    )
    assert paths[0]["links"] == [
        {"kind": "committee", "id": "P-EJW", "name": "佴家湾社区党委", "href": "/view/committee/P-EJW"}
    ]
    assert paths[1]["links"] == [
        {"kind": "contract", "id": "K-1", "name": "佴家湾社区与市三院共建协议", "href": "/view/contract/K-1"}
    ]
    assert body["target_end"] == {"id": "A-EJW", "name": "佴家湾社区", "type": "Area"}


def test_an_expired_contract_is_marked_and_ranked_after_one_in_force(api: TestClient) -> None:
    # Two ways of 4 ties each, through K-2 (expired) and K-3 (in force); by id alone K-2 would come first.
    body = _paths(api, "U-XH", "A-EJW", as_of=AS_OF)
    assert _sequences(body) == [
        ["U-XH", "P-XH", "K-3", "P-EJW", "A-EJW"],
        ["U-XH", "P-XH", "K-2", "P-EJW", "A-EJW"],
    ]
    first, second = body["paths"]
    assert (first["tier"], second["tier"]) == ("cobuilding", "inactive")
    assert "（履行中，至 2027-12-31）" in first["sentence"]["zh"]
    assert (
        "《佴家湾社区与西华小学共建协议（2019）》（不在履行期：已到期，至 2021-12-31）"
        in second["sentence"]["zh"]
    )
    assert "(not in force: expired, until 2021-12-31)" in second["sentence"]["en"]
    k2 = next(n for n in second["nodes"] if n["id"] == "K-2")
    assert k2["properties"]["in_force"] is False
    # Without ended ties, only the contract in force.
    assert _sequences(_paths(api, "U-XH", "A-EJW", as_of=AS_OF, inactive="false")) == [
        ["U-XH", "P-XH", "K-3", "P-EJW", "A-EJW"]
    ]


def test_a_contract_is_judged_on_as_of(api: TestClient) -> None:
    # On 2028-01-01 K-3 has expired too: both ways are ended ties, in id order.
    body = _paths(api, "U-XH", "A-EJW", as_of="2028-01-01")
    assert _sequences(body) == [
        ["U-XH", "P-XH", "K-2", "P-EJW", "A-EJW"],
        ["U-XH", "P-XH", "K-3", "P-EJW", "A-EJW"],
    ]
    assert {p["tier"] for p in body["paths"]} == {"inactive"}


def test_an_ended_seat_is_marked(api: TestClient) -> None:
    # On 2026-06-01 张医生's terms have both ended: the seat's way drops behind the contract's.
    body = _paths(api, "U-SSY", "A-EJW", as_of="2026-06-01", kinds="contract,committee")
    assert _sequences(body) == [
        ["U-SSY", "P-SSY", "K-1", "P-EJW", "A-EJW"],
        ["U-SSY", "PE-1", "P-EJW", "A-EJW"],
    ]
    assert body["paths"][1]["tier"] == "inactive"
    assert "（已卸任，任期 " in body["paths"][1]["sentence"]["zh"]


def test_tie_kinds_limit_the_paths(api: TestClient) -> None:
    body = _paths(api, "U-SSY", "A-EJW", as_of=AS_OF, kinds="contract")
    assert _sequences(body) == [["U-SSY", "P-SSY", "K-1", "P-EJW", "A-EJW"]]
    assert body["kinds"] == ["contract"]


def test_geography_only_when_nothing_else_connects_and_labelled(api: TestClient) -> None:
    # 南华机械厂 has no organizational tie: the shared community 东华社区 is all there is.
    body = _paths(api, "U-NH", "U-XH", via="all", as_of=AS_OF)
    assert _sequences(body) == [["U-NH", "A-DH", "U-XH"]]
    only = body["paths"][0]
    assert (only["tier"], only["kinds"]) == ("geography", ["geography"])
    assert only["sentence"]["zh"] == "【地理关系】昆明南华机械厂位于东华社区；西华小学位于东华社区。"
    assert only["sentence"]["en"].startswith("[Geography] ")
    # 西华小学 and 市三院 share 太和街道 (4 ties), but co-building ties connect them: no map at all.
    body = _paths(api, "U-XH", "U-SSY", via="all", as_of=AS_OF)
    assert _sequences(body) == [
        ["U-XH", "P-XH", "K-3", "P-EJW", "PE-1", "U-SSY"],
        ["U-XH", "P-XH", "K-3", "P-EJW", "K-1", "P-SSY", "U-SSY"],
        ["U-XH", "P-XH", "K-4", "P-GDJ", "AL-TH", "P-SSY", "U-SSY"],
    ]
    assert {p["tier"] for p in body["paths"]} == {"cobuilding"}


@pytest.mark.usefixtures("cheap_argon2")
def test_a_path_never_passes_through_what_the_caller_may_not_see(api: TestClient, graph: Graph) -> None:
    create_user(graph, None, username="taihe", role=Role.VIEWER, area_id="A-TH")
    street = session(graph, "taihe")
    # For 太和街道 the way through 市供电局党委 (五华区) is gone; an ended contract's way takes its place.
    body = _paths(api, "U-XH", "U-SSY", headers=street, as_of=AS_OF)
    assert _sequences(body) == [
        ["U-XH", "P-XH", "K-3", "P-EJW", "PE-1", "U-SSY"],
        ["U-XH", "P-XH", "K-3", "P-EJW", "K-1", "P-SSY", "U-SSY"],
        ["U-XH", "P-XH", "K-2", "P-EJW", "PE-1", "U-SSY"],
    ]
    # An end outside the scope is not found, in the same words as one that does not exist.
    for outside, params in (("U-GDJ", {}), ("A-LH", {}), ("NOPE", {})):
        response = api.get("/api/paths", params={"from": "U-XH", "to": outside, **params}, headers=street)
        assert response.status_code == 404
        assert response.json()["detail"] == f"no entity with id {outside!r}"
