"""Area scoping: every list covers an area's whole subtree (city → district → street → community → grid).

A scope is a list of root area ids: the one area asked for, or, when none is given, every top-level area
(and when there is exactly one top-level area, the usual case of one city, the scope is that area).
The rules' Cypher fragments are in graph/rules.py; graph/scope.py runs these queries.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import in_scope
from graph.schema import Label, Rel

_A, _PART_OF = token(Label.AREA), token(Rel.PART_OF)

GET_AREA = NamedQuery(
    "get_area",
    f"""
    MATCH (a:{_A} {{id: $id}})
    OPTIONAL MATCH (a)-[:{_PART_OF}]->(parent:{_A})
    RETURN a.id AS id, a.name AS name, a.level AS level, parent.id AS parent
    """,
)

# PART_OF joins areas only, so the parent's label is not read: that halves this scan of every area.
TOP_AREAS = NamedQuery(
    "top_areas",
    f"""
    MATCH (a:{_A}) WHERE NOT EXISTS {{ (a)-[:{_PART_OF}]->() }}
    RETURN a.id AS id, a.name AS name, a.level AS level ORDER BY a.id LIMIT 1000
    """,
)

CHILD_AREAS = NamedQuery(
    "child_areas",
    f"""
    MATCH (c:{_A})-[:{_PART_OF}]->(:{_A} {{id: $id}})
    RETURN c.id AS id, c.name AS name, c.level AS level ORDER BY c.id LIMIT 1000
    """,
)


ENTITIES_IN_SCOPE = NamedQuery(
    "entities_in_scope",
    f"""
    UNWIND $ids AS entity_id
    MATCH (n:{token(Label.ENTITY)} {{id: entity_id}})
    WHERE {in_scope("n")}
    RETURN n.id AS id
    """,
)
