"""The Kunming article's figures, counted in the graph: what the demo world must reproduce, and what an
organization department reports (alliances, big committees, part-time members, joint meetings, grids,
branches). Each query is bounded by the area hierarchy's depth (city > district > street > community
> grid)."""

from __future__ import annotations

from graph.cypher import NamedQuery, rel_union, token
from graph.rules import AREA_DOWN, AREA_STRICTLY_DOWN, seat_in_term
from graph.schema import Label as L
from graph.schema import Rel as R

_AREA, _ORG, _PERSON, _UNIT = token(L.AREA), token(L.PARTY_ORG), token(L.PERSON), token(L.UNIT)

STREET_ALLIANCES = NamedQuery(
    "demo_street_alliances",
    f"""
    MATCH (a:{token(L.ALLIANCE)})-[:{token(R.HOSTED_BY)}]->(:{_AREA} {{level: 'street'}})
    RETURN count(DISTINCT a) AS alliances
    """,
)

BIG_COMMITTEES = NamedQuery(
    "demo_big_committees",
    f"""
    MATCH (p:{_PERSON})-[s:{token(R.SEATED_ON)}]->(o:{_ORG})
          -[:{token(R.BASED_IN)}]->(:{_AREA} {{level: 'community'}})
    WHERE {seat_in_term("s", on="day")} AND EXISTS {{ (p)-[:{token(R.WORKS_AT)}]->(:{_UNIT}) }}
    RETURN count(DISTINCT o) AS committees, count(DISTINCT p) AS members
    """,
)

JOINT_MEETINGS = NamedQuery(
    "demo_joint_meetings",
    f"""
    MATCH (a:{_AREA})
    WHERE a.level IN ['street', 'community'] AND a.joint_meeting = true
    RETURN a.level AS level, count(*) AS areas
    ORDER BY level
    """,
)

GRIDS = NamedQuery(
    "demo_grids",
    f"""
    MATCH (top:{_AREA} {{name: $area}}){AREA_STRICTLY_DOWN}(g:{_AREA} {{level: 'grid'}})
    WITH g, EXISTS {{ (g)<-[:{token(R.BASED_IN)}]-(:{_ORG} {{type: 'branch'}}) }} AS has_branch
    RETURN count(g) AS grids, sum(CASE WHEN has_branch THEN 1 ELSE 0 END) AS with_branch
    """,
)

WORKERS_TITLED = NamedQuery(
    "demo_workers_titled",
    f"""
    MATCH (top:{_AREA} {{name: $area}}){AREA_DOWN}(:{_AREA})
          <-[:{token(R.LOCATED_IN)}]-(:{_UNIT})<-[:{token(R.WORKS_AT)}]-(p:{_PERSON} {{title: $title}})
    RETURN count(DISTINCT p) AS people
    """,
)

AREA_BRANCHES = NamedQuery(
    "demo_area_branches",
    f"""
    MATCH (top:{_AREA} {{name: $area}}){AREA_DOWN}(a:{_AREA})
    CALL (a) {{
      MATCH (a)<-[:{token(R.BASED_IN)}]-(o:{_ORG} {{type: 'branch'}})
      RETURN o
      UNION
      MATCH (a)<-[:{token(R.LOCATED_IN)}]-(:{_UNIT})<-[:{token(R.BELONGS_TO)}]-(o:{_ORG} {{type: 'branch'}})
      RETURN o
    }}
    WITH DISTINCT o
    RETURN count(o) AS branches, sum(o.members) AS members
    """,
)

NEED_CATEGORIES = NamedQuery(
    "demo_need_categories",
    f"""
    MATCH (a:{_AREA} {{name: $area}})
    CALL (a) {{
      MATCH (n:{token(L.NEED)})-[:{token(R.RAISED_BY)}]->(a)
      RETURN n
      UNION
      MATCH (n:{token(L.NEED)})-[:{token(R.RAISED_BY)}]->(:{_ORG})-[:{token(R.BASED_IN)}]->(a)
      RETURN n
    }}
    RETURN count(n) AS needs, collect(DISTINCT n.category) AS categories
    """,
)

_CO_BUILDING = rel_union([R.MEMBER_OF, R.PARTY_TO])
_LISTS = rel_union([R.RAISED_BY, R.OFFERED_BY, R.DELIVERED_BY])

UNLINKED_UNITS = NamedQuery(
    "demo_unlinked_units",
    f"""
    MATCH (u:{_UNIT})
    WITH u,
         EXISTS {{ (u)-[:{_CO_BUILDING}]->() }}
         OR EXISTS {{ (u)<-[:{_LISTS}]-() }}
         OR EXISTS {{ (u)<-[:{token(R.BELONGS_TO)}]-(:{_ORG})-[:{_CO_BUILDING}]->() }}
         OR EXISTS {{ (u)<-[:{token(R.BELONGS_TO)}]-(:{_ORG})<-[:{_LISTS}]-() }}
         OR EXISTS {{ (u)<-[:{token(R.WORKS_AT)}]-(:{_PERSON})-[:{token(R.SEATED_ON)}]->() }} AS linked
    RETURN count(u) AS units, sum(CASE WHEN linked THEN 0 ELSE 1 END) AS unlinked
    """,
)

PROJECTS_OF_UNIT_FOR_AREA = NamedQuery(
    "demo_projects_of_unit_for_area",
    f"""
    MATCH (u:{_UNIT}) WHERE u.name = $unit OR $unit IN coalesce(u.aliases, [])
    MATCH (a:{_AREA} {{name: $area}})
    MATCH (u)<-[:{token(R.BELONGS_TO)}*0..1]-()<-[:{token(R.DELIVERED_BY)}]-(j:{token(L.PROJECT)})
          -[:{token(R.MEETS)}]->(n:{token(L.NEED)})-[:{token(R.RAISED_BY)}]->(owner)
    WHERE owner = a OR EXISTS {{ (owner)-[:{token(R.BASED_IN)}]->(a) }}
    RETURN DISTINCT j.title AS project, n.category AS category, j.status AS status
    ORDER BY project
    LIMIT 100
    """,
)

RESOURCES_IN_AREA = NamedQuery(
    "demo_resources_in_area",
    f"""
    MATCH (a:{_AREA} {{name: $area}})
    CALL (a) {{
      MATCH (r:{token(L.RESOURCE)})-[:{token(R.OFFERED_BY)}]->(a)
      RETURN r
      UNION
      MATCH (r:{token(L.RESOURCE)})-[:{token(R.OFFERED_BY)}]->()
            -[:{rel_union([R.BASED_IN, R.LOCATED_IN])}]->(a)
      RETURN r
      UNION
      MATCH (r:{token(L.RESOURCE)})-[:{token(R.OFFERED_BY)}]->(:{_ORG})-[:{token(R.BELONGS_TO)}]->(:{_UNIT})
            -[:{token(R.LOCATED_IN)}]->(a)
      RETURN r
    }}
    WITH DISTINCT r WHERE r.title STARTS WITH $prefix
    RETURN count(r) AS resources
    """,
)
