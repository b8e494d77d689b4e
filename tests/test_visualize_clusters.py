"""visualize/clusters.py and the grouped layout, on a view built by hand:

D (district) ─┬─ S1 (street) ─ C1 (community): units U1, U2; U1's party org P1; contract K (P1, PD)
              └─ S2 (street) ─ C2 (community): unit U3, lacking every link; person E works at U3
PD, the district's party org, is based in D; alliance AL is hosted by S2.

Groups: S1 holds C1, U1, U2, P1, K (K follows its first party, P1); S2 holds C2, U3, E, AL.
Free: D and PD.
"""

from __future__ import annotations

import math

import pytest

from graph.graphview import GraphEdge, GraphNode, GraphView
from visualize.clusters import Cluster, assign_groups, box_labels, summarize
from visualize.layout import box_size_em, grouped_positions, text_size_em


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
    positions = grouped_positions(VIEW, group).positions
    assert set(positions) == {n.id for n in VIEW.nodes}
    s1 = [positions[n] for n, g in group.items() if g == "S1"]
    s2 = [positions[n] for n, g in group.items() if g == "S2"]
    assert min(math.dist(a, b) for a in s1 for b in s2) > 100
    free = [positions["D"], positions["PD"]]
    assert min(math.dist(a, b) for a in free for b in s1 + s2) > 100


def test_a_box_is_sized_for_its_words_in_either_language() -> None:
    """The words of js/explorer/clusters.js (i18n.json's cluster_label), and their width in ems: a Chinese
    character is one em, a Latin letter or digit 0.6, a space or a narrow letter 0.3, % 0.95."""
    s1 = Cluster(id="cluster:S1", area="S1", name="东街道", nodes=6, units=2, gap_units=1)
    assert box_labels(s1) == ["东街道\n2 个单位 · 孤立 50%", "东街道\n2 units · 50% unlinked"]
    thirds = Cluster(id="cluster:S2", area="S2", name="西", nodes=400, units=300, gap_units=100)
    assert box_labels(thirds)[1] == "西\n300 units · 33.3% unlinked"
    few = Cluster(id="cluster:S3", area="S3", name="南", nodes=400, units=300, gap_units=1)
    assert box_labels(few)[0] == "南\n300 个单位 · 孤立 0.33%"
    none = Cluster(id="cluster:S4", area="S4", name="北", nodes=2, units=0, gap_units=0)
    assert box_labels(none)[1] == "北\n0 units · – unlinked"
    assert text_size_em("官渡街道") == (4.0, 1)
    assert text_size_em("48 units") == (pytest.approx(4.2), 1)  # 2 digits 0.6, space 0.3, u n t s 0.6, i 0.3
    # 2 units · 50% unlinked: 0.6 + 0.3 + 2.7 + 0.3 + 1 (·) + 0.3 + 1.2 + 0.95 + 0.3 + 4.2 (l i 0.3)
    assert text_size_em("2 units · 50% unlinked") == (pytest.approx(11.85), 1)
    # The box: the widest line of either language and half an em of margin all round; two lines.
    assert box_size_em(box_labels(s1)) == (pytest.approx(12.85), 3.0)


#: A district of 12 streets with long names, 40 units each (2 of them in a community), and its party org.
LONG = [f"经济技术开发区第{'一二三四五六七八九十'[i % 10]}{i}片区街道" for i in range(12)]


def _long_view() -> GraphView:
    nodes = [_n("D", "Area"), _n("PD", "PartyOrg")]
    edges = [_e("PD", "D", "BASED_IN")]
    for i in range(12):
        nodes.append(GraphNode(id=f"S{i}", label=LONG[i], type="Area"))
        edges.append(_e(f"S{i}", "D", "PART_OF"))
        nodes.append(_n(f"C{i}", "Area"))
        edges.append(_e(f"C{i}", f"S{i}", "PART_OF"))
        for u in range(40):
            nodes.append(_n(f"U{i}-{u}", "Unit"))
            edges.append(_e(f"U{i}-{u}", f"C{i}" if u < 2 else f"S{i}", "LOCATED_IN"))
    return GraphView(nodes=nodes, edges=edges)


def _apart(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]


def test_long_names_boxes_at_the_layouts_font_overlap_nothing() -> None:
    """Each group's box, its words at the font the layout gives, stands at the centre of its nodes and
    overlaps no other box, no free node's label (written below the node), and no other group's nodes."""
    view = _long_view()
    group = assign_groups(view, "D")
    clusters = summarize(view, group)
    assert [c.name for c in clusters] == sorted(LONG)
    laid = grouped_positions(view, group, {c.area: box_labels(c) for c in clusters})
    font = laid.font
    boxes = {}
    for c in clusters:
        width, height = box_size_em(box_labels(c))
        x, y = laid.centres[c.area]
        boxes[c.area] = (
            x - width * font / 2,
            y - height * font / 2,
            x + width * font / 2,
            y + height * font / 2,
        )
        held = [laid.positions[n] for n, g in group.items() if g == c.area]
        assert min(p[0] for p in held) + max(p[0] for p in held) == pytest.approx(2 * x)
        assert min(p[1] for p in held) + max(p[1] for p in held) == pytest.approx(2 * y)
    spans = {
        c.area: (
            min(laid.positions[n][0] for n, g in group.items() if g == c.area),
            min(laid.positions[n][1] for n, g in group.items() if g == c.area),
            max(laid.positions[n][0] for n, g in group.items() if g == c.area),
            max(laid.positions[n][1] for n, g in group.items() if g == c.area),
        )
        for c in clusters
    }
    free = {}
    for node in ("D", "PD"):
        x, y = laid.positions[node]
        half = text_size_em(f"name-{node}")[0] * font / 2
        free[node] = (x - half, y, x + half, y + 30 + font)
    areas = list(boxes)
    for i, a in enumerate(areas):
        for b in areas[i + 1 :]:
            assert _apart(boxes[a], boxes[b]), (a, b)
            assert _apart(spans[a], spans[b]), (a, b)
        for node, label in free.items():
            assert _apart(boxes[a], label), (a, node)
    assert _apart(free["D"], free["PD"])
