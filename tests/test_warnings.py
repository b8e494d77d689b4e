"""Warning rules against the real Neo4j, over the small world below; each rule fires on its fixture and
not on its controls, and its level follows the thresholds (defaults: contracts 30 / 60 days, needs 30).

Areas: 太和街道 A-S1 ⊃ 佴家湾社区 A-M1 (P-M1 based there, unit U1 located there); 永昌街道 A-S3 (U9).
Contracts, all active and signed 2025-01-01 with P-M1 unless told: KR expires 2026-06-21, KY 2026-07-16,
KG 2026-09-01, KX 2026-05-31, KD a draft expiring 2026-06-10; K9 (U9 only) expires 2026-06-11.
Needs raised by A-M1, loaded on: NO 2026-03-01, NY 2026-04-15, NN 2026-05-20, NP 2026-03-01 with a
pending claim, NC 2026-03-01 but claimed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cli.main import app
from graph import claims
from graph.claims import Actor
from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from graph.settings import Neo4jSettings

D = dt.date


def _prov(day: dt.date) -> dict[str, Any]:
    return {"load_id": "T", "loaded_at": dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)}


def _nodes(graph: Graph, label: Label, rows: list[dict[str, Any]], day: dt.date = D(2025, 1, 1)) -> None:
    graph.write(
        merge_nodes(label), {"rows": [{"id": r.pop("id"), "props": r, "prov": _prov(day)} for r in rows]}
    )


def _rels(graph: Graph, rel: Rel, src: Label, dst: Label, pairs: list[tuple[str, str]]) -> None:
    rows = [{"src": a, "dst": b, "props": {}, "prov": {"load_id": "T"}} for a, b in pairs]
    graph.write(merge_rels(rel, src, dst), {"rows": rows})


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    areas = [("A-S1", "street", None), ("A-M1", "community", "A-S1"), ("A-S3", "street", None)]
    _nodes(graph, Label.AREA, [{"id": i, "name": i, "level": lv} for i, lv, _ in areas])
    _rels(graph, Rel.PART_OF, Label.AREA, Label.AREA, [(i, p) for i, _, p in areas if p])
    _nodes(graph, Label.PARTY_ORG, [{"id": "P-M1", "name": "佴家湾社区党委"}])
    _rels(graph, Rel.BASED_IN, Label.PARTY_ORG, Label.AREA, [("P-M1", "A-M1")])
    _nodes(graph, Label.UNIT, [{"id": "U1", "name": "市三院"}, {"id": "U9", "name": "永昌小学"}])
    _rels(graph, Rel.LOCATED_IN, Label.UNIT, Label.AREA, [("U1", "A-M1"), ("U9", "A-S3")])
    expiring = {"KR": D(2026, 6, 21), "KY": D(2026, 7, 16), "KG": D(2026, 9, 1), "KX": D(2026, 5, 31)}
    contracts = [
        {"id": k, "name": k, "status": "active", "signed": D(2025, 1, 1), "expires": e}
        for k, e in expiring.items()
    ]
    contracts += [
        {"id": "KD", "name": "KD", "status": "draft", "signed": D(2025, 1, 1), "expires": D(2026, 6, 10)},
        {"id": "K9", "name": "K9", "status": "active", "signed": D(2025, 1, 1), "expires": D(2026, 6, 11)},
    ]
    _nodes(graph, Label.CONTRACT, contracts)
    _rels(graph, Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT, [("P-M1", k) for k in (*expiring, "KD")])
    _rels(graph, Rel.PARTY_TO, Label.UNIT, Label.CONTRACT, [("U9", "K9")])
    needs = {"NO": (D(2026, 3, 1), "open"), "NY": (D(2026, 4, 15), "open"), "NN": (D(2026, 5, 20), "open")}
    needs |= {"NP": (D(2026, 3, 1), "open"), "NC": (D(2026, 3, 1), "claimed")}
    for need, (day, status) in needs.items():
        _nodes(graph, Label.NEED, [{"id": need, "name": need, "title": need, "status": status}], day)
    _rels(graph, Rel.RAISED_BY, Label.NEED, Label.AREA, [(n, "A-M1") for n in needs])
    claims.make_claim(
        graph, Actor("t", None), item="NP", claimant="U1", plan="计划", start=D(2026, 3, 2), end=D(2026, 9, 1)
    )
    return client


def _rules(
    client: TestClient, as_of: str, area: str = "A-S1"
) -> dict[str, tuple[str, list[tuple[str, int]]]]:
    response = client.get("/api/warnings", params={"area": area, "as_of": as_of})
    assert response.status_code == 200, response.text
    return {
        rule["rule"]: (rule["level"], [(item["id"], item["days"]) for item in rule["items"]])
        for rule in response.json()["rules"]
        if rule["rule"] in ("contracts_expiring", "needs_unclaimed")
    }


def test_each_rule_fires_red_on_its_fixture_and_not_on_its_controls(world: TestClient) -> None:
    # 2026-06-01: KR 20 days left (red), KY 45 (yellow horizon); KG 92 is beyond 60, KX expired the day
    # before, KD is a draft, K9 lies outside A-S1. NO has waited 92 days (> 60: red), NY 47; NN only 12,
    # NP has a pending claim, NC is claimed.
    assert _rules(world, "2026-06-01") == {
        "contracts_expiring": ("red", [("KR", 20), ("KY", 45)]),
        "needs_unclaimed": ("red", [("NO", 92), ("NY", 47)]),
    }


def test_levels_follow_the_thresholds(world: TestClient) -> None:
    # 2026-04-20: only KX (41 days) is within 60 and none within 30; NO has waited 50 days (30 < 50 <= 60).
    assert _rules(world, "2026-04-20") == {
        "contracts_expiring": ("yellow", [("KX", 41)]),
        "needs_unclaimed": ("yellow", [("NO", 50)]),
    }
    # 2026-01-01: nothing expires within 60 days, and no need was loaded yet.
    assert _rules(world, "2026-01-01") == {
        "contracts_expiring": ("green", []),
        "needs_unclaimed": ("green", []),
    }


def test_the_scope_holds(world: TestClient) -> None:
    # In 永昌街道 only K9 (10 days left) and no need.
    assert _rules(world, "2026-06-01", area="A-S3") == {
        "contracts_expiring": ("red", [("K9", 10)]),
        "needs_unclaimed": ("green", []),
    }
    missing = world.get("/api/warnings", params={"area": "A-none"})
    assert missing.status_code == 404


def test_the_cli_prints_the_same_items_as_csv(
    world: TestClient, test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", test_neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(test_neo4j_settings.password_file))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    result = CliRunner().invoke(app, ["warnings", "--area", "A-S1", "--as-of", "2026-06-01", "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8-sig").splitlines()
    assert lines == [
        "预警规则,等级,编号,名称,说明,所属区域,日期,天数",
        "共建协议即将到期,红色,KR,KR,佴家湾社区党委,A-M1,2026-06-21,20",
        "共建协议即将到期,红色,KY,KY,佴家湾社区党委,A-M1,2026-07-16,45",
        "需求长期无人认领,红色,NO,NO,A-M1,A-M1,2026-03-01,92",
        "需求长期无人认领,红色,NY,NY,A-M1,A-M1,2026-04-15,47",
        # U1's only tie is its pending claim, which is no co-building link (the areas are named by id).
        "单位无任何共建联系,黄色,U1,市三院,A-M1,A-M1,,",
    ]
