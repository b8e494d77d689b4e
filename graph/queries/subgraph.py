"""An area's subgraph for Gephi: its areas, units, party orgs, alliances, contracts, needs, resources and
projects, and the relationships among them. Persons are left out (personal data). Bounded in size.
The queries only: graph/subgraph.py runs them."""

from __future__ import annotations

from graph.cypher import NamedQuery, rel_union, token
from graph.rules import areas_under, unit_holders
from graph.schema import Label, Rel

MAX_NODES = 20_000
MAX_EDGES = 60_000

_A, _U, _P, _E = token(Label.AREA), token(Label.UNIT), token(Label.PARTY_ORG), token(Label.ENTITY)

SUBGRAPH_NODES = NamedQuery(
    "subgraph_nodes",
    f"""
    CALL () {{
      {areas_under("a")}
      RETURN collect(DISTINCT a) AS areas
    }}
    CALL (areas) {{
      UNWIND areas AS a
      MATCH (u:{_U})-[:{token(Rel.LOCATED_IN)}]->(a)
      WITH DISTINCT u
    {unit_holders("u")}
      RETURN collect(u) AS units, collect(tail(holders)) AS owned_lists
    }}
    CALL (areas) {{
      UNWIND areas AS a
      OPTIONAL MATCH (o:{_P})-[:{token(Rel.BASED_IN)}]->(a)
      RETURN collect(DISTINCT o) AS based
    }}
    CALL (based, owned_lists) {{
      UNWIND owned_lists AS hs
      UNWIND hs AS owned_org
      WITH collect(owned_org) AS owned
      UNWIND based + owned AS o
      RETURN collect(DISTINCT o) AS orgs
    }}
    WITH areas, units, orgs
    CALL (areas) {{
      UNWIND areas AS a
      OPTIONAL MATCH (al:{token(Label.ALLIANCE)})-[:{token(Rel.HOSTED_BY)}]->(a)
      RETURN collect(DISTINCT al) AS alliances
    }}
    WITH areas + units + orgs + alliances AS core
    CALL (core) {{
      UNWIND core AS x
      OPTIONAL MATCH (x)-[:{token(Rel.PARTY_TO)}]->(k:{token(Label.CONTRACT)})
      WITH DISTINCT k WHERE k IS NOT NULL
      RETURN collect(k) AS contracts
    }}
    CALL (core) {{
      UNWIND core AS x
      OPTIONAL MATCH (x)<-[:{rel_union((Rel.RAISED_BY, Rel.OFFERED_BY))}]-(w)
      WITH DISTINCT w WHERE w IS NOT NULL
      RETURN collect(w) AS wants
    }}
    CALL (contracts) {{
      UNWIND contracts AS k
      OPTIONAL MATCH (j:{token(Label.PROJECT)})-[:{token(Rel.UNDER)}]->(k)
      WITH DISTINCT j WHERE j IS NOT NULL
      RETURN collect(j) AS projects
    }}
    WITH core + contracts + wants + projects AS everything
    WITH size(everything) AS total, everything[..$max_nodes] AS kept
    UNWIND kept AS n
    RETURN total, n.id AS id, coalesce(n.name, n.title, n.id) AS label,
           [l IN labels(n) WHERE l <> '{Label.ENTITY.value}'][0] AS type, properties(n) AS props
    """,
)

SUBGRAPH_EDGES = NamedQuery(
    "subgraph_edges",
    f"""
    UNWIND $ids AS id
    MATCH (a:{_E} {{id: id}})-[r]->(b:{_E})
    WHERE b.id IN $ids
    RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
    LIMIT $max_edges
    """,
)
