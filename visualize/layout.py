"""Server-side positions for large views, so the browser can draw them at once with physics off.

Force-directed layout is run on a skeleton of at most `SKELETON_MAX` nodes (the densest part of the
graph); every other node is placed on a ring around a neighbour that is already placed. Views of this
domain are mostly trees hanging off a few hubs (units off communities), so the picture stays readable
while the cost stays far below a full layout of thousands of nodes.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque

import networkx as nx

from graph.graphview import GraphView

#: Above this many nodes the server lays the view out and the page turns physics off.
LAYOUT_THRESHOLD = 300
#: networkx's numpy-only spring layout is used below 500 nodes; keep the skeleton under that.
SKELETON_MAX = 400
SCALE = 1000.0


def needs_server_layout(view: GraphView) -> bool:
    """Whether the view is large enough that positions should come from the server."""
    return len(view.nodes) > LAYOUT_THRESHOLD


def compute_positions(view: GraphView, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in canvas pixels for every node of the view; deterministic for a given seed."""
    ids = [n.id for n in view.nodes]
    if not ids:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((e.source, e.target) for e in view.edges if e.source in graph and e.target in graph)

    skeleton = _skeleton(graph)
    positions: dict[str, tuple[float, float]] = {}
    if skeleton:
        sub = graph.subgraph(skeleton)
        spread = SCALE * max(1.0, math.sqrt(len(ids) / 100))
        laid = nx.spring_layout(sub, seed=seed, iterations=60, scale=spread)
        positions = {n: (float(p[0]), float(p[1])) for n, p in laid.items()}
    _place_around_neighbours(graph, positions)
    _place_leftovers(ids, positions)
    return positions


def _skeleton(graph: nx.Graph) -> list[str]:
    """The nodes that get a force-directed layout: the 2-core if it is small, else the highest degrees."""
    core = [n for n, d in graph.degree() if d > 1]
    if len(core) > SKELETON_MAX:
        core = sorted(core, key=lambda n: (-graph.degree(n), n))[:SKELETON_MAX]
    if not core and len(graph):
        core = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:SKELETON_MAX]
    return core


def _place_around_neighbours(graph: nx.Graph, positions: dict[str, tuple[float, float]]) -> None:
    """Breadth-first from the placed nodes: each child sits on a ring around the parent that reached it."""
    children: dict[str, list[str]] = defaultdict(list)
    queue = deque(sorted(positions))
    seen = set(positions)
    while queue:
        parent = queue.popleft()
        for child in sorted(graph.neighbors(parent)):
            if child not in seen:
                seen.add(child)
                children[parent].append(child)
                queue.append(child)
        kids = children.get(parent)
        if kids:
            px, py = positions[parent]
            radius = 60.0 + 6.0 * math.sqrt(len(kids)) * 6
            for i, child in enumerate(kids):
                angle = 2 * math.pi * i / len(kids)
                ring = radius * (1.0 + 0.35 * (i % 3))
                positions[child] = (px + ring * math.cos(angle), py + ring * math.sin(angle))


def _place_leftovers(ids: list[str], positions: dict[str, tuple[float, float]]) -> None:
    """Nodes in components without a skeleton node go on a grid below the picture."""
    left = [n for n in ids if n not in positions]
    if not left:
        return
    bottom = max((y for _, y in positions.values()), default=0.0) + 200.0
    left_x = min((x for x, _ in positions.values()), default=0.0)
    columns = max(1, int(math.sqrt(len(left))))
    for i, node in enumerate(left):
        positions[node] = (left_x + 80.0 * (i % columns), bottom + 80.0 * (i // columns))
