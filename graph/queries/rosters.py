"""Rosters: an alliance's members, a party committee's seats, and one contract with what hangs off it.

Each takes the caller's `$scope` (root area ids, null for all): the roster's head outside it is
NotFound, and members, parties, units, needs and resources outside it are left out of the roster."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.cypher import NamedQuery
from graph.driver import Graph, run
from graph.errors import NotFound
from graph.rules import in_scope

ALLIANCE = NamedQuery(
    "alliance",
    f"""
    MATCH (al:Alliance {{id: $id}})
    WHERE {in_scope("al")}
    OPTIONAL MATCH (al)-[:HOSTED_BY]->(host:Area)
    OPTIONAL MATCH (lead:PartyOrg)-[:LEADS]->(al) WHERE {in_scope("lead")}
    RETURN al.id AS id, al.name AS name, al.founded AS founded, host.id AS host_id, host.name AS host_name,
           collect(DISTINCT lead {{.id, .name}}) AS leads
    """,
)

ALLIANCE_MEMBERS = NamedQuery(
    "alliance_members",
    """
    MATCH (m)-[r:MEMBER_OF]->(:Alliance {id: $id})
    WHERE """
    + in_scope("m")
    + """
    WITH m, r ORDER BY m.id
    WITH count(*) AS total, collect({m: m, r: r})[$skip..$skip + $limit] AS page
    CALL (page) {
      UNWIND page AS item
      WITH item.m AS m, item.r AS r
      WITH m, r, CASE WHEN m:Unit THEN m
                      ELSE head([(m)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(x:Unit) | x]) END AS unit
      RETURN collect({
        id: m.id, name: m.name, type: [l IN labels(m) WHERE l <> 'Entity'][0],
        org_type: m.type, unit_id: unit.id, unit_name: unit.name, unit_kind: unit.kind,
        joined: r.joined, role: r.role
      }) AS rows
    }
    RETURN total, rows
    """,
)

COMMITTEE = NamedQuery(
    "committee",
    """
    MATCH (o:PartyOrg {id: $id})
    WHERE """
    + in_scope("o")
    + """
    OPTIONAL MATCH (o)-[:BASED_IN]->(a:Area)
    RETURN o.id AS id, o.name AS name, o.type AS type, a.id AS area_id, a.name AS area_name
    LIMIT 1
    """,
)

COMMITTEE_SEATS = NamedQuery(
    "committee_seats",
    """
    MATCH (p:Person)-[s:SEATED_ON]->(:PartyOrg {id: $id})
    WITH p, s, s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of) AS current
    WHERE current OR $include_past
    WITH p, s, current ORDER BY current DESC, s.start DESC, s.id
    WITH count(*) AS total, collect({p: p, s: s, current: current})[$skip..$skip + $limit] AS page
    CALL (page) {
      UNWIND page AS item
      WITH item.p AS p, item.s AS s, item.current AS current
      OPTIONAL MATCH (p)-[:WORKS_AT]->(u:Unit) WHERE """
    + in_scope("u")
    + """
      WITH p, s, current, head(collect(u)) AS u
      RETURN collect({
        seat_id: s.id, title: s.title, start: s.start, end: s.end, current: current,
        person_id: p.id, person_name: p.name, person_title: p.title, phone: p.phone,
        unit_id: u.id, unit_name: u.name
      }) AS rows
    }
    RETURN total, rows
    """,
)

CONTRACT = NamedQuery(
    "contract",
    """
    MATCH (k:Contract {id: $id})
    WHERE """
    + in_scope("k")
    + """
    CALL (k) {
      OPTIONAL MATCH (p)-[:PARTY_TO]->(k)
      WITH p WHERE p IS NOT NULL AND """
    + in_scope("p")
    + """
      WITH p, CASE WHEN p:Unit THEN p
                   ELSE head([(p)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(x:Unit) | x]) END AS unit
      ORDER BY p.id
      RETURN collect({id: p.id, name: p.name, type: [l IN labels(p) WHERE l <> 'Entity'][0],
                      unit_id: unit.id, unit_name: unit.name}) AS parties
    }
    CALL (k) {
      OPTIONAL MATCH (j:Project)-[:UNDER]->(k)
      WITH j WHERE j IS NOT NULL
      ORDER BY j.id LIMIT 1000
      RETURN collect(j) AS projects
    }
    WITH k, parties, projects
    RETURN k {.id, .title, .name, .status, .signed, .expires} AS contract, parties,
      [j IN projects | j {
        .id, .title, .status, .start, .end,
        needs: [(j)-[:MEETS]->(n:Need) WHERE """
    + in_scope("n")
    + """ | n.id],
        resources: [(j)-[:USES]->(r:Resource) WHERE """
    + in_scope("r")
    + """ | r.id],
        delivered_by: [(j)-[:DELIVERED_BY]->(d) WHERE """
    + in_scope("d")
    + """ | {id: d.id, name: d.name}]
      }] AS projects
    """,
)


CONTRACT_NEEDS_RESOURCES = NamedQuery(
    "contract_needs_resources",
    """
        MATCH (k:Contract {id: $id})
        CALL (k) {
          OPTIONAL MATCH (j:Project)-[:UNDER]->(k), (j)-[:MEETS]->(n:Need)
          WITH DISTINCT n WHERE n IS NOT NULL AND """
    + in_scope("n")
    + """
          OPTIONAL MATCH (n)-[:RAISED_BY]->(by)
          WITH n, head(collect(by)) AS by ORDER BY n.id LIMIT 1000
          RETURN collect({id: n.id, title: coalesce(n.title, n.name), category: n.category,
                          status: n.status, raised_by_id: by.id, raised_by_name: by.name}) AS needs
        }
        CALL (k) {
          OPTIONAL MATCH (j:Project)-[:UNDER]->(k), (j)-[:USES]->(r:Resource)
          WITH DISTINCT r WHERE r IS NOT NULL AND """
    + in_scope("r")
    + """
          OPTIONAL MATCH (r)-[:OFFERED_BY]->(by)
          WITH r, head(collect(by)) AS by ORDER BY r.id LIMIT 1000
          RETURN collect({id: r.id, title: coalesce(r.title, r.name), category: r.category,
                          offered_by_id: by.id, offered_by_name: by.name}) AS resources
        }
        RETURN needs, resources
        """,
)


def alliance_members(
    graph: Graph, alliance_id: str, *, skip: int, limit: int, scope: list[str] | None = None
) -> dict[str, Any]:
    """An alliance in `scope` (NotFound if none) and one page of its members in scope, with their units."""

    def work(tx: Any) -> dict[str, Any]:
        head = run(tx, ALLIANCE, {"id": alliance_id, "scope": scope})
        if not head:
            raise NotFound(f"no alliance with id {alliance_id!r}")
        params = {"id": alliance_id, "skip": skip, "limit": limit, "scope": scope}
        page = run(tx, ALLIANCE_MEMBERS, params)[0]
        return {"alliance": head[0], "total": page["total"], "rows": page["rows"]}

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
) -> dict[str, Any]:
    """A party org in `scope` (NotFound if none) and one page of its seats, current first; personal data
    unmasked (the API masks or audits it)."""

    def work(tx: Any) -> dict[str, Any]:
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
        return {"committee": head[0], "total": page["total"], "rows": page["rows"]}

    return graph.read_tx(work)


def contract_detail(graph: Graph, contract_id: str, scope: list[str] | None = None) -> dict[str, Any]:
    """A contract in `scope` (NotFound if none) with its parties, projects, and the needs and resources
    they touch, each only if in scope."""

    def work(tx: Any) -> dict[str, Any]:
        rows = run(tx, CONTRACT, {"id": contract_id, "scope": scope})
        if not rows:
            raise NotFound(f"no contract with id {contract_id!r}")
        extra = run(tx, CONTRACT_NEEDS_RESOURCES, {"id": contract_id, "scope": scope})[0]
        return {**rows[0], **extra}

    return graph.read_tx(work)
