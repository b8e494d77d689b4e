"""The queries of the rosters, run by graph/rosters.py: an alliance's members, a party committee's seats,
and one contract with what hangs off it.

Each takes the caller's `$scope` (root area ids, null for all): the roster's head outside it is
NotFound, and members, parties, units, needs and resources outside it are left out of the roster."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import in_scope, seat_in_term, unit_of
from graph.schema import Label, Rel

_A, _U, _P, _AL, _C = (
    token(x) for x in (Label.AREA, Label.UNIT, Label.PARTY_ORG, Label.ALLIANCE, Label.CONTRACT)
)
_PARTY_TO, _UNDER, _PROJECT = token(Rel.PARTY_TO), token(Rel.UNDER), token(Label.PROJECT)


def _own_label(var: str) -> str:
    """The node's own label (not the shared Entity label), which the API gives as its type."""
    return f"[l IN labels({var}) WHERE l <> '{Label.ENTITY.value}'][0]"


ALLIANCE = NamedQuery(
    "alliance",
    f"""
    MATCH (al:{_AL} {{id: $id}})
    WHERE {in_scope("al")}
    OPTIONAL MATCH (al)-[:{token(Rel.HOSTED_BY)}]->(host:{_A})
    OPTIONAL MATCH (lead:{_P})-[:{token(Rel.LEADS)}]->(al) WHERE {in_scope("lead")}
    RETURN al.id AS id, al.name AS name, al.founded AS founded, host.id AS host_id, host.name AS host_name,
           collect(DISTINCT lead {{.id, .name}}) AS leads
    """,
)

ALLIANCE_MEMBERS = NamedQuery(
    "alliance_members",
    f"""
    MATCH (m)-[r:{token(Rel.MEMBER_OF)}]->(:{_AL} {{id: $id}})
    WHERE {in_scope("m")}
    WITH m, r ORDER BY m.id
    WITH count(*) AS total, collect({{m: m, r: r}})[$skip..$skip + $limit] AS page
    CALL (page) {{
      UNWIND page AS item
      WITH item.m AS m, item.r AS r
      WITH m, r, {unit_of("m")} AS unit
      RETURN collect({{
        id: m.id, name: m.name, type: {_own_label("m")},
        org_type: m.type, unit_id: unit.id, unit_name: unit.name, unit_kind: unit.kind,
        joined: r.joined, role: r.role
      }}) AS rows
    }}
    RETURN total, rows
    """,
)

COMMITTEE = NamedQuery(
    "committee",
    f"""
    MATCH (o:{_P} {{id: $id}})
    WHERE {in_scope("o")}
    OPTIONAL MATCH (o)-[:{token(Rel.BASED_IN)}]->(a:{_A})
    RETURN o.id AS id, o.name AS name, o.type AS type, a.id AS area_id, a.name AS area_name
    LIMIT 1
    """,
)

COMMITTEE_SEATS = NamedQuery(
    "committee_seats",
    f"""
    MATCH (p:{token(Label.PERSON)})-[s:{token(Rel.SEATED_ON)}]->(:{_P} {{id: $id}})
    WITH p, s, {seat_in_term("s")} AS current
    WHERE current OR $include_past
    WITH p, s, current ORDER BY current DESC, s.start DESC, s.id
    WITH count(*) AS total, collect({{p: p, s: s, current: current}})[$skip..$skip + $limit] AS page
    CALL (page) {{
      UNWIND page AS item
      WITH item.p AS p, item.s AS s, item.current AS current
      OPTIONAL MATCH (p)-[:{token(Rel.WORKS_AT)}]->(u:{_U}) WHERE {in_scope("u")}
      WITH p, s, current, head(collect(u)) AS u
      RETURN collect({{
        seat_id: s.id, title: s.title, start: s.start, end: s.end, current: current,
        person_id: p.id, person_name: p.name, person_title: p.title, phone: p.phone,
        unit_id: u.id, unit_name: u.name
      }}) AS rows
    }}
    RETURN total, rows
    """,
)

CONTRACT = NamedQuery(
    "contract",
    f"""
    MATCH (k:{_C} {{id: $id}})
    WHERE {in_scope("k")}
    CALL (k) {{
      OPTIONAL MATCH (p)-[:{_PARTY_TO}]->(k)
      WITH p WHERE p IS NOT NULL AND {in_scope("p")}
      WITH p, {unit_of("p")} AS unit
      ORDER BY p.id
      RETURN collect({{id: p.id, name: p.name, type: {_own_label("p")},
                      unit_id: unit.id, unit_name: unit.name}}) AS parties
    }}
    CALL (k) {{
      OPTIONAL MATCH (j:{_PROJECT})-[:{_UNDER}]->(k)
      WITH j WHERE j IS NOT NULL
      ORDER BY j.id LIMIT 1000
      RETURN collect(j) AS projects
    }}
    WITH k, parties, projects
    RETURN k {{.id, .title, .name, .status, .signed, .expires}} AS contract, parties,
      [j IN projects | j {{
        .id, .title, .status, .start, .end,
        needs: [(j)-[:{token(Rel.MEETS)}]->(n:{token(Label.NEED)}) WHERE {in_scope("n")} | n.id],
        resources: [(j)-[:{token(Rel.USES)}]->(r:{token(Label.RESOURCE)}) WHERE {in_scope("r")} | r.id],
        delivered_by: [(j)-[:{token(Rel.DELIVERED_BY)}]->(d) WHERE {in_scope("d")}
                       | {{id: d.id, name: d.name}}]
      }}] AS projects
    """,
)


CONTRACT_NEEDS_RESOURCES = NamedQuery(
    "contract_needs_resources",
    f"""
    MATCH (k:{_C} {{id: $id}})
    CALL (k) {{
      OPTIONAL MATCH (j:{_PROJECT})-[:{_UNDER}]->(k), (j)-[:{token(Rel.MEETS)}]->(n:{token(Label.NEED)})
      WITH DISTINCT n WHERE n IS NOT NULL AND {in_scope("n")}
      OPTIONAL MATCH (n)-[:{token(Rel.RAISED_BY)}]->(by)
      WITH n, head(collect(by)) AS by ORDER BY n.id LIMIT 1000
      RETURN collect({{id: n.id, title: coalesce(n.title, n.name), category: n.category,
                      status: n.status, raised_by_id: by.id, raised_by_name: by.name}}) AS needs
    }}
    CALL (k) {{
      OPTIONAL MATCH (j:{_PROJECT})-[:{_UNDER}]->(k), (j)-[:{token(Rel.USES)}]->(r:{token(Label.RESOURCE)})
      WITH DISTINCT r WHERE r IS NOT NULL AND {in_scope("r")}
      OPTIONAL MATCH (r)-[:{token(Rel.OFFERED_BY)}]->(by)
      WITH r, head(collect(by)) AS by ORDER BY r.id LIMIT 1000
      RETURN collect({{id: r.id, title: coalesce(r.title, r.name), category: r.category,
                      offered_by_id: by.id, offered_by_name: by.name}}) AS resources
    }}
    RETURN needs, resources
    """,
)
