"""Ledgers and the app together (docs/workflow.md, "Ledgers and the app"), against the real Neo4j over
the basic loader package (tests/fixtures/loaders/basic) with one open need added:

- N2 (open, raised by 佴家湾社区党委 PO-EJW) is claimed for U2 in the app and approved with a term:
  the need is `claimed`, a project and a new active contract come with it; the project is done (so the
  need is `done`, met) and rated.
- C1 (履行中 2019-05-01..2021-04-30 in the ledger) is terminated in the app from 2020-01-01.

Reloading the very same package must keep all of that (the app owns the state of what it has changed)
and say so row by row; a need the app never touched still follows its ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph import claims, lifecycle
from graph.claims import Actor, Term
from graph.cypher import NamedQuery
from graph.driver import Graph
from i18n.load_reasons import reason_zh
from loaders.pipeline import load_path
from tests.loaders_support import copy_basic

CLAIMANT, DECIDER = Actor("unit-side", None), Actor("community-side", None)

_STATE = NamedQuery(
    "test_app_state",
    """
MATCH (n:Need) WITH collect([n.id, n.status]) AS needs
MATCH (k:Contract {id: 'C1'})
RETURN needs, k.status AS c1, k.terminated_on AS c1_ends,
       COUNT { (:Claim) } AS claims, COUNT { (:ClaimStep) } AS claim_steps,
       COUNT { (:ProjectStep) } AS project_steps, COUNT { (:ContractStep) } AS contract_steps,
       COLLECT { MATCH (j:Project) WHERE j.rating IS NOT NULL
                 RETURN [j.status, j.rating, j.rating_comment] } AS ratings
""",
)


def _state(graph: Graph) -> dict[str, object]:
    row = graph.read(_STATE)[0]
    return {**row, "needs": sorted(tuple(x) for x in row["needs"])}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    pkg = copy_basic(tmp_path)
    with (pkg / "needs.csv").open("a", encoding="utf-8") as needs:
        needs.write("N2,PO-EJW,教育培训,课后托管,待认领\n")
    return pkg


def _work_in_the_app(graph: Graph) -> None:
    claim = claims.make_claim(
        graph,
        CLAIMANT,
        item="N2",
        claimant="U2",
        plan="每周三次",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 6, 30),
    )
    project = claims.approve_claim(graph, DECIDER, claim, term=Term(dt.date(2026, 3, 1), None)).project
    lifecycle.step_project(graph, DECIDER, project, "start")
    lifecycle.step_project(graph, DECIDER, project, "complete")
    lifecycle.rate_project(graph, DECIDER, project, rating=5, comment="孩子们很喜欢")
    lifecycle.terminate_contract(graph, DECIDER, "C1", on=dt.date(2020, 1, 1), reason="单位改制")


def test_a_need_claimed_in_the_app_stays_claimed_after_a_reload(graph: Graph, package: Path) -> None:
    load_path(graph, package)
    claim = claims.make_claim(
        graph,
        CLAIMANT,
        item="N2",
        claimant="U2",
        plan="每周三次",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 6, 30),
    )
    claims.approve_claim(graph, DECIDER, claim)

    reload = load_path(graph, package)

    assert _state(graph)["needs"] == [("N1", "claimed"), ("N2", "claimed")]
    assert claims.get_claim(graph, None, claim).status == "approved"
    assert [(k.file, k.row, k.value, k.reason.split(":")[0]) for k in reload.kept] == [
        ("needs.csv", 3, "待认领", "kept the app's value 已认领")
    ]


def test_a_reload_keeps_what_the_app_did_and_the_report_says_so(graph: Graph, package: Path) -> None:
    assert load_path(graph, package).outcome == "ok"
    _work_in_the_app(graph)
    after_app = _state(graph)
    assert after_app == {
        "needs": [("N1", "claimed"), ("N2", "done")],
        "c1": "terminated",
        "c1_ends": dt.date(2020, 1, 1),
        "claims": 1,
        "claim_steps": 2,  # claim, approve
        "project_steps": 3,  # start, complete, rate
        "contract_steps": 1,  # terminate
        "ratings": [["done", 5, "孩子们很喜欢"]],
    }

    reload = load_path(graph, package)

    assert reload.outcome == "ok"
    assert _state(graph) == after_app
    lines = [(k.file, k.row, k.column, k.value, k.reason.split(":")[0]) for k in reload.kept]
    assert sorted(lines) == [
        ("contracts.csv", 2, "status", "履行中", "kept the app's value 已终止"),
        ("needs.csv", 3, "status", "待认领", "kept the app's value 已完成"),
    ]
    assert reason_zh(reload.kept[0].reason).startswith("保留系统中的值 ")
    # Nothing else moved: the kept rows count as unchanged.
    assert reload.counts["needs"]["updated"] == 0
    assert reload.counts["contracts"]["updated"] == 0


def test_a_need_the_app_never_touched_follows_its_ledger(graph: Graph, package: Path) -> None:
    load_path(graph, package)
    _work_in_the_app(graph)
    needs = package / "needs.csv"
    needs.write_text(needs.read_text(encoding="utf-8").replace("已认领", "待认领"), encoding="utf-8")

    reload = load_path(graph, package)

    assert _state(graph)["needs"] == [("N1", "open"), ("N2", "done")]
    assert sorted((k.file, k.row) for k in reload.kept) == [("contracts.csv", 2), ("needs.csv", 3)]


def test_replace_source_keeps_an_item_the_app_worked_on(graph: Graph, package: Path) -> None:
    load_path(graph, package)
    _work_in_the_app(graph)
    needs = package / "needs.csv"
    needs.write_text("id,owner_id,category,title,status\n", encoding="utf-8")

    result = load_path(graph, package, replace_source_file="needs.csv")

    # N1 was never touched in the app: deleted; N2 was claimed and met in the app: kept, with its claim.
    assert result.deleted.get("needs") == 1
    assert _state(graph)["needs"] == [("N2", "done")]
    assert _state(graph)["claims"] == 1


def test_the_upload_report_carries_the_kept_values_in_both_languages(
    graph: Graph, package: Path, client: TestClient
) -> None:
    load_path(graph, package)
    _work_in_the_app(graph)
    data = (package / "needs.csv").read_bytes()

    response = client.post("/api/imports", files={"file": ("needs.csv", data)})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["outcome"] == "ok"
    assert [(k["file"], k["row"], k["column"], k["value"]) for k in body["kept"]] == [
        ("needs.csv", 3, "status", "待认领")
    ]
    assert body["kept"][0]["reason"].startswith("kept the app's value 已完成: the app changed")
    assert body["kept_zh"][0].startswith("保留系统中的值 已完成：该项导入后已在系统中办理")
    assert _state(graph)["needs"] == [("N1", "claimed"), ("N2", "done")]
