"""Colours, shapes and names (zh/en) of each entity type and tie kind, shared by pages and legend."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    color: str
    shape: str
    zh: str
    en: str


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    dashes: bool
    zh: str
    en: str


NODE_STYLES: dict[str, NodeStyle] = {
    "Area": NodeStyle("#8d99ae", "hexagon", "区域", "Area"),
    "Unit": NodeStyle("#4c8bf5", "dot", "驻区单位", "Unit"),
    "PartyOrg": NodeStyle("#d62828", "diamond", "党组织", "Party org"),
    "Alliance": NodeStyle("#f4a261", "star", "党建联盟", "Alliance"),
    "Person": NodeStyle("#6a994e", "triangle", "人员", "Person"),
    "Contract": NodeStyle("#9b5de5", "square", "共建协议", "Contract"),
    "Need": NodeStyle("#e76f51", "triangleDown", "需求", "Need"),
    "Resource": NodeStyle("#2a9d8f", "triangleDown", "资源", "Resource"),
    "Project": NodeStyle("#264653", "box", "项目", "Project"),
}
OTHER_NODE = NodeStyle("#adb5bd", "dot", "其他", "Other")

EDGE_STYLES: dict[str, EdgeStyle] = {
    "PART_OF": EdgeStyle("#c0c6cf", True, "隶属区域", "part of"),
    "LOCATED_IN": EdgeStyle("#c0c6cf", True, "驻在", "located in"),
    "REPORTS_TO": EdgeStyle("#d62828", False, "上级党组织", "reports to"),
    "BELONGS_TO": EdgeStyle("#e07a7a", False, "所属单位", "belongs to"),
    "BASED_IN": EdgeStyle("#c0c6cf", True, "设在", "based in"),
    "HOSTED_BY": EdgeStyle("#f4a261", True, "所在街道", "hosted by"),
    "LEADS": EdgeStyle("#f4a261", False, "牵头", "leads"),
    "MEMBER_OF": EdgeStyle("#f6bd60", False, "联盟成员", "member of"),
    "WORKS_AT": EdgeStyle("#6a994e", False, "工作单位", "works at"),
    "SEATED_ON": EdgeStyle("#6a994e", False, "兼职委员", "seated on"),
    "PARTY_TO": EdgeStyle("#9b5de5", False, "签约方", "party to"),
    "RAISED_BY": EdgeStyle("#e76f51", False, "提出需求", "raised by"),
    "OFFERED_BY": EdgeStyle("#2a9d8f", False, "提供资源", "offered by"),
    "UNDER": EdgeStyle("#264653", False, "所属协议", "under"),
    "MEETS": EdgeStyle("#264653", False, "满足需求", "meets"),
    "USES": EdgeStyle("#264653", False, "使用资源", "uses"),
    "DELIVERED_BY": EdgeStyle("#264653", False, "承接方", "delivered by"),
}
OTHER_EDGE = EdgeStyle("#adb5bd", False, "其他", "other")

#: Border colour of a unit that lacks the selected kind of co-building link.
GAP_COLOR = "#ff006e"

#: Chinese and English names of the kinds of gap (`by=` of /api/gaps/units).
GAP_KINDS: dict[str, tuple[str, str]] = {
    "contract": ("无共建协议", "no contract"),
    "alliance": ("未入联盟", "not in an alliance"),
    "committee": ("无大党委委员", "no committee seat"),
    "any": ("完全孤立", "no link at all"),
}


def node_style(entity_type: str) -> NodeStyle:
    """The style of an entity type; unknown types get a neutral grey."""
    return NODE_STYLES.get(entity_type, OTHER_NODE)


def edge_style(rel_type: str) -> EdgeStyle:
    """The style of a tie kind; unknown kinds get a neutral grey."""
    return EDGE_STYLES.get(rel_type, OTHER_EDGE)


def legend() -> dict[str, object]:
    """Everything the page's legend and filters need, as JSON-ready data."""
    return {
        "nodes": {
            k: {"color": s.color, "shape": s.shape, "zh": s.zh, "en": s.en} for k, s in NODE_STYLES.items()
        },
        "edges": {
            k: {"color": s.color, "dashes": s.dashes, "zh": s.zh, "en": s.en} for k, s in EDGE_STYLES.items()
        },
        "gaps": {k: {"zh": zh, "en": en} for k, (zh, en) in GAP_KINDS.items()},
        "gap_color": GAP_COLOR,
    }
