"""The decisions waiting on a user (待办) of graph/todo.py, each list bounded by `$limit`."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import acts_for, contract_to_renew, in_scope
from graph.schema import Label, Rel

_CONTRACT = token(Label.CONTRACT)

#: Pending claims that `$user` did not make on items whose side the account acts for (graph/rules.py
#: `acts_for`: an open need of its area, or a resource offered in it; for a unit account `$unit`, its
#: unit's resources), oldest first; `name` is the item's title, `detail` the claimant, `days` waited.
CLAIMS_TO_DECIDE = NamedQuery(
    "todo_claims_to_decide",
    f"""
MATCH (c:{token(Label.CLAIM)} {{status: 'pending'}})-[:{token(Rel.CLAIMS)}]->(n)
WHERE c.created_by <> $user AND (NOT n:{token(Label.NEED)} OR n.status = 'open') AND {acts_for("n")}
WITH c, n ORDER BY c.created_at, c.id LIMIT $limit
RETURN c.id AS id, coalesce(n.title, n.name) AS name,
       head([(c)-[:{token(Rel.CLAIMED_BY)}]->(x) | x.name]) AS detail,
       date(c.created_at) AS since, duration.inDays(date(c.created_at), $as_of).days AS days
ORDER BY c.created_at, id
""",
)

#: Contracts in force on `$as_of` with a party in `$scope`, expiring within `$days`, that no contract
#: RENEWS yet, soonest first; `days` left.
CONTRACTS_TO_RENEW = NamedQuery(
    "todo_contracts_to_renew",
    f"""
MATCH (k:{_CONTRACT})
WHERE {contract_to_renew("k")} AND {in_scope("k")}
WITH k ORDER BY k.expires, k.id LIMIT $limit
RETURN k.id AS id, coalesce(k.title, k.name) AS name,
       head(COLLECT {{ MATCH (o)-[:{token(Rel.PARTY_TO)}]->(k) RETURN o.name AS n ORDER BY n }}) AS detail,
       k.expires AS since, duration.inDays($as_of, k.expires).days AS days
ORDER BY since, id
""",
)
