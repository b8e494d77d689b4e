"""An area's subgraph for Gephi, as a GraphView: its areas, units, party orgs, alliances, contracts,
needs, resources and projects, and the relationships among them (graph/queries/subgraph.py)."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.node_display import jsonable
from graph.queries.subgraph import MAX_EDGES, MAX_NODES, SUBGRAPH_EDGES, SUBGRAPH_NODES
from graph.scope import Scope

# Properties that are bookkeeping or search keys, not information for a network view.
_HIDDEN = (
    "src_file",
    "src_sheet",
    "src_row",
    "load_id",
    "loaded_at",
    "aliases_text",
    "pinyin",
    "initials",
    "keys_text",
)


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in props.items():
        if key in _HIDDEN:
            continue
        out[key] = jsonable(value)
    return out


def area_subgraph(graph: Graph, scope: Scope) -> GraphView:
    """The scope's subgraph as a GraphView, truncated (and flagged) past MAX_NODES or MAX_EDGES."""

    def work(tx: ManagedTransaction) -> GraphView:
        rows = run(tx, SUBGRAPH_NODES, {"roots": scope.roots, "max_nodes": MAX_NODES})
        ids = [r["id"] for r in rows]
        edges = run(tx, SUBGRAPH_EDGES, {"ids": ids, "max_edges": MAX_EDGES}) if ids else []
        truncated = bool(rows) and rows[0]["total"] > len(rows) or len(edges) >= MAX_EDGES
        return GraphView(
            nodes=[
                GraphNode(id=r["id"], label=r["label"], type=r["type"], properties=_plain(r["props"]))
                for r in rows
            ],
            edges=[
                GraphEdge(
                    source=e["source"], target=e["target"], type=e["type"], properties=_plain(e["props"])
                )
                for e in edges
            ],
            truncated=truncated,
        )

    return graph.read_tx(work)
