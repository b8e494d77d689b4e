"""An area's network as a GraphView: its sub-areas, units, party orgs, alliances and contracts.

The whole subtree of the area is covered (city → district → street → community → grid). When its areas
and units together pass `cap`, the units are not read one by one: each area carries the number of units
located in it (`count`, `properties.units`), the areas' own party orgs fold into their areas, and
alliance membership is counted per area, so the picture is the area tree and its alliances, and a city
of a hundred thousand units costs a few aggregate queries (`aggregated` is then set). Below the cap
every unit, party org, alliance and contract is a node. Each list is bounded by `limit`; a list that
reaches it flags the view `truncated`."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.errors import NotFound
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.node_display import jsonable
from graph.queries.area_view import (
    ALLIANCE_TIES,
    AREA_ALLIANCES,
    AREA_CONTRACTS,
    AREA_MEMBER_COUNTS,
    AREA_PARTY_ORGS,
    AREA_SUBTREE,
    AREA_UNIT_COUNTS,
    AREA_UNITS,
    ORG_REPORTS,
)
from graph.schema import Rel

#: Most records of each kind (units, party orgs, …) an area view reads.
AREA_NODE_LIMIT = 20_000
#: Above this many areas and units together, units are counted per area instead of listed.
AREA_VIEW_CAP = 2_000


def _node(row: dict[str, Any], node_type: str, keys: tuple[str, ...]) -> GraphNode:
    """A row's node: its id, its name (or id) as the label, and the row's `keys` that have a value."""
    props = {k: jsonable(row[k]) for k in keys if row.get(k) is not None}
    return GraphNode(id=row["id"], label=row["name"] or row["id"], type=node_type, properties=props)


def area_view(
    graph: Graph,
    area_id: str,
    *,
    cap: int = AREA_VIEW_CAP,
    limit: int = AREA_NODE_LIMIT,
    scope: list[str] | None = None,
) -> GraphView:
    """The network of an area's subtree, counted per area above `cap`; NotFound if there is no such area.
    Alliances outside `scope` (root area ids, None for all) that members join are left out; the caller
    checks that the area itself lies in the scope."""
    return graph.read_tx(lambda tx: _area_view(tx, area_id, cap, limit, scope))


def _area_view(
    tx: ManagedTransaction, area_id: str, cap: int, limit: int, scope: list[str] | None
) -> GraphView:
    nodes: dict[str, GraphNode] = {}
    edges: list[GraphEdge] = []
    truncated = False

    def hit(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal truncated
        truncated = truncated or len(rows) >= limit
        return rows

    areas = hit(run(tx, AREA_SUBTREE, {"area": area_id, "limit": limit}))
    if not areas:
        raise NotFound(f"no area with id {area_id!r}")
    for row in areas:
        nodes[row["id"]] = _node(row, "Area", ("level",))
        if row["parent"]:
            edges.append(GraphEdge(source=row["id"], target=row["parent"], type=Rel.PART_OF))
    area_ids = [row["id"] for row in areas]
    counts = {r["area"]: int(r["units"]) for r in run(tx, AREA_UNIT_COUNTS, {"areas": area_ids})}
    if len(area_ids) + sum(counts.values()) > cap:
        return _counted_view(tx, nodes, edges, counts, limit, truncated, scope)

    units = hit(run(tx, AREA_UNITS, {"areas": area_ids, "limit": limit}))
    for row in units:
        nodes[row["id"]] = _node(row, "Unit", ("kind", "industry"))
        edges.append(GraphEdge(source=row["id"], target=row["area"], type=Rel.LOCATED_IN))
    unit_ids = [row["id"] for row in units]

    orgs = hit(run(tx, AREA_PARTY_ORGS, {"areas": area_ids, "units": unit_ids, "limit": limit}))
    for row in orgs:
        nodes.setdefault(row["id"], _node(row, "PartyOrg", ("type",)))
        if row["area"]:
            edges.append(GraphEdge(source=row["id"], target=row["area"], type=Rel.BASED_IN))
        if row["unit"]:
            edges.append(GraphEdge(source=row["id"], target=row["unit"], type=Rel.BELONGS_TO))
    org_ids = sorted({row["id"] for row in orgs})
    reports = hit(run(tx, ORG_REPORTS, {"orgs": org_ids, "limit": limit}))
    edges.extend(GraphEdge(source=r["source"], target=r["target"], type=Rel.REPORTS_TO) for r in reports)

    members = unit_ids + org_ids
    params = {"areas": area_ids, "members": members, "limit": limit, "scope": scope}
    alliances = hit(run(tx, AREA_ALLIANCES, params))
    _add_alliances(nodes, edges, alliances)
    alliance_ids = [row["id"] for row in alliances]
    ties = hit(run(tx, ALLIANCE_TIES, {"alliances": alliance_ids, "members": members, "limit": limit}))
    edges.extend(GraphEdge(source=r["source"], target=r["target"], type=r["type"]) for r in ties)

    for row in hit(run(tx, AREA_CONTRACTS, {"members": members, "limit": limit})):
        nodes.setdefault(row["id"], _node(row, "Contract", ("status", "signed", "expires")))
        edges.append(GraphEdge(source=row["party"], target=row["id"], type=Rel.PARTY_TO))

    kept = [e for e in edges if e.source in nodes and e.target in nodes]
    return GraphView(nodes=list(nodes.values()), edges=kept, truncated=truncated)


def _add_alliances(nodes: dict[str, GraphNode], edges: list[GraphEdge], rows: list[dict[str, Any]]) -> None:
    """Alliance nodes, each tied to the shown areas that host it."""
    for row in rows:
        nodes[row["id"]] = _node(row, "Alliance", ("founded",))
        edges.extend(
            GraphEdge(source=row["id"], target=h, type=Rel.HOSTED_BY) for h in row["hosts"] if h in nodes
        )


def _counted_view(
    tx: ManagedTransaction,
    nodes: dict[str, GraphNode],
    edges: list[GraphEdge],
    counts: dict[str, int],
    limit: int,
    truncated: bool,
    scope: list[str] | None,
) -> GraphView:
    """The areas with their unit counts and the alliances: an alliance is tied to the area of its lead
    org (LEADS) and to each area with members there, counted (a member counts in the area of its unit)."""
    for area_id, units in counts.items():
        if units:
            nodes[area_id].count = units
            nodes[area_id].properties["units"] = units
    area_ids = list(counts)
    orgs = run(tx, AREA_PARTY_ORGS, {"areas": area_ids, "units": [], "limit": limit})
    truncated = truncated or len(orgs) >= limit
    area_of_org = {row["id"]: row["area"] for row in orgs}
    org_ids = sorted(area_of_org)
    alliances = run(
        tx, AREA_ALLIANCES, {"areas": area_ids, "members": org_ids, "limit": limit, "scope": scope}
    )
    _add_alliances(nodes, edges, alliances)
    alliance_ids = [row["id"] for row in alliances]
    ties = run(tx, ALLIANCE_TIES, {"alliances": alliance_ids, "members": org_ids, "limit": limit})
    members = run(tx, AREA_MEMBER_COUNTS, {"alliances": alliance_ids, "areas": area_ids, "limit": limit})
    counted: dict[tuple[str, str, str], int] = {}
    for row in ties:
        key = (area_of_org[row["source"]], row["target"], row["type"])
        counted[key] = counted.get(key, 0) + 1
    for row in members:
        key = (row["area"], row["alliance"], str(Rel.MEMBER_OF))
        counted[key] = counted.get(key, 0) + int(row["members"])
    edges.extend(
        GraphEdge(source=a, target=b, type=kind, properties={"count": n})
        for (a, b, kind), n in counted.items()
    )
    kept = [e for e in edges if e.source in nodes and e.target in nodes]
    return GraphView(nodes=list(nodes.values()), edges=kept, truncated=truncated, aggregated=True)
