"""The queries of an area's network view (graph/area_view.py runs them and explains the view)."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import AREA_UP, in_scope
from graph.schema import Label, Rel

_A, _U, _P, _AL, _C = (
    token(x) for x in (Label.AREA, Label.UNIT, Label.PARTY_ORG, Label.ALLIANCE, Label.CONTRACT)
)

AREA_SUBTREE = NamedQuery(
    "area_view_subtree",
    f"""
    MATCH (root:{_A} {{id: $area}})
    MATCH (a:{_A}){AREA_UP}(root)
    OPTIONAL MATCH (a)-[:{token(Rel.PART_OF)}]->(parent:{_A})
    RETURN a.id AS id, a.name AS name, a.level AS level,
           CASE WHEN a = root THEN null ELSE parent.id END AS parent
    LIMIT $limit
    """,
)

AREA_UNIT_COUNTS = NamedQuery(
    "area_view_unit_counts",
    f"""
    UNWIND $areas AS area_id
    MATCH (a:{_A} {{id: area_id}})
    RETURN area_id AS area, COUNT {{ (:{_U})-[:{token(Rel.LOCATED_IN)}]->(a) }} AS units
    """,
)

AREA_MEMBER_COUNTS = NamedQuery(
    "area_view_member_counts",
    f"""
    UNWIND $alliances AS alliance_id
    MATCH (m)-[:{token(Rel.MEMBER_OF)}]->(:{_AL} {{id: alliance_id}})
    OPTIONAL MATCH (m)-[:{token(Rel.BELONGS_TO)}]->(owner:{_U})
    WITH alliance_id, coalesce(owner, m) AS holder
    MATCH (holder)-[:{token(Rel.LOCATED_IN)}]->(a:{_A})
    WHERE holder:{_U} AND a.id IN $areas
    RETURN a.id AS area, alliance_id AS alliance, count(*) AS members
    LIMIT $limit
    """,
)

AREA_UNITS = NamedQuery(
    "area_view_units",
    f"""
    UNWIND $areas AS area_id
    MATCH (u:{_U})-[:{token(Rel.LOCATED_IN)}]->(:{_A} {{id: area_id}})
    RETURN u.id AS id, u.name AS name, u.kind AS kind, u.industry AS industry, area_id AS area
    LIMIT $limit
    """,
)

AREA_PARTY_ORGS = NamedQuery(
    "area_view_party_orgs",
    f"""
    CALL () {{
      UNWIND $areas AS area_id
      MATCH (p:{_P})-[:{token(Rel.BASED_IN)}]->(:{_A} {{id: area_id}})
      RETURN p, area_id AS area, null AS unit
      UNION
      UNWIND $units AS unit_id
      MATCH (p:{_P})-[:{token(Rel.BELONGS_TO)}]->(:{_U} {{id: unit_id}})
      RETURN p, null AS area, unit_id AS unit
    }}
    RETURN p.id AS id, p.name AS name, p.type AS type, area, unit
    LIMIT $limit
    """,
)

ORG_REPORTS = NamedQuery(
    "area_view_reports_to",
    f"""
    UNWIND $orgs AS org_id
    MATCH (p:{_P} {{id: org_id}})-[:{token(Rel.REPORTS_TO)}]->(up:{_P})
    WHERE up.id IN $orgs
    RETURN p.id AS source, up.id AS target
    LIMIT $limit
    """,
)

AREA_ALLIANCES = NamedQuery(
    "area_view_alliances",
    f"""
    CALL () {{
      UNWIND $areas AS area_id
      MATCH (al:{_AL})-[:{token(Rel.HOSTED_BY)}]->(:{_A} {{id: area_id}})
      RETURN al
      UNION
      UNWIND $members AS member_id
      MATCH (:{token(Label.ENTITY)} {{id: member_id}})-[:{token(Rel.MEMBER_OF)}]->(al:{_AL})
      RETURN al
    }}
    WITH DISTINCT al WHERE {in_scope("al")}
    WITH al LIMIT $limit
    OPTIONAL MATCH (al)-[:{token(Rel.HOSTED_BY)}]->(host:{_A})
    RETURN al.id AS id, al.name AS name, al.founded AS founded, collect(DISTINCT host.id) AS hosts
    """,
)

ALLIANCE_TIES = NamedQuery(
    "area_view_alliance_ties",
    f"""
    UNWIND $alliances AS alliance_id
    MATCH (m)-[r:{token(Rel.MEMBER_OF)}|{token(Rel.LEADS)}]->(:{_AL} {{id: alliance_id}})
    WHERE m.id IN $members
    RETURN m.id AS source, alliance_id AS target, type(r) AS type
    LIMIT $limit
    """,
)

AREA_CONTRACTS = NamedQuery(
    "area_view_contracts",
    f"""
    UNWIND $members AS party_id
    MATCH (:{token(Label.ENTITY)} {{id: party_id}})-[:{token(Rel.PARTY_TO)}]->(c:{_C})
    RETURN c.id AS id, c.name AS name, c.status AS status, c.signed AS signed, c.expires AS expires,
           party_id AS party
    LIMIT $limit
    """,
)
