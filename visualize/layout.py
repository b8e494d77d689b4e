"""Server-side positions for large views, so the browser can draw them at once with physics off.

Views of this domain are mostly stars hanging off a few hubs: units off their community, members off
their alliance. So a force-directed layout (networkx's spring layout) is run only on the hubs, at most
`SKELETON_MAX` of them; every other node is placed breadth-first in a sunflower disc around the node that
reached it, and the hubs are spread far enough apart for their discs. This costs a fraction of a full
layout of thousands of nodes, and it reads better: each community is a visible cluster of its units.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict, deque

import networkx as nx

from graph.graphview import GraphView

#: Above this many nodes the server lays the view out and the page turns physics off.
LAYOUT_THRESHOLD = 300
#: Hubs laid out by force; networkx needs scipy from 500 nodes up, and the cost grows with the square.
SKELETON_MAX = 160
#: A hub has at least this many ties.
HUB_DEGREE = 3
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_DISC_INNER = 50.0  # px from the parent to its first child
_DISC_STEP = 16.0  # px of radius per sqrt(child)


def needs_server_layout(view: GraphView) -> bool:
    """Whether the view is large enough that positions should come from the server."""
    return len(view.nodes) > LAYOUT_THRESHOLD


def disc_radius(children: int) -> float:
    """The radius of the disc that `children` nodes placed around a parent fill."""
    return _DISC_INNER + _DISC_STEP * math.sqrt(children)


def compute_positions(view: GraphView, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in canvas pixels for every node of the view; the same for a given view and
    seed, in any process."""
    ids = [n.id for n in view.nodes]
    if not ids:
        return {}
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((e.source, e.target) for e in view.edges if e.source in graph and e.target in graph)

    hubs = _hubs(graph)
    children = _spanning_children(graph, hubs)
    positions = _hub_positions(graph, hubs, children, seed)
    _place_children(hubs, children, positions)
    _place_leftovers(ids, positions)
    return positions


def _hubs(graph: nx.Graph) -> list[str]:
    """The nodes laid out by force: the best-connected ones, or the single best if none is a hub."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))
    hubs = [n for n in ranked if graph.degree(n) >= HUB_DEGREE][:SKELETON_MAX]
    return hubs or ranked[:1]


def _spanning_children(graph: nx.Graph, roots: list[str]) -> dict[str, list[str]]:
    """Breadth-first from the hubs (best-connected first): which node each non-hub hangs off."""
    children: dict[str, list[str]] = defaultdict(list)
    seen = set(roots)
    queue = deque(roots)
    while queue:
        parent = queue.popleft()
        for child in sorted(graph.neighbors(parent), key=str):
            if child not in seen:
                seen.add(child)
                children[parent].append(child)
                queue.append(child)
    return children


def _subtree_sizes(roots: list[str], children: dict[str, list[str]]) -> dict[str, int]:
    """How many nodes hang (directly or not) off each node of the trees below `roots`, in one pass."""
    order: list[str] = []
    queue = deque(roots)
    while queue:
        node = queue.popleft()
        order.append(node)
        queue.extend(children.get(node, []))
    sizes: dict[str, int] = {}
    for node in reversed(order):
        sizes[node] = sum(1 + sizes[kid] for kid in children.get(node, []))
    return sizes


def _hub_positions(
    graph: nx.Graph, hubs: list[str], children: dict[str, list[str]], seed: int
) -> dict[str, tuple[float, float]]:
    """Force-directed positions of the hubs, scaled so that neighbouring hubs' discs barely touch."""
    if len(hubs) == 1:
        return {hubs[0]: (0.0, 0.0)}
    # The hubs' subgraph as a graph of its own, its nodes in the view's order: a subgraph view lists
    # them in the order of a set of strings, which differs from one process to the next (so did the
    # layout), and the layout reads it many times, a view slowly.
    wanted = set(hubs)
    skeleton = nx.Graph()
    skeleton.add_nodes_from(n for n in graph if n in wanted)
    skeleton.add_edges_from(graph.subgraph(hubs).edges)
    laid = nx.spring_layout(skeleton, seed=seed, iterations=50)
    points = {n: (float(p[0]), float(p[1])) for n, p in laid.items()}
    nearest = [min(math.dist(points[a], points[b]) for b in hubs if b != a) for a in hubs]
    sizes = _subtree_sizes(hubs, children)
    radii = [disc_radius(sizes[h]) for h in hubs]
    spacing = 2.0 * statistics.median(radii) + 40.0
    scale = spacing / max(statistics.median(nearest), 1e-6)
    return _pull_in_outliers({n: (x * scale, y * scale) for n, (x, y) in points.items()})


def _pull_in_outliers(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Weakly tied hubs drift far out in a spring layout; bring them back to the edge of the rest."""
    cx = statistics.fmean(x for x, _ in points.values())
    cy = statistics.fmean(y for _, y in points.values())
    distances = sorted(math.dist((cx, cy), p) for p in points.values())
    limit = 1.2 * distances[int(0.8 * (len(distances) - 1))] + 1.0
    pulled = {}
    for node, (x, y) in points.items():
        d = math.dist((cx, cy), (x, y))
        factor = limit / d if d > limit else 1.0
        pulled[node] = (cx + (x - cx) * factor, cy + (y - cy) * factor)
    return pulled


def _place_children(
    roots: list[str], children: dict[str, list[str]], positions: dict[str, tuple[float, float]]
) -> None:
    """Each node's children in a sunflower disc around it, breadth-first from the hubs."""
    queue = deque(roots)
    while queue:
        parent = queue.popleft()
        kids = children.get(parent, [])
        px, py = positions[parent]
        for i, child in enumerate(kids):
            radius = _DISC_INNER + _DISC_STEP * math.sqrt(i)
            angle = i * _GOLDEN_ANGLE
            positions[child] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
            queue.append(child)


def _place_leftovers(ids: list[str], positions: dict[str, tuple[float, float]]) -> None:
    """Nodes in components without a hub go on a grid below the picture."""
    left = [n for n in ids if n not in positions]
    if not left:
        return
    bottom = max((y for _, y in positions.values()), default=0.0) + 200.0
    left_x = min((x for x, _ in positions.values()), default=0.0)
    columns = max(1, int(math.sqrt(len(left))))
    for i, node in enumerate(left):
        positions[node] = (left_x + 80.0 * (i % columns), bottom + 80.0 * (i // columns))


#: Space between the discs of two groups laid side by side, in canvas pixels.
_GROUP_GAP = 120.0
#: How much further apart the free nodes of a grouped view are put than in a plain layout.
_FREE_SPREAD = 4.0


def grouped_positions(
    view: GraphView, group: dict[str, str], *, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Positions where each group is laid out on its own and the groups sit on a ring around the free
    nodes, far enough apart that no two groups' discs overlap (so opening one overlaps nothing)."""
    members: dict[str, list[str]] = defaultdict(list)
    for n in view.nodes:
        members[group.get(n.id, "")].append(n.id)
    free = members.pop("", [])
    laid = {key: _centred(_sub_positions(view, ids, seed)) for key, ids in sorted(members.items())}
    radius = {key: _extent(points) for key, points in laid.items()}
    positions: dict[str, tuple[float, float]] = {}
    # The free nodes' labels are drawn large (the page opens zoomed out to show the groups): spread them.
    centre = {
        n: (x * _FREE_SPREAD, y * _FREE_SPREAD)
        for n, (x, y) in _centred(_sub_positions(view, free, seed)).items()
    }
    positions.update(centre)
    if not laid:
        return positions
    keys = list(laid)
    circumference = sum(2 * radius[k] + _GROUP_GAP for k in keys)
    ring = max(circumference / (2 * math.pi), _extent(centre) + max(radius.values()) + _GROUP_GAP)
    if len(keys) == 1:
        ring = _extent(centre) + radius[keys[0]] + _GROUP_GAP if centre else 0.0
    angle = -math.pi / 2
    for key in keys:
        share = 2 * math.pi * (2 * radius[key] + _GROUP_GAP) / circumference
        at = angle + share / 2
        cx, cy = ring * math.cos(at), ring * math.sin(at)
        for node, (x, y) in laid[key].items():
            positions[node] = (cx + x, cy + y)
        angle += share
    return positions


def _sub_positions(view: GraphView, ids: list[str], seed: int) -> dict[str, tuple[float, float]]:
    keep = set(ids)
    sub = GraphView(
        nodes=[n for n in view.nodes if n.id in keep],
        edges=[e for e in view.edges if e.source in keep and e.target in keep],
    )
    return compute_positions(sub, seed=seed)


def _centred(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    if not points:
        return {}
    xs = [x for x, _ in points.values()]
    ys = [y for _, y in points.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {n: (x - cx, y - cy) for n, (x, y) in points.items()}


def _extent(points: dict[str, tuple[float, float]]) -> float:
    """The radius of the smallest disc around the origin holding every point (and a node's size)."""
    return max((math.hypot(x, y) for x, y in points.values()), default=0.0) + 30.0
