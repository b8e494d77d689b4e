"""Claims on needs (双向认领) and what an approval makes: the query text for graph/claims.py.

Every state change is run by graph/claims.py in one write transaction that first takes the need's
write lock (`LOCK_*`), then reads the states it decides on (`CLAIM_STATE`), so two decisions on one need
are serialized and the second one sees the first one's outcome. Each change leaves a ClaimStep.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, label_union, token
from graph.queries.steps import lock_in_scope, record_step, steps_of, write_lock
from graph.rules import contract_in_force, in_scope, org_holders
from graph.schema import APP_STATE_AT, Label, Rel

_CLAIM, _NEED = token(Label.CLAIM), token(Label.NEED)
_CONTRACT, _PROJECT, _ENTITY = token(Label.CONTRACT), token(Label.PROJECT), token(Label.ENTITY)
_CLAIMS, _CLAIMED_BY = token(Rel.CLAIMS), token(Rel.CLAIMED_BY)
_PARTY_TO, _BECAME = token(Rel.PARTY_TO), token(Rel.BECAME)
_HOLDER_LABELS = label_union((Label.UNIT, Label.PARTY_ORG))

# The need's write lock, held to the end of the transaction (the need is left as it was).
_LOCK = write_lock("n")

LOCK_NEED = NamedQuery("claims_lock_need", lock_in_scope(Label.NEED, "need"))

LOCK_CLAIM_AS_RAISER = NamedQuery(
    "claims_lock_claim_as_raiser",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n:{_NEED}) WHERE {in_scope("n")}
{_LOCK}
RETURN n.id AS id
""",
)

LOCK_CLAIM_AS_CLAIMANT = NamedQuery(
    "claims_lock_claim_as_claimant",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n:{_NEED}), (c)-[:{_CLAIMED_BY}]->(x)
WHERE {in_scope("x")}
{_LOCK}
RETURN n.id AS id
""",
)

NEED_STATE = NamedQuery(
    "claims_need_state",
    f"""
MATCH (n:{_NEED} {{id: $need}})
OPTIONAL MATCH (n)-[:{token(Rel.RAISED_BY)}]->(raiser)
RETURN n.status AS status, collect(raiser.id) AS raisers
""",
)

CLAIMANT = NamedQuery(
    "claims_claimant",
    f"""
MATCH (x:{_HOLDER_LABELS} {{id: $claimant}}) WHERE {in_scope("x")}
RETURN x.id AS id, x.name AS name,
       EXISTS {{ MATCH (c:{_CLAIM} {{status: 'pending'}})-[:{_CLAIMED_BY}]->(x),
                       (c)-[:{_CLAIMS}]->(:{_NEED} {{id: $need}}) }} AS has_pending
""",
)

CLAIM_STATE = NamedQuery(
    "claims_claim_state",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n:{_NEED}), (c)-[:{_CLAIMED_BY}]->(x)
OPTIONAL MATCH (n)-[:{token(Rel.RAISED_BY)}]->(raiser)
WITH c, n, x, head(collect(raiser)) AS raiser
// The community's side of a contract: the raiser if it can be a party, else the party org based in
// the raiser's area (the community's own), the first by id.
OPTIONAL MATCH (based:{token(Label.PARTY_ORG)})-[:{token(Rel.BASED_IN)}]->(raiser)
WITH c, n, x, raiser, based ORDER BY based.id
WITH c, n, x, raiser, head(collect(based)) AS based
RETURN c.status AS status, c.created_by AS created_by, c.start AS start, c.end AS end, n.id AS need,
       n.status AS need_status,
       n.title AS need_title, x.id AS claimant, x.name AS claimant_name,
       CASE WHEN raiser:{_HOLDER_LABELS} THEN raiser.id ELSE based.id END AS party
""",
)

CREATE_CLAIM = NamedQuery(
    "claims_create",
    f"""
MATCH (n:{_NEED} {{id: $need}})
MATCH (x:{_HOLDER_LABELS} {{id: $claimant}})
CREATE (c:{_CLAIM} {{id: $claim, status: 'pending', plan: $plan, start: $start, end: $end,
                     created_at: $now, created_by: $user}})
CREATE (c)-[:{_CLAIMS}]->(n), (c)-[:{_CLAIMED_BY}]->(x)
{record_step("c", Label.CLAIM_STEP, before="null")}
RETURN c.id AS id
""",
)

DECIDE = NamedQuery(
    "claims_decide",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})
{record_step("c", Label.CLAIM_STEP, before="c.status")}
SET c.status = $after, c.reason = $reason, c.decided_at = $now, c.decided_by = $user
RETURN c.id AS id
""",
)

CONTRACT_IN_FORCE_BETWEEN = NamedQuery(
    "claims_contract_in_force_between",
    f"""
MATCH (party:{_ENTITY} {{id: $party}}), (x:{_HOLDER_LABELS} {{id: $claimant}})
WITH party, x, {org_holders("x")} AS holders
MATCH (party)-[:{_PARTY_TO}]->(k:{_CONTRACT})<-[:{_PARTY_TO}]-(h)
WHERE h IN holders AND {contract_in_force("k", on="start")}
RETURN k.id AS id ORDER BY k.signed DESC, k.id LIMIT 1
""",
)

CREATE_CONTRACT = NamedQuery(
    "claims_create_contract",
    f"""
MATCH (party:{_ENTITY} {{id: $party}}), (x:{_HOLDER_LABELS} {{id: $claimant}})
CREATE (k:{_CONTRACT}:{_ENTITY} {{id: $contract, name: $title, title: $title, status: $status,
                                  signed: $signed, expires: $expires, created_by: $user, created_at: $now,
                                  {APP_STATE_AT}: $now}})
CREATE (party)-[:{_PARTY_TO}]->(k), (x)-[:{_PARTY_TO}]->(k)
RETURN k.id AS id
""",
)

CREATE_PROJECT = NamedQuery(
    "claims_create_project",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n:{_NEED}), (c)-[:{_CLAIMED_BY}]->(x)
MATCH (k:{_CONTRACT} {{id: $contract}})
SET n.status = 'claimed', n.{APP_STATE_AT} = $now
CREATE (j:{_PROJECT}:{_ENTITY} {{id: $project, name: n.title, title: n.title, status: 'planned',
                                 start: c.start, end: c.end, created_by: $user, created_at: $now,
                                 {APP_STATE_AT}: $now}})
CREATE (j)-[:{token(Rel.UNDER)}]->(k), (j)-[:{token(Rel.MEETS)}]->(n),
       (j)-[:{token(Rel.DELIVERED_BY)}]->(x), (c)-[:{_BECAME}]->(j)
RETURN j.id AS id
""",
)

CLOSE_OTHER_CLAIMS = NamedQuery(
    "claims_close_others",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n:{_NEED})<-[:{_CLAIMS}]-(o:{_CLAIM} {{status: 'pending'}})
WHERE o <> c
{record_step("o", Label.CLAIM_STEP, before="o.status")}
SET o.status = $after, o.reason = $reason, o.decided_at = $now, o.decided_by = $user
RETURN o.id AS id ORDER BY id
""",
)

#: One claim with its need, claimant, project and contract, visible when its need or its claimant is.
CLAIM_DETAIL = NamedQuery(
    "claims_detail",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n:{_NEED}), (c)-[:{_CLAIMED_BY}]->(x)
WHERE {in_scope("n")} OR {in_scope("x")}
OPTIONAL MATCH (c)-[:{_BECAME}]->(j:{_PROJECT})
OPTIONAL MATCH (j)-[:{token(Rel.UNDER)}]->(k:{_CONTRACT})
{steps_of("c", Label.CLAIM_STEP)}
RETURN c {{.id, .status, .plan, .start, .end, .reason, .created_at, .created_by}} AS claim,
       n.id AS need, n.title AS need_title, n.status AS need_status, x.id AS claimant,
       x.name AS claimant_name, j.id AS project, k.id AS contract, k.status AS contract_status, steps
""",
)

#: The claims on one need (at most $limit), newest first.
NEED_CLAIMS = NamedQuery(
    "claims_of_need",
    f"""
MATCH (n:{_NEED} {{id: $need}}) WHERE {in_scope("n")}
OPTIONAL MATCH (c:{_CLAIM})-[:{_CLAIMS}]->(n)
OPTIONAL MATCH (c)-[:{_CLAIMED_BY}]->(x)
WITH n, c, x ORDER BY c.created_at DESC, c.id LIMIT $limit
RETURN n.id AS need, [row IN collect(CASE WHEN c IS NULL THEN null ELSE
         {{id: c.id, status: c.status, start: c.start, end: c.end, claimant: x.id,
          claimant_name: x.name, created_at: c.created_at}} END) WHERE row IS NOT NULL] AS claims
""",
)
