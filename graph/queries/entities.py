"""One entity by id: its properties, its labels, how many ties of each kind it has, and where it is
on the map (its area path)."""

from __future__ import annotations

from graph.cypher import NamedQuery, rel_union, token
from graph.rules import AREA_UP, in_scope
from graph.schema import Label, Rel

# One degree lookup per relationship type: on a dense node (a city Area, a district committee) Neo4j
# reads these counts from the node's degree store instead of walking every relationship.
_TIE_COUNTS = ", ".join(f"{token(rel)}: COUNT {{ (n)-[:{token(rel)}]-() }}" for rel in Rel)

GET_ENTITY = NamedQuery(
    "get_entity",
    f"""
    MATCH (n:{token(Label.ENTITY)} {{id: $id}})
    WHERE {in_scope("n")}
    RETURN n {{.*}} AS props, labels(n) AS labels, {{{_TIE_COUNTS}}} AS ties
    """,
)

# For a caller with an area scope: only ties to nodes in the scope count (a tie's other end outside it
# is not even a number the caller may see). Bounded by the node's degree; read per relationship.
GET_ENTITY_SCOPED = NamedQuery(
    "get_entity_scoped",
    f"""
    MATCH (n:{token(Label.ENTITY)} {{id: $id}})
    WHERE {in_scope("n")}
    CALL (n) {{
      OPTIONAL MATCH (n)-[r]-(m:{token(Label.ENTITY)})
      WHERE {in_scope("m")}
      WITH type(r) AS kind, count(r) AS k
      WHERE kind IS NOT NULL
      RETURN collect([kind, k]) AS tie_counts
    }}
    RETURN n {{.*}} AS props, labels(n) AS labels, tie_counts
    """,
)


# Where an entity is on the map: an Area is its own anchor; a unit, party org or alliance is anchored by
# LOCATED_IN / BASED_IN / HOSTED_BY; a party org with no area of its own by its unit's. From the anchor,
# PART_OF leads up to the top; the deepest anchor wins if there are several.
AREA_PATHS = NamedQuery(
    "area_paths",
    f"""
    UNWIND $ids AS entity_id
    MATCH (n:{token(Label.ENTITY)} {{id: entity_id}})
    CALL (n) {{
      CALL (n) {{
        WITH n WHERE n:{token(Label.AREA)}
        RETURN n AS anchor, 0 AS preference
        UNION
        MATCH (n)-[:{rel_union((Rel.LOCATED_IN, Rel.BASED_IN, Rel.HOSTED_BY))}]->(anchor:{token(Label.AREA)})
        RETURN anchor, 1 AS preference
        UNION
        MATCH (n:{token(Label.PARTY_ORG)})-[:{token(Rel.BELONGS_TO)}]->(:{token(Label.UNIT)})
              -[:{token(Rel.LOCATED_IN)}]->(anchor:{token(Label.AREA)})
        RETURN anchor, 2 AS preference
      }}
      MATCH p = (anchor){AREA_UP}(top:{token(Label.AREA)})
      WHERE NOT (top)-[:{token(Rel.PART_OF)}]->()
      RETURN [a IN reverse(nodes(p)) | a {{.id, .name, .level}}] AS path
      ORDER BY preference, length(p) DESC
      LIMIT 1
    }}
    RETURN entity_id AS id, path
    """,
)
