"""Rosters: an alliance's members, a party committee's seats, and one contract with what hangs off it.

Each takes the caller's `scope` (root area ids, None for all): the roster's head outside it is
NotFound, and members, parties, units, needs and resources outside it are left out of the roster.
The query text is in graph/queries/rosters.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.errors import NotFound
from graph.queries.rosters import (
    ALLIANCE,
    ALLIANCE_MEMBERS,
    COMMITTEE,
    COMMITTEE_SEATS,
    CONTRACT,
    CONTRACT_NEEDS_RESOURCES,
)

#: One roster row as the query returns it (the API and the exports add display words to it).
Row = dict[str, Any]


@dataclass(frozen=True)
class NamedRef:
    id: str
    name: str | None


@dataclass(frozen=True)
class AllianceHead:
    id: str
    name: str | None
    founded: dt.date | None
    host_id: str | None
    host_name: str | None
    leads: tuple[NamedRef, ...]


@dataclass(frozen=True)
class AllianceMembers:
    """An alliance and one page of its members (`total` counts them all)."""

    alliance: AllianceHead
    total: int
    rows: list[Row]


@dataclass(frozen=True)
class CommitteeHead:
    id: str
    name: str | None
    type: str | None
    area_id: str | None
    area_name: str | None


@dataclass(frozen=True)
class CommitteeSeats:
    """A party org and one page of its committee seats (`total` counts them all)."""

    committee: CommitteeHead
    total: int
    rows: list[Row]


@dataclass(frozen=True)
class ContractHead:
    id: str
    title: str | None
    name: str | None
    status: str | None
    signed: dt.date | None
    expires: dt.date | None


@dataclass(frozen=True)
class ContractDetail:
    """A contract with its parties, projects, and the needs and resources they touch."""

    contract: ContractHead
    parties: list[Row]
    needs: list[Row]
    resources: list[Row]
    projects: list[Row]


def alliance_members(
    graph: Graph, alliance_id: str, *, skip: int, limit: int, scope: list[str] | None = None
) -> AllianceMembers:
    """An alliance in `scope` (NotFound if none) and one page of its members in scope, with their units."""

    def work(tx: ManagedTransaction) -> AllianceMembers:
        head = run(tx, ALLIANCE, {"id": alliance_id, "scope": scope})
        if not head:
            raise NotFound(f"no alliance with id {alliance_id!r}")
        params = {"id": alliance_id, "skip": skip, "limit": limit, "scope": scope}
        page = run(tx, ALLIANCE_MEMBERS, params)[0]
        h = head[0]
        alliance = AllianceHead(
            id=h["id"],
            name=h["name"],
            founded=h["founded"],
            host_id=h["host_id"],
            host_name=h["host_name"],
            leads=tuple(NamedRef(x["id"], x["name"]) for x in h["leads"]),
        )
        return AllianceMembers(alliance, page["total"], page["rows"])

    return graph.read_tx(work)


def committee_seats(
    graph: Graph,
    org_id: str,
    *,
    as_of: dt.date,
    include_past: bool,
    skip: int,
    limit: int,
    scope: list[str] | None = None,
) -> CommitteeSeats:
    """A party org in `scope` (NotFound if none) and one page of its seats, current first; personal data
    unmasked (the API masks or audits it)."""

    def work(tx: ManagedTransaction) -> CommitteeSeats:
        head = run(tx, COMMITTEE, {"id": org_id, "scope": scope})
        if not head:
            raise NotFound(f"no party organization with id {org_id!r}")
        params = {
            "id": org_id,
            "as_of": as_of,
            "include_past": include_past,
            "skip": skip,
            "limit": limit,
            "scope": scope,
        }
        page = run(tx, COMMITTEE_SEATS, params)[0]
        return CommitteeSeats(CommitteeHead(**head[0]), page["total"], page["rows"])

    return graph.read_tx(work)


def contract_detail(graph: Graph, contract_id: str, scope: list[str] | None = None) -> ContractDetail:
    """A contract in `scope` (NotFound if none) with its parties, projects, and the needs and resources
    they touch, each only if in scope."""

    def work(tx: ManagedTransaction) -> ContractDetail:
        rows = run(tx, CONTRACT, {"id": contract_id, "scope": scope})
        if not rows:
            raise NotFound(f"no contract with id {contract_id!r}")
        extra = run(tx, CONTRACT_NEEDS_RESOURCES, {"id": contract_id, "scope": scope})[0]
        row = rows[0]
        k = row["contract"]
        head = ContractHead(
            id=k["id"],
            title=k.get("title"),
            name=k.get("name"),
            status=k.get("status"),
            signed=k.get("signed"),
            expires=k.get("expires"),
        )
        return ContractDetail(head, row["parties"], extra["needs"], extra["resources"], row["projects"])

    return graph.read_tx(work)
