"""The fixture world of the visualization tests (see tests/test_pages_browser.py for its gaps).

昆明市 A-KM ─ 官渡区 A-GD ─ 太和街道 A-TH ─┬─ 佴家湾社区 A-EJW: 市三院 U-SSY, 市供电局 U-GDJ
                                       └─ 金星社区 A-JX:   春城物业公司 U-WY, <img …> U-XSS
太和街道党工委 P-TH (BASED_IN A-TH) leads 太和街道党建联盟 AL-TH (HOSTED_BY A-TH);
佴家湾社区党委 P-EJW (BASED_IN A-EJW, REPORTS_TO P-TH);
市三院党委 P-SSY (BELONGS_TO U-SSY) and 市供电局党委 P-GDJ (BELONGS_TO U-GDJ) are members of AL-TH;
contract K1 (active, 2024-01-01 … 2099-12-31) between P-EJW and P-SSY;
张三 PE1 works at U-GDJ and holds a current seat on P-EJW.
官渡区 also holds 大街道 A-BIG: three communities A-BIG-C0..2 of 700 units each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import Label, Rel
from graph.search_keys import search_keys

HOSTILE = "<img src=x onerror=alert(1)>"
BIG_COMMUNITIES = 3
BIG_UNITS_EACH = 700


def _node(node_id: str, name: str, aliases: tuple[str, ...] = (), **props: Any) -> dict[str, Any]:
    keys = search_keys(name, aliases)
    return {"id": node_id, "props": {"name": name, "aliases": list(aliases), **keys, **props}, "prov": {}}


def _rel(src: str, dst: str, rel_id: str | None = None, **props: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"src": src, "dst": dst, "props": props, "prov": {}}
    if rel_id:
        row["id"] = rel_id
    return row


def write_world(graph: Graph) -> None:
    areas = [
        _node("A-KM", "昆明市", level="city"),
        _node("A-GD", "官渡区", level="district"),
        _node("A-TH", "太和街道", level="street", joint_meeting=True),
        _node("A-EJW", "佴家湾社区", level="community", joint_meeting=True),
        _node("A-JX", "金星社区", level="community"),
        _node("A-BIG", "大街道", level="street"),
        *(_node(f"A-BIG-C{c}", f"大社区{c}", level="community") for c in range(BIG_COMMUNITIES)),
    ]
    units = [
        _node("U-SSY", "市三院", ("昆明市第三人民医院",), kind="institution"),
        _node("U-GDJ", "市供电局", kind="soe"),
        _node("U-WY", "春城物业公司", kind="property"),
        _node("U-XSS", HOSTILE, kind="private"),
    ]
    big_units = [
        {"id": f"U-BIG-{c}-{u}", "props": {"name": f"大单位{c}-{u}", "kind": "private"}, "prov": {}}
        for c in range(BIG_COMMUNITIES)
        for u in range(BIG_UNITS_EACH)
    ]
    orgs = [
        _node("P-TH", "太和街道党工委", type="working_committee"),
        _node("P-EJW", "佴家湾社区党委", type="committee"),
        _node("P-SSY", "市三院党委", type="committee"),
        _node("P-GDJ", "市供电局党委", type="committee"),
    ]
    graph.write(merge_nodes(Label.AREA), {"rows": areas})
    graph.write(merge_nodes(Label.UNIT), {"rows": units + big_units})
    graph.write(merge_nodes(Label.PARTY_ORG), {"rows": orgs})
    graph.write(merge_nodes(Label.ALLIANCE), {"rows": [_node("AL-TH", "太和街道党建联盟")]})
    contract = _node(
        "K1", "市三院健康共建协议", status="active", signed=dt.date(2024, 1, 1), expires=dt.date(2099, 12, 31)
    )
    graph.write(merge_nodes(Label.CONTRACT), {"rows": [contract]})
    graph.write(merge_nodes(Label.PERSON), {"rows": [{"id": "PE1", "props": {"name": "张三"}, "prov": {}}]})

    part_of = [_rel("A-GD", "A-KM"), _rel("A-TH", "A-GD"), _rel("A-EJW", "A-TH"), _rel("A-JX", "A-TH")]
    part_of += [_rel("A-BIG", "A-GD")] + [_rel(f"A-BIG-C{c}", "A-BIG") for c in range(BIG_COMMUNITIES)]
    located = [_rel("U-SSY", "A-EJW"), _rel("U-GDJ", "A-EJW"), _rel("U-WY", "A-JX"), _rel("U-XSS", "A-JX")]
    located += [_rel(u["id"], u["id"].rsplit("-", 1)[0].replace("U-BIG-", "A-BIG-C")) for u in big_units]
    writes = [
        (Rel.PART_OF, Label.AREA, Label.AREA, part_of),
        (Rel.LOCATED_IN, Label.UNIT, Label.AREA, located),
        (Rel.BASED_IN, Label.PARTY_ORG, Label.AREA, [_rel("P-TH", "A-TH"), _rel("P-EJW", "A-EJW")]),
        (Rel.REPORTS_TO, Label.PARTY_ORG, Label.PARTY_ORG, [_rel("P-EJW", "P-TH")]),
        (Rel.BELONGS_TO, Label.PARTY_ORG, Label.UNIT, [_rel("P-SSY", "U-SSY"), _rel("P-GDJ", "U-GDJ")]),
        (Rel.HOSTED_BY, Label.ALLIANCE, Label.AREA, [_rel("AL-TH", "A-TH")]),
        (Rel.LEADS, Label.PARTY_ORG, Label.ALLIANCE, [_rel("P-TH", "AL-TH")]),
        (
            Rel.MEMBER_OF,
            Label.PARTY_ORG,
            Label.ALLIANCE,
            [_rel("P-SSY", "AL-TH", "AL-TH|P-SSY"), _rel("P-GDJ", "AL-TH", "AL-TH|P-GDJ")],
        ),
        (Rel.PARTY_TO, Label.PARTY_ORG, Label.CONTRACT, [_rel("P-EJW", "K1"), _rel("P-SSY", "K1")]),
        (Rel.WORKS_AT, Label.PERSON, Label.UNIT, [_rel("PE1", "U-GDJ")]),
        (
            Rel.SEATED_ON,
            Label.PERSON,
            Label.PARTY_ORG,
            [_rel("PE1", "P-EJW", "PE1|P-EJW|2024-01-01", title="兼职委员", start=dt.date(2024, 1, 1))],
        ),
    ]
    for rel, src, dst, rows in writes:
        graph.write(merge_rels(rel, src, dst), {"rows": rows})
