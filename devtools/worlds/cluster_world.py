"""A district of 1,500 units for the grouped view (tests/test_pages_clusters.py), worked out by hand:

西山区 A-XS (district; its party committee P-XS is based there)
├─ 东街道 A-E: 东一社区 A-E1 (250 units U-E1-*), 东二社区 A-E2 (250 units U-E2-*);
│    东街道党建联盟 AL-E hosted there, with the party orgs P-E1-0..49 of U-E1-0..49 as members
├─ 西街道 A-W: 西一社区 A-W1 (300 units), 西二社区 A-W2 (200 units)
└─ 南街道 A-S: 南一社区 A-S1 (500 units)

The area view of A-XS: 1 + 3 + 5 areas, 1,500 units, 50 + 1 party orgs, 1 alliance = 1,561 nodes.
It opens as 3 clusters (by name: 东街道, 南街道, 西街道) and 2 free nodes (A-XS, P-XS):
    东街道 554 nodes (3 areas, 500 units, 50 orgs, the alliance), 500 units, 450 with no link: 90%
    南街道 502 nodes, 500 units, all 500 with no link: 100%
    西街道 503 nodes, 500 units, all 500 with no link: 100%

`write_long_names` adds a district whose streets have long names, which make wide boxes: 开发区 A-LN
(its committee P-LN based there) with the 12 streets of LONG_STREETS (A-LN-0..11), each with 85 units
located in it directly (U-LN-<street>-0..84): 1 + 12 areas, 1,020 units, 1 party org = 1,034 nodes, 12
groups of 86 nodes, 85 units, all with no link: 100%.
"""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel

COMMUNITIES = {"A-E1": ("东一社区", "A-E", 250), "A-E2": ("东二社区", "A-E", 250)}
COMMUNITIES |= {"A-W1": ("西一社区", "A-W", 300), "A-W2": ("西二社区", "A-W", 200)}
COMMUNITIES |= {"A-S1": ("南一社区", "A-S", 500)}
STREETS = {"A-E": "东街道", "A-W": "西街道", "A-S": "南街道"}
MEMBERS = 50


def _node(node_id: str, name: str, **props: Any) -> dict[str, Any]:
    return {"id": node_id, "props": {"name": name, **props}, "prov": {}}


def _rel(src: str, dst: str, rel_id: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"src": src, "dst": dst, "props": {}, "prov": {}}
    if rel_id:
        row["id"] = rel_id
    return row


def unit_ids(community: str) -> list[str]:
    return [f"U-{community[2:]}-{i}" for i in range(COMMUNITIES[community][2])]


def names() -> list[str]:
    """Every name of the world, to tell entity names from interface words."""
    out = ["西山区", "西山区委", "东街道党建联盟", *STREETS.values()]
    out += [name for name, _, _ in COMMUNITIES.values()]
    out += [f"单位{u}" for c in COMMUNITIES for u in unit_ids(c)]
    out += [f"党支部{i}" for i in range(MEMBERS)]
    return out


def write_world(graph: Graph) -> None:
    areas = [_node("A-XS", "西山区", level="district")]
    areas += [_node(a, name, level="street") for a, name in STREETS.items()]
    areas += [_node(c, name, level="community") for c, (name, _, _) in COMMUNITIES.items()]
    units = [_node(u, f"单位{u}", kind="private") for c in COMMUNITIES for u in unit_ids(c)]
    orgs = [_node("P-XS", "西山区委", type="committee")]
    orgs += [_node(f"P-E1-{i}", f"党支部{i}", type="branch") for i in range(MEMBERS)]
    graph.write(merge_nodes(Label.AREA), {"rows": areas})
    graph.write(merge_nodes(Label.UNIT), {"rows": units})
    graph.write(merge_nodes(Label.PARTY_ORG), {"rows": orgs})
    graph.write(merge_nodes(Label.ALLIANCE), {"rows": [_node("AL-E", "东街道党建联盟")]})
    part_of = [_rel(a, "A-XS") for a in STREETS] + [_rel(c, s) for c, (_, s, _) in COMMUNITIES.items()]
    located = [_rel(u, c) for c in COMMUNITIES for u in unit_ids(c)]
    members = [_rel(f"P-E1-{i}", "AL-E", f"AL-E|P-E1-{i}") for i in range(MEMBERS)]
    writes = [
        (Rel.PART_OF, Label.AREA, Label.AREA, part_of),
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, located),
        (Rel.BASED_IN, Label.PARTY_ORG, Label.AREA, [_rel("P-XS", "A-XS")]),
        (
            Rel.BELONGS_TO,
            Label.PARTY_ORG,
            Label.UNIT,
            [_rel(f"P-E1-{i}", f"U-E1-{i}") for i in range(MEMBERS)],
        ),
        (Rel.HOSTED_BY, Label.ALLIANCE, Label.AREA, [_rel("AL-E", "A-E")]),
        (Rel.MEMBER_OF, Label.PARTY_ORG, Label.ALLIANCE, members),
    ]
    for rel, src, dst, rows in writes:
        graph.write(merge_rels(rel, src, dst), {"rows": rows})


#: The streets of 开发区 A-LN, in the order of their ids A-LN-0..11.
LONG_STREETS = [
    "经济技术开发区洛羊街道",
    "经济技术开发区阿拉街道",
    "经济技术开发区小板桥街道",
    "滇池国家旅游度假区大渔街道",
    "滇池国家旅游度假区滇池街道",
    "空港经济区大板桥街道",
    "空港经济区长水街道",
    "阳宗海风景名胜区七甸街道",
    "阳宗海风景名胜区汤池街道",
    "高新技术产业开发区马金铺街道",
    "高新技术产业开发区科技街道",
    "呈贡信息产业园区吴家营街道",
]
LONG_UNITS = 85


def write_long_names(graph: Graph) -> None:
    streets = {f"A-LN-{i}": name for i, name in enumerate(LONG_STREETS)}
    units = {f"U-LN-{i}-{u}": street for i, street in enumerate(streets) for u in range(LONG_UNITS)}
    areas = [_node("A-LN", "开发区", level="district")]
    areas += [_node(a, name, level="street") for a, name in streets.items()]
    graph.write(merge_nodes(Label.AREA), {"rows": areas})
    graph.write(merge_nodes(Label.UNIT), {"rows": [_node(u, f"单位{u}", kind="private") for u in units]})
    graph.write(merge_nodes(Label.PARTY_ORG), {"rows": [_node("P-LN", "开发区党工委", type="committee")]})
    writes = [
        (Rel.PART_OF, Label.AREA, Label.AREA, [_rel(a, "A-LN") for a in streets]),
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, [_rel(u, a) for u, a in units.items()]),
        (Rel.BASED_IN, Label.PARTY_ORG, Label.AREA, [_rel("P-LN", "A-LN")]),
    ]
    for rel, src, dst, rows in writes:
        graph.write(merge_rels(rel, src, dst), {"rows": rows})
