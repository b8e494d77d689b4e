"""Projects and contracts after an approval, against the real Neo4j over tests/fixtures/world_claims.py
(answers worked out from its docstring): a project's steps and its rating, a contract signed,
terminated and renewed, the gaps each change opens or closes, and the refusals that change nothing.

Worked by hand: K1 (P-M1 ⟷ U2, active 2025-01-01..2027-12-31) is the only contract. U2's claim on N2
(raised by P-M1) starts 2026-03-01, so its approval makes a planned project under K1. U1 has no
contract: an approval without a term makes a draft between P-M1 and U1."""

from __future__ import annotations

import datetime as dt
import io
import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from devtools.fingerprint import graph_fingerprint
from graph import claims, lifecycle
from graph.claims import Actor, Term
from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from tests.auth_world import World, cheap_argon2  # noqa: F401  (a fixture)
from tests.fixtures import world_claims
from tests.fixtures.world_claims import M1, M2, S1, S3, START

ADMIN = Actor("admin", None)


@pytest.fixture
def world(graph: Graph, cheap_argon2: None) -> Graph:  # noqa: F811
    world_claims.build(graph)
    return graph


def _approved(
    graph: Graph,
    need: str,
    claimant: str,
    *,
    actor: Actor = S1,
    start: dt.date = START,
    term: Term | None = None,
) -> claims.Approval:
    claim = claims.make_claim(
        graph,
        actor,
        item=need,
        claimant=claimant,
        plan="每周两次上门",
        start=start,
        end=start + dt.timedelta(days=200),
    )
    return claims.approve_claim(graph, M1, claim, term=term)


_NEED_STATUS = NamedQuery("test_need_status", "MATCH (n:Need {id: $need}) RETURN n.status AS status")


def _gaps(client: TestClient, as_of: str) -> list[str]:
    params = {"area": "A-S1", "by": "contract", "as_of": as_of, "partners": "false"}
    response = client.get("/api/gaps/units", params=params)
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["items"]]


def _refused(graph: Graph, error: type[Exception], attempt: Any) -> None:
    before = graph_fingerprint(graph)
    with pytest.raises(error):
        attempt()
    assert graph_fingerprint(graph) == before


# --- projects -----------------------------------------------------------------------------------------


def test_a_project_moves_planned_ongoing_done_and_is_rated_once_with_its_history(world: Graph) -> None:
    project = _approved(world, "N2", "U2").project
    assert lifecycle.get_project(world, ["A-M1"], project).status == "planned"

    assert lifecycle.step_project(world, M1, project, "start") == "ongoing"
    assert lifecycle.step_project(world, S1, project, "complete") == "done"
    lifecycle.rate_project(world, M1, project, rating=5, comment="  服务周到  ")

    seen = lifecycle.get_project(world, ["A-M1"], project)
    assert (seen.status, seen.rating, seen.comment, seen.rated_by) == ("done", 5, "服务周到", "m1editor")
    assert claims.claims_of_item(world, None, "N2")  # the claim stays, and the need it met is done:
    assert world.read(_NEED_STATUS, {"need": "N2"}) == [{"status": "done"}]
    assert (seen.need, seen.raiser, seen.provider, seen.contract) == ("N2", "P-M1", "U2", "K1")
    assert [(s.action, s.by, s.before, s.after, s.reason) for s in seen.steps] == [
        ("start", "m1editor", "planned", "ongoing", None),
        ("complete", "s1editor", "ongoing", "done", None),
        ("rate", "m1editor", "done", "done", "服务周到"),
    ]
    _refused(world, Conflict, lambda: lifecycle.rate_project(world, M1, project, rating=1, comment="改"))
    _refused(world, Conflict, lambda: lifecycle.step_project(world, M1, project, "complete"))


def test_bad_steps_and_ratings_are_refused_and_change_nothing(world: Graph) -> None:
    project = _approved(world, "N2", "U2").project
    # Before done, no rating; out of 1..5, none either; an unknown step is bad input.
    _refused(world, Conflict, lambda: lifecycle.rate_project(world, M1, project, rating=4, comment=""))
    _refused(world, Conflict, lambda: lifecycle.step_project(world, M1, project, "complete"))
    _refused(world, Invalid, lambda: lifecycle.step_project(world, M1, project, "finish"))
    lifecycle.step_project(world, M1, project, "start")
    lifecycle.step_project(world, M1, project, "complete")
    for rating in (0, 6):
        _refused(
            world, Invalid, lambda r=rating: lifecycle.rate_project(world, M1, project, rating=r, comment="")
        )
    # 金马社区 sees neither side: the same answer as for a project that does not exist.
    _refused(world, NotFound, lambda: lifecycle.rate_project(world, M2, project, rating=5, comment=""))
    _refused(world, NotFound, lambda: lifecycle.step_project(world, M2, "project-none", "start"))


def test_the_provider_side_moves_a_project_but_only_the_need_side_rates_it(world: Graph) -> None:
    # An admin claims N1 (佴家湾社区) for U9 (西山区): s3editor holds the provider's side only.
    project = _approved(world, "N1", "U9", actor=ADMIN, term=Term(START, None)).project
    lifecycle.step_project(world, S3, project, "start")
    lifecycle.step_project(world, S3, project, "complete")
    _refused(world, Forbidden, lambda: lifecycle.rate_project(world, S3, project, rating=5, comment=""))
    lifecycle.rate_project(world, M1, project, rating=4, comment="")
    assert lifecycle.get_project(world, ["A-S3"], project).rating == 4


def test_two_ratings_racing_for_one_project_give_one(world: Graph) -> None:
    project = _approved(world, "N2", "U2").project
    lifecycle.step_project(world, M1, project, "start")
    lifecycle.step_project(world, M1, project, "complete")
    barrier = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def rate(rating: int) -> None:
        barrier.wait()
        try:
            lifecycle.rate_project(world, M1, project, rating=rating, comment=str(rating))
            outcomes[rating] = "rated"
        except Conflict as exc:
            outcomes[rating] = exc

    threads = [threading.Thread(target=rate, args=(rating,)) for rating in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [rating for rating, outcome in outcomes.items() if outcome == "rated"]
    assert len(winners) == 1, outcomes
    seen = lifecycle.get_project(world, None, project)
    assert (seen.rating, seen.comment) == (winners[0], str(winners[0]))
    assert [s.action for s in seen.steps].count("rate") == 1


# --- contracts ----------------------------------------------------------------------------------------


def test_a_draft_is_not_in_force_until_signed_and_then_closes_the_gap_from_its_signing_day(
    world: Graph, client: TestClient
) -> None:
    draft = _approved(world, "N1", "U1").contract
    day = dt.date(2026, 4, 1)
    assert lifecycle.contract_lifecycle(world, None, draft, day).status_on == "draft"
    assert _gaps(client, "2026-04-01") == ["U1"]

    lifecycle.sign_contract(world, M1, draft, signed=dt.date(2026, 3, 15), expires=dt.date(2027, 3, 14))
    seen = lifecycle.contract_lifecycle(world, None, draft, day)
    assert (seen.status_on, seen.in_force, seen.signed) == ("active", True, dt.date(2026, 3, 15))
    assert [(s.action, s.before, s.after) for s in seen.steps] == [("sign", "draft", "active")]
    assert _gaps(client, "2026-03-15") == []
    assert _gaps(client, "2026-03-14") == ["U1"]
    assert lifecycle.contract_lifecycle(world, None, draft, dt.date(2027, 3, 15)).status_on == "expired"
    _refused(world, Conflict, lambda: lifecycle.sign_contract(world, M1, draft, signed=day, expires=None))


def test_a_terminated_contract_stops_closing_the_gap_from_its_termination_day(
    world: Graph, client: TestClient
) -> None:
    assert _gaps(client, "2026-06-01") == ["U1"]  # U2 is linked by K1
    lifecycle.terminate_contract(world, M1, "K1", on=dt.date(2026, 6, 1), reason="单位搬迁")

    assert _gaps(client, "2026-05-31") == ["U1"]
    assert _gaps(client, "2026-06-01") == ["U1", "U2"]
    before = lifecycle.contract_lifecycle(world, None, "K1", dt.date(2026, 5, 31))
    after = lifecycle.contract_lifecycle(world, None, "K1", dt.date(2026, 6, 1))
    assert (before.status_on, before.in_force, after.status_on, after.in_force) == (
        "active",
        True,
        "terminated",
        False,
    )
    assert (after.terminated_on, after.termination_reason) == (dt.date(2026, 6, 1), "单位搬迁")
    assert [(s.action, s.by, s.before, s.after, s.reason) for s in after.steps] == [
        ("terminate", "m1editor", "active", "terminated", "单位搬迁")
    ]
    # A claim starting after the termination finds no contract in force: a new draft.
    assert _approved(world, "N2", "U2", start=dt.date(2026, 7, 1)).contract_status == "draft"


def test_a_renewal_keeps_its_own_term_history_and_projects(world: Graph, client: TestClient) -> None:
    early = _approved(world, "N2", "U2")  # starts 2026-03-01: under K1
    renewal = lifecycle.renew_contract(
        world, M1, "K1", signed=dt.date(2028, 1, 1), expires=dt.date(2030, 12, 31)
    )
    late = _approved(world, "N1", "U2", start=dt.date(2028, 3, 1))  # in the renewal's term

    assert (early.contract, late.contract, late.contract_created) == ("K1", renewal, False)
    old = lifecycle.contract_lifecycle(world, None, "K1", dt.date(2028, 3, 1))
    new = lifecycle.contract_lifecycle(world, None, renewal, dt.date(2028, 3, 1))
    assert (old.status_on, old.renewed_by and old.renewed_by.id, old.renews) == ("expired", renewal, None)
    assert (new.status_on, new.renews and new.renews.id, new.renewed_by) == ("active", "K1", None)
    assert [p.id for p in old.projects] == [early.project]
    assert [p.id for p in new.projects] == [late.project]
    assert [(s.action, s.before, s.after) for s in old.steps] == [("renew", "active", "active")]
    assert [(s.action, s.before, s.after) for s in new.steps] == [("renew", None, "active")]
    # The renewal binds the same two parties: U2 stays linked in the new term.
    assert _gaps(client, "2029-01-01") == ["U1"]
    _refused(
        world,
        Conflict,
        lambda: lifecycle.renew_contract(world, M1, "K1", signed=dt.date(2029, 1, 1), expires=None),
    )
    _refused(
        world,
        Invalid,
        lambda: lifecycle.renew_contract(world, M1, renewal, signed=dt.date(2027, 1, 1), expires=None),
    )


def test_contract_steps_out_of_scope_or_by_the_other_side_are_refused(world: Graph) -> None:
    # K9: P-M1 ⟷ U9, signed at approval. s3editor sees it through U9 but is not its community's side.
    k9 = _approved(world, "N1", "U9", actor=ADMIN, term=Term(START, None)).contract
    on = dt.date(2026, 6, 1)
    _refused(world, Forbidden, lambda: lifecycle.terminate_contract(world, S3, k9, on=on, reason="x"))
    _refused(world, NotFound, lambda: lifecycle.terminate_contract(world, M2, "K1", on=on, reason="x"))
    _refused(world, Invalid, lambda: lifecycle.terminate_contract(world, M1, "K1", on=on, reason=" "))
    _refused(
        world,
        Invalid,
        lambda: lifecycle.terminate_contract(world, M1, "K1", on=dt.date(2024, 1, 1), reason="x"),
    )
    _refused(world, Conflict, lambda: lifecycle.sign_contract(world, M1, "K1", signed=on, expires=None))
    _refused(
        world,
        Invalid,
        lambda: lifecycle.sign_contract(world, M1, k9, signed=on, expires=dt.date(2026, 1, 1)),
    )


# --- over HTTP: roles, scope, the 4xx answers, the export and the page --------------------------------


def _bearer(graph: Graph, username: str) -> dict[str, str]:
    return World({}).bearer(graph, username)


def _done_project(graph: Graph) -> str:
    project = _approved(graph, "N2", "U2").project
    lifecycle.step_project(graph, M1, project, "start")
    lifecycle.step_project(graph, M1, project, "complete")
    return project


def test_http_refusals_name_the_problem_and_change_nothing(world: Graph, client: TestClient) -> None:
    planned = _approved(world, "N1", "U2").project
    done = _done_project(world)
    m1, m2, viewer = (_bearer(world, u) for u in ("m1editor", "m2editor", "d1viewer"))
    before = graph_fingerprint(world)

    too_high = client.post(f"/api/projects/{done}/rate", json={"rating": 6}, headers=m1)
    assert too_high.status_code == 422
    assert "rating" in too_high.json()["detail"]
    early = client.post(f"/api/projects/{planned}/rate", json={"rating": 5}, headers=m1)
    assert early.status_code == 409
    assert "'planned'" in early.json()["detail"]
    assert client.post(f"/api/projects/{done}/rate", json={"rating": 5}, headers=viewer).status_code == 403
    outside = client.post(f"/api/projects/{done}/rate", json={"rating": 5}, headers=m2)
    missing = client.post("/api/projects/project-none/rate", json={"rating": 5}, headers=m2)
    assert (outside.status_code, missing.status_code) == (404, 404)
    assert outside.json()["detail"].replace(done, "X") == missing.json()["detail"].replace(
        "project-none", "X"
    )
    sign = client.post("/api/contracts/K1/sign", json={"signed": "2026-01-01"}, headers=m1)
    assert sign.status_code == 409
    backwards = client.post(
        "/api/contracts/K1/renew", json={"signed": "2028-01-01", "expires": "2027-01-01"}, headers=m1
    )
    assert backwards.status_code == 422
    assert "before signed" in backwards.json()["detail"]
    assert client.get("/api/contracts/K1/lifecycle", headers=m2).status_code == 404
    assert graph_fingerprint(world) == before

    assert (
        client.post(f"/api/projects/{done}/rate", json={"rating": 4, "comment": "好"}, headers=m1).status_code
        == 204
    )
    life = client.get("/api/contracts/K1/lifecycle", params={"as_of": "2026-06-01"}, headers=viewer).json()
    assert (life["status_on"], life["average_rating"], life["ratings"], life["needs_met"]) == (
        "active",
        4.0,
        1,
        1,
    )


def test_the_projects_of_an_area_export_with_their_ratings_and_dates(
    world: Graph, client: TestClient
) -> None:
    done = _done_project(world)
    lifecycle.rate_project(world, M1, done, rating=5, comment="很好")
    other = _approved(world, "N1", "U1").project  # a draft contract's planned project

    page = client.get("/api/projects", params={"area": "A-M1"}).json()
    assert page["total"] == 2
    rows = {row["id"]: row for row in page["items"]}
    assert (rows[done]["rating"], rows[done]["comment"], rows[done]["contract"]) == (5, "很好", "K1")
    assert rows[other]["status_label"] == "计划"

    csv = client.get("/api/projects", params={"area": "A-M1", "format": "csv"})
    assert csv.status_code == 200
    header = csv.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("编号,项目名称,状态,协议编号,所属协议,对应需求,需求提出方")
    xlsx = client.get("/api/projects", params={"area": "A-M1", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    start = cells[done][9]
    assert isinstance(start, dt.datetime)
    assert start.date() == START
    assert cells[done][12] == 5
    assert (
        client.get("/api/projects", params={"area": "A-S3"}, headers=_bearer(world, "m1editor")).status_code
        == 404
    )


def test_the_contract_page_shows_the_buttons_only_to_who_may_press_them(
    world: Graph, client: TestClient
) -> None:
    _done_project(world)
    editor = client.get("/view/contract/K1", headers=_bearer(world, "m1editor"))
    viewer = client.get("/view/contract/K1", headers=_bearer(world, "d1viewer"))
    assert editor.status_code == viewer.status_code == 200
    for button in ('id="btn-terminate"', 'id="btn-renew"', 'class="project-rate"'):
        assert button in editor.text
        assert button not in viewer.text
    assert 'id="btn-sign"' not in editor.text  # K1 is signed
    assert client.get("/view/contract/K1", headers=_bearer(world, "m2editor")).status_code == 404


def test_the_project_page_offers_the_next_step_to_either_side_and_nothing_to_a_viewer(
    world: Graph, client: TestClient
) -> None:
    project = _approved(world, "N2", "U2").project
    editor = client.get(f"/view/project/{project}", headers=_bearer(world, "m1editor"))
    viewer = client.get(f"/view/project/{project}", headers=_bearer(world, "d1viewer"))
    assert editor.status_code == viewer.status_code == 200
    assert 'data-step="start"' in editor.text
    assert 'data-step="start"' not in viewer.text
    assert "法律咨询" in viewer.text  # the need's title
    assert client.get(f"/view/project/{project}", headers=_bearer(world, "m2editor")).status_code == 404
