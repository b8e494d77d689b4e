"""The audit trail: `(:AuditEntry {id, at, user, action, target, ip, detail})`, written once, never changed.

`detail` is JSON text (properties cannot hold maps). Lists filter by user, action and a time range,
newest first; an admin with an area scope sees only entries of users whose area lies in it.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import area_in_roots
from graph.schema import Label

_ENTRY, _USER, _AREA = token(Label.AUDIT_ENTRY), token(Label.USER), token(Label.AREA)

CREATE_ENTRY = NamedQuery(
    "create_audit_entry",
    f"""
    CREATE (e:{_ENTRY} {{id: $id, at: $at, user: $user, action: $action, target: $target, ip: $ip,
                          detail: $detail}})
    RETURN e.id AS id
    """,
)

#: The filter shared by the list and the count; every parameter may be null (no filter).
_FILTER = f"""
MATCH (e:{_ENTRY})
WHERE e.at >= $since AND e.at < $until
  AND ($user IS NULL OR e.user = $user)
  AND ($action IS NULL OR e.action = $action)
  AND ($scope IS NULL OR EXISTS {{
        MATCH (u:{_USER} {{id: e.user}})
        MATCH (home:{_AREA} {{id: u.area_id}}) WHERE {area_in_roots("home", roots="scope")}
      }})
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
    f"""
    MATCH (e:{_ENTRY}) WHERE e.at < $cutoff
    WITH e LIMIT $batch
    DELETE e
    RETURN count(*) AS n
    """,
)
