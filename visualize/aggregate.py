"""Folding of views above the cap: units into their community, then communities into their street.

A folded unit takes its own party orgs and the people who work there with it. The node it folds into
counts what it stands for (`count`, and `properties.units`), and the ties of the folded nodes are
re-pointed to it, deduplicated, with the number of ties they stand for in `properties.count`.
"""

from __future__ import annotations

from collections import Counter

from graph.graphview import GraphEdge, GraphNode, GraphView

#: Most nodes a page draws; above it the view is folded.
NODE_CAP = 2000

_FOLDED_WITH_UNIT = {"BELONGS_TO": "PartyOrg", "WORKS_AT": "Person"}


def aggregate(view: GraphView, cap: int = NODE_CAP) -> GraphView:
    """The view itself if it has at most `cap` nodes, else a folded view flagged `aggregated`."""
    if len(view.nodes) <= cap:
        return view
    nodes = {n.id: n.model_copy(deep=True) for n in view.nodes}
    edges = [e.model_copy(deep=True) for e in view.edges]

    into = _unit_folds(nodes, edges, level="community")
    nodes, edges = _fold(nodes, edges, into, noun="units")
    if len(nodes) > cap:
        into = _area_folds(nodes, edges, child_level="community", parent_level="street")
        nodes, edges = _fold(nodes, edges, into, noun="communities")
    truncated = view.truncated
    if len(nodes) > cap:
        keep = _keep_order(nodes)[:cap]
        nodes = {k: nodes[k] for k in keep}
        edges = [e for e in edges if e.source in nodes and e.target in nodes]
        truncated = True
    return GraphView(nodes=list(nodes.values()), edges=edges, truncated=truncated, aggregated=True)


def _level(node: GraphNode | None) -> str | None:
    if node is None or node.type != "Area":
        return None
    level = node.properties.get("level")
    return str(level) if level is not None else None


def _unit_folds(nodes: dict[str, GraphNode], edges: list[GraphEdge], *, level: str) -> dict[str, str]:
    """Unit → its community (the area it is located in, or that area's community), with its own orgs."""
    parent_area = _parents(nodes, edges, "PART_OF")
    into: dict[str, str] = {}
    for e in edges:
        if e.type != "LOCATED_IN" or nodes.get(e.source, _NONE).type != "Unit":
            continue
        area: str | None = e.target
        while area is not None and _level(nodes.get(area)) == "grid":
            area = parent_area.get(area)
        if area is not None and _level(nodes.get(area)) in (level, "street"):
            into[e.source] = area
    for e in edges:
        kind = _FOLDED_WITH_UNIT.get(e.type)
        if kind and nodes.get(e.source, _NONE).type == kind and e.target in into:
            into[e.source] = into[e.target]
    return into


def _area_folds(
    nodes: dict[str, GraphNode], edges: list[GraphEdge], *, child_level: str, parent_level: str
) -> dict[str, str]:
    """Community → its street; grids and the party orgs based in a folded area go along."""
    into: dict[str, str] = {}
    parent_area = _parents(nodes, edges, "PART_OF")
    for area_id, node in nodes.items():
        if _level(node) in (child_level, "grid"):
            up = parent_area.get(area_id)
            while up is not None and _level(nodes.get(up)) not in (parent_level, None):
                up = parent_area.get(up)
            if up is not None and _level(nodes.get(up)) == parent_level:
                into[area_id] = up
    for e in edges:
        if e.type == "BASED_IN" and e.target in into and nodes.get(e.source, _NONE).type == "PartyOrg":
            into[e.source] = into[e.target]
    return into


def _parents(nodes: dict[str, GraphNode], edges: list[GraphEdge], rel: str) -> dict[str, str]:
    return {e.source: e.target for e in edges if e.type == rel and e.source in nodes and e.target in nodes}


def _fold(
    nodes: dict[str, GraphNode], edges: list[GraphEdge], into: dict[str, str], *, noun: str
) -> tuple[dict[str, GraphNode], list[GraphEdge]]:
    """Remove the folded nodes, count them on their target, and re-point and merge their edges."""
    if not into:
        return nodes, edges
    units_in: Counter[str] = Counter()
    folded_in: Counter[str] = Counter()
    for child, target in into.items():
        child_node = nodes[child]
        folded_in[target] += 1
        units_in[target] += _unit_count(child_node)
    for target, n in folded_in.items():
        node = nodes[target]
        units = _unit_count_folded(node) + units_in[target]
        node.properties[noun] = int(node.properties.get(noun, 0)) + n
        node.properties["units"] = units
        node.count = units
    kept = {k: v for k, v in nodes.items() if k not in into}
    merged: dict[tuple[str, str, str], GraphEdge] = {}
    for e in edges:
        source, target = into.get(e.source, e.source), into.get(e.target, e.target)
        if source == target or source not in kept or target not in kept:
            continue
        key = (source, target, e.type)
        weight = int(e.properties.get("count", 1))
        if key in merged:
            merged[key].properties["count"] = int(merged[key].properties["count"]) + weight
        else:
            merged[key] = GraphEdge(source=source, target=target, type=e.type, properties={"count": weight})
    return kept, list(merged.values())


def _unit_count(node: GraphNode) -> int:
    """How many units a node stands for once folded: a unit is one, an area its folded units."""
    if node.type == "Unit":
        return 1
    return _unit_count_folded(node)


def _unit_count_folded(node: GraphNode) -> int:
    return int(node.properties.get("units", 0)) if node.type == "Area" else 0


def _keep_order(nodes: dict[str, GraphNode]) -> list[str]:
    """Which nodes survive a hard cut: areas and alliances first, then the rest by id."""
    rank = {"Area": 0, "Alliance": 1, "PartyOrg": 2, "Contract": 3, "Unit": 4}
    return sorted(nodes, key=lambda k: (rank.get(nodes[k].type, 9), k))


class _Missing(GraphNode):
    pass


_NONE = _Missing(id="", label="", type="")
