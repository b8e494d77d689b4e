"""The data version: one counter on the `SchemaMeta` node that every write of the graph's data raises in
its own transaction (graph/driver.py's `Graph.write_tx`), so that figures computed from the data can be
cached and known to be current by one cheap read (graph/stats_cache.py).

`data_epoch` names the counter's life: a database wiped and migrated again starts a new epoch, so a
version number seen before the wipe can never be mistaken for one after it.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.schema import Label

_META = token(Label.SCHEMA_META)

#: Run last in a data write's transaction: its lock on the one node is taken after the work's own locks
#: and held only until the commit (Neo4j may still take a dense node's relationship-group locks at
#: commit, after it; a deadlock between two such writes is detected and retried: docs/architecture.md).
BUMP_DATA_VERSION = NamedQuery(
    "bump_data_version",
    f"""
    MERGE (m:{_META} {{id: 'schema'}})
    SET m.data_version = coalesce(m.data_version, 0) + 1,
        m.data_epoch = coalesce(m.data_epoch, randomUUID())
    """,
)

GET_DATA_VERSION = NamedQuery(
    "get_data_version",
    f"""
    MATCH (m:{_META} {{id: 'schema'}})
    RETURN m.data_epoch AS epoch, coalesce(m.data_version, 0) AS version
    """,
)
