"""Unit gaps and area gaps over the hand-built world in tests/fixtures/world_gaps.py.

Every expected answer below is worked out by hand from that file's docstring and tables.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from accounts.principal import Principal, Role
from api.security.deps import current_principal
from graph.driver import Graph
from graph.gaps import links_lacking
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from graph.scope import Scope
from tests.fixtures import world_gaps

AS_OF = world_gaps.AS_OF.isoformat()


@pytest.fixture
def world(graph: Graph, client: TestClient) -> TestClient:
    world_gaps.build(graph)
    return client


def _ids(client: TestClient, **params: str | int) -> tuple[int, list[str]]:
    response = client.get("/api/gaps/units", params={"as_of": AS_OF, "page_size": 100, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    return body["total"], [row["id"] for row in body["items"]]


# --- linked by contract: the edge cases -------------------------------------------------------------


def test_contract_gaps_city(world: TestClient) -> None:
    # U1: K1 active and in force. U2: K2 through its branch B-U2 (REPORTS_TO P-U2, no BELONGS_TO).
    # U3: K3 is 'active' but expired 2025-12-31. U4: K4 signed 2026-09-01, after AS_OF.
    # U5: K5 terminated, K6 draft. U6, U7: no contract at all.
    assert _ids(world, area="A-C", by="contract") == (5, ["U3", "U4", "U5", "U6", "U7"])


def test_contract_in_force_on_its_signing_day_and_until_its_expiry_day(world: TestClient) -> None:
    # On 2025-06-01 K2 is signed that very day (counts), K3 has not expired yet (counts).
    assert _ids(world, area="A-C", by="contract", as_of="2025-06-01") == (4, ["U4", "U5", "U6", "U7"])
    # K3 expires 2025-12-31: it still counts that day and no longer the day after.
    assert "U3" not in _ids(world, area="A-C", by="contract", as_of="2025-12-31")[1]
    assert "U3" in _ids(world, area="A-C", by="contract", as_of="2026-01-01")[1]
    # On 2025-05-31 K2 is not signed yet, so U2 lacks a contract; K1 (2025-01-01) holds U1.
    assert _ids(world, area="A-C", by="contract", as_of="2025-05-31")[1] == ["U2", "U4", "U5", "U6", "U7"]


def test_alliance_gaps(world: TestClient) -> None:
    # Members of AL1: P-U1 (U1's org), U3 itself, P-U7 (U7's org). AL2's only member is a community org.
    assert _ids(world, area="A-C", by="alliance") == (4, ["U2", "U4", "U5", "U6"])


def test_committee_gaps(world: TestClient) -> None:
    # H1 (U1) seated since 2024; H4 (U4) since 2026-01-01; H3 (U3) left 2025-12-31.
    assert _ids(world, area="A-C", by="committee") == (5, ["U2", "U3", "U5", "U6", "U7"])
    # On 2025-06-01 H3's seat still runs and H4's has not begun.
    assert _ids(world, area="A-C", by="committee", as_of="2025-06-01")[1] == ["U2", "U4", "U5", "U6", "U7"]


def test_isolated_units(world: TestClient) -> None:
    assert _ids(world, area="A-C", by="any") == (2, ["U5", "U6"])


# --- scoping ------------------------------------------------------------------------------------------


def test_scoping_by_district_street_and_community(world: TestClient) -> None:
    assert _ids(world, area="A-D1", by="contract") == (4, ["U3", "U4", "U5", "U7"])
    assert _ids(world, area="A-D2", by="contract") == (1, ["U6"])
    # U7 is located in the street itself, so the street covers it and its communities do not.
    assert _ids(world, area="A-S1", by="contract") == (3, ["U3", "U4", "U7"])
    assert _ids(world, area="A-M2", by="contract") == (2, ["U3", "U4"])
    assert _ids(world, area="A-M1", by="contract") == (0, [])
    # No area: the whole database, same as the city.
    assert _ids(world, by="contract") == (5, ["U3", "U4", "U5", "U6", "U7"])


def test_pagination_keeps_the_total(world: TestClient) -> None:
    pages = [_ids(world, area="A-C", by="contract", page=p, page_size=2) for p in (1, 2, 3, 4)]
    assert pages == [(5, ["U3", "U4"]), (5, ["U5", "U6"]), (5, ["U7"]), (5, [])]


def test_row_contents(world: TestClient) -> None:
    body = world.get("/api/gaps/units", params={"area": "A-S1", "by": "contract", "as_of": AS_OF}).json()
    assert body["by"] == "contract"
    assert body["as_of"] == AS_OF
    rows = {row["id"]: row for row in body["items"]}
    assert rows["U4"]["name"] == "金马物业公司"
    assert rows["U4"]["kind"] == "property"
    assert rows["U4"]["kind_label"] == "物业公司"
    assert (rows["U4"]["community"], rows["U4"]["street"], rows["U4"]["district"]) == (
        "金马社区",
        "太和街道",
        "官渡区",
    )
    assert rows["U4"]["links"] == ["committee"]
    assert rows["U3"]["links"] == ["alliance"]
    assert (rows["U7"]["community"], rows["U7"]["street"]) == (None, "太和街道")
    # U4's health talk (R3) can meet P-M1's open need N1 in the same street: its one suggested partner,
    # scored as /api/matches scores N1–R3 (2030).
    partners = rows["U4"]["suggested_partners"]
    assert [(p["id"], p["need_id"], p["resource_id"], p["role"], p["score"]) for p in partners] == [
        ("P-M1", "N1", "R3", "meets_need", 2030)
    ]
    assert rows["U3"]["suggested_partners"] == []


def test_suggested_partner_through_a_branch_resource(world: TestClient) -> None:
    body = world.get("/api/gaps/units", params={"area": "A-M1", "by": "alliance", "as_of": AS_OF}).json()
    assert [row["id"] for row in body["items"]] == ["U2"]
    # R2 is offered by U2's branch; N2 (facilities) was raised by the community 金马社区 in the same street.
    assert [(p["id"], p["need_id"]) for p in body["items"][0]["suggested_partners"]] == [("A-M2", "N2")]


def test_as_of_defaults_to_today(world: TestClient) -> None:
    body = world.get("/api/gaps/units", params={"area": "A-C"}).json()
    assert body["as_of"] == dt.date.today().isoformat()
    assert body["by"] == "any"


# --- area gaps ----------------------------------------------------------------------------------------


def test_area_gaps_city(world: TestClient) -> None:
    response = world.get("/api/gaps/areas", params={"area": "A-C", "as_of": AS_OF})
    assert response.status_code == 200, response.text
    body = response.json()
    found = [(row["kind"], row["id"]) for row in body["items"]]
    assert found == [
        ("street_without_alliance", "A-S3"),  # AL1 is hosted by A-S1, AL2 by A-S2
        ("community_without_big_committee", "A-M3"),  # P-M3 has no seats
        ("community_without_big_committee", "A-M4"),  # no party org at all
        ("community_without_contract", "A-M2"),  # K3 expired, K4 not yet signed
        ("community_without_contract", "A-M3"),  # K5 terminated
        ("community_without_contract", "A-M4"),
        ("grid_without_branch", "A-G2"),  # GB1 is based in A-G1
        ("alliance_without_contract", "AL2"),  # its only member P-M3 holds only the terminated K5
        ("contract_expiring", "K7"),  # expires 2026-06-20, within 30 days
    ]
    assert body["total"] == 9
    assert body["counts"]["community_without_contract"] == 3
    expiring = body["items"][-1]
    assert expiring["expires"] == "2026-06-20"
    assert set(expiring["detail"].split("、")) == {"市三院", "太和街道党工委"}


def test_area_gaps_scoped_and_filtered(world: TestClient) -> None:
    body = world.get("/api/gaps/areas", params={"area": "A-D2", "as_of": AS_OF}).json()
    assert [(r["kind"], r["id"]) for r in body["items"]] == [
        ("street_without_alliance", "A-S3"),
        ("community_without_big_committee", "A-M4"),
        ("community_without_contract", "A-M4"),
    ]
    # A 10-day horizon leaves K7 (19 days away) out.
    short = world.get("/api/gaps/areas", params={"area": "A-C", "as_of": AS_OF, "expiring_within_days": 10})
    assert short.json()["counts"]["contract_expiring"] == 0
    only = world.get("/api/gaps/areas", params={"area": "A-C", "as_of": AS_OF, "kind": "grid_without_branch"})
    assert [r["id"] for r in only.json()["items"]] == ["A-G2"]
    paged = world.get("/api/gaps/areas", params={"area": "A-C", "as_of": AS_OF, "page": 2, "page_size": 4})
    assert paged.json()["total"] == 9
    assert [r["id"] for r in paged.json()["items"]] == ["A-M3", "A-M4", "A-G2", "AL2"]


# --- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/gaps/units", {"area": "nowhere"}, 404),
        ("/api/gaps/areas", {"area": "nowhere"}, 404),
        ("/api/gaps/units", {"by": "friendship"}, 422),
        ("/api/gaps/units", {"as_of": "2026-13-01"}, 422),
        ("/api/gaps/units", {"as_of": "yesterday"}, 422),
        ("/api/gaps/units", {"page": 0}, 422),
        ("/api/gaps/units", {"page_size": 100000}, 422),
        ("/api/gaps/units", {"format": "pdf"}, 422),
        ("/api/gaps/areas", {"expiring_within_days": -1}, 422),
        ("/api/gaps/areas", {"kind": "nonsense"}, 422),
    ],
)
def test_errors(world: TestClient, path: str, params: dict[str, str], status: int) -> None:
    response = world.get(path, params=params)
    assert response.status_code == status
    assert "Traceback" not in response.text


def test_an_org_of_another_unit_does_not_lend_its_contract(graph: Graph, world: TestClient) -> None:
    # A sector committee PX belongs to UX; BX reports to PX but BELONGS_TO its own unit UY and is party to
    # K2 (in force). UY is linked by contract through BX; UX is not, since BX is another unit's org.
    prov = {"src_file": "test"}
    graph.write(
        merge_nodes(Label.UNIT),
        {"rows": [{"id": i, "props": {"name": i, "kind": "agency"}, "prov": prov} for i in ("UX", "UY")]},
    )
    graph.write(
        merge_nodes(Label.PARTY_ORG),
        {"rows": [{"id": i, "props": {"name": i, "type": "committee"}, "prov": prov} for i in ("PX", "BX")]},
    )
    for rel, src, dst, pairs in [
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, [("UX", "A-M3"), ("UY", "A-M3")]),
        (Rel.BELONGS_TO, Label.PARTY_ORG, Label.UNIT, [("PX", "UX"), ("BX", "UY")]),
        (Rel.REPORTS_TO, Label.PARTY_ORG, Label.PARTY_ORG, [("BX", "PX")]),
        (Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT, [("BX", "K2")]),
    ]:
        rows = [{"src": a, "dst": b, "props": {}, "prov": prov} for a, b in pairs]
        graph.write(merge_rels(rel, src, dst), {"rows": rows})
    assert _ids(world, area="A-M3", by="contract") == (2, ["U5", "UX"])


def test_suggested_providers_for_a_units_own_need(graph: Graph, world: TestClient) -> None:
    # U9 in 永兴路社区 offers a health resource R9; U6 (same community) raised the open health need N4.
    prov = {"src_file": "test"}
    graph.write(
        merge_nodes(Label.UNIT),
        {"rows": [{"id": "U9", "props": {"name": "永兴诊所", "kind": "private"}, "prov": prov}]},
    )
    graph.write(
        merge_nodes(Label.RESOURCE),
        {
            "rows": [
                {"id": "R9", "props": {"name": "义诊", "title": "义诊", "category": "health"}, "prov": prov}
            ]
        },
    )
    for rel, src, dst, a, b in [
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, "U9", "A-M4"),
        (Rel.OFFERED_BY, Label.RESOURCE, Label.UNIT, "R9", "U9"),
    ]:
        graph.write(merge_rels(rel, src, dst), {"rows": [{"src": a, "dst": b, "props": {}, "prov": prov}]})
    body = world.get("/api/gaps/units", params={"area": "A-D2", "by": "any", "as_of": AS_OF}).json()
    partners = {row["id"]: row["suggested_partners"] for row in body["items"]}
    # N4's row of the matches ranking (tests/test_api_matches.py): same community 3000, no tie between U9
    # and N4's side (U6 alone: no org, alliance or contract), 学生体检 / 义诊 share no word, R9 used by no
    # project 30 = 3030, both ways. (U6's own R5 is never its partner.)
    assert [(p["id"], p["need_id"], p["resource_id"], p["role"], p["score"]) for p in partners["U6"]] == [
        ("U9", "N4", "R9", "offers", 3030)
    ]
    assert [(p["id"], p["need_id"], p["resource_id"], p["role"], p["score"]) for p in partners["U9"]] == [
        ("U6", "N4", "R9", "meets_need", 3030)
    ]


def test_partners_can_be_left_out(world: TestClient) -> None:
    params = {"area": "A-S1", "by": "contract", "as_of": AS_OF, "partners": False}
    body = world.get("/api/gaps/units", params=params).json()
    assert body["total"] == 3
    assert all(row["suggested_partners"] == [] for row in body["items"])
    export = world.get("/api/gaps/units", params={**params, "partners": True, "format": "csv"})
    assert export.headers["x-orglinks-partners-omitted"] == "false"


def test_holder_chains_city_wide_and_per_community(graph: Graph, world: TestClient) -> None:
    # The whole city takes the plan anchored on the links (walked from the contracts, alliances and seats
    # up to the units); a community takes the plan that tests each unit. Both must apply the holder rule
    # alike. Four more units in 关上社区 A-M3, their orgs and branches:
    # - UX: PX belongs to it; BX reports to PX but belongs to UY and is party to K2 (in force): BX holds
    #   K2 for UY only, since it belongs to another unit than UX.
    # - UZ: PZ belongs to it; BZ1 reports to PZ and also belongs to UZ; BZ2 reports to BZ1 and is a
    #   member of AL2: UZ is in an alliance (through an org of its own in the middle of the chain).
    # - UW: PW belongs to it; W1 reports to PW, W2 to W1, ... W5 to W4. W4 (4 levels down) is a member
    #   of AL1: UW is in an alliance. W5 (5 levels down, beyond the limit of 4) is party to K1: no
    #   contract for UW.
    # A second top-level area A-X (another city) with its unit UQ (no links); a unit UN located nowhere.
    prov = {"src_file": "test"}
    units = [("UX", "A-M3"), ("UY", "A-M3"), ("UZ", "A-M3"), ("UW", "A-M3"), ("UQ", "A-X")]
    graph.write(
        merge_nodes(Label.AREA),
        {"rows": [{"id": "A-X", "props": {"name": "外市", "level": "city"}, "prov": prov}]},
    )
    graph.write(
        merge_nodes(Label.UNIT),
        {
            "rows": [
                {"id": i, "props": {"name": i, "kind": "agency"}, "prov": prov}
                for i in [u for u, _ in units] + ["UN"]
            ]
        },
    )
    orgs = ["PX", "BX", "PZ", "BZ1", "BZ2", "PW", "W1", "W2", "W3", "W4", "W5"]
    graph.write(
        merge_nodes(Label.PARTY_ORG),
        {"rows": [{"id": i, "props": {"name": i, "type": "branch"}, "prov": prov} for i in orgs]},
    )
    for rel, src, dst, pairs in [
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, units),
        (
            Rel.BELONGS_TO,
            Label.PARTY_ORG,
            Label.UNIT,
            [("PX", "UX"), ("BX", "UY"), ("PZ", "UZ"), ("BZ1", "UZ"), ("PW", "UW")],
        ),
        (
            Rel.REPORTS_TO,
            Label.PARTY_ORG,
            Label.PARTY_ORG,
            [("BX", "PX"), ("BZ1", "PZ"), ("BZ2", "BZ1"), ("W1", "PW"), ("W2", "W1"), ("W3", "W2")]
            + [("W4", "W3"), ("W5", "W4")],
        ),
        (Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT, [("BX", "K2"), ("W5", "K1")]),
    ]:
        rows = [{"src": a, "dst": b, "props": {}, "prov": prov} for a, b in pairs]
        graph.write(merge_rels(rel, src, dst), {"rows": rows})
    members = [
        {"src": m, "dst": al, "id": f"{al}|{m}", "props": {"role": "成员单位"}, "prov": prov}
        for m, al in [("BZ2", "AL2"), ("W4", "AL1")]
    ]
    graph.write(merge_rels(Rel.MEMBER_OF, Label.PARTY_ORG, Label.ALLIANCE), {"rows": members})

    # The city: the seven units worked out above plus these (UY holds K2; UZ and UW are in alliances).
    assert _ids(world, area="A-C", by="contract") == (8, ["U3", "U4", "U5", "U6", "U7", "UW", "UX", "UZ"])
    assert _ids(world, area="A-C", by="alliance") == (6, ["U2", "U4", "U5", "U6", "UX", "UY"])
    assert _ids(world, area="A-C", by="committee") == (
        9,
        ["U2", "U3", "U5", "U6", "U7"] + ["UW", "UX", "UY", "UZ"],
    )
    assert _ids(world, area="A-C", by="any") == (3, ["U5", "U6", "UX"])
    # Pages of the city list keep the total; a page past the end is empty.
    assert _ids(world, area="A-C", by="contract", page=2, page_size=3) == (8, ["U6", "U7", "UW"])
    assert _ids(world, area="A-C", by="contract", page=3, page_size=3) == (8, ["UX", "UZ"])
    assert _ids(world, area="A-C", by="contract", page=4, page_size=3) == (8, [])
    # The community, unit by unit: the same answers for its units.
    assert _ids(world, area="A-M3", by="contract") == (4, ["U5", "UW", "UX", "UZ"])
    assert _ids(world, area="A-M3", by="alliance") == (3, ["U5", "UX", "UY"])
    assert _ids(world, area="A-M3", by="any") == (2, ["U5", "UX"])
    # No area: both top-level areas; UQ lacks every link, UN lies in no area and is never listed.
    assert _ids(world, by="any") == (4, ["U5", "U6", "UQ", "UX"])
    assert _ids(world, area="A-X", by="any") == (1, ["UQ"])


def test_an_org_of_two_units_holds_links_for_neither(graph: Graph, world: TestClient) -> None:
    # The loader never writes an org that belongs to two units, but a graph may hold one. In 关上社区
    # A-M3: PV belongs to both UA and UB, is party to K2 (in force) and a member of AL1; BV reports to
    # PV and is party to K1 (in force). PV is neither unit's org alone, and BV's chain ends at PV, so
    # neither UA nor UB holds a link. UC is the control: PC belongs to it alone and is party to K2;
    # BC reports to PC and is a member of AL1, so UC holds a contract and an alliance.
    prov = {"src_file": "test"}
    graph.write(
        merge_nodes(Label.UNIT),
        {
            "rows": [
                {"id": i, "props": {"name": i, "kind": "agency"}, "prov": prov} for i in ("UA", "UB", "UC")
            ]
        },
    )
    graph.write(
        merge_nodes(Label.PARTY_ORG),
        {
            "rows": [
                {"id": i, "props": {"name": i, "type": "branch"}, "prov": prov}
                for i in ("PV", "BV", "PC", "BC")
            ]
        },
    )
    for rel, src, dst, pairs in [
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, [("UA", "A-M3"), ("UB", "A-M3"), ("UC", "A-M3")]),
        (Rel.BELONGS_TO, Label.PARTY_ORG, Label.UNIT, [("PV", "UA"), ("PV", "UB"), ("PC", "UC")]),
        (Rel.REPORTS_TO, Label.PARTY_ORG, Label.PARTY_ORG, [("BV", "PV"), ("BC", "PC")]),
        (Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT, [("PV", "K2"), ("BV", "K1"), ("PC", "K2")]),
    ]:
        rows = [{"src": a, "dst": b, "props": {}, "prov": prov} for a, b in pairs]
        graph.write(merge_rels(rel, src, dst), {"rows": rows})
    members = [
        {"src": m, "dst": "AL1", "id": f"AL1|{m}", "props": {"role": "成员单位"}, "prov": prov}
        for m in ("PV", "BC")
    ]
    graph.write(merge_rels(Rel.MEMBER_OF, Label.PARTY_ORG, Label.ALLIANCE), {"rows": members})

    # The city (links walked up to the units) and the community (each unit tested) agree.
    assert _ids(world, area="A-C", by="contract") == (7, ["U3", "U4", "U5", "U6", "U7", "UA", "UB"])
    assert _ids(world, area="A-C", by="alliance") == (6, ["U2", "U4", "U5", "U6", "UA", "UB"])
    assert _ids(world, area="A-C", by="any") == (4, ["U5", "U6", "UA", "UB"])
    assert _ids(world, area="A-M3", by="contract") == (3, ["U5", "UA", "UB"])
    assert _ids(world, area="A-M3", by="alliance") == (3, ["U5", "UA", "UB"])
    assert _ids(world, area="A-M3", by="any") == (3, ["U5", "UA", "UB"])


# --- what the gaps page asks for: unit kinds, a piece of the name or id, the order --------------------


@pytest.mark.parametrize("area", ["A-C", "A-D1"])  # the city is read from the links, a district per unit
def test_unit_kind_text_and_order(world: TestClient, area: str) -> None:
    # Lacking a contract (see test_contract_gaps_city): U3 private, U4 property, U5 police, U6 institution
    # (西山区, outside A-D1), U7 agency.
    city = area == "A-C"
    assert _ids(world, area=area, by="contract", unit_kind="police") == (1, ["U5"])
    both = [("unit_kind", "police"), ("unit_kind", "institution"), ("as_of", AS_OF), ("by", "contract")]
    body = world.get("/api/gaps/units", params=[("area", area), *both]).json()
    assert [r["id"] for r in body["items"]] == (["U5", "U6"] if city else ["U5"])
    assert body["unit_kind"] == ["police", "institution"]
    # Names holding 公司: =云南某科技有限公司 (U3), 金马物业公司 (U4); ids in any case.
    assert _ids(world, area=area, by="contract", q=" 公司 ") == (2, ["U3", "U4"])
    assert _ids(world, area=area, by="contract", q="u7") == (1, ["U7"])
    assert _ids(world, area=area, by="contract", q="公司", unit_kind="police") == (0, [])
    # By name, in code point order:
    # = (U3) < 关 U+5173 (U5) < 太 U+592A (U7) < 永 U+6C38 (U6) < 金 U+91D1 (U4).
    by_name = ["U3", "U5", "U7", "U6", "U4"] if city else ["U3", "U5", "U7", "U4"]
    assert _ids(world, area=area, by="contract", sort="name")[1] == by_name
    assert _ids(world, area=area, by="contract", sort="name", desc="true")[1] == by_name[::-1]
    # By kind: agency (U7) < institution (U6) < police (U5) < private (U3) < property (U4).
    by_kind = ["U7", "U6", "U5", "U3", "U4"] if city else ["U7", "U5", "U3", "U4"]
    assert _ids(world, area=area, by="contract", sort="kind")[1] == by_kind
    # Paging follows the order: the second page of two by name.
    assert _ids(world, area=area, by="contract", sort="name", page=2, page_size=2) == (
        len(by_name),
        by_name[2:4],
    )


def test_the_export_follows_the_filter_and_order(world: TestClient) -> None:
    params = {"area": "A-C", "by": "contract", "as_of": AS_OF, "sort": "name", "desc": "true", "q": "公司"}
    response = world.get("/api/gaps/units", params={**params, "format": "csv"})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["U4", "U3"]


@pytest.mark.parametrize(
    "params", [{"unit_kind": "castle"}, {"q": "x" * 101}, {"sort": "street"}, {"desc": "maybe"}]
)
def test_filter_errors(world: TestClient, params: dict[str, str]) -> None:
    assert world.get("/api/gaps/units", params=params).status_code == 422


def test_suggested_partners_stay_in_the_callers_scope(graph: Graph, world: TestClient) -> None:
    # Reopen N3 (法律咨询, legal, raised by 佴家湾社区 A-M1 in 太和街道). The only legal resource of 官渡区
    # is U5's R4 (关上社区, 关上街道): another street, shown since nothing nearer fits, so U5's partner
    # is A-M1 for a global admin; a 关上街道 viewer never sees 太和街道's need.
    need = {"id": "N3", "props": {"status": "open"}, "prov": {"src_file": "test"}}
    graph.write(merge_nodes(Label.NEED), {"rows": [need]})
    params = {"area": "A-S2", "by": "any", "as_of": AS_OF}

    def partners() -> list[tuple[str, str, str]]:
        body = world.get("/api/gaps/units", params=params).json()
        assert [row["id"] for row in body["items"]] == ["U5"]
        return [(p["id"], p["need_id"], p["role"]) for p in body["items"][0]["suggested_partners"]]

    assert partners() == [("A-M1", "N3", "meets_need")]
    viewer = Principal(username="guanshang", role=Role.VIEWER, area_id="A-S2", pii=False)
    world.app.dependency_overrides[current_principal] = lambda: viewer  # type: ignore[attr-defined]
    assert partners() == []


def test_links_lacking_gives_each_kind_in_one_read(graph: Graph) -> None:
    """The area page's marks: for each unit, the kinds the lists above say it lacks (worked out from the
    same four answers: contract U3-U7, alliance U2 U4 U5 U6, committee U2 U3 U5 U6 U7, any U5 U6)."""
    world_gaps.build(graph)
    ids = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "NOPE"]
    city = links_lacking(graph, Scope("A-C", None, None, ["A-C"]), ids, as_of=world_gaps.AS_OF)
    everything = ["contract", "alliance", "committee", "any"]
    assert city == {
        "U1": [],
        "U2": ["alliance", "committee"],
        "U3": ["contract", "committee"],
        "U4": ["contract", "alliance"],
        "U5": everything,
        "U6": everything,
        "U7": ["contract", "committee"],
    }
    # Units outside the scope are left out, as the lists leave them out: 西山区 holds U6 only.
    assert links_lacking(graph, Scope("A-D2", None, None, ["A-D2"]), ids, as_of=world_gaps.AS_OF) == {
        "U6": everything
    }
