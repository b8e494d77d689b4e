"""visualize/clusters.py and the grouped layout, on a view built by hand:

D (district) ─┬─ S1 (street) ─ C1 (community): units U1, U2; U1's party org P1; contract K (P1, PD)
              └─ S2 (street) ─ C2 (community): unit U3, lacking every link; person E works at U3
PD, the district's party org, is based in D; alliance AL is hosted by S2.

Groups: S1 holds C1, U1, U2, P1, K (K follows its first party, P1); S2 holds C2, U3, E, AL.
Free: D and PD.
"""

from __future__ import annotations

import math

from graph.graphview import GraphEdge, GraphNode, GraphView
from visualize.clusters import assign_groups, summarize
from visualize.layout import grouped_positions


def _n(node_id: str, node_type: str, gaps: list[str] | None = None) -> GraphNode:
    return GraphNode(id=node_id, label=f"name-{node_id}", type=node_type, gaps=gaps or [])


def _e(source: str, target: str, rel: str) -> GraphEdge:
    return GraphEdge(source=source, target=target, type=rel)


VIEW = GraphView(
    nodes=[
        _n("D", "Area"),
        _n("S1", "Area"),
        _n("S2", "Area"),
        _n("C1", "Area"),
        _n("C2", "Area"),
        _n("U1", "Unit"),
        _n("U2", "Unit", ["contract", "alliance", "committee", "any"]),
        _n("U3", "Unit", ["contract", "alliance", "committee", "any"]),
        _n("P1", "PartyOrg"),
        _n("PD", "PartyOrg"),
        _n("K", "Contract"),
        _n("E", "Person"),
        _n("AL", "Alliance"),
    ],
    edges=[
        _e("S1", "D", "PART_OF"),
        _e("S2", "D", "PART_OF"),
        _e("C1", "S1", "PART_OF"),
        _e("C2", "S2", "PART_OF"),
        _e("U1", "C1", "LOCATED_IN"),
        _e("U2", "C1", "LOCATED_IN"),
        _e("U3", "C2", "LOCATED_IN"),
        _e("P1", "U1", "BELONGS_TO"),
        _e("PD", "D", "BASED_IN"),
        _e("P1", "K", "PARTY_TO"),
        _e("PD", "K", "PARTY_TO"),
        _e("E", "U3", "WORKS_AT"),
        _e("AL", "S2", "HOSTED_BY"),
        _e("P1", "PD", "REPORTS_TO"),
    ],
)


def test_each_node_goes_with_the_street_that_places_it() -> None:
    group = assign_groups(VIEW, "D")
    assert group == {
        "S1": "S1",
        "C1": "S1",
        "U1": "S1",
        "U2": "S1",
        "P1": "S1",
        "K": "S1",
        "S2": "S2",
        "C2": "S2",
        "U3": "S2",
        "E": "S2",
        "AL": "S2",
    }


def test_clusters_count_their_units_and_gaps() -> None:
    clusters = [c.as_json() for c in summarize(VIEW, assign_groups(VIEW, "D"))]
    assert clusters == [
        {"id": "cluster:S1", "area": "S1", "name": "name-S1", "nodes": 6, "units": 2, "gap_units": 1},
        {"id": "cluster:S2", "area": "S2", "name": "name-S2", "nodes": 5, "units": 1, "gap_units": 1},
    ]


def test_groups_are_laid_out_apart() -> None:
    group = assign_groups(VIEW, "D")
    positions = grouped_positions(VIEW, group)
    assert set(positions) == {n.id for n in VIEW.nodes}
    s1 = [positions[n] for n, g in group.items() if g == "S1"]
    s2 = [positions[n] for n, g in group.items() if g == "S2"]
    assert min(math.dist(a, b) for a in s1 for b in s2) > 100
    free = [positions["D"], positions["PD"]]
    assert min(math.dist(a, b) for a in free for b in s1 + s2) > 100
