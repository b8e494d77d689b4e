"""The audit trail: `(:AuditEntry {id, at, user, action, target, ip, detail})`, written once, never changed.

`detail` is JSON text (properties cannot hold maps). Lists filter by user, action and a time range,
newest first; an admin with an area scope sees only entries of users whose area lies in it.
"""

from __future__ import annotations

from graph.cypher import NamedQuery

CREATE_ENTRY = NamedQuery(
    "create_audit_entry",
    """
    CREATE (e:AuditEntry {id: $id, at: $at, user: $user, action: $action, target: $target, ip: $ip,
                          detail: $detail})
    RETURN e.id AS id
    """,
)

#: The filter shared by the list and the count; every parameter may be null (no filter).
_FILTER = """
MATCH (e:AuditEntry)
WHERE e.at >= $since AND e.at < $until
  AND ($user IS NULL OR e.user = $user)
  AND ($action IS NULL OR e.action = $action)
  AND ($scope IS NULL OR EXISTS {
        MATCH (u:User {id: e.user})
        MATCH (:Area {id: u.area_id})-[:PART_OF*0..4]->(root:Area) WHERE root.id IN $scope
      })
"""

LIST_ENTRIES = NamedQuery(
    "list_audit_entries",
    _FILTER
    + """
    RETURN e.id AS id, e.at AS at, e.user AS user, e.action AS action, e.target AS target, e.ip AS ip,
           e.detail AS detail
    ORDER BY e.at DESC, e.id
    SKIP $skip LIMIT $limit
    """,
)

COUNT_ENTRIES = NamedQuery("count_audit_entries", _FILTER + "RETURN count(e) AS n")

#: Entries older than `$cutoff`, deleted in batches of `$batch`; run until it returns 0.
PRUNE_ENTRIES = NamedQuery(
    "prune_audit_entries",
    """
    MATCH (e:AuditEntry) WHERE e.at < $cutoff
    WITH e LIMIT $batch
    DELETE e
    RETURN count(*) AS n
    """,
)
