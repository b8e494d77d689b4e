"""How two entities are connected: the k shortest paths between them, each in order, and all of them
merged into one GraphView for rendering. No path is an empty answer, not an error."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.errors import Invalid, NotFound
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.node_display import entity_type, graph_edge, graph_node
from graph.queries.paths import ENDPOINTS, MAX_PATH_LENGTH, MAX_PATHS, shortest_paths

MAX_K = 10
DEFAULT_MAX_LENGTH = 6
DEFAULT_K = 3
_SPARE_PATHS = 2


class Via(StrEnum):
    """Which ties a path may use."""

    ORG = "org"  # organizational ties only (graph.schema.ORG_TIES), never through an area
    ALL = "all"  # area ties too (PART_OF, LOCATED_IN, BASED_IN, HOSTED_BY)


@dataclass
class PathView:
    """One path: its nodes from the start to the end, and the ties between them in the same order."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]

    @property
    def length(self) -> int:
        return len(self.edges)


@dataclass
class PathsAnswer:
    """The shortest paths, shortest first, and their union as one GraphView."""

    paths: list[PathView] = field(default_factory=list)
    graph: GraphView = field(default_factory=GraphView)


def find_paths(
    graph: Graph,
    source_id: str,
    target_id: str,
    *,
    via: Via = Via.ORG,
    max_length: int = DEFAULT_MAX_LENGTH,
    k: int = DEFAULT_K,
    scope: list[str] | None = None,
) -> PathsAnswer:
    """The `k` shortest paths of at most `max_length` ties from one entity to another.

    Only through nodes in `scope` (root area ids, None for all). NotFound if either id is unknown or
    outside the scope; Invalid for bounds out of range or the same entity twice."""
    if not 1 <= max_length <= MAX_PATH_LENGTH:
        raise Invalid(f"max_length must be between 1 and {MAX_PATH_LENGTH}")
    if not 1 <= k <= MAX_K:
        raise Invalid(f"k must be between 1 and {MAX_K}")
    if source_id == target_id:
        raise Invalid("from and to are the same entity")

    def work(tx: ManagedTransaction) -> PathsAnswer:
        found = {row["id"] for row in run(tx, ENDPOINTS, {"ids": [source_id, target_id], "scope": scope})}
        missing = [i for i in (source_id, target_id) if i not in found]
        if missing:
            raise NotFound(f"no entity with id {missing[0]!r}")
        # A few more than wanted: repeated terms on one committee give paths through the same nodes,
        # which are folded into one below.
        query = shortest_paths(min(k + _SPARE_PATHS, MAX_PATHS), max_length, org_only=via is Via.ORG)
        rows = run(tx, query, {"from": source_id, "to": target_id, "scope": scope})
        return _answer(rows, k)

    return graph.read_tx(work)


def _answer(rows: list[dict[str, Any]], k: int) -> PathsAnswer:
    paths: dict[tuple[tuple[str, ...], tuple[str, ...]], PathView] = {}
    for row in rows:
        ids = tuple(n["props"]["id"] for n in row["nodes"])
        if len(set(ids)) < len(ids):
            continue  # revisits a node (a trail, not a simple path): no tie that explains anything
        key = (ids, tuple(r["type"] for r in row["rels"]))
        if key not in paths:
            paths[key] = PathView(
                nodes=[
                    graph_node(n["props"]["id"], entity_type(n["labels"]), n["props"]) for n in row["nodes"]
                ],
                edges=[graph_edge(r["source"], r["target"], r["type"], r["props"]) for r in row["rels"]],
            )
    chosen = sorted(paths.items(), key=lambda item: (len(item[0][0]), item[0]))[:k]
    kept = [path for _, path in chosen]
    return PathsAnswer(paths=kept, graph=_union(kept))


def _union(paths: list[PathView]) -> GraphView:
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    for path in paths:
        for node in path.nodes:
            nodes.setdefault(node.id, node)
        for edge in path.edges:
            edges.setdefault((edge.source, edge.target, edge.type), edge)
    return GraphView(nodes=list(nodes.values()), edges=list(edges.values()))
