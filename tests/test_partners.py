"""Suggested partners of a page of units (graph/partners.py) over tests/fixtures/world_gaps.py, read only
for the needs that can match with the page's units: the answers worked out by hand, and the same as
ranking all the needs of their districts."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from graph.matches import ranked_matches
from graph.partners import partners_of, suggest_partners
from graph.queries.matches import offers_query
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from tests.fixtures import world_gaps

AS_OF = world_gaps.AS_OF
PROV = {"src_file": "test"}


def _add_need_raised_by_u4s_org(graph: Graph) -> None:
    """N5 法律援助 (legal, open), raised by U4's branch P-U4: U4 raised it through its org."""
    graph.write(
        merge_nodes(Label.NEED),
        {
            "rows": [
                {
                    "id": "N5",
                    "props": {"name": "法律援助", "title": "法律援助", "category": "legal", "status": "open"},
                    "prov": PROV,
                }
            ]
        },
    )
    rows = [{"src": "N5", "dst": "P-U4", "props": {}, "prov": PROV}]
    graph.write(merge_rels(Rel.RAISED_BY, Label.NEED, Label.PARTY_ORG), {"rows": rows})


def _rows(partners: dict[str, list[object]]) -> dict[str, list[tuple[object, ...]]]:
    return {
        uid: [(p.id, p.need_id, p.resource_id, p.role, p.score) for p in chosen]  # type: ignore[attr-defined]
        for uid, chosen in partners.items()
    }


def test_a_units_partners_through_its_orgs_need_and_through_its_resource(graph: Graph) -> None:
    world_gaps.build(graph)
    _add_need_raised_by_u4s_org(graph)
    # N5 stands where P-U4 does: not BASED_IN anywhere, so at its unit U4's 金马社区 (太和街道, 官渡区). The
    # only legal resource in 官渡区 is U5's R4 法律顾问 (关上社区, 关上街道): another street, kept since
    # nothing in 太和街道 fits. Ties: N5's side is P-U4 and the orgs based in 金马社区 and 太和街道 (P-M2,
    # P-S1: alliance AL1; contracts K4 not yet signed on AS_OF, K3 expired, K7 in force); U5 alone is in
    # no alliance, its K5 is terminated and K6 a draft, no one works there: no tie. 法律援助 / 法律顾问
    # share 法律 (+50); R4 is used by no project (+30). 1000 + 50 + 30 = 1080.
    # U4 also keeps its partner of test_api_gaps.test_row_contents: R3 meets P-M1's N1 (2030), first.
    assert _rows(suggest_partners(graph, ["U4"], as_of=AS_OF)) == {  # type: ignore[arg-type]
        "U4": [("P-M1", "N1", "R3", "meets_need", 2030), ("U5", "N5", "R4", "offers", 1080)]
    }
    # U5 on a page of its own: its R4 meets N5, whose raiser is P-U4 (not on the page).
    assert _rows(suggest_partners(graph, ["U5"], as_of=AS_OF)) == {  # type: ignore[arg-type]
        "U5": [("P-U4", "N5", "R4", "meets_need", 1080)]
    }


def test_the_same_partners_as_ranking_all_the_needs_of_their_districts(graph: Graph) -> None:
    world_gaps.build(graph)
    _add_need_raised_by_u4s_org(graph)
    units = [u[0] for u in world_gaps.UNITS]

    def unrestricted(unit_ids: list[str]) -> dict[str, list[object]]:
        matches = graph.read_tx(
            lambda tx: ranked_matches(tx, ["A-D1", "A-D2"], as_of=AS_OF, walk=True, category=None, scope=None)
        )
        return partners_of(matches, unit_ids)  # type: ignore[return-value]

    pages = [[u] for u in units] + [units, ["U2", "U5"], ["U4", "U6"]]
    for page in pages:
        assert suggest_partners(graph, page, as_of=AS_OF) == unrestricted(page), page
    # Not vacuous: U1 (R1 meets N1), U2 (its branch's R2 meets N2), U4 and U5 (above) have partners; U3
    # and U7 offer and raise nothing, and U6's R5 meets only its own N4.
    chosen = suggest_partners(graph, units, as_of=AS_OF)
    assert [uid for uid in units if chosen[uid]] == ["U1", "U2", "U4", "U5"]


def test_the_resources_found_down_the_regions_are_those_found_by_category(graph: Graph) -> None:
    world_gaps.build(graph)

    def offers(
        walk: bool, categories: list[str], districts: list[str], streets: list[str]
    ) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"categories": categories, "districts": districts, "streets": streets}
        params |= {"regions": districts + streets, "scope": None, "as_of": AS_OF}
        return graph.read(offers_query(walk), params)

    # (categories, districts, streets) → (resource, provider) by hand: in 官渡区, R1 (U1, 佴家湾社区), R2
    # (offered by U2's branch B-U2, so provided by U2), R3 (U4) and R4 (U5, 关上社区); R5 is U6's in 西山区;
    # R6 is offered by an area, never a provider. 关上街道 alone holds U5's R4.
    cases = [
        (
            ["facilities", "health", "legal"],
            ["A-D1"],
            [],
            {("R1", "U1"), ("R2", "U2"), ("R3", "U4"), ("R4", "U5")},
        ),
        (["health"], ["A-D1", "A-D2"], [], {("R1", "U1"), ("R3", "U4"), ("R5", "U6")}),
        (["health", "legal"], [], ["A-S2"], {("R4", "U5")}),
    ]
    for categories, districts, streets, expected in cases:
        walked = offers(True, categories, districts, streets)
        assert {(r["resource_id"], r["provider_id"]) for r in walked} == expected
        assert walked == offers(False, categories, districts, streets)
