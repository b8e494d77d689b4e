"""One entity by id: its properties, its labels and how many ties of each kind it has."""

from __future__ import annotations

from graph.cypher import NamedQuery

GET_ENTITY = NamedQuery(
    "get_entity",
    """
    MATCH (n:Entity {id: $id})
    CALL (n) {
      OPTIONAL MATCH (n)-[r]-()
      RETURN type(r) AS kind, count(r) AS count
    }
    WITH n, collect({kind: kind, n: count}) AS ties
    RETURN n {.*} AS props, [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
           [t IN ties WHERE t.kind IS NOT NULL] AS ties
    """,
)
