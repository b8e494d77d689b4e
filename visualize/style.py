"""The style table: colour and shape of each entity type, colour and dash of each tie kind, and the
colour their labels are written in. The browser (js/explorer/style.js) styles every node from it; the
names of types and kinds are interface words (i18n.json: `type_*`, `tie_*`, `gap_*`)."""

from __future__ import annotations

from dataclasses import dataclass

#: Shapes that vis-network writes the label inside of; every other shape has it below, on the canvas.
LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})
#: The canvas behind labels written outside their node.
CANVAS = "#ffffff"
#: Text on the canvas.
INK = "#1d2433"


@dataclass(frozen=True)
class NodeStyle:
    color: str
    shape: str
    font: str = INK  # the label's colour: on the canvas, or on `color` for shapes in LABEL_INSIDE

    @property
    def label_background(self) -> str:
        return self.color if self.shape in LABEL_INSIDE else CANVAS


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    dashes: bool


NODE_STYLES: dict[str, NodeStyle] = {
    "Area": NodeStyle("#8d99ae", "hexagon"),
    "Unit": NodeStyle("#4c8bf5", "dot"),
    "PartyOrg": NodeStyle("#d62828", "diamond"),
    "Alliance": NodeStyle("#f4a261", "star"),
    "Person": NodeStyle("#6a994e", "triangle"),
    "Contract": NodeStyle("#9b5de5", "square"),
    "Need": NodeStyle("#e76f51", "triangleDown"),
    "Resource": NodeStyle("#2a9d8f", "triangleDown"),
    "Project": NodeStyle("#264653", "box", "#ffffff"),
}
OTHER_NODE = NodeStyle("#adb5bd", "dot")
#: A cluster (a street or community standing for what it holds): a light box with dark words.
CLUSTER = NodeStyle("#eef1f6", "box", INK)
#: A cluster's border, by its share of units lacking any link: below a third, up to two thirds, above.
CLUSTER_BORDERS = ("#2e7d32", "#ef6c00", "#c62828")

EDGE_STYLES: dict[str, EdgeStyle] = {
    "PART_OF": EdgeStyle("#c0c6cf", True),
    "LOCATED_IN": EdgeStyle("#c0c6cf", True),
    "REPORTS_TO": EdgeStyle("#d62828", False),
    "BELONGS_TO": EdgeStyle("#e07a7a", False),
    "BASED_IN": EdgeStyle("#c0c6cf", True),
    "HOSTED_BY": EdgeStyle("#f4a261", True),
    "LEADS": EdgeStyle("#f4a261", False),
    "MEMBER_OF": EdgeStyle("#f6bd60", False),
    "WORKS_AT": EdgeStyle("#6a994e", False),
    "SEATED_ON": EdgeStyle("#6a994e", False),
    "PARTY_TO": EdgeStyle("#9b5de5", False),
    "RAISED_BY": EdgeStyle("#e76f51", False),
    "OFFERED_BY": EdgeStyle("#2a9d8f", False),
    "UNDER": EdgeStyle("#264653", False),
    "MEETS": EdgeStyle("#264653", False),
    "USES": EdgeStyle("#264653", False),
    "DELIVERED_BY": EdgeStyle("#264653", False),
}
OTHER_EDGE = EdgeStyle("#adb5bd", False)

#: Border colour of a unit that lacks the selected kind of co-building link.
GAP_COLOR = "#ff006e"

#: The kinds of gap (`by=` of /api/gaps/units); their names are i18n keys `gap_<kind>`.
GAP_KINDS = ("contract", "alliance", "committee", "any")


def node_style(entity_type: str) -> NodeStyle:
    """The style of an entity type; unknown types get a neutral grey."""
    return NODE_STYLES.get(entity_type, OTHER_NODE)


def edge_style(rel_type: str) -> EdgeStyle:
    """The style of a tie kind; unknown kinds get a neutral grey."""
    return EDGE_STYLES.get(rel_type, OTHER_EDGE)


def _node(s: NodeStyle) -> dict[str, str]:
    return {"color": s.color, "shape": s.shape, "font": s.font}


def legend() -> dict[str, object]:
    """The style table as JSON-ready data, for the page's styling, legend and filters."""
    return {
        "nodes": {k: _node(s) for k, s in NODE_STYLES.items()},
        "other_node": _node(OTHER_NODE),
        "cluster": _node(CLUSTER) | {"borders": list(CLUSTER_BORDERS)},
        "edges": {k: {"color": s.color, "dashes": s.dashes} for k, s in EDGE_STYLES.items()},
        "other_edge": {"color": OTHER_EDGE.color, "dashes": OTHER_EDGE.dashes},
        "gaps": list(GAP_KINDS),
        "gap_color": GAP_COLOR,
        "canvas": CANVAS,
        "ink": INK,
    }
