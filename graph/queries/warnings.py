"""The items behind the warning rules (预警) of graph/warnings.py.

Each query returns, per item, `id`, `name`, `detail` (names that place it, at most five: a contract's
parties, a need's raiser, a claim's claimant, a unit's or committee's area, an alliance's host street),
`since` and `days`
(what the rule measures, or null), and `areas`: the ids in `$children` under which the item lies (the
home areas of graph/rules.py's `in_scope`), so one query gives the area's level and its child areas'.
Every query is bounded by `$limit`.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import (
    areas_holding,
    contract_to_renew,
    in_scope,
    seat_in_term,
    unit_holders,
    unit_lacks,
    units_in_areas,
)
from graph.schema import Label, Rel

_A, _P, _AL = token(Label.AREA), token(Label.PARTY_ORG), token(Label.ALLIANCE)
_CLAIM, _NEED = token(Label.CLAIM), token(Label.NEED)

#: Contracts in force on `$as_of` in scope that expire within `$days` of it, soonest first; `days` left.
CONTRACTS_EXPIRING = NamedQuery(
    "warnings_contracts_expiring",
    f"""
MATCH (k:{token(Label.CONTRACT)})
WHERE {contract_to_renew("k")} AND {in_scope("k")}
WITH k ORDER BY k.expires, k.id LIMIT $limit
RETURN k.id AS id, coalesce(k.title, k.name) AS name,
       COLLECT {{ MATCH (o)-[:{token(Rel.PARTY_TO)}]->(k) RETURN o.name AS n ORDER BY n LIMIT 5 }} AS detail,
       k.expires AS since, duration.inDays($as_of, k.expires).days AS days, {areas_holding("k")} AS areas
ORDER BY since, id
""",
)

#: Needs in scope open with no pending claim since `$days` or more before `$as_of` (since they were
#: raised in the app, else since the ledger loaded them), oldest first; `days` waited.
NEEDS_UNCLAIMED = NamedQuery(
    "warnings_needs_unclaimed",
    f"""
MATCH (n:{_NEED} {{status: 'open'}})
WHERE NOT EXISTS {{ (:{_CLAIM} {{status: 'pending'}})-[:{token(Rel.CLAIMS)}]->(n) }}
WITH n, coalesce(n.raised_on, date(n.loaded_at)) AS since
WHERE since <= $as_of - duration({{days: $days}}) AND {in_scope("n")}
WITH n, since ORDER BY since, n.id LIMIT $limit
RETURN n.id AS id, coalesce(n.title, n.name) AS name,
       [(n)-[:{token(Rel.RAISED_BY)}]->(r) | r.name][..5] AS detail,
       since, duration.inDays(since, $as_of).days AS days, {areas_holding("n")} AS areas
ORDER BY since, id
""",
)

#: Claims pending on `$as_of` made `$days` or more before it, on needs in scope (the need's side decides),
#: oldest first; `name` is the need's title, `detail` the claimant, `days` waited.
CLAIMS_PENDING = NamedQuery(
    "warnings_claims_pending",
    f"""
MATCH (c:{_CLAIM} {{status: 'pending'}})-[:{token(Rel.CLAIMS)}]->(n:{_NEED})
WITH c, n, date(c.created_at) AS since
WHERE since <= $as_of - duration({{days: $days}}) AND {in_scope("n")}
WITH c, n, since ORDER BY since, c.id LIMIT $limit
RETURN c.id AS id, coalesce(n.title, n.name) AS name,
       [(c)-[:{token(Rel.CLAIMED_BY)}]->(x) | x.name][..5] AS detail,
       since, duration.inDays(since, $as_of).days AS days, {areas_holding("n")} AS areas
ORDER BY since, id
""",
)

#: Units in scope (located in the subtrees of `$scope`, every unit for a null scope: `in_scope` for a
#: unit, walked down from the roots instead of tested unit by unit) with no co-building link of any kind
#: on `$as_of` (graph/rules.py's `unit_lacks` with `$by` = 'any'), by id; `detail` is where it is located.
UNITS_UNLINKED = NamedQuery(
    "warnings_units_unlinked",
    f"""
CALL () {{
  {units_in_areas("u", roots="scope")}
  RETURN u
  UNION
  MATCH (u:{token(Label.UNIT)}) WHERE $scope IS NULL RETURN u
}}
{unit_holders("u")}
{unit_lacks("u")}
WITH u ORDER BY u.id LIMIT $limit
RETURN u.id AS id, u.name AS name,
       [(u)-[:{token(Rel.LOCATED_IN)}]->(a:{_A}) | a.name][..5] AS detail,
       null AS since, null AS days, {areas_holding("u")} AS areas
ORDER BY id
""",
)

#: Big committees (大党委: a party org BASED_IN a community that has held part-time seats) in scope with
#: no seat in term on `$as_of` (graph/rules.py's `seat_in_term`); `since` is the end of the last seat
#: that ended before `$as_of` (null if none did: its seats have not begun), `days` since then.
COMMITTEES_UNSEATED = NamedQuery(
    "warnings_committees_unseated",
    f"""
MATCH (o:{_P})-[:{token(Rel.BASED_IN)}]->(m:{_A} {{level: 'community'}})
WHERE EXISTS {{ ()-[:{token(Rel.SEATED_ON)}]->(o) }}
  AND NOT EXISTS {{ ()-[s:{token(Rel.SEATED_ON)}]->(o) WHERE {seat_in_term("s")} }}
  AND {in_scope("o")}
WITH o, m, COLLECT {{ MATCH ()-[s:{token(Rel.SEATED_ON)}]->(o) WHERE s.end < $as_of RETURN s.end }} AS ends
WITH o, m, CASE WHEN ends = [] THEN null
                ELSE reduce(last = ends[0], e IN ends | CASE WHEN e > last THEN e ELSE last END) END AS since
WITH o, m, since ORDER BY since, o.id LIMIT $limit
RETURN o.id AS id, o.name AS name, [m.name] AS detail, since,
       CASE WHEN since IS NULL THEN null ELSE duration.inDays(since, $as_of).days END AS days,
       {areas_holding("o")} AS areas
ORDER BY since, id
""",
)

#: Alliances in scope whose last dated step on or before `$as_of` (founded, a member joined) lies `$days`
#: or more before it, longest idle first; alliances with no such date are not judged.
ALLIANCES_IDLE = NamedQuery(
    "warnings_alliances_idle",
    f"""
MATCH (al:{_AL}) WHERE {in_scope("al")}
WITH al, COLLECT {{
  WITH al WHERE al.founded <= $as_of RETURN al.founded AS d
  UNION
  MATCH ()-[j:{token(Rel.MEMBER_OF)}]->(al) WHERE j.joined <= $as_of RETURN j.joined AS d
}} AS dates
WITH al, reduce(last = null, d IN dates | CASE WHEN last IS NULL OR d > last THEN d ELSE last END) AS since
WHERE since <= $as_of - duration({{days: $days}})
WITH al, since ORDER BY since, al.id LIMIT $limit
RETURN al.id AS id, al.name AS name,
       [(al)-[:{token(Rel.HOSTED_BY)}]->(h:{_A}) | h.name][..5] AS detail,
       since, duration.inDays(since, $as_of).days AS days, {areas_holding("al")} AS areas
ORDER BY since, id
""",
)
