"""Whole-database maintenance: the test harness's ownership marker and its wipe.

The marker's label, `TestSentinel`, is the harness's own and not in the product's schema: a product
database never holds one.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.schema import Label

MARK_OWNED = NamedQuery("mark_owned", "MERGE (s:TestSentinel {id: 'owner'}) SET s.token = $token")
OWNER_TOKEN = NamedQuery("owner_token", "MATCH (s:TestSentinel {id: 'owner'}) RETURN s.token AS token")
COUNT_DATA_NODES = NamedQuery("count_data_nodes", "MATCH (n) WHERE NOT n:TestSentinel RETURN count(n) AS n")
# Keeps the schema and the ownership marker. One short transaction per batch (run until it deletes
# nothing), so neither a large graph nor the server's transaction timeout gets in the way.
WIPE_BATCH = NamedQuery(
    "wipe_batch",
    "MATCH (n) WHERE NOT n:TestSentinel WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted",
)

# Domain records (entity nodes and the relationships between them) in the store: what the fault
# runs compare with the rows a load reported written before it was killed.
COUNT_DOMAIN_RECORDS = NamedQuery(
    "count_domain_records",
    f"""
    CALL {{ MATCH (n:{token(Label.ENTITY)}) RETURN count(n) AS nodes }}
    CALL {{ MATCH (:{token(Label.ENTITY)})-[r]->(:{token(Label.ENTITY)}) RETURN count(r) AS rels }}
    RETURN nodes, rels
    """,
)
