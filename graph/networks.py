"""Ego networks: an entity and everything within a few hops of it, as a GraphView for visualize/."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.errors import Invalid, NotFound
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.node_display import entity_type, graph_edge, graph_node
from graph.queries.network import ENTITY_EXISTS, expand_layer
from graph.schema import Rel

MAX_DEPTH = 3
MAX_NODES = 2000
DEFAULT_NODES = 300
# Rows read per layer, as a multiple of the nodes still allowed: ties between nodes already in the
# network come on top of the new nodes, but a hub's thousands of neighbours must not all be read.
_ROWS_PER_NODE = 4
_MIN_ROWS = 200

EdgeKey = tuple[str, str, str]


def parse_rel_types(text: str | None) -> tuple[Rel, ...]:
    """Comma-separated relationship type names (MEMBER_OF,LEADS) as enum members; Invalid if unknown."""
    names = [part.strip().upper() for part in (text or "").split(",") if part.strip()]
    if not names:
        return tuple(Rel)
    unknown = sorted({n for n in names if n not in Rel.__members__})
    if unknown:
        raise Invalid(f"unknown relationship types {unknown}; known: {', '.join(Rel)}")
    return tuple(dict.fromkeys(Rel[n] for n in names))


def ego_network(
    graph: Graph,
    entity_id: str,
    depth: int = 1,
    types: Iterable[Rel] | None = None,
    limit: int = DEFAULT_NODES,
    scope: list[str] | None = None,
) -> GraphView:
    """The entity, its neighbours up to `depth` hops over `types` (all by default), and every tie among
    them; at most `limit` nodes, `truncated` if more were left out. Only nodes in `scope` (root area ids,
    None for all) are shown or walked through; NotFound for an unknown id or one outside the scope."""
    if not 1 <= depth <= MAX_DEPTH:
        raise Invalid(f"depth must be between 1 and {MAX_DEPTH}")
    if not 1 <= limit <= MAX_NODES:
        raise Invalid(f"limit must be between 1 and {MAX_NODES}")
    rels = tuple(sorted(set(types), key=list(Rel).index)) if types is not None else tuple(Rel)
    if not rels:
        raise Invalid("at least one relationship type is needed")
    return graph.read_tx(lambda tx: _build(tx, entity_id, depth, rels, limit, scope))


def _build(
    tx: ManagedTransaction,
    entity_id: str,
    depth: int,
    rels: tuple[Rel, ...],
    limit: int,
    scope: list[str] | None,
) -> GraphView:
    found = run(tx, ENTITY_EXISTS, {"id": entity_id, "scope": scope})
    if not found:
        raise NotFound(f"no entity with id {entity_id!r}")
    ego = graph_node(entity_id, entity_type(found[0]["labels"]), found[0]["props"], depth=0)
    nodes: dict[str, GraphNode] = {entity_id: ego}
    edges: dict[EdgeKey, GraphEdge] = {}
    frontier = [entity_id]
    truncated = False
    for hop in range(1, depth + 1):
        if not frontier:
            break
        cap = max(_MIN_ROWS, (limit - len(nodes)) * _ROWS_PER_NODE)
        params = {"frontier": frontier, "known": dict.fromkeys(nodes, True), "cap": cap, "scope": scope}
        rows = run(tx, expand_layer(rels, closing=False), params)
        truncated |= len(rows) >= cap
        next_frontier: list[str] = []
        for row in rows:
            neighbour = row["b"]
            # Rows to nodes known before this layer carry no labels or properties: they add only edges.
            if neighbour not in nodes:
                if len(nodes) >= limit:
                    truncated = True
                    continue
                nodes[neighbour] = graph_node(neighbour, entity_type(row["labels"]), row["props"], depth=hop)
                next_frontier.append(neighbour)
            _add_edge(edges, row)
        frontier = next_frontier
    if frontier:
        # Ties among the outermost nodes, which were reached but not expanded.
        cap = max(_MIN_ROWS, limit * _ROWS_PER_NODE)
        params = {"frontier": frontier, "known": dict.fromkeys(nodes, True), "cap": cap}
        rows = run(tx, expand_layer(rels, closing=True), params)
        truncated |= len(rows) >= cap
        for row in rows:
            _add_edge(edges, row)
    return GraphView(nodes=list(nodes.values()), edges=list(edges.values()), truncated=truncated)


def _add_edge(edges: dict[EdgeKey, GraphEdge], row: dict[str, Any]) -> None:
    """One edge per (source, target, type), whichever end it was found from."""
    source, target = (row["a"], row["b"]) if row["outgoing"] else (row["b"], row["a"])
    key = (source, target, row["type"])
    if key not in edges:
        edges[key] = graph_edge(source, target, row["type"], row["rel_props"])
