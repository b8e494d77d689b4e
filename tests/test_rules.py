"""The rules of graph/rules.py where they decide an answer: the holder rule's guard (an org that belongs
to another unit never counts for this one, in every walk) and a seat without a start date (never in
term). Expected answers are worked out by hand from the small world below.

    C 昆明市 (city) ← D 区 (district) ← S1 街道一 (street) ← M1 社区一 (community)
                                      ← S2 街道二 (street)
    UA 成员单位 LOCATED_IN S2, its committee PA BELONGS_TO UA and REPORTS_TO SEC;
    US 行业单位 LOCATED_IN S1, its committee SEC BELONGS_TO US (a sector committee above PA).
    PM1 社区一党委 BASED_IN M1. Alliance AL hosted by S1; its one member is the unit US.
    K 共建协议 (active, signed 2026-01-01, expires 2026-06-11): its one party is PA.
    PX WORKS_AT US and sits on PM1 with no start date; PY WORKS_AT UA and sits on PM1 since 2026-01-01.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from devtools.queries.demo_figures import BIG_COMMITTEES
from graph import rules
from graph.driver import Graph
from graph.schema import Label, Rel
from tests.fixtures.world_gaps import _nodes, _rel_rows, _rels

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    _nodes(
        graph,
        Label.AREA,
        [
            {"id": "C", "name": "昆明市", "level": "city"},
            {"id": "D", "name": "区", "level": "district"},
            {"id": "S1", "name": "街道一", "level": "street"},
            {"id": "S2", "name": "街道二", "level": "street"},
            {"id": "M1", "name": "社区一", "level": "community"},
        ],
    )
    _rels(graph, Rel.PART_OF, Label.AREA, Label.AREA, [("D", "C"), ("S1", "D"), ("S2", "D"), ("M1", "S1")])
    _nodes(
        graph,
        Label.UNIT,
        [{"id": "UA", "name": "成员单位", "kind": "soe"}, {"id": "US", "name": "行业单位", "kind": "agency"}],
    )
    _rels(graph, Rel.LOCATED_IN, Label.UNIT, Label.AREA, [("UA", "S2"), ("US", "S1")])
    _nodes(
        graph,
        Label.PARTY_ORG,
        [
            {"id": "PA", "name": "成员单位党委", "type": "committee"},
            {"id": "SEC", "name": "行业党工委", "type": "working_committee"},
            {"id": "PM1", "name": "社区一党委", "type": "committee"},
        ],
    )
    _rels(graph, Rel.BELONGS_TO, Label.PARTY_ORG, Label.UNIT, [("PA", "UA"), ("SEC", "US")])
    _rels(graph, Rel.REPORTS_TO, Label.PARTY_ORG, Label.PARTY_ORG, [("PA", "SEC")])
    _rels(graph, Rel.BASED_IN, Label.PARTY_ORG, Label.AREA, [("PM1", "M1")])
    _nodes(graph, Label.ALLIANCE, [{"id": "AL", "name": "街道一联盟"}])
    _rels(graph, Rel.HOSTED_BY, Label.ALLIANCE, Label.AREA, [("AL", "S1")])
    _rel_rows(graph, Rel.MEMBER_OF, Label.UNIT, Label.ALLIANCE, [{"src": "US", "dst": "AL", "id": "AL|US"}])
    _nodes(
        graph,
        Label.CONTRACT,
        [
            {
                "id": "K",
                "name": "共建协议",
                "title": "共建协议",
                "status": "active",
                "signed": dt.date(2026, 1, 1),
                "expires": dt.date(2026, 6, 11),
            }
        ],
    )
    _rels(graph, Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT, [("PA", "K")])
    _nodes(
        graph,
        Label.PERSON,
        [{"id": "PX", "name": "张三", "title": "负责人"}, {"id": "PY", "name": "李四", "title": "负责人"}],
    )
    _rels(graph, Rel.WORKS_AT, Label.PERSON, Label.UNIT, [("PX", "US"), ("PY", "UA")])
    seats = [
        {"src": "PX", "dst": "PM1", "id": "PX|PM1|", "props": {"title": "兼职委员"}},
        {
            "src": "PY",
            "dst": "PM1",
            "id": "PY|PM1|2026-01-01",
            "props": {"title": "兼职委员", "start": dt.date(2026, 1, 1)},
        },
    ]
    _rel_rows(graph, Rel.SEATED_ON, Label.PERSON, Label.PARTY_ORG, seats)
    return client


def _area_gaps(client: TestClient, area: str) -> list[tuple[str, str]]:
    response = client.get("/api/gaps/areas", params={"area": area, "as_of": AS_OF.isoformat()})
    assert response.status_code == 200, response.text
    return [(row["kind"], row["id"]) for row in response.json()["items"]]


def test_a_sector_committee_does_not_inherit_its_members_contracts(world: TestClient) -> None:
    # AL's one member US holds links through SEC only: PA reports to SEC but belongs to UA, so K is
    # UA's. M1 has a seat in term (PY's) but no contract.
    assert _area_gaps(world, "S1") == [
        ("community_without_contract", "M1"),
        ("alliance_without_contract", "AL"),
    ]
    # K expires on 2026-06-11, within 30 days: listed where its party's unit UA is, S2, not under US's S1.
    assert _area_gaps(world, "S2") == [("street_without_alliance", "S2"), ("contract_expiring", "K")]


def test_a_seat_without_a_start_date_is_not_in_term(world: TestClient, graph: Graph) -> None:
    seats = world.get(
        "/api/committees/PM1/seats", params={"as_of": AS_OF.isoformat(), "include_past": "true"}
    ).json()
    assert [(row["seat_id"], row["current"]) for row in seats["items"]] == [
        ("PY|PM1|2026-01-01", True),
        ("PX|PM1|", False),
    ]
    current = world.get("/api/committees/PM1/seats", params={"as_of": AS_OF.isoformat()}).json()
    assert [row["seat_id"] for row in current["items"]] == ["PY|PM1|2026-01-01"]

    # US's only person (PX) has no seat in term, so US lacks the committee link; UA's PY has one.
    gaps = world.get("/api/gaps/units", params={"area": "D", "by": "committee", "as_of": AS_OF.isoformat()})
    assert [row["id"] for row in gaps.json()["items"]] == ["US"]

    # The demo figures count PM1 as a big committee with one part-time member (PY), not two.
    assert graph.read(BIG_COMMITTEES, {"day": AS_OF}) == [{"committees": 1, "members": 1}]


@pytest.mark.parametrize(
    "build",
    [
        lambda: rules.in_scope("n) OR true //"),
        lambda: rules.in_scope("scope_home"),
        lambda: rules.seat_in_term("s.start"),
        lambda: rules.contract_in_force("k", on="as_of OR true"),
        lambda: rules.holder_path("o", "u {id: 1}"),
        lambda: rules.areas_under("a", roots="roots]"),
        lambda: rules.unit_lacks("u", by="by; DROP"),
        lambda: rules.areas_holding("scope_base"),
        lambda: rules.areas_holding("k", areas="children]"),
    ],
)
def test_builders_take_only_plain_variable_names(build: Callable[[], str]) -> None:
    with pytest.raises(ValueError, match="not a plain Cypher variable"):
        build()


def test_builders_write_the_names_they_are_given() -> None:
    assert rules.seat_in_term("seat", on="day") == (
        "seat.start IS NOT NULL AND seat.start <= $day AND (seat.end IS NULL OR seat.end >= $day)"
    )
    assert rules.contract_in_force("c") == (
        "(c.status = 'active' OR (c.status = 'terminated' AND c.terminated_on > $as_of)) "
        "AND c.signed <= $as_of AND (c.expires IS NULL OR c.expires >= $as_of)"
    )
