"""Counts and coverage of an area and of each of its child areas, all in one pass over the area's data
(the queries and what each figure means are in graph/queries/stats.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.queries.stats import FIGURE_QUERIES, TOTAL
from graph.scope import Area, Scope, child_areas


@dataclass(frozen=True)
class Shares:
    """The share of the units linked by each kind of tie (0.0 when there are no units), to 4 places."""

    contract: float
    alliance: float
    committee: float
    any: float


@dataclass(frozen=True)
class Figures:
    """The counts of one area (or of the whole scope) and the shares of its units that are linked."""

    units: int
    party_orgs: int
    alliances: int
    alliance_members: int
    big_committees: int
    current_seats: int
    active_contracts: int
    linked_by_contract: int
    linked_by_alliance: int
    linked_by_committee: int
    linked_by_any: int
    joint_meeting_streets: int
    joint_meeting_communities: int
    branches: int
    party_members: int
    shares: Shares


@dataclass(frozen=True)
class ChildFigures:
    area: Area
    figures: Figures


@dataclass(frozen=True)
class AreaStats:
    total: Figures
    children: list[ChildFigures]


#: The figures the queries count (every field of Figures but the shares).
COUNT_KEYS = tuple(f.name for f in fields(Figures) if f.name != "shares")


def _figures(counts: dict[str, int]) -> Figures:
    units = counts["units"]

    def share(kind: str) -> float:
        return round(counts[f"linked_by_{kind}"] / units, 4) if units else 0.0

    shares = Shares(share("contract"), share("alliance"), share("committee"), share("any"))
    return Figures(**counts, shares=shares)


def area_stats(graph: Graph, scope: Scope, *, as_of: dt.date) -> AreaStats:
    """Counts and coverage of the scope and of each child area, in one read transaction."""
    children = child_areas(graph, scope)
    buckets = [TOTAL, *(c.id for c in children)]
    params = {"roots": scope.roots, "children": buckets[1:], "total": TOTAL, "as_of": as_of}

    def work(tx: ManagedTransaction) -> dict[str, dict[str, int]]:
        counts = {b: dict.fromkeys(COUNT_KEYS, 0) for b in buckets}
        for query in FIGURE_QUERIES:
            for row in run(tx, query, params):
                if row["bucket"] in counts:
                    counts[row["bucket"]].update({k: v for k, v in row.items() if k != "bucket"})
        return counts

    counts = graph.read_tx(work)
    return AreaStats(
        total=_figures(counts[TOTAL]),
        children=[ChildFigures(c, _figures(counts[c.id])) for c in children],
    )
