"""Issue #14, findings 3, 7 and 11, against the real Neo4j: the hierarchy's invariants checked against
the database as it will be after the load; shared contracts and alliances read-only for an editor when
a party lies outside their area; and one answer for "outside your area" and "does not exist".

The world, worked out by hand: the basic package (昆明市 KM ── 官渡区 GD ── 太和街道 TH ── 佴家湾社区 EJW
── 网格 G1; units U1, U2 in TH and U3 in EJW; party orgs PO-TH, PO-EJW → PO-TH, PO-U1, PO-U2;
contract C1 of PO-EJW and PO-U1; alliance A1 of TH with members PO-U1, U3) and a second district:
西山区 XS ── XST ── XSC with unit UX (USCC below) and its org PO-UX. Contract CX binds PO-EJW and
PO-UX; alliance A1 also counts PO-UX as a member. The editor's area is TH."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from graph.cypher import NamedQuery
from graph.driver import Graph
from loaders.pipeline import LoadResult, load_path
from loaders.scope_check import NO_PARENT, OUTSIDE, OWN_ROOT, READ_ONLY
from loaders.values import uscc_check_char
from tests.loaders_support import BASIC, node_counts

UX_USCC = "91530100MA6K00001" + uscc_check_char("91530100MA6K00001")
U3_USCC = "91530100MA6K000000"
EDITOR = ["TH"]

WEST = {
    "areas.csv": "id,name,level,parent_id\nXS,西山区,区,KM\nXST,西山街道,街道,XS\nXSC,西山社区,社区,XST\n",
    "units.csv": f"id,name,kind,area_id,uscc\nUX,西山单位,非公企业,XSC,{UX_USCC}\n",
    "party_orgs.csv": "id,name,type,unit_id\nPO-UX,西山单位党支部,党支部,UX\n",
    "contracts.csv": "id,title,parties,status\nCX,跨区共建协议,PO-EJW;PO-UX,履行中\n",
    "alliance_members.csv": "alliance_id,member_id\nA1,PO-UX\n",
}

CONTRACT = NamedQuery(
    "test_contract",
    "MATCH (k:Contract {id: $id}) OPTIONAL MATCH (p)-[:PARTY_TO]->(k) "
    "RETURN k.status AS status, collect(p.id) AS parties",
)
PARENT = NamedQuery(
    "test_parent",
    "MATCH (n:Entity {id: $id}) OPTIONAL MATCH (n)-[:PART_OF|REPORTS_TO]->(p) "
    "RETURN n.level AS level, p.id AS parent",
)


def _package(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def world(graph: Graph, tmp_path: Path) -> Graph:
    assert load_path(graph, BASIC).outcome == "ok"
    assert load_path(graph, _package(tmp_path / "west", WEST)).outcome == "ok"
    return graph


def _load(graph: Graph, tmp_path: Path, files: dict[str, str], scope: list[str] | None) -> LoadResult:
    return load_path(graph, _package(tmp_path / "pkg", files), dry_run=False, scope_roots=scope)


def _problems(result: LoadResult) -> list[tuple[str, int | None, str | None, str | None, str]]:
    return [(p.file, p.row, p.column, p.value, p.reason) for p in result.problems]


# --- 3: the hierarchy ------------------------------------------------------------------------------


def test_a_street_made_a_grid_under_its_own_community_is_refused(world: Graph, tmp_path: Path) -> None:
    before = node_counts(world)
    result = _load(world, tmp_path, {"areas.csv": "id,name,level,parent_id\nTH,太和街道,网格,EJW\n"}, None)
    assert result.outcome == "rejected"
    reasons = {(p.column, p.reason.split(":")[0]) for p in result.problems}
    assert reasons == {
        ("level", "cannot become a grid 网格 (层级不符)"),
        ("parent_id", "this parent makes a cycle"),
    }
    cycle = next(p.reason for p in result.problems if p.column == "parent_id")
    assert "TH → EJW → TH" in cycle
    assert world.read(PARENT, {"id": "TH"}) == [{"level": "street", "parent": "GD"}]
    assert node_counts(world) == before


def test_a_district_re_levelled_to_a_city_is_refused_even_in_a_dry_run(world: Graph, tmp_path: Path) -> None:
    package = _package(tmp_path / "pkg", {"areas.csv": "id,name,level,parent_id\nGD,官渡区,市,\n"})
    result = load_path(world, package, dry_run=True)
    assert result.outcome == "rejected"
    assert [(p.row, p.column, p.reason.split(":")[1].strip()) for p in result.problems] == [
        (2, "level", "its area TH is a street 街道, and levels descend one step at a time (层级必须逐级递减)")
    ]


def test_an_area_may_change_level_when_what_hangs_off_it_still_fits(world: Graph, tmp_path: Path) -> None:
    # G1, a grid with nothing under it, becomes a community of the street TH.
    result = _load(world, tmp_path, {"areas.csv": "id,name,level,parent_id\nG1,佴家湾新社区,社区,TH\n"}, None)
    assert result.outcome == "ok", result.problems
    assert world.read(PARENT, {"id": "G1"}) == [{"level": "community", "parent": "TH"}]


@pytest.mark.parametrize(
    ("rows", "cycles"),
    [
        (["PO-U2,市供电局党委,党委,PO-U2,U2"], ["PO-U2 → PO-U2"]),
        (
            ["PO-U1,市三院党委,党委,PO-U2,U1", "PO-U2,市供电局党委,党委,PO-U1,U2"],
            ["PO-U1 → PO-U2 → PO-U1", "PO-U2 → PO-U1 → PO-U2"],
        ),
        (["PO-TH,太和街道党工委,党工委,PO-EJW,"], ["PO-TH → PO-EJW → PO-TH"]),
    ],
    ids=["itself", "each-other", "through-the-database"],
)
def test_reports_to_cycles_are_refused(
    world: Graph, tmp_path: Path, rows: list[str], cycles: list[str]
) -> None:
    text = "id,name,type,parent_id,unit_id,area_id\n" + "".join(f"{row},TH\n" for row in rows)
    result = _load(world, tmp_path, {"party_orgs.csv": text}, None)
    assert result.outcome == "rejected"
    assert [(p.row, p.column, p.reason.split(": ")[1].split(" (")[0]) for p in result.problems] == [
        (row, "parent_id", cycle) for row, cycle in enumerate(cycles, start=2)
    ]
    assert world.read(PARENT, {"id": "PO-TH"}) == [{"level": None, "parent": None}]


def test_an_editor_may_not_re_level_their_own_area(world: Graph, tmp_path: Path) -> None:
    result = _load(world, tmp_path, {"areas.csv": "id,name,level,parent_id\nTH,太和街道,社区,GD\n"}, EDITOR)
    assert result.outcome == "rejected"
    assert ("level", "TH", OWN_ROOT) in {(p.column, p.value, p.reason) for p in result.problems}
    assert world.read(PARENT, {"id": "TH"}) == [{"level": "street", "parent": "GD"}]


# --- 7: shared objects -----------------------------------------------------------------------------


def test_an_editor_may_not_change_a_contract_with_a_party_outside_their_area(
    world: Graph, tmp_path: Path
) -> None:
    files = {"contracts.csv": "id,title,parties,status\nCX,跨区共建协议,PO-EJW;PO-U1,已终止\n"}
    result = _load(world, tmp_path, files, EDITOR)
    assert result.outcome == "rejected"
    assert _problems(result) == [("contracts.csv", 2, "id", "CX", READ_ONLY)]
    [stored] = world.read(CONTRACT, {"id": "CX"})
    assert (stored["status"], sorted(stored["parties"])) == ("active", ["PO-EJW", "PO-UX"])


def test_an_editor_may_change_a_contract_whose_parties_are_all_inside(world: Graph, tmp_path: Path) -> None:
    files = {"contracts.csv": "id,title,parties,status\nC1,佴家湾社区与市三院共建协议,PO-EJW;PO-U1,已终止\n"}
    result = _load(world, tmp_path, files, EDITOR)
    assert result.outcome == "ok", result.problems
    assert world.read(CONTRACT, {"id": "C1"})[0]["status"] == "terminated"


def test_an_editor_may_not_add_a_member_to_an_alliance_with_a_member_outside(
    world: Graph, tmp_path: Path
) -> None:
    result = _load(world, tmp_path, {"alliance_members.csv": "alliance_id,member_id\nA1,U2\n"}, EDITOR)
    assert result.outcome == "rejected"
    assert _problems(result) == [("alliance_members.csv", 2, "alliance_id", "A1", READ_ONLY)]


def test_the_cli_and_a_global_admin_may_change_shared_objects(world: Graph, tmp_path: Path) -> None:
    files = {"contracts.csv": "id,title,parties,status\nCX,跨区共建协议,PO-EJW;PO-UX,已终止\n"}
    assert _load(world, tmp_path, files, None).outcome == "ok"
    assert world.read(CONTRACT, {"id": "CX"})[0]["status"] == "terminated"


# --- 11: one answer for outside and missing ---------------------------------------------------------


UNIT_HEADER = "id,name,kind,area_id,uscc\n"


@pytest.mark.parametrize("area", ["XSC", "UX"])  # an area outside, and a unit outside (the wrong label)
def test_an_id_outside_reads_exactly_as_a_missing_one(world: Graph, tmp_path: Path, area: str) -> None:
    outside = _load(
        world, tmp_path / "a", {"units.csv": f"{UNIT_HEADER}UN,新单位,非公企业,{area},\n"}, EDITOR
    )
    missing = _load(world, tmp_path / "b", {"units.csv": f"{UNIT_HEADER}UN,新单位,非公企业,NOPE,\n"}, EDITOR)
    assert [(p.row, p.column, p.reason) for p in outside.problems] == [(2, "area_id", OUTSIDE)]
    assert [(p.row, p.column, p.reason) for p in missing.problems] == [(2, "area_id", OUTSIDE)]


def test_a_usccs_owner_outside_the_area_is_not_named(world: Graph, tmp_path: Path) -> None:
    rows = f"{UNIT_HEADER}UN1,新单位,非公企业,EJW,{UX_USCC}\nUN2,新单位二,非公企业,EJW,{U3_USCC}\n"
    result = _load(world, tmp_path, {"units.csv": rows}, EDITOR)
    assert [(p.row, p.reason) for p in result.problems] == [
        (2, "this USCC already belongs to another unit (已被登记) in the database"),
        (3, "this USCC already belongs to unit U3 in the database"),
    ]
    assert all("UX" not in p.reason for p in result.problems)


def test_an_upload_answers_the_same_for_an_outside_and_a_missing_id(world: Graph, client: TestClient) -> None:
    create_user(world, None, username="theditor", role=Role.EDITOR, area_id="TH")
    token = issue_token(world, "theditor", TokenKind.BEARER, expires=datetime.now(UTC) + timedelta(hours=1))
    headers = {"Authorization": f"Bearer {token.token}"}
    answers = []
    for area in ("XSC", "NOPE"):
        body = f"{UNIT_HEADER}UN,新单位,非公企业,{area},\n".encode()
        response = client.post(
            "/api/imports", params={"dry_run": "true"}, files={"file": ("units.csv", body)}, headers=headers
        )
        problems = [(p["row"], p["column"], p["reason"]) for p in response.json()["problems"]]
        answers.append((response.status_code, problems))
    assert answers[0] == answers[1] == (404, [(2, "area_id", OUTSIDE)])


def test_a_city_editor_may_send_their_city_unchanged_but_not_lift_an_area_out(
    world: Graph, tmp_path: Path
) -> None:
    unchanged = _load(
        world, tmp_path / "a", {"areas.csv": "id,name,level,parent_id\nKM,昆明市,市,\n"}, ["KM"]
    )
    assert unchanged.outcome == "ok", unchanged.problems
    # G1, a grid with nothing under it, made a top-level city: it would leave the editor's area.
    lifted = _load(world, tmp_path / "b", {"areas.csv": "id,name,level,parent_id\nG1,网格,市,\n"}, ["KM"])
    assert [(p.row, p.column, p.value, p.reason) for p in lifted.problems] == [(2, None, "G1", NO_PARENT)]
    assert world.read(PARENT, {"id": "G1"}) == [{"level": "grid", "parent": "EJW"}]
