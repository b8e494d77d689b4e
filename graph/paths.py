"""How two entities are connected: up to k distinct paths between them, ranked by tier, then length.

An end stands for what it holds links for: a unit for itself and its party orgs (the holder rule), an
area for itself and the party orgs based in it. Paths are looked for tier by tier (graph/ties.py):
co-building ties in force, then with the party-org hierarchy, then with ended contracts and seats, and
the map only when nothing else connects the two. No path is an empty answer, not an error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph.driver import Graph
from graph.errors import Invalid, NotFound
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.node_display import entity_type, graph_edge, graph_node
from graph.queries.paths import ENDPOINTS, MAX_PATH_LENGTH, MAX_PATHS, tier_paths
from graph.schema import Label, Rel
from graph.ties import ALWAYS_RELS, COBUILDING_KINDS, KIND_RELS, REL_KIND, TieKind, Tier

MAX_K = 10
DEFAULT_MAX_LENGTH = 6
DEFAULT_K = 3
_SPARE_PATHS = 2
#: The kinds a path uses unless told otherwise: every co-building kind and the hierarchy, not the map.
DEFAULT_KINDS: frozenset[TieKind] = frozenset((*COBUILDING_KINDS, TieKind.HIERARCHY))


class Via(StrEnum):
    """Whether a path may use the map."""

    ORG = "org"  # organizational ties only, never through an area (an area end stands for its orgs)
    ALL = "all"  # the map too (PART_OF, LOCATED_IN, BASED_IN, HOSTED_BY), when nothing else connects


@dataclass(frozen=True)
class PathEnd:
    """One end of the question: the entity, and the ids of what it stands for (itself first)."""

    node: GraphNode
    holders: frozenset[str]


@dataclass
class PathView:
    """One path: its nodes from the start to the end, the ties between them in the same order, the kind
    of each tie (None inside an end: a unit's own org, an area's based org) and the path's tier."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    hop_kinds: list[TieKind | None] = field(default_factory=list)
    tier: Tier = Tier.COBUILDING

    @property
    def length(self) -> int:
        return len(self.edges)

    @property
    def kinds(self) -> list[TieKind]:
        """The kinds of tie the path uses, in order of first use."""
        return list(dict.fromkeys(k for k in self.hop_kinds if k is not None))


@dataclass
class PathsAnswer:
    """The ranked paths, their union as one GraphView, the two ends and the date ties were read on."""

    source: GraphNode
    target: GraphNode
    as_of: dt.date
    paths: list[PathView] = field(default_factory=list)
    graph: GraphView = field(default_factory=GraphView)


@dataclass(frozen=True)
class _Search:
    """One tier's search: the tie types between the ends, whether ended ties count, the map too."""

    tier: Tier
    rels: tuple[Rel, ...]
    active_only: bool
    map_too: bool


def find_paths(
    graph: Graph,
    source_id: str,
    target_id: str,
    *,
    via: Via = Via.ORG,
    max_length: int = DEFAULT_MAX_LENGTH,
    k: int = DEFAULT_K,
    scope: list[str] | None = None,
    kinds: Iterable[TieKind] | None = None,
    inactive: bool = True,
    as_of: dt.date | None = None,
) -> PathsAnswer:
    """Up to `k` distinct paths of at most `max_length` ties from one entity to another, ranked.

    `kinds` are the tie kinds a path may use (DEFAULT_KINDS if None; GEOGRAPHY in it is `via=all`);
    `inactive` lets contracts not in force and ended seats on `as_of` (today if None) appear, after
    the ties in force. Only through nodes in `scope` (root area ids, None for all). NotFound if either
    id is unknown or outside the scope (the same answer); Invalid for bounds out of range or the same
    entity twice."""
    if not 1 <= max_length <= MAX_PATH_LENGTH:
        raise Invalid(f"max_length must be between 1 and {MAX_PATH_LENGTH}")
    if not 1 <= k <= MAX_K:
        raise Invalid(f"k must be between 1 and {MAX_K}")
    if source_id == target_id:
        raise Invalid("from and to are the same entity")
    chosen = set(DEFAULT_KINDS if kinds is None else kinds)
    map_too = via is Via.ALL or TieKind.GEOGRAPHY in chosen
    searches = _searches(chosen, inactive=inactive, map_too=map_too)
    day = as_of or dt.date.today()

    rows = graph.read(ENDPOINTS, {"ids": [source_id, target_id], "scope": scope})
    ends = {row["id"]: _end(row) for row in rows}
    for wanted in (source_id, target_id):
        if wanted not in ends:
            raise NotFound(f"no entity with id {wanted!r}")
    start, end = ends[source_id], ends[target_id]
    params = {
        "from": source_id,
        "to": target_id,
        "from_set": sorted(start.holders),
        "to_set": sorted(end.holders),
        "scope": scope,
        "as_of": day,
    }
    found: dict[tuple[tuple[str, ...], tuple[str, ...]], PathView] = {}
    # A few more than wanted: repeated terms on one committee give paths through the same nodes, which
    # fold into one. Each search is its own read, so each gets the whole query timeout.
    count = min(k + _SPARE_PATHS, MAX_PATHS)

    def search_tier(search: _Search) -> int:
        query = tier_paths(count, max_length, map_too=search.map_too)
        tier_params = {**params, "between": [str(r) for r in search.rels], "active_only": search.active_only}
        rows = graph.read(query, tier_params)
        for row in rows:
            key, path = _path(row, start, end)
            # One connection told once: by the current term of two on one committee, by the shortest
            # way through an end.
            if key is not None and path is not None and (key not in found or _better(path, found[key])):
                found[key] = path
        return len(rows)

    org = [s for s in searches if s.tier is not Tier.GEOGRAPHY]
    # The narrowest tier first, then the broadest: when that one returns fewer paths than asked, it saw
    # every path there is, and no tier in between can add one (two searches, not three, when nothing
    # connects the two). A tier in between runs only if the paths found so far leave room for its own.
    for search in [*org[:1], *org[-1:], *org[1:-1]] if len(org) > 1 else org:
        if sum(1 for p in found.values() if p.tier.rank <= search.tier.rank) >= k:
            break
        returned = search_tier(search)
        if search is org[-1] and returned < count:
            break
    if not found and map_too:
        search_tier(searches[-1])  # the map only when nothing else connects the two
    ranked = sorted(found.items(), key=lambda item: _rank(item[1], item[0]))[:k]
    kept = [path for _, path in ranked]
    return PathsAnswer(source=start.node, target=end.node, as_of=day, paths=kept, graph=_union(kept))


def _searches(chosen: set[TieKind], *, inactive: bool, map_too: bool) -> list[_Search]:
    """The tiers to search, in order; a tier that would search the same ties as the one before is left out."""
    cobuilding = (*ALWAYS_RELS, *(r for kind in COBUILDING_KINDS if kind in chosen for r in KIND_RELS[kind]))
    hierarchy = KIND_RELS[TieKind.HIERARCHY] if TieKind.HIERARCHY in chosen else ()
    searches = [_Search(Tier.COBUILDING, cobuilding, active_only=True, map_too=False)]
    if hierarchy:
        searches.append(_Search(Tier.HIERARCHY, (*cobuilding, *hierarchy), active_only=True, map_too=False))
    if inactive:
        searches.append(_Search(Tier.INACTIVE, (*cobuilding, *hierarchy), active_only=False, map_too=False))
    if map_too:
        every = (*cobuilding, *hierarchy, *KIND_RELS[TieKind.GEOGRAPHY])
        searches.append(_Search(Tier.GEOGRAPHY, every, active_only=not inactive, map_too=True))
    return searches


def _end(row: dict[str, Any]) -> PathEnd:
    node = graph_node(row["id"], entity_type(row["labels"]), row["props"])
    return PathEnd(node=node, holders=frozenset(row["holders"]))


def _path(
    row: dict[str, Any], start: PathEnd, end: PathEnd
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]] | None, PathView | None]:
    """A row as a path and its key (node ids, tie types), or (None, None) for a walk that revisits a
    node: SHORTEST returns trails, and a trail explains nothing a simple path does not."""
    ids = tuple(n["props"]["id"] for n in row["nodes"])
    if len(set(ids)) < len(ids):
        return None, None
    # The ties between the ends: from the last node of the start's set to the first of the end's. Two
    # paths that differ only inside an end (through a community's committee or one of its branches based
    # there too) tell the same connection.
    first = max(i for i, node_id in enumerate(ids) if node_id in start.holders or i == 0)
    last = min(i for i, node_id in enumerate(ids) if node_id in end.holders or i == len(ids) - 1)
    types = tuple(r["type"] for r in row["rels"])
    nodes = []
    for n in row["nodes"]:
        extra = {} if n["in_force"] is None else {"in_force": bool(n["in_force"])}
        nodes.append(graph_node(n["props"]["id"], entity_type(n["labels"]), n["props"], **extra))
    edges = []
    for r in row["rels"]:
        edge = graph_edge(r["source"], r["target"], r["type"], r["props"])
        if r["in_term"] is not None:
            edge.properties["in_term"] = bool(r["in_term"])
        edges.append(edge)
    hop_kinds: list[TieKind | None] = []
    for i, edge in enumerate(edges):
        pair = {ids[i], ids[i + 1]}
        inside_an_end = pair <= start.holders or pair <= end.holders
        hop_kinds.append(None if inside_an_end else REL_KIND.get(Rel(edge.type)))
    path = PathView(nodes=nodes, edges=edges, hop_kinds=hop_kinds)
    path.tier = _tier(path, ends={start.node.id, end.node.id})
    return (ids[first : last + 1], types[first:last]), path


def _tier(path: PathView, ends: set[str]) -> Tier:
    """The tier a path's ties put it in (read from the flags the query set on contracts and seats)."""
    if TieKind.GEOGRAPHY in path.hop_kinds:
        return Tier.GEOGRAPHY
    ended_contract = any(
        n.type == Label.CONTRACT and n.id not in ends and not n.properties.get("in_force", False)
        for n in path.nodes
    )
    ended_seat = any(e.properties.get("in_term") is False for e in path.edges)
    if ended_contract or ended_seat:
        return Tier.INACTIVE
    if TieKind.HIERARCHY in path.hop_kinds:
        return Tier.HIERARCHY
    return Tier.COBUILDING


def _better(path: PathView, than: PathView) -> bool:
    return (path.tier.rank, path.length) < (than.tier.rank, than.length)


def _rank(path: PathView, key: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[Any, ...]:
    between = sum(1 for kind in path.hop_kinds if kind is not None)
    return (path.tier.rank, between, path.length, key)


def _union(paths: list[PathView]) -> GraphView:
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    for path in paths:
        for node in path.nodes:
            nodes.setdefault(node.id, node)
        for edge in path.edges:
            edges.setdefault((edge.source, edge.target, edge.type), edge)
    return GraphView(nodes=list(nodes.values()), edges=list(edges.values()))
