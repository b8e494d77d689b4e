"""The six warning rules, their levels per area and per child area, and the 待办 list, over the
hand-worked world of tests/fixtures/world_warnings.py on AS_OF (2026-06-01). Each rule fires on its
fixture and not on its controls; each level turns at its documented threshold (boundary cases with
the settings moved to the fixture's values)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from accounts.accounts import create_user
from accounts.principal import Role
from cli.main import app
from graph import claims
from graph.claims import Actor
from graph.driver import Graph
from graph.scope import resolve_scope
from graph.settings import AppSettings, Neo4jSettings
from graph.todo import user_todo
from graph.warnings import area_warnings
from tests.auth_world import World
from tests.fixtures import world_warnings
from tests.fixtures.world_warnings import AS_OF

Summary = dict[str, tuple[str, list[tuple[str, int | None]], dict[str, tuple[str, int]]]]


@pytest.fixture
def world(graph: Graph) -> dict[str, str]:
    return world_warnings.build(graph)


def _summary(graph: Graph, area: str = "A-D", **settings: Any) -> Summary:
    """rule → (level, [(item id, days)], {child area: (level, count)})."""
    found = area_warnings(graph, resolve_scope(graph, area), AS_OF, AppSettings(**settings))
    return {
        a.rule.value: (
            a.level.value,
            [(i.id, i.days) for i in a.items],
            {c.area.id: (c.level.value, c.count) for c in a.children},
        )
        for a in found.alerts
    }


def test_each_rule_fires_on_its_fixture_and_not_on_its_controls(graph: Graph, world: dict[str, str]) -> None:
    c = world
    assert _summary(graph) == {
        # K1 expires beyond 60 days, K6 expired, K3 is renewed (by K3N, itself a draft).
        "contracts_expiring": (
            "red",
            [("K2", 19), ("K4", 39)],
            {"A-S1": ("red", 1), "A-S2": ("yellow", 1)},
        ),
        # N1 and N2 have pending claims, N4 waited 12 days, N5 1 day (its claim was withdrawn).
        "needs_unclaimed": ("red", [("N3", 92)], {"A-S1": ("red", 1), "A-S2": ("green", 0)}),
        # C3 waited 6 days (< 7), C4 was withdrawn.
        "claims_pending": (
            "red",
            [(c["C5"], 22), (c["C2"], 13), (c["C1"], 12)],
            {"A-S1": ("red", 2), "A-S2": ("yellow", 1)},
        ),
        # U1 by contract, U2 through its org's alliance, U4 by its seat; U3's seat ended, U6's
        # contract expired.
        "units_unlinked": (
            "yellow",
            [("U3", None), ("U5", None), ("U6", None)],
            {"A-S1": ("yellow", 1), "A-S2": ("yellow", 2)},
        ),
        # P-M3 has H4 in term; P-M4 never had a seat (not a big committee).
        "committees_unseated": (
            "red",
            [("P-M2", 61), ("P-M1", 22)],
            {"A-S1": ("red", 2), "A-S2": ("green", 0)},
        ),
        # AL2's last step is 92 days back; AL3 has no date; P-M1 joins AL1 after AS_OF.
        "alliances_idle": ("red", [("AL1", 365)], {"A-S1": ("red", 1), "A-S2": ("green", 0)}),
    }


def _levels(
    graph: Graph, rule: str, **settings: Any
) -> tuple[str, list[tuple[str, int | None]], dict[str, Any]]:
    return _summary(graph, **settings)[rule]


def test_contract_levels_turn_at_their_horizons(graph: Graph, world: dict[str, str]) -> None:
    assert _levels(graph, "contracts_expiring", warn_contract_red_days=19)[0] == "red"  # K2: 19 left
    assert _levels(graph, "contracts_expiring", warn_contract_red_days=18)[0] == "yellow"
    level, items, children = _levels(
        graph, "contracts_expiring", warn_contract_red_days=18, warn_contract_yellow_days=39
    )
    assert items == [("K2", 19), ("K4", 39)]  # K3's 49 days are beyond the horizon
    assert children == {"A-S1": ("yellow", 1), "A-S2": ("yellow", 1)}


def test_waiting_levels_turn_at_n_and_twice_n_days(graph: Graph, world: dict[str, str]) -> None:
    # Needs: N3 waited 92 days.
    assert _levels(graph, "needs_unclaimed", warn_need_open_days=92)[:2] == ("yellow", [("N3", 92)])
    assert _levels(graph, "needs_unclaimed", warn_need_open_days=93)[:2] == ("green", [])
    assert _levels(graph, "needs_unclaimed", warn_need_open_days=46)[0] == "red"
    # Claims: C3 waited 6 days, C5 22.
    ids = [i for i, _ in _levels(graph, "claims_pending", warn_claim_pending_days=6)[1]]
    assert len(ids) == 4
    assert _levels(graph, "claims_pending", warn_claim_pending_days=11)[0] == "red"
    assert _levels(graph, "claims_pending", warn_claim_pending_days=12)[0] == "yellow"
    # Alliances: AL1 idle 365 days, AL2 92.
    level, items, children = _levels(graph, "alliances_idle", warn_alliance_idle_days=92)
    assert (level, items, children) == (
        "red",
        [("AL1", 365), ("AL2", 92)],
        {"A-S1": ("red", 1), "A-S2": ("yellow", 1)},
    )
    assert _levels(graph, "alliances_idle", warn_alliance_idle_days=183)[0] == "yellow"
    assert _levels(graph, "alliances_idle", warn_alliance_idle_days=365)[:2] == ("yellow", [("AL1", 365)])
    assert _levels(graph, "alliances_idle", warn_alliance_idle_days=366)[:2] == ("green", [])


def test_committee_and_unit_levels_turn_at_their_thresholds(graph: Graph, world: dict[str, str]) -> None:
    assert _levels(graph, "committees_unseated", warn_committee_empty_days=61)[0] == "red"  # P-M2: 61 days
    assert _levels(graph, "committees_unseated", warn_committee_empty_days=62)[0] == "yellow"
    level, _, children = _levels(graph, "units_unlinked", warn_unlinked_red_units=2)
    assert (level, children) == ("red", {"A-S1": ("yellow", 1), "A-S2": ("red", 2)})
    assert _levels(graph, "units_unlinked", warn_unlinked_red_units=3)[0] == "red"
    assert _levels(graph, "units_unlinked", warn_unlinked_red_units=4)[0] == "yellow"


def test_a_street_sees_its_communities(graph: Graph, world: dict[str, str]) -> None:
    summary = _summary(graph, "A-S2")
    assert summary["contracts_expiring"] == (
        "yellow",
        [("K4", 39)],
        {"A-M3": ("yellow", 1), "A-M4": ("green", 0)},
    )
    assert summary["units_unlinked"][2] == {"A-M3": ("yellow", 1), "A-M4": ("yellow", 1)}
    assert summary["committees_unseated"][:2] == ("green", [])


# --- over HTTP: the API, the export, the CLI, the 待办 list -----------------------------------------


@pytest.fixture
def users(graph: Graph, world: dict[str, str]) -> dict[str, dict[str, str]]:
    accounts = [
        ("s1-editor", Role.EDITOR, "A-S1"),
        ("d-editor", Role.EDITOR, "A-D"),
        ("s2-viewer", Role.VIEWER, "A-S2"),
    ]
    for name, role, area in accounts:
        create_user(graph, None, username=name, role=role, area_id=area)
    return {name: World({}).bearer(graph, name) for name, *_ in accounts}


def test_the_api_gives_levels_children_and_an_export(
    client: TestClient, users: dict[str, dict[str, str]], world: dict[str, str]
) -> None:
    answer = client.get("/api/warnings", params={"area": "A-D", "as_of": "2026-06-01"}).json()
    assert answer["area"] == {"id": "A-D", "name": "官渡区", "level": "district"}
    assert [c["id"] for c in answer["children"]] == ["A-S1", "A-S2"]
    first = answer["rules"][0]
    assert (first["rule"], first["level"], first["count"], first["thresholds"]) == (
        "contracts_expiring",
        "red",
        3,
        {"red_days": 30, "yellow_days": 60},
    )
    assert first["children"] == [
        {"area": "A-S1", "level": "red", "count": 2},
        {"area": "A-S2", "level": "yellow", "count": 1},
    ]
    assert first["items"][0] == {
        "id": "K2",
        "name": "K2协议",
        "detail": "金马社区党委",
        "since": "2026-06-20",
        "days": 19,
        "areas": ["A-S1"],
    }
    counts = client.get(
        "/api/warnings", params={"area": "A-D", "as_of": "2026-06-01", "items": "false"}
    ).json()
    assert [(r["rule"], r["count"], r["items"]) for r in counts["rules"]][:2] == [
        ("contracts_expiring", 3, []),
        ("needs_unclaimed", 1, []),
    ]
    csv = client.get(
        "/api/warnings",
        params={"area": "A-D", "as_of": "2026-06-01", "rule": "committees_unseated", "format": "csv"},
    )
    assert csv.status_code == 200
    assert csv.content.decode("utf-8-sig").splitlines() == [
        "预警规则,等级,编号,名称,说明,所属区域,日期,天数",
        "大党委无在任兼职委员,红色,P-M2,金马社区党委,金马社区,太和街道,2026-04-01,61",
        "大党委无在任兼职委员,红色,P-M1,佴家湾社区党委,佴家湾社区,太和街道,2026-05-10,22",
    ]
    # A street viewer: their street only; the district is outside (as if it did not exist).
    viewer = users["s2-viewer"]
    assert client.get("/api/warnings", params={"area": "A-D"}, headers=viewer).status_code == 404
    assert client.get("/api/warnings", params={"area": "A-none"}).status_code == 404
    own = client.get("/api/warnings", params={"as_of": "2026-06-01"}, headers=viewer).json()
    assert own["area"]["id"] == "A-S2"
    assert [i["id"] for i in own["rules"][0]["items"]] == ["K4"]
    assert client.get("/api/warnings", params={"rule": "nope"}).status_code == 422


def test_the_cli_prints_the_same_items(
    world: dict[str, str], test_neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", test_neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(test_neo4j_settings.password_file))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    args = ["warnings", "--area", "A-S1", "--as-of", "2026-06-01", "--rule", "units_unlinked", "-f", "csv"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8-sig").splitlines() == [
        "预警规则,等级,编号,名称,说明,所属区域,日期,天数",
        "单位无任何共建联系,黄色,U3,金马物业,金马社区,金马社区,,",
    ]


def _todo(client: TestClient, headers: dict[str, str]) -> tuple[bool, list[str], list[tuple[str, int]]]:
    answer = client.get("/api/todo", params={"as_of": "2026-06-01"}, headers=headers).json()
    assert answer["count"] == len(answer["claims"]) + len(answer["renewals"])
    return (
        answer["may_decide"],
        [c["id"] for c in answer["claims"]],
        [(k["id"], k["days"]) for k in answer["renewals"]],
    )


def test_the_todo_list_holds_exactly_the_users_decisions(
    client: TestClient, users: dict[str, dict[str, str]], world: dict[str, str]
) -> None:
    c = world
    # 太和街道's editor: C5 and C1 on N1 (oldest first), not its own C3, not C2 (关上街道); K2 to renew,
    # not K3 (renewed by K3N), not K4 (关上街道), not K1 (beyond 60 days).
    assert _todo(client, users["s1-editor"]) == (True, [c["C5"], c["C1"]], [("K2", 19)])
    # The district's editor made C5, C1 and C2: only C3 is its to decide; K2 and K4 to renew.
    assert _todo(client, users["d-editor"]) == (True, [c["C3"]], [("K2", 19), ("K4", 39)])
    # A viewer decides nothing.
    assert _todo(client, users["s2-viewer"]) == (False, [], [])


def test_a_decided_claim_leaves_the_todo_list(graph: Graph, world: dict[str, str]) -> None:
    before = user_todo(
        graph, username="s1-editor", scope=["A-S1"], may_decide=True, as_of=AS_OF, settings=AppSettings()
    )
    claims.reject_claim(graph, Actor("s1-editor", ["A-S1"]), world["C5"], reason="不合适")
    after = user_todo(
        graph, username="s1-editor", scope=["A-S1"], may_decide=True, as_of=AS_OF, settings=AppSettings()
    )
    assert [i.id for i in before.claims] == [world["C5"], world["C1"]]
    assert [i.id for i in after.claims] == [world["C1"]]


def test_the_excel_export_holds_dates_as_dates_and_days_as_numbers(
    client: TestClient, world: dict[str, str]
) -> None:
    answer = client.get(
        "/api/warnings",
        params={"area": "A-D", "as_of": "2026-06-01", "rule": "contracts_expiring", "format": "xlsx"},
    )
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("预警规则", "等级", "编号", "名称", "说明", "所属区域", "日期", "天数")
    assert rows[1][2] == "K2"
    assert rows[1][6] in (dt.date(2026, 6, 20), dt.datetime(2026, 6, 20))
    assert rows[1][7] == 19
