"""Gaps: the units of an area that lack a kind of co-building link on a date, and the area's structural
gaps (what counts as linked, and each kind of structural gap, is in graph/queries/gaps.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.partners import Partner, suggest_partners
from graph.queries.gaps import (
    AREA_GAP_QUERIES,
    LARGE_SCOPE_LEVELS,
    MAX_AREA_GAP_ROWS,
    UNIT_LINKS,
    UNIT_ROWS,
    AreaGapKind,
    GapSort,
    LinkKind,
    unit_gaps_by_links_query,
    unit_gaps_query,
)
from graph.scope import Scope

__all__ = [
    "MAX_PARTNER_ROWS",
    "AreaGap",
    "AreaGapKind",
    "GapSort",
    "LinkKind",
    "Partner",
    "UnitFilter",
    "UnitGap",
    "UnitGapPage",
    "area_gaps",
    "links_lacking",
    "unit_gaps",
]

#: Suggested partners are computed for at most this many rows at once (a page, or a small export).
MAX_PARTNER_ROWS = 2000


@dataclass(frozen=True)
class UnitGap:
    """A unit lacking a link: where it is, the kinds of link it has, and its suggested partners."""

    id: str
    name: str | None
    kind: str | None
    community: str | None
    street: str | None
    district: str | None
    links: list[str]
    suggested_partners: list[Partner] = field(default_factory=list)


@dataclass(frozen=True)
class UnitGapPage:
    """One page of the units lacking a link, and the number of them all."""

    total: int
    rows: list[UnitGap] = field(default_factory=list)


@dataclass(frozen=True)
class UnitFilter:
    """Which of the units lacking links a list shows, and in what order."""

    kinds: tuple[str, ...] = ()  #: unit kinds; empty = all
    text: str = ""  #: a piece of the name or id, any case; empty = all
    sort: GapSort = GapSort.ID
    descending: bool = False

    def params(self) -> dict[str, Any]:
        text = self.text.strip().lower()
        return {"kinds": list(self.kinds) or None, "q": text or None}

    def filtered(self) -> bool:
        """Whether the list keeps only some kinds or some text (the query tests them only then)."""
        return any(value is not None for value in self.params().values())


@dataclass(frozen=True)
class AreaGap:
    """A structural gap: the area, alliance or contract it is about and the area chain above it;
    `members` for an alliance without contract, `parties` (names) for an expiring contract."""

    kind: AreaGapKind
    id: str
    name: str | None
    level: str | None
    community: str | None
    street: str | None
    district: str | None
    members: int | None
    parties: list[str] | None
    expires: dt.date | None


def unit_gaps(
    graph: Graph,
    scope: Scope,
    *,
    by: LinkKind,
    as_of: dt.date,
    skip: int,
    limit: int,
    partners: bool = True,
    only: UnitFilter = UnitFilter(),  # frozen: one shared default is safe
) -> UnitGapPage:
    """The units in the scope that lack a `by` link on `as_of` (of the kinds and text in `only`, in its
    order), with the links they do have and, for lists of at most MAX_PARTNER_ROWS rows, their suggested
    partners (an empty list otherwise)."""
    params = {"roots": scope.roots, "by": by.value, "as_of": as_of, "skip": skip, "limit": limit}
    params.update(only.params())
    large = scope.area_id is None or scope.level in LARGE_SCOPE_LEVELS
    builder = unit_gaps_by_links_query if large else unit_gaps_query
    query = builder(only.sort, only.descending, only.filtered())

    def work(tx: ManagedTransaction) -> tuple[int, list[dict[str, Any]]]:
        head = run(tx, query, params)[0]
        details = run(tx, UNIT_ROWS, {"ids": head["ids"], "as_of": as_of})
        order = {uid: i for i, uid in enumerate(head["ids"])}
        return head["total"], sorted(details, key=lambda d: order[d["id"]])

    total, rows = graph.read_tx(work)
    wanted = partners and len(rows) <= MAX_PARTNER_ROWS
    ids = [r["id"] for r in rows]
    suggestions = suggest_partners(graph, ids, as_of=as_of, scope=scope.access) if wanted else {}
    return UnitGapPage(total, [UnitGap(**r, suggested_partners=suggestions.get(r["id"], [])) for r in rows])


_EACH_LINK = (LinkKind.CONTRACT, LinkKind.ALLIANCE, LinkKind.COMMITTEE)


def links_lacking(
    graph: Graph, scope: Scope, unit_ids: list[str], *, as_of: dt.date
) -> dict[str, list[LinkKind]]:
    """For each of `unit_ids` in the scope (the others are left out), the kinds of link it lacks on
    `as_of`, in the order of LinkKind, `any` last when it has none: the answer of unit_gaps for each
    kind, in one read."""
    params = {"roots": scope.roots, "ids": unit_ids, "as_of": as_of}
    lacking = {}
    for row in graph.read(UNIT_LINKS, params):
        kinds = [
            k for k in (LinkKind.CONTRACT, LinkKind.ALLIANCE, LinkKind.COMMITTEE) if k not in row["links"]
        ]
        lacking[row["id"]] = kinds + [LinkKind.ANY] if not row["links"] else kinds
    return lacking


AREA_GAP_ORDER = list(AreaGapKind)


def area_gaps(graph: Graph, scope: Scope, *, as_of: dt.date, within_days: int) -> list[AreaGap]:
    """Structural gaps of the scope: streets, communities, grids, alliances and expiring contracts, in
    the order of AreaGapKind, then by id. Past MAX_AREA_GAP_ROWS rows, the kinds first by name are kept."""
    params = {"roots": scope.roots, "as_of": as_of, "within_days": within_days}

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        return [row for query in AREA_GAP_QUERIES.values() for row in run(tx, query, params)]

    rows = sorted(graph.read_tx(work), key=lambda r: (r["kind"], r["id"]))[:MAX_AREA_GAP_ROWS]
    gaps = [AreaGap(**{**r, "kind": AreaGapKind(r["kind"])}) for r in rows]
    gaps.sort(key=lambda g: (AREA_GAP_ORDER.index(g.kind), g.id))
    return gaps
