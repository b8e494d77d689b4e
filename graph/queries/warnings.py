"""The items behind the warning rules (预警) of graph/warnings.py, each bounded by `$limit`."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import contract_in_force, in_scope
from graph.schema import Label, Rel

#: Contracts in force on `$as_of` in scope that expire within `$days` of it, soonest first.
CONTRACTS_EXPIRING = NamedQuery(
    "warnings_contracts_expiring",
    f"""
MATCH (k:{token(Label.CONTRACT)})
WHERE {contract_in_force("k")} AND k.expires <= $as_of + duration({{days: $days}}) AND {in_scope("k")}
RETURN k.id AS id, coalesce(k.title, k.name) AS name, k.expires AS since,
       duration.inDays($as_of, k.expires).days AS days
ORDER BY k.expires, k.id LIMIT $limit
""",
)

#: Needs in scope open with no pending claim since more than `$days` before `$as_of` (since they were
#: raised in the app, else since the ledger loaded them), oldest first.
NEEDS_UNCLAIMED = NamedQuery(
    "warnings_needs_unclaimed",
    f"""
MATCH (n:{token(Label.NEED)} {{status: 'open'}})
WHERE NOT EXISTS {{ (:{token(Label.CLAIM)} {{status: 'pending'}})-[:{token(Rel.CLAIMS)}]->(n) }}
WITH n, coalesce(n.raised_on, date(n.loaded_at)) AS since
WHERE since <= $as_of - duration({{days: $days}}) AND {in_scope("n")}
RETURN n.id AS id, coalesce(n.title, n.name) AS name, since, duration.inDays(since, $as_of).days AS days
ORDER BY since, n.id LIMIT $limit
""",
)
