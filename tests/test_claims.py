"""Claims on needs against the real Neo4j, over tests/fixtures/world_claims.py (answers worked out from
its docstring): a claim, its approval (project, contract, the gap it closes), the competing claim it
rejects, rejection, withdrawal, two approvals racing, and the refusals that change nothing."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from devtools.fingerprint import graph_fingerprint
from graph import claims
from graph.claims import Actor, Term
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from tests.auth_world import World, cheap_argon2  # noqa: F401  (a fixture)
from tests.fixtures import world_claims
from tests.fixtures.world_claims import END, M1, M2, S1, START, approve_at_once, claim_of


@pytest.fixture
def world(graph: Graph, cheap_argon2: None) -> Graph:  # noqa: F811
    world_claims.build(graph)
    return graph


def _contract_gaps(client: TestClient, as_of: str) -> list[str]:
    params = {"area": "A-S1", "by": "contract", "as_of": as_of, "partners": "false"}
    response = client.get("/api/gaps/units", params=params)
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["items"]]


_PROJECT_OF = NamedQuery(
    "test_project_of",
    """
MATCH (j:Project)-[:MEETS]->(n:Need {id: $need})
MATCH (j)-[:DELIVERED_BY]->(x), (j)-[:UNDER]->(k:Contract)<-[:PARTY_TO]-(p)
RETURN j.id AS project, j.start AS start, x.id AS deliverer, k.id AS contract, k.status AS status,
       k.signed AS signed, collect(p.id) AS parties, n.status AS need_status
""",
)


def _project_of(graph: Graph, need: str) -> list[dict[str, Any]]:
    rows = graph.read(_PROJECT_OF, {"need": need})
    return [{**row, "parties": sorted(row["parties"])} for row in rows]


def test_approval_makes_a_project_under_a_new_contract_and_closes_the_gap(
    world: Graph, client: TestClient
) -> None:
    # U1 has no contract at all; U2 has K1 with P-M1. Only U1 is a contract gap of 太和街道.
    assert _contract_gaps(client, "2026-04-01") == ["U1"]
    mine, theirs = claim_of(world, "N1", "U1"), claim_of(world, "N1", "U2")

    approval = claims.approve_claim(world, M1, mine, term=Term(dt.date(2026, 3, 1), dt.date(2027, 2, 28)))

    assert (approval.contract_created, approval.contract_status, approval.rejected) == (
        True,
        "active",
        [theirs],
    )
    # N1 was raised by the area A-M1, so the community's side is P-M1, the org based there.
    assert _project_of(world, "N1") == [
        {
            "project": approval.project,
            "start": START,
            "deliverer": "U1",
            "contract": approval.contract,
            "status": "active",
            "signed": dt.date(2026, 3, 1),
            "parties": ["P-M1", "U1"],
            "need_status": "claimed",
        }
    ]
    # From the signing day U1 is linked by contract; the day before it still lacks one.
    assert _contract_gaps(client, "2026-04-01") == []
    assert _contract_gaps(client, "2026-03-01") == []
    assert _contract_gaps(client, "2026-02-28") == ["U1"]


def test_the_competing_claim_is_rejected_with_the_reason_and_its_history(world: Graph) -> None:
    mine, theirs = claim_of(world, "N1", "U1"), claim_of(world, "N1", "U2")
    claims.approve_claim(world, M1, mine)

    rejected = claims.get_claim(world, ["A-S1"], theirs)
    assert rejected.status == "rejected"
    assert rejected.reason == f"need N1 closed: claim {mine} was approved"
    assert claims.closed_by(rejected.reason) == mine  # the claim page links the approved claim
    assert [(s.action, s.before, s.after, s.by) for s in rejected.steps] == [
        ("claim", None, "pending", "s1editor"),
        ("reject", "pending", "rejected", "m1editor"),
    ]
    approved = claims.get_claim(world, ["A-M1"], mine)
    assert [(s.action, s.before, s.after) for s in approved.steps] == [
        ("claim", None, "pending"),
        ("approve", "pending", "approved"),
    ]
    assert approved.project is not None
    assert approved.contract_status == "draft"


def test_an_approval_uses_the_contract_in_force_between_the_two_sides(world: Graph) -> None:
    # N2 was raised by P-M1 itself; P-M1 and U2 share K1, in force on the claim's start.
    approval = claims.approve_claim(world, M1, claim_of(world, "N2", "U2"))
    assert (approval.contract, approval.contract_created, approval.contract_status) == ("K1", False, "active")
    assert _project_of(world, "N2")[0]["parties"] == ["P-M1", "U2"]


def test_an_approval_without_a_contract_or_a_term_makes_a_draft_that_closes_no_gap(
    world: Graph, client: TestClient
) -> None:
    # U1's org P-U1 claims: the contract is between P-M1 and P-U1, a draft, so U1 stays a gap.
    approval = claims.approve_claim(world, M1, claim_of(world, "N1", "P-U1"))
    assert (approval.contract_created, approval.contract_status) == (True, "draft")
    assert _project_of(world, "N1")[0]["parties"] == ["P-M1", "P-U1"]
    assert _contract_gaps(client, "2026-04-01") == ["U1"]


def test_a_rejection_and_a_withdrawal_keep_their_history(world: Graph) -> None:
    first, second = claim_of(world, "N1", "U1"), claim_of(world, "N1", "U2")
    claims.reject_claim(world, M1, first, reason="时间不合适")
    claims.withdraw_claim(world, S1, second, reason="人手不足")

    one, two = claims.get_claim(world, None, first), claims.get_claim(world, None, second)
    assert (one.status, one.reason, two.status, two.reason) == (
        "rejected",
        "时间不合适",
        "withdrawn",
        "人手不足",
    )
    assert [(s.action, s.after, s.reason) for s in one.steps] == [
        ("claim", "pending", None),
        ("reject", "rejected", "时间不合适"),
    ]
    assert [(s.action, s.by, s.after) for s in two.steps] == [
        ("claim", "s1editor", "pending"),
        ("withdraw", "s1editor", "withdrawn"),
    ]
    # The need stays open and takes a new claim, even from the unit that was turned down.
    assert claim_of(world, "N1", "U1") not in (first, second)


def test_two_concurrent_approvals_of_one_need_give_one_winner(world: Graph) -> None:
    ids = [claim_of(world, "N1", "U1"), claim_of(world, "N1", "U2")]
    outcomes = approve_at_once(world, M1, ids)

    winners = [claim for claim in ids if isinstance(outcomes[claim], claims.Approval)]
    assert len(winners) == 1, outcomes
    assert len(_project_of(world, "N1")) == 1
    statuses = sorted(claims.get_claim(world, None, claim).status for claim in ids)
    assert statuses == ["approved", "rejected"]


@pytest.mark.parametrize(
    ("attempt", "error"),
    [
        (lambda g: claim_of(g, "N-none", "U1"), NotFound),  # no such need
        (lambda g: claim_of(g, "N3", "U1"), Conflict),  # N3 is claimed already: closed
        (lambda g: claim_of(g, "N1", "U9"), NotFound),  # U9 lies outside 太和街道
        (lambda g: claim_of(g, "N9", "U1"), NotFound),  # N9 lies outside 太和街道
        (lambda g: claim_of(g, "N2", "P-M1"), Invalid),  # P-M1 raised N2 itself
        (
            lambda g: claims.make_claim(
                g, S1, item="N1", claimant="U1", plan="x", start=dt.date(2026, 5, 1), end=dt.date(2026, 4, 1)
            ),
            Invalid,
        ),
        (
            lambda g: claims.make_claim(g, S1, item="N1", claimant="U1", plan="  ", start=START, end=END),
            Invalid,
        ),
        (lambda g: claims.approve_claim(g, M1, "claim-none"), NotFound),
    ],
)
def test_bad_claims_are_refused_and_change_nothing(
    world: Graph, attempt: Any, error: type[Exception]
) -> None:
    before = graph_fingerprint(world)
    with pytest.raises(error):
        attempt(world)
    assert graph_fingerprint(world) == before


def test_decisions_out_of_scope_or_out_of_turn_are_refused_and_change_nothing(world: Graph) -> None:
    mine, theirs = claim_of(world, "N1", "U1"), claim_of(world, "N1", "U2")
    before = graph_fingerprint(world)
    # 金马社区's editor cannot see N1: the same answer as for a claim that does not exist.
    with pytest.raises(NotFound, match=f"no claim with id '{mine}'"):
        claims.approve_claim(world, M2, mine)
    with pytest.raises(NotFound):
        claims.withdraw_claim(world, M2, mine)
    with pytest.raises(Invalid):
        claims.approve_claim(world, M1, mine, term=Term(dt.date(2026, 3, 1), dt.date(2026, 2, 1)))
    assert graph_fingerprint(world) == before

    claims.approve_claim(world, M1, mine)
    after = graph_fingerprint(world)
    for step in (
        lambda: claims.approve_claim(world, M1, mine),  # approved already
        lambda: claims.reject_claim(world, M1, theirs, reason="迟了"),  # rejected by the approval
        lambda: claims.withdraw_claim(world, S1, mine),
        lambda: claim_of(world, "N1", "P-U1"),  # N1 is closed now
    ):
        with pytest.raises(Conflict):
            step()
    assert graph_fingerprint(world) == after


def test_the_account_that_made_a_claim_may_not_decide_it(world: Graph) -> None:
    """A district editor's area holds both the unit and the need; its own claim waits for the need's
    side all the same (and a guard that let it through would show as an approval here)."""
    district = Actor("d1editor", ["A-D1"])
    claim = claim_of(world, "N1", "U1", actor=district)
    before = graph_fingerprint(world)
    with pytest.raises(Forbidden, match="made by you"):
        claims.approve_claim(world, district, claim)
    with pytest.raises(Forbidden):
        claims.reject_claim(world, district, claim, reason="不要了")
    assert graph_fingerprint(world) == before
    claims.withdraw_claim(world, district, claim)  # its own claim it may withdraw


# --- over HTTP: roles, scope and the 4xx answers ------------------------------------------------------


def _bearer(graph: Graph, username: str) -> dict[str, str]:
    return World({}).bearer(graph, username)


def _body(need: str, claimant: str, **extra: str) -> dict[str, str]:
    return {
        "need": need,
        "claimant": claimant,
        "plan": "每周两次上门",
        "start": "2026-03-01",
        "end": "2026-12-31",
    } | extra


def test_the_claim_workflow_over_http(world: Graph, client: TestClient) -> None:
    s1, m1 = _bearer(world, "s1editor"), _bearer(world, "m1editor")
    made = client.post("/api/claims", json=_body("N1", "U1"), headers=s1)
    assert made.status_code == 201, made.text
    claim = made.json()["id"]
    other = client.post("/api/claims", json=_body("N1", "U2"), headers=s1).json()["id"]

    listed = client.get("/api/claims", params={"need": "N1"}, headers=_bearer(world, "d1viewer"))
    assert listed.status_code == 200
    assert {row["id"] for row in listed.json()} == {claim, other}

    approved = client.post(f"/api/claims/{claim}/approve", json={"signed": "2026-03-01"}, headers=m1)
    assert approved.status_code == 200, approved.text
    assert approved.json()["rejected"] == [other]
    assert approved.json()["contract_status"] == "active"
    detail = client.get(f"/api/claims/{claim}", headers=_bearer(world, "d1viewer")).json()
    assert (detail["status"], detail["need_status"], detail["project"]) == (
        "approved",
        "claimed",
        approved.json()["project"],
    )


def test_http_refusals_name_the_problem_and_change_nothing(world: Graph, client: TestClient) -> None:
    s1, m1, m2, viewer_auth = (_bearer(world, u) for u in ("s1editor", "m1editor", "m2editor", "d1viewer"))
    claim = client.post("/api/claims", json=_body("N1", "U1"), headers=s1).json()["id"]
    before = graph_fingerprint(world)

    viewer = client.post("/api/claims", json=_body("N1", "U2"), headers=viewer_auth)
    assert viewer.status_code == 403
    outside = client.post(f"/api/claims/{claim}/approve", headers=m2)
    missing = client.post("/api/claims/claim-none/approve", headers=m2)
    assert (outside.status_code, missing.status_code) == (404, 404)
    assert outside.json()["detail"].replace(claim, "X") == missing.json()["detail"].replace("claim-none", "X")
    closed = client.post("/api/claims", json=_body("N3", "U1"), headers=s1)
    assert closed.status_code == 409
    assert "N3" in closed.json()["detail"]
    backwards = client.post("/api/claims", json=_body("N1", "U2", end="2026-01-01"), headers=s1)
    assert backwards.status_code == 422
    assert "before start" in backwards.json()["detail"]
    no_reason = client.post(f"/api/claims/{claim}/reject", json={"reason": ""}, headers=m1)
    assert no_reason.status_code == 422
    expires_alone = client.post(f"/api/claims/{claim}/approve", json={"expires": "2027-01-01"}, headers=m1)
    assert expires_alone.status_code == 422
    assert "signed" in expires_alone.json()["detail"]
    assert graph_fingerprint(world) == before


def test_an_approval_waits_for_the_need_lock_and_then_sees_the_other_decision(
    world: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst interleaving, forced: approval B reads the states, then approval A runs; only the need's
    lock keeps A from committing between B's read and B's writes (which would approve both)."""
    first, second = claim_of(world, "N1", "U1"), claim_of(world, "N1", "U2")
    b_has_read, a_is_done = threading.Event(), threading.Event()
    real_run = claims.run

    def run(tx: Any, query: NamedQuery, params: Any = None) -> list[dict[str, Any]]:
        rows = real_run(tx, query, params)
        if query is claims.q.CLAIM_STATE and threading.current_thread().name == "B":
            b_has_read.set()
            a_is_done.wait(timeout=5)  # with the lock A cannot finish meanwhile: B goes on alone
        return rows

    monkeypatch.setattr(claims, "run", run)
    outcomes: dict[str, object] = {}

    def approve(claim: str) -> None:
        try:
            outcomes[claim] = claims.approve_claim(world, M1, claim)
        except Conflict as exc:
            outcomes[claim] = exc

    b = threading.Thread(target=approve, args=(second,), name="B")
    b.start()
    assert b_has_read.wait(timeout=60)
    approve(first)
    a_is_done.set()
    b.join()

    assert isinstance(outcomes[second], claims.Approval)
    assert isinstance(outcomes[first], Conflict)
    assert len(_project_of(world, "N1")) == 1


def test_an_approvals_reason_names_the_approved_claim_for_any_item_id() -> None:
    for kind in ("need", "resource"):
        assert claims.closed_by(claims.closed_reason(kind, "需求 2026/01", "claim-1")) == "claim-1"
    assert claims.closed_by("单位已有安排") is None
    assert claims.closed_by(None) is None


def test_the_page_of_a_claim_closed_by_an_approval_links_the_approved_claim(
    world: Graph, client: TestClient
) -> None:
    mine, theirs = claim_of(world, "N1", "U1"), claim_of(world, "N1", "U2")
    claims.approve_claim(world, M1, mine)
    page = client.get(f"/view/claim/{theirs}")
    assert page.status_code == 200
    assert f'href="/view/claim/{mine}"' in page.text
    assert f'href="/view/claim/{theirs}"' not in page.text
