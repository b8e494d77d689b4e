"""Grouping of large area views: each node goes with one child area of the view's root (a street of a
district, a community of a street), so the page opens with one cluster per child area, showing its
name, its units and the share of them lacking any link, and opens a cluster on double-click.

A node follows the tie that places it: an area its parent chain, a unit the area it is located in, a
party org its unit or its area, an alliance its host area, a person their unit or committee, a contract
its first party. What no tie places (the root, its own party org, a district's alliances) stays free."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.graphview import GraphNode, GraphView
from visualize.frame import filled, strings

#: From this many nodes an area view opens grouped.
CLUSTER_THRESHOLD = 1000
#: A cluster's id on the page; an area id cannot start with it (ids are of data, this is of the page).
CLUSTER_PREFIX = "cluster:"

#: (tie kind, which end follows the other): "source" means the source takes the target's group.
_FOLLOWS: tuple[tuple[str, str], ...] = (
    ("LOCATED_IN", "source"),
    ("BASED_IN", "source"),
    ("HOSTED_BY", "source"),
    ("BELONGS_TO", "source"),
    ("WORKS_AT", "source"),
    ("SEATED_ON", "source"),
    ("PARTY_TO", "target"),
    ("REPORTS_TO", "source"),
)
_PASSES = 2  # a person on a unit's committee: person → party org → unit → area


@dataclass(frozen=True)
class Cluster:
    """One group: the child area it stands for and what it holds."""

    id: str
    area: str
    name: str
    nodes: int
    units: int
    gap_units: int  # units lacking any co-building link (gap kind `any`)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "area": self.area,
            "name": self.name,
            "nodes": self.nodes,
            "units": self.units,
            "gap_units": self.gap_units,
        }


def wants_clusters(view: GraphView) -> bool:
    """Whether a view is large enough to open grouped (folded views are small already)."""
    return not view.aggregated and len(view.nodes) >= CLUSTER_THRESHOLD


def assign_groups(view: GraphView, root: str) -> dict[str, str]:
    """Node id → the id of the root's child area it goes with; free nodes are left out."""
    nodes = {n.id: n for n in view.nodes}
    parent = {e.source: e.target for e in view.edges if e.type == "PART_OF"}
    group: dict[str, str] = {}
    for node_id, node in nodes.items():
        if node.type == "Area" and node_id != root:
            top = _child_of_root(node_id, parent, root)
            if top is not None:
                group[node_id] = top
    for _ in range(_PASSES):
        for kind, follower in _FOLLOWS:
            for e in view.edges:
                if e.type != kind or e.source not in nodes or e.target not in nodes:
                    continue
                mover, anchor = (e.source, e.target) if follower == "source" else (e.target, e.source)
                if mover not in group and mover != root and anchor in group:
                    group[mover] = group[anchor]
    return group


def _child_of_root(area: str, parent: dict[str, str], root: str) -> str | None:
    seen: set[str] = set()
    while area in parent and area not in seen:
        seen.add(area)
        if parent[area] == root:
            return area
        area = parent[area]
    return None


def summarize(view: GraphView, group: dict[str, str]) -> list[Cluster]:
    """One cluster per child area holding at least two nodes, in the order of the areas' names."""
    nodes: dict[str, GraphNode] = {n.id: n for n in view.nodes}
    members: dict[str, list[GraphNode]] = defaultdict(list)
    for node_id, area in group.items():
        members[area].append(nodes[node_id])
    clusters = [
        Cluster(
            id=CLUSTER_PREFIX + area,
            area=area,
            name=nodes[area].label,
            nodes=len(held),
            units=sum(1 for n in held if n.type == "Unit"),
            gap_units=sum(1 for n in held if n.type == "Unit" and "any" in n.gaps),
        )
        for area, held in members.items()
        if len(held) >= 2
    ]
    return sorted(clusters, key=lambda c: (c.name, c.area))


def box_labels(cluster: Cluster) -> list[str]:
    """The words a group's box shows, in each language the page can switch to (as
    js/explorer/clusters.js writes them from i18n.json's `cluster_label`), for the layout to size it."""
    share = _percent(cluster.gap_units / cluster.units) if cluster.units else "–"
    values = {"name": cluster.name, "units": str(cluster.units), "nodes": str(cluster.nodes), "share": share}
    return [filled(words["cluster_label"], values) for words in strings().values()]


def _percent(share: float) -> str:
    """A share as the pages write it (js/explorer/style.js `percent`): one decimal from 1 %, two below,
    trailing zeros dropped."""
    text = f"{share * 100:.{1 if share * 100 >= 1 else 2}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"
