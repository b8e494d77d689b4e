"""Server-side positions for large views, so the browser can draw them at once with physics off.

Views of this domain are mostly stars hanging off a few hubs: units off their community, members off
their alliance. So a force-directed layout (networkx's spring layout) is run only on the hubs, at most
`SKELETON_MAX` of them; every other node is placed breadth-first in a sunflower disc around the node that
reached it, and the hubs are spread far enough apart for their discs. This costs a fraction of a full
layout of thousands of nodes, and it reads better: each community is a visible cluster of its units.
"""

from __future__ import annotations

import itertools
import math
import statistics
import unicodedata
from collections import defaultdict, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

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


#: Space between two groups' footprints, in canvas pixels (at least; a grouped view's gap is one em).
_GROUP_GAP = 120.0
#: How much further apart the free nodes of a grouped view are put than in a plain layout.
_FREE_SPREAD = 4.0
#: ... and at most how many times further than their labels grew, to keep their labels apart.
_FREE_SPREAD_MOST = 3.0
#: The font size, in canvas pixels, of a plain node's label (the page's vis-network default).
_PLAIN_FONT = 14.0
#: Half a dot node and the space between it and its label, in canvas pixels.
_DOT_REACH = 30.0
#: Rounds of the search for each group's angle on the ring.
_RING_ROUNDS = 12
#: The ring's heights to its width tried, and the shape of the window it should best fill (the explorer's
#: network pane is a little wider than high).
_RING_ASPECTS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
_RING_SQUARENESS = (2.0, 3.0, 4.0, 6.0)
_PICTURE_ASPECT = 1.15
#: The least height, in ems of the groups' words, of a grouped picture (or its width over
#: `_PICTURE_ASPECT`): fitted to the network pane of a 1280 × 800 window, its words are some 15 px high.
_PICTURE_MIN_EM = 36.0
#: Rounds of the search for the font of a grouped view's words, and how much larger than
#: `_PICTURE_MIN_EM` its picture may be.
_FONT_ROUNDS = 10
_FONT_TOLERANCE = 0.03
#: The rings' shapes (squareness, height to width, first footprint centred on the top) tried in the search.
_SEARCH_SHAPES = list(itertools.product((2.0, 4.0), (0.7, 1.0, 1.5), (False, True)))


@dataclass(frozen=True)
class GroupedLayout:
    """Where a grouped view's nodes go, where each group's box stands (its nodes' centre) and the font
    size, in canvas pixels, that its boxes' and free nodes' labels are drawn at: the layout keeps boxes
    of that size apart, so the page draws them at exactly that size and fits the picture to its window."""

    positions: dict[str, tuple[float, float]]
    centres: dict[str, tuple[float, float]]
    font: float


def text_size_em(text: str) -> tuple[float, int]:
    """The width (of its widest line) and the number of lines of a label, in ems of the pages' font
    (Noto Sans CJK): a Chinese character or a wide sign is one em, a Latin letter or digit at most 0.6,
    a few wide Latin signs 0.95, a space or a stop 0.3: each as wide as the widest of its kind, so that a
    box measured so holds its words."""
    lines = text.split("\n")
    return max(sum(_char_em(ch) for ch in line) for line in lines), len(lines)


def _char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 1.0
    if ch in "%@&mwMW":
        return 0.95
    if ch in " .,:;'|!il":
        return 0.3
    return 0.6


def box_size_em(labels: Sequence[str]) -> tuple[float, float]:
    """Width and height, in ems, of a group's box holding the widest of `labels` (its words in each
    language), with the page's margin of half an em all round."""
    sizes = [text_size_em(text) for text in labels] or [(1.0, 1)]
    return max(w for w, _ in sizes) + 1.0, max(n for _, n in sizes) + 1.0


def grouped_positions(
    view: GraphView,
    group: dict[str, str],
    labels: Mapping[str, Sequence[str]] | None = None,
    *,
    seed: int = 7,
) -> GroupedLayout:
    """Each group laid out on its own, and the groups on a ring around the free nodes.

    At the zoom the page opens at, a group is a box of words (`labels`: group → its label in each
    language), which must be legible, so the boxes, not the groups' nodes, take most of the picture:
    two boxes side by side need a box's width between their centres, two above each other only its
    height. Each group gets a footprint holding both its box, at the font the layout picks, and the
    disc its nodes fill (so opening it overlaps nothing); each group's angle on the ring follows how
    wide its footprint is along the ring there, and the ring is as small as keeps every two footprints,
    and each and the free nodes' labels, apart; then as large as a 1280 × 800 window shows at about
    15 px (`_PICTURE_MIN_EM`), so that a few groups' boxes are not blown up to fill it."""
    labels = labels or {}
    members: dict[str, list[str]] = defaultdict(list)
    for n in view.nodes:
        members[group.get(n.id, "")].append(n.id)
    free = _centred(_sub_positions(view, members.pop("", []), seed))
    laid = {key: _centred(_sub_positions(view, ids, seed)) for key, ids in sorted(members.items())}
    radius = {key: _extent(points) for key, points in laid.items()}
    boxes = {key: box_size_em(labels.get(key, ())) for key in laid}
    names = {n.id: n.label for n in view.nodes}
    keys = list(laid)

    def arrange(
        font: float, shapes: Sequence[RingShape] | None = None
    ) -> tuple[dict[str, tuple[float, float]], list[tuple[float, float]], float, RingShape | None]:
        """The free nodes, the groups' centres, the picture's size in ems (the words at `font`) and the
        shape of the ring."""
        gap = max(_GROUP_GAP, font)
        centre = _spread_free(free, names, font)
        if not keys:
            return centre, [], 0.0, None
        middle = _free_half_sizes(centre, names, font, gap)
        half = [
            (
                max(radius[k], boxes[k][0] * font / 2) + gap / 2,
                max(radius[k], boxes[k][1] * font / 2) + gap / 2,
            )
            for k in keys
        ]
        spots, shape = _ring(half, middle, shapes)
        spots = _spread_to(spots, half, middle, _PICTURE_MIN_EM * font)
        width, height = _picture_size(spots, half, middle)
        return centre, spots, max(width / _PICTURE_ASPECT, height) / font, shape

    # The smallest font at which the picture is no larger than `_PICTURE_MIN_EM`, so that the groups'
    # nodes, once opened, are drawn as large as the boxes' words allow; at the most, the font at which
    # each box is as tall as its group's disc, where the picture is one of boxes and no smaller. The
    # search tries a few of the rings' shapes, the last step all.
    font = 16.0
    if keys and arrange(font)[2] > _PICTURE_MIN_EM * (1 + _FONT_TOLERANCE):
        low, high = font, max([font] + [2 * radius[k] / boxes[k][1] for k in keys])
        for _ in range(_FONT_ROUNDS):
            middle_font = math.sqrt(low * high)
            if arrange(middle_font, _SEARCH_SHAPES)[2] > _PICTURE_MIN_EM * (1 + _FONT_TOLERANCE):
                low = middle_font
            else:
                high = middle_font
        font = float(math.ceil(high))
    centre, spots, _, _ = arrange(font)
    positions: dict[str, tuple[float, float]] = dict(centre)
    centres = {}
    for key, (cx, cy) in zip(keys, spots, strict=True):
        centres[key] = (cx, cy)
        for node, (x, y) in laid[key].items():
            positions[node] = (cx + x, cy + y)
    return GroupedLayout(positions, centres, font)


def _spread_free(
    points: dict[str, tuple[float, float]], names: Mapping[str, str], font: float
) -> dict[str, tuple[float, float]]:
    """The free nodes moved apart around their centre, their labels being drawn at the boxes' font: at
    least as much as their labels grew, and as far as keeps any two labels apart, up to
    `_FREE_SPREAD_MOST` times that (many free nodes would push the groups off the window)."""
    grown = max(_FREE_SPREAD, font / _PLAIN_FONT)
    sizes = {n: text_size_em(names.get(n, "")) for n in points}
    half = {
        n: (max(_DOT_REACH, w * font / 2) + font / 4, _DOT_REACH + lines * font / 2 + font / 4)
        for n, (w, lines) in sizes.items()
    }
    ids = sorted(points)
    apart = 0.0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            dx, dy = abs(points[a][0] - points[b][0]), abs(points[a][1] - points[b][1])
            across = (half[a][0] + half[b][0]) / dx if dx > 1e-9 else math.inf
            down = (half[a][1] + half[b][1]) / dy if dy > 1e-9 else math.inf
            apart = max(apart, min(across, down))
    spread = max(grown, min(apart, _FREE_SPREAD_MOST * grown))
    return {n: (x * spread, y * spread) for n, (x, y) in points.items()}


def _free_half_sizes(
    centre: dict[str, tuple[float, float]], names: Mapping[str, str], font: float, gap: float
) -> tuple[float, float] | None:
    """Half the width and height of the box around the origin that holds the free nodes with their
    labels (written below each node) and half a gap; None without free nodes."""
    if not centre:
        return None
    width = max(
        abs(x) + max(_DOT_REACH, text_size_em(names.get(n, ""))[0] * font / 2) for n, (x, _) in centre.items()
    )
    height = max(
        abs(y) + _DOT_REACH + text_size_em(names.get(n, ""))[1] * font for n, (_, y) in centre.items()
    )
    return width + gap / 2, height + gap / 2


#: A ring's shape: its squareness (2 an ellipse, more a rounded rectangle), its height to its width and
#: whether its first footprint is centred on its top.
RingShape = tuple[float, float, bool]


def _ring(
    half: list[tuple[float, float]],
    middle: tuple[float, float] | None,
    shapes: Sequence[RingShape] | None = None,
) -> tuple[list[tuple[float, float]], RingShape]:
    """The footprints' centres on a ring around the middle, in order clockwise from the top. The ring is
    a superellipse (from an ellipse to a rounded rectangle, as high as wide or not), the first footprint
    at its top or just after it: of these `shapes` (all by default), the one whose picture best fills a
    window `_PICTURE_ASPECT` times as wide as high."""
    best: tuple[float, list[tuple[float, float]], RingShape] | None = None
    for shape in shapes or list(itertools.product(_RING_SQUARENESS, _RING_ASPECTS, (False, True))):
        spots = _on_ring(half, middle, *shape)
        width, height = _picture_size(spots, half, middle)
        score = min(_PICTURE_ASPECT / max(width, 1e-9), 1 / max(height, 1e-9))
        if best is None or score > best[0] * (1 + 1e-9):
            best = (score, spots, shape)
    assert best is not None
    return best[1], best[2]


def _on_ring(
    half: list[tuple[float, float]],
    middle: tuple[float, float] | None,
    square: float,
    tall: float,
    centred: bool,
) -> list[tuple[float, float]]:
    """The footprints' centres on one ring: x = cos^(2/square) a, y = tall · sin^(2/square) a, made as
    small as keeps them apart."""

    def curve(a: float) -> tuple[float, float]:
        return _bend(math.cos(a), square), tall * _bend(math.sin(a), square)

    units = [curve(a) for a in _ring_angles(half, curve, centred=centred)]
    radius = _ring_radius(half, units, middle)
    return [(radius * x, radius * y) for x, y in units]


def _spread_to(
    spots: list[tuple[float, float]],
    half: list[tuple[float, float]],
    middle: tuple[float, float] | None,
    least: float,
) -> list[tuple[float, float]]:
    """The footprints moved out from the middle (which keeps them apart) until the picture is at least
    `least` high or `_PICTURE_ASPECT` times that wide: a few groups' boxes, fitted to a window, would
    otherwise be drawn at twice the size of the words around them."""

    def size(factor: float) -> float:
        width, height = _picture_size([(x * factor, y * factor) for x, y in spots], half, middle)
        return max(width / _PICTURE_ASPECT, height)

    if size(1.0) >= least:
        return spots
    low, high = 1.0, 2.0
    for _ in range(64):  # a lone group with no free node stays in the middle, however far it is spread
        if size(high) >= least:
            break
        low, high = high, high * 2
    for _ in range(40):
        low, high = (low, (low + high) / 2) if size((low + high) / 2) >= least else ((low + high) / 2, high)
    return [(x * high, y * high) for x, y in spots]


def _bend(value: float, square: float) -> float:
    return math.copysign(abs(value) ** (2 / square), value)


def _picture_size(
    spots: list[tuple[float, float]], half: list[tuple[float, float]], middle: tuple[float, float] | None
) -> tuple[float, float]:
    edges = [(x - w, y - h, x + w, y + h) for (x, y), (w, h) in zip(spots, half, strict=True)]
    if middle is not None:
        edges.append((-middle[0], -middle[1], middle[0], middle[1]))
    return (
        max(e[2] for e in edges) - min(e[0] for e in edges),
        max(e[3] for e in edges) - min(e[1] for e in edges),
    )


def _ring_angles(
    half: list[tuple[float, float]], curve: Callable[[float], tuple[float, float]], *, centred: bool
) -> list[float]:
    """Each footprint's angle on the ring, clockwise from the top (the first one's share starting there,
    or `centred` on it): its share of the turn is as large as the footprint is long along the ring where
    it stands (a box's width at the top and the bottom, its height at the sides) over how fast the ring
    goes there; a few rounds from equal shares."""
    count = len(half)
    angles = [-math.pi / 2 + 2 * math.pi * (i + 0.5) / count for i in range(count)]
    step = 1e-4
    for _ in range(_RING_ROUNDS):
        need = []
        for (w, h), a in zip(half, angles, strict=True):
            (x0, y0), (x1, y1) = curve(a - step), curve(a + step)
            tx, ty = (x1 - x0) / (2 * step), (y1 - y0) / (2 * step)
            need.append(2 * (w * abs(tx) + h * abs(ty)) / max(tx * tx + ty * ty, 1e-9))
        total = sum(need)
        start = -math.pi / 2 - (math.pi * need[0] / total if centred else 0.0)
        for i, length in enumerate(need):
            angles[i] = start + math.pi * length / total
            start += 2 * math.pi * length / total
    return angles


def _ring_radius(
    half: list[tuple[float, float]], units: list[tuple[float, float]], middle: tuple[float, float] | None
) -> float:
    """The smallest scale of the ring at which no two footprints overlap, nor any the free nodes' box:
    two rectangles are apart when they are apart across or down."""

    def needed(dx: float, dy: float, across: float, down: float) -> float:
        return min(across / dx if dx > 1e-9 else math.inf, down / dy if dy > 1e-9 else math.inf)

    ring = 0.0
    for i, ((wi, hi), (xi, yi)) in enumerate(zip(half, units, strict=True)):
        if middle is not None:
            ring = max(ring, needed(abs(xi), abs(yi), wi + middle[0], hi + middle[1]))
        for (wj, hj), (xj, yj) in zip(half[i + 1 :], units[i + 1 :], strict=True):
            ring = max(ring, needed(abs(xi - xj), abs(yi - yj), wi + wj, hi + hj))
    return ring if math.isfinite(ring) else 0.0


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
