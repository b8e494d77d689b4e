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


@dataclass(frozen=True)
class NamedRef:
    id: str
    name: str | None


@dataclass(frozen=True)
class AllianceMember:
    """A member of an alliance (a unit or a party org), with its unit and when and how it joined."""

    id: str
    name: str | None
    type: str
    org_type: str | None
    unit_id: str | None
    unit_name: str | None
    unit_kind: str | None
    joined: dt.date | None
    role: str | None


@dataclass(frozen=True)
class CommitteeSeat:
    """A seat on a party committee: its term, whether it runs on the day asked, who holds it (unmasked:
    the API masks or audits) and where they work."""

    seat_id: str | None
    title: str | None
    start: dt.date | None
    end: dt.date | None
    current: bool
    person_id: str | None
    person_name: str | None
    person_title: str | None
    phone: str | None
    unit_id: str | None
    unit_name: str | None


@dataclass(frozen=True)
class ContractParty:
    id: str
    name: str | None
    type: str
    unit_id: str | None
    unit_name: str | None


@dataclass(frozen=True)
class ContractNeed:
    id: str
    title: str | None
    category: str | None
    status: str | None
    raised_by_id: str | None
    raised_by_name: str | None


@dataclass(frozen=True)
class ContractResource:
    id: str
    title: str | None
    category: str | None
    offered_by_id: str | None
    offered_by_name: str | None


@dataclass(frozen=True)
class ContractProject:
    id: str
    title: str | None
    status: str | None
    start: dt.date | None
    end: dt.date | None
    needs: list[str]
    resources: list[str]
    delivered_by: list[NamedRef]


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
    rows: list[AllianceMember]


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
    rows: list[CommitteeSeat]


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
    parties: list[ContractParty]
    needs: list[ContractNeed]
    resources: list[ContractResource]
    projects: list[ContractProject]


def _project(row: dict[str, Any]) -> ContractProject:
    delivered = [NamedRef(d["id"], d["name"]) for d in row["delivered_by"]]
    return ContractProject(**{**row, "delivered_by": delivered})


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
        return AllianceMembers(alliance, page["total"], [AllianceMember(**r) for r in page["rows"]])

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
        seats = [CommitteeSeat(**r) for r in page["rows"]]
        return CommitteeSeats(CommitteeHead(**head[0]), page["total"], seats)

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
        return ContractDetail(
            head,
            [ContractParty(**p) for p in row["parties"]],
            [ContractNeed(**n) for n in extra["needs"]],
            [ContractResource(**r) for r in extra["resources"]],
            [_project(j) for j in row["projects"]],
        )

    return graph.read_tx(work)
