"""Claims on resources (双向认领, the community's side claims) and unit accounts in the claim workflow,
against the real Neo4j over tests/fixtures/world_claims.py (answers worked out from its docstring).

The street's editor s1editor claims the units' resources for the communities' party orgs (P-M1, P-M2);
the unit's side (its unit account, or an editor whose area holds the unit, never the claimant) decides.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from devtools.fingerprint import graph_fingerprint
from graph import claims
from graph.claims import Actor, Side, Term
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.errors import Forbidden, Invalid, NotFound
from graph.schema import Label, Rel
from graph.settings import AppSettings
from graph.todo import user_todo
from tests.auth_world import World, cheap_argon2  # noqa: F401  (a fixture)
from tests.fixtures import world_claims
from tests.fixtures.world_claims import END, M1, S1, START, approve_at_once, claim_of

D1 = Actor("d1editor", ["A-D1"])  # holds both sides, made no claim
# The unit accounts, as api/routes/claims.py `actor_of` makes them: their hall reaches 官渡区.
U1 = Actor("u1unit", ["A-D1"], "U1")
U2 = Actor("u2unit", ["A-D1"], "U2")


@pytest.fixture
def world(graph: Graph, cheap_argon2: None) -> Graph:  # noqa: F811
    world_claims.build(graph)
    return graph


_USING = NamedQuery(
    "test_projects_using",
    """
MATCH (j:Project)-[:USES]->(r:Resource {id: $resource})
MATCH (j)-[:DELIVERED_BY]->(x), (j)-[:UNDER]->(k:Contract)<-[:PARTY_TO]-(p)
RETURN j.id AS project, j.start AS start, j.end AS end, x.id AS deliverer, k.id AS contract,
       k.status AS status, collect(p.id) AS parties, EXISTS { (j)-[:MEETS]->() } AS meets_a_need
""",
)


def _using(graph: Graph, resource: str) -> list[dict[str, Any]]:
    rows = graph.read(_USING, {"resource": resource})
    return [{**row, "parties": sorted(row["parties"])} for row in rows]


def test_the_unit_approves_a_communitys_claim_on_its_resource(world: Graph) -> None:
    mine, theirs = claim_of(world, "R1", "P-M1"), claim_of(world, "R1", "P-M2")

    approval = claims.approve_claim(world, U1, mine, term=Term(dt.date(2026, 3, 1), None))

    # U1 has no contract with P-M1: a new one, active from the signing date; the competing claim of
    # 金马社区 is rejected with the reason.
    assert (approval.contract_created, approval.contract_status, approval.rejected) == (
        True,
        "active",
        [theirs],
    )
    assert _using(world, "R1") == [
        {
            "project": approval.project,
            "start": START,
            "end": END,
            "deliverer": "U1",
            "contract": approval.contract,
            "status": "active",
            "parties": ["P-M1", "U1"],
            "meets_a_need": False,
        }
    ]
    rejected = claims.get_claim(world, ["A-M2"], theirs)
    assert (rejected.status, rejected.reason) == ("rejected", f"resource R1 taken: claim {mine} was approved")
    assert claims.closed_by(rejected.reason) == mine
    assert [(s.action, s.before, s.after, s.by) for s in rejected.steps] == [
        ("claim", None, "pending", "s1editor"),
        ("reject", "pending", "rejected", "u1unit"),
    ]
    approved = claims.get_claim(world, [], mine, unit="U1")
    assert (approved.kind, approved.resource, approved.need, approved.owner, approved.claimant) == (
        "resource",
        "R1",
        None,
        "U1",
        "P-M1",
    )
    assert (approved.project, approved.contract) == (approval.project, approval.contract)
    assert [(s.action, s.after) for s in approved.steps] == [("claim", "pending"), ("approve", "approved")]
    # A resource stays offered: it takes a new claim after the approval.
    assert claim_of(world, "R1", "P-M2") not in (mine, theirs)


def test_an_approval_on_a_resource_uses_the_contract_in_force(world: Graph) -> None:
    # P-M1 and U2 share K1 (in force on the claim's start): the project goes under it, no new contract.
    approval = claims.approve_claim(world, U2, claim_of(world, "R2", "P-M1"))
    assert (approval.contract, approval.contract_created, approval.contract_status) == ("K1", False, "active")
    assert _using(world, "R2")[0]["parties"] == ["P-M1", "U2"]
    assert _using(world, "R2")[0]["deliverer"] == "U2"


def test_an_editor_whose_area_holds_the_unit_decides_but_never_the_claimant(world: Graph) -> None:
    claim = claim_of(world, "R1", "P-M1")
    before = graph_fingerprint(world)
    with pytest.raises(Forbidden, match="made by you"):
        claims.approve_claim(world, S1, claim)
    # 佴家湾社区's editor acts for P-M1 (it may withdraw) but cannot see U1's side: not found.
    with pytest.raises(NotFound):
        claims.reject_claim(world, M1, claim, reason="不需要")
    assert graph_fingerprint(world) == before
    claims.reject_claim(world, D1, claim, reason="本月排满")
    assert claims.get_claim(world, ["A-D1"], claim).reason == "本月排满"


def test_two_concurrent_approvals_of_claims_on_one_resource_give_one_winner(world: Graph) -> None:
    ids = [claim_of(world, "R1", "P-M1"), claim_of(world, "R1", "P-M2")]
    outcomes = approve_at_once(world, U1, ids)

    assert len([c for c in ids if isinstance(outcomes[c], claims.Approval)]) == 1, outcomes
    assert len(_using(world, "R1")) == 1
    assert sorted(claims.get_claim(world, None, c).status for c in ids) == ["approved", "rejected"]


def test_a_unit_account_claims_needs_for_its_own_unit_only(world: Graph) -> None:
    claim = claim_of(world, "N1", "U1", actor=U1)
    assert claims.get_claim(world, [], claim, unit="U1").claimant == "U1"
    # Its unit's party org is its side as well.
    assert claim_of(world, "N2", "P-U1", actor=U1)
    before = graph_fingerprint(world)
    for attempt, error in (
        (lambda: claim_of(world, "N1", "U2", actor=U1), NotFound),  # another unit: as if it did not exist
        (lambda: claim_of(world, "N9", "U1", actor=U1), NotFound),  # 西山区's need: outside its hall
        (lambda: claim_of(world, "R2", "U1", actor=U1), Forbidden),  # resources are claimed by communities
        (lambda: claims.withdraw_claim(world, U2, claim), NotFound),  # U2's account: not its claim
        (lambda: claims.approve_claim(world, U1, claim), NotFound),  # N1 is not U1's need
    ):
        with pytest.raises(error):
            attempt()
    assert graph_fingerprint(world) == before
    claims.withdraw_claim(world, U1, claim)
    assert claims.get_claim(world, [], claim, unit="U1").status == "withdrawn"


def test_a_unit_account_decides_only_its_own_units_resources_and_reads_only_its_claims(world: Graph) -> None:
    on_r2 = claim_of(world, "R2", "P-M1")
    before = graph_fingerprint(world)
    with pytest.raises(NotFound):
        claims.approve_claim(world, U1, on_r2)
    with pytest.raises(NotFound):
        claims.reject_claim(world, U1, on_r2, reason="不是我的")
    with pytest.raises(NotFound):
        claims.get_claim(world, [], on_r2, unit="U1")
    assert graph_fingerprint(world) == before
    assert claims.my_claims(world, U1, side=Side.RECEIVED, status=None) == []
    assert [c["id"] for c in claims.my_claims(world, U2, side=Side.RECEIVED, status=None)] == [on_r2]
    assert [c["id"] for c in claims.my_claims(world, S1, side=Side.MADE, status=None)] == [on_r2]


def test_the_todo_list_holds_the_claims_each_account_decides(world: Graph) -> None:
    # s1editor claims R1 (U1's) and R2 (U2's) for P-M1, then N1 for U1; d1editor claims N2 for U2.
    on_r1, on_r2 = claim_of(world, "R1", "P-M1"), claim_of(world, "R2", "P-M1")
    on_n1 = claim_of(world, "N1", "U1")
    on_n2 = claim_of(world, "N2", "U2", actor=D1)

    def decides(actor: Actor) -> list[str]:
        todo = user_todo(
            world,
            username=actor.username,
            scope=actor.scope,
            unit=actor.unit,
            may_decide=True,
            as_of=dt.date(2026, 6, 1),
            settings=AppSettings(),
        )
        return sorted(item.id for item in todo.claims)

    # Each unit's account: the claim on its own resource only, never a need's claim.
    assert (decides(U1), decides(U2)) == ([on_r1], [on_r2])
    # 佴家湾社区's editor: the claims on its needs N1 and N2; no resource is offered in A-M1.
    assert decides(M1) == sorted([on_n1, on_n2])
    # The street's editor holds every item, but made all but N2's claim.
    assert decides(S1) == [on_n2]
    # The district's editor: all but N2's, which it made.
    assert decides(D1) == sorted([on_r1, on_r2, on_n1])


@pytest.mark.parametrize(
    ("item", "claimant", "error"),
    [
        ("R1", "U1", Invalid),  # U1 offers R1 itself
        ("R9", "P-M1", NotFound),  # R9 lies in 西山区, outside 太和街道
        ("R-none", "P-M1", NotFound),
    ],
)
def test_bad_resource_claims_are_refused_and_change_nothing(
    world: Graph, item: str, claimant: str, error: type[Exception]
) -> None:
    before = graph_fingerprint(world)
    with pytest.raises(error):
        claim_of(world, item, claimant)
    assert graph_fingerprint(world) == before


# --- over HTTP ------------------------------------------------------------------------------------------


def _bearer(graph: Graph, username: str) -> dict[str, str]:
    return World({}).bearer(graph, username)


def _body(item: str, claimant: str, key: str = "need") -> dict[str, str]:
    return {
        key: item,
        "claimant": claimant,
        "plan": "每周两次上门",
        "start": "2026-03-01",
        "end": "2026-12-31",
    }


def test_a_unit_account_over_http(world: Graph, client: TestClient) -> None:
    u1, s1, m1 = (_bearer(world, u) for u in ("u1unit", "s1editor", "m1editor"))
    made = client.post("/api/claims", json=_body("N1", "U1"), headers=u1)
    assert made.status_code == 201, made.text
    claim = made.json()["id"]
    # Another unit: not found, as one that does not exist.
    other = client.post("/api/claims", json=_body("N2", "U2"), headers=u1)
    missing = client.post("/api/claims", json=_body("N2", "U-none"), headers=u1)
    assert (other.status_code, missing.status_code) == (404, 404)
    assert other.json()["detail"].replace("U2", "X") == missing.json()["detail"].replace("U-none", "X")
    assert client.post("/api/claims", json=_body("R2", "U1", "resource"), headers=u1).status_code == 403

    mine = client.get("/api/claims/mine", headers=u1).json()
    assert [(c["id"], c["status"], c["item"], c["claimant"]) for c in mine] == [
        (claim, "pending", "N1", "U1")
    ]
    approved = client.post(f"/api/claims/{claim}/approve", headers=m1)
    assert approved.status_code == 200, approved.text
    detail = client.get(f"/api/claims/{claim}", headers=u1).json()
    assert (detail["status"], detail["project"], detail["claimant_side"], detail["owner_side"]) == (
        "approved",
        approved.json()["project"],
        True,
        False,
    )
    # The resource side: s1editor claims U1's resource for 佴家湾, the unit account rejects it.
    on_r1 = client.post("/api/claims", json=_body("R1", "P-M1", "resource"), headers=s1).json()["id"]
    assert client.get(f"/api/claims/{on_r1}", headers=u1).json()["owner_side"] is True
    rejected = client.post(f"/api/claims/{on_r1}/reject", json={"reason": "设备检修"}, headers=u1)
    assert rejected.status_code == 204
    assert client.get(f"/api/claims/{on_r1}", headers=s1).json()["reason"] == "设备检修"


def test_a_unit_account_reaches_no_other_right(world: Graph, client: TestClient) -> None:
    u1 = _bearer(world, "u1unit")
    assert client.get("/api/users", headers=u1).status_code == 403
    assert (
        client.post(
            "/api/users", json={"username": "x", "role": "viewer", "area_id": "A-S1"}, headers=u1
        ).status_code
        == 403
    )
    assert client.get("/api/entities/U2", headers=u1).status_code == 404
    assert client.get("/api/entities/N1", headers=u1).status_code == 404
    assert client.get("/api/gaps/units", headers=u1).json()["items"] == []
    # Its hall reaches its street and district only.
    assert client.get("/api/claims/hall", params={"area": "A-S1"}, headers=u1).status_code == 200
    assert client.get("/api/claims/hall", params={"area": "A-M1"}, headers=u1).status_code == 404
    assert client.get("/api/claims/hall", params={"area": "A-D2"}, headers=u1).status_code == 404
    assert client.get("/api/claims", params={"need": "N1"}, headers=u1).status_code == 404


def test_the_hall_ranks_for_the_viewer(world: Graph, client: TestClient) -> None:
    def hall(user: str, **params: str) -> list[tuple[str, int, list[str]]]:
        response = client.get("/api/claims/hall", params=params, headers=_bearer(world, user))
        assert response.status_code == 200, response.text
        return [(i["id"], i["score"], i["reason_codes"]) for i in response.json()["items"]]

    health = ["same_street", "same_category", "no_projects"]
    tied = ["same_street", "contract_in_force", "same_category", "no_projects"]
    # The street's editor: every open need and offered resource of 太和街道; N3 is claimed, R9 and N9
    # lie in 西山区. Needs rank by their best provider (U2, tied by K1), resources by their best need.
    assert hall("s1editor") == [
        ("N1", 2130, tied),
        ("N2", 2130, tied),
        ("R2", 2130, tied),
        ("R1", 2030, health),
    ]
    # U1's account: needs only, ranked by its own unit's matches; U2's: by U2's.
    assert hall("u1unit") == [("N1", 2030, health), ("N2", 2030, health)]
    assert hall("u2unit", area="A-S1") == [("N1", 2130, tied), ("N2", 2130, tied)]
    assert hall("s1editor", kind="resource", q="健康") == [("R2", 2130, tied)]
    # 佴家湾社区's editor sees the needs of its community only, and no provider it may act for.
    assert hall("m1editor") == [("N1", 0, []), ("N2", 0, [])]


def test_a_need_shows_the_provider_the_matches_page_lists_first_on_a_tie(
    world: Graph, client: TestClient
) -> None:
    # U3 in 太和街道 offers R0 健康咨询 and is a party to K1 too: for N1 (and N2) R0 then scores as R2
    # does, 2000 + 100 (K1) + 30 = 2130 (健康咨询 shares no word with 助老服务 or 法律咨询 but 咨询 with
    # the latter: 2180 there). The matches page orders N1's tie by resource id: R0 (U3) before R2 (U2).
    world_claims.add_nodes(world, Label.UNIT, [{"id": "U3", "name": "市妇幼保健院", "kind": "institution"}])
    world_claims.add_rels(world, Rel.LOCATED_IN, Label.UNIT, Label.AREA, [("U3", "A-S1")])
    world_claims.add_rels(world, Rel.PARTY_TO, Label.UNIT, Label.CONTRACT, [("U3", "K1")])
    world_claims.add_nodes(
        world, Label.RESOURCE, [{"id": "R0", "name": "健康咨询", "title": "健康咨询", "category": "health"}]
    )
    world_claims.add_rels(world, Rel.OFFERED_BY, Label.RESOURCE, Label.UNIT, [("R0", "U3")])
    headers = _bearer(world, "s1editor")
    matches = client.get("/api/matches", params={"area": "A-S1"}, headers=headers).json()["items"]
    n1 = [(m["resource_id"], m["provider_id"], m["score"]) for m in matches if m["need_id"] == "N1"]
    assert n1[:2] == [("R0", "U3", 2130), ("R2", "U2", 2130)]
    items = client.get("/api/claims/hall", params={"kind": "need"}, headers=headers).json()["items"]
    best = {i["id"]: (i["match_id"], i["score"]) for i in items}
    assert best == {"N1": ("U3", 2130), "N2": ("U3", 2180)}


def test_the_hall_exports_its_list(world: Graph, client: TestClient) -> None:
    response = client.get(
        "/api/claims/hall", params={"format": "csv", "kind": "need"}, headers=_bearer(world, "s1editor")
    )
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:4] == ["推荐分", "类型", "编号", "内容"]
    assert [line.split(",")[1:3] for line in lines[1:]] == [["需求", "N1"], ["需求", "N2"]]


def test_the_claim_form_offers_what_the_account_may_claim_for(world: Graph, client: TestClient) -> None:
    def claimants(user: str, **params: str) -> list[tuple[str, str]]:
        response = client.get("/api/claims/claimants", params=params, headers=_bearer(world, user))
        assert response.status_code == 200, response.text
        return [(c["id"], c["type"]) for c in response.json()]

    # A unit account: its unit and its unit's party org. The street's editor: the units located in
    # 太和街道 and the party orgs based in its communities (P-U1 is based nowhere: it is U1's own).
    # By kind, then name in code point order (市三院 before 市供电局: 三 U+4E09 < 供 U+4F9B).
    assert claimants("u1unit") == [("U1", "unit"), ("P-U1", "org")]
    assert claimants("s1editor") == [
        ("U1", "unit"),
        ("U2", "unit"),
        ("P-M1", "community"),
        ("P-M2", "community"),
    ]
    assert claimants("m1editor") == [("P-M1", "community")]
    assert client.get("/api/claims/claimants", headers=_bearer(world, "d1viewer")).status_code == 403
    assert (
        client.get(
            "/api/claims/claimants", params={"area": "A-S3"}, headers=_bearer(world, "s1editor")
        ).status_code
        == 404
    )


def test_a_unit_account_offers_a_resource_for_its_unit_only(world: Graph, client: TestClient) -> None:
    u1 = _bearer(world, "u1unit")
    offer = {"provider": "U1", "title": "义诊服务", "category": "health"}
    made = client.post("/api/resources", json=offer, headers=u1)
    assert made.status_code == 201, made.text
    resource = made.json()["id"]
    # The street's editor sees it in the hall, and claims it like a loaded one.
    hall = client.get(
        "/api/claims/hall", params={"kind": "resource"}, headers=_bearer(world, "s1editor")
    ).json()
    assert resource in [i["id"] for i in hall["items"]]
    claim = client.post(
        "/api/claims", json=_body(resource, "P-M1", "resource"), headers=_bearer(world, "s1editor")
    )
    assert claim.status_code == 201, claim.text
    before = graph_fingerprint(world)
    assert client.post("/api/resources", json={**offer, "provider": "U2"}, headers=u1).status_code == 404
    assert client.post("/api/resources", json={**offer, "category": "cooking"}, headers=u1).status_code == 422
    assert client.post("/api/resources", json={**offer, "title": " "}, headers=u1).status_code == 422
    assert client.post("/api/resources", json=offer, headers=_bearer(world, "d1viewer")).status_code == 403
    assert graph_fingerprint(world) == before


def test_a_community_publishes_a_need_that_units_then_claim(world: Graph, client: TestClient) -> None:
    m1 = _bearer(world, "m1editor")
    need = {"raiser": "A-M1", "title": "社区助浴", "category": "elderly"}
    made = client.post("/api/needs", json=need, headers=m1)
    assert made.status_code == 201, made.text
    published = made.json()["id"]
    # U1's account sees it open in its hall (佴家湾社区 lies in its street) and claims it for U1.
    u1 = _bearer(world, "u1unit")
    hall = client.get("/api/claims/hall", params={"kind": "need"}, headers=u1).json()
    assert published in [i["id"] for i in hall["items"]]
    claim = client.post("/api/claims", json=_body(published, "U1", "need"), headers=u1)
    assert claim.status_code == 201, claim.text
    # Refused, changing nothing: a unit account (403), a viewer (403), a raiser outside the area or a
    # unit as raiser (404, as if it did not exist), an empty title (422).
    before = graph_fingerprint(world)
    assert client.post("/api/needs", json={**need, "raiser": "U1"}, headers=u1).status_code == 403
    assert client.post("/api/needs", json=need, headers=_bearer(world, "d1viewer")).status_code == 403
    assert client.post("/api/needs", json={**need, "raiser": "A-M2"}, headers=m1).status_code == 404
    assert client.post("/api/needs", json={**need, "raiser": "U1"}, headers=m1).status_code == 404
    assert client.post("/api/needs", json={**need, "title": " "}, headers=m1).status_code == 422
    assert graph_fingerprint(world) == before
    # Its party org may raise it too.
    assert client.post("/api/needs", json={**need, "raiser": "P-M1"}, headers=m1).status_code == 201
