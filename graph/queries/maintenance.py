"""Whole-database maintenance: the test harness's ownership marker and its wipe."""

from __future__ import annotations

from graph.cypher import NamedQuery

MARK_OWNED = NamedQuery("mark_owned", "MERGE (s:TestSentinel {id: 'owner'}) SET s.token = $token")
OWNER_TOKEN = NamedQuery("owner_token", "MATCH (s:TestSentinel {id: 'owner'}) RETURN s.token AS token")
COUNT_DATA_NODES = NamedQuery("count_data_nodes", "MATCH (n) WHERE NOT n:TestSentinel RETURN count(n) AS n")
# Keeps the schema and the ownership marker; deletes in batches so a large graph does not blow the heap.
WIPE_DATA = NamedQuery(
    "wipe_data",
    "MATCH (n) WHERE NOT n:TestSentinel CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)
