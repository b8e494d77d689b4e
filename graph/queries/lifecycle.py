"""Projects and contracts after an approval (docs/workflow.md): the query text for graph/lifecycle.py.

As for claims, every change runs in one write transaction that first takes the item's write lock
(`LOCK_*`: a SET and REMOVE that leave it as it was), then reads the state it decides on (`*_STATE`),
then writes the change and its step (graph/queries/steps.py)."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.queries.steps import lock_in_scope, record_step, steps_of
from graph.rules import contract_in_force, in_scope
from graph.schema import APP_STATE_AT, Label, Rel

_PROJECT, _CONTRACT, _NEED = token(Label.PROJECT), token(Label.CONTRACT), token(Label.NEED)
_PARTY_ORG, _AREA, _ENTITY = token(Label.PARTY_ORG), token(Label.AREA), token(Label.ENTITY)
_MEETS, _DELIVERED_BY, _UNDER = token(Rel.MEETS), token(Rel.DELIVERED_BY), token(Rel.UNDER)
_PARTY_TO, _RENEWS, _RAISED_BY = token(Rel.PARTY_TO), token(Rel.RENEWS), token(Rel.RAISED_BY)
_USES, _OFFERED_BY = token(Rel.USES), token(Rel.OFFERED_BY)

# --- projects ---------------------------------------------------------------------------------------

LOCK_PROJECT = NamedQuery("lifecycle_lock_project", lock_in_scope(Label.PROJECT, "project"))

#: The project's state, and which sides of it the caller's scope holds: the need's (its raiser) and
#: the provider's (a deliverer).
PROJECT_STATE = NamedQuery(
    "lifecycle_project_state",
    f"""
MATCH (j:{_PROJECT} {{id: $project}})
RETURN j.status AS status, j.rating AS rating,
       EXISTS {{ MATCH (j)-[:{_MEETS}]->(n:{_NEED}) WHERE {in_scope("n")} }} AS need_side,
       EXISTS {{ MATCH (j)-[:{_DELIVERED_BY}]->(d) WHERE {in_scope("d")} }} AS provider_side,
       EXISTS {{ MATCH (j)-[:{_MEETS}]->(:{_NEED}) }} AS has_need
""",
)

STEP_PROJECT = NamedQuery(
    "lifecycle_step_project",
    f"""
MATCH (j:{_PROJECT} {{id: $project}})
{record_step("j", Label.PROJECT_STEP, before="j.status")}
SET j.status = $after, j.{APP_STATE_AT} = $now,
    j.started_at = CASE WHEN $action = 'start' THEN $now ELSE j.started_at END,
    j.done_at = CASE WHEN $action = 'complete' THEN $now ELSE j.done_at END
RETURN j.id AS id
""",
)

RATE_PROJECT = NamedQuery(
    "lifecycle_rate_project",
    f"""
MATCH (j:{_PROJECT} {{id: $project}})
{record_step("j", Label.PROJECT_STEP, before="j.status")}
SET j.rating = $rating, j.rating_comment = $reason, j.rated_at = $now, j.rated_by = $user
RETURN j.id AS id
""",
)

_PROJECT_ROW = f"""
OPTIONAL MATCH (j)-[:{_UNDER}]->(k:{_CONTRACT})
OPTIONAL MATCH (j)-[:{_MEETS}]->(n:{_NEED})
OPTIONAL MATCH (n)-[:{_RAISED_BY}]->(raiser)
OPTIONAL MATCH (j)-[:{_USES}]->(r:{token(Label.RESOURCE)})
WITH j, k, n, head(collect(raiser)) AS raiser, head(collect(r)) AS r
OPTIONAL MATCH (j)-[:{_DELIVERED_BY}]->(d)
WITH j, k, n, raiser, r, head(collect(d)) AS d
"""

_PROJECT_FIELDS = """j.id AS id, coalesce(j.title, j.name) AS title, j.status AS status, j.start AS start,
       j.end AS end, j.done_at AS done_at, j.rating AS rating, j.rating_comment AS comment,
       j.rated_at AS rated_at, j.rated_by AS rated_by, k.id AS contract, coalesce(k.title, k.name) AS
       contract_title, n.id AS need, coalesce(n.title, n.name) AS need_title, raiser.id AS raiser,
       raiser.name AS raiser_name, r.id AS resource, coalesce(r.title, r.name) AS resource_title,
       d.id AS provider, d.name AS provider_name"""

#: One project in scope with its need, resource, provider, contract and history.
PROJECT_DETAIL = NamedQuery(
    "lifecycle_project_detail",
    f"""
MATCH (j:{_PROJECT} {{id: $project}}) WHERE {in_scope("j")}
{_PROJECT_ROW}
{steps_of("j", Label.PROJECT_STEP)}
RETURN {_PROJECT_FIELDS},
       EXISTS {{ MATCH (j)-[:{_MEETS}]->(x:{_NEED}) WHERE {in_scope("x")} }} AS need_side,
       EXISTS {{ MATCH (j)-[:{_DELIVERED_BY}]->(x) WHERE {in_scope("x")} }} AS provider_side,
       steps
""",
)

#: The projects in scope (an area's), with their ratings, by contract and id (at most $limit).
PROJECTS = NamedQuery(
    "lifecycle_projects",
    f"""
MATCH (j:{_PROJECT}) WHERE {in_scope("j")}
WITH j ORDER BY j.id LIMIT $limit
{_PROJECT_ROW}
RETURN {_PROJECT_FIELDS}
ORDER BY contract, id
""",
)

# --- contracts --------------------------------------------------------------------------------------

LOCK_CONTRACT = NamedQuery("lifecycle_lock_contract", lock_in_scope(Label.CONTRACT, "contract"))

#: The contract's state, whether the caller's scope holds its community side (a party org BASED_IN an
#: area: a community's or a street's), and the contract that renews it, if any.
CONTRACT_STATE = NamedQuery(
    "lifecycle_contract_state",
    f"""
MATCH (k:{_CONTRACT} {{id: $contract}})
OPTIONAL MATCH (next:{_CONTRACT})-[:{_RENEWS}]->(k)
RETURN k.status AS status, k.signed AS signed, k.expires AS expires, k.title AS title, k.name AS name,
       next.id AS renewed_by,
       EXISTS {{ MATCH (p:{_PARTY_ORG})-[:{_PARTY_TO}]->(k)
                WHERE EXISTS {{ (p)-[:{token(Rel.BASED_IN)}]->(:{_AREA}) }} AND {in_scope("p")} }}
         AS community_side
""",
)

SIGN_CONTRACT = NamedQuery(
    "lifecycle_sign_contract",
    f"""
MATCH (k:{_CONTRACT} {{id: $contract}})
{record_step("k", Label.CONTRACT_STEP, before="k.status")}
SET k.status = $after, k.signed = $signed, k.expires = $expires, k.{APP_STATE_AT} = $now
RETURN k.id AS id
""",
)

TERMINATE_CONTRACT = NamedQuery(
    "lifecycle_terminate_contract",
    f"""
MATCH (k:{_CONTRACT} {{id: $contract}})
{record_step("k", Label.CONTRACT_STEP, before="k.status")}
SET k.status = $after, k.terminated_on = $on, k.termination_reason = $reason, k.{APP_STATE_AT} = $now
RETURN k.id AS id
""",
)

#: The renewal: a new active contract between the same parties, (new)-[:RENEWS]->(old), a step on each.
RENEW_CONTRACT = NamedQuery(
    "lifecycle_renew_contract",
    f"""
MATCH (old:{_CONTRACT} {{id: $contract}})
CREATE (k:{_CONTRACT}:{_ENTITY} {{id: $renewal, name: $title, title: $title, status: $after,
                                  signed: $signed, expires: $expires, created_by: $user, created_at: $now,
                                  {APP_STATE_AT}: $now}})
CREATE (k)-[:{_RENEWS}]->(old)
WITH old, k
CALL (old, k) {{
  MATCH (p)-[:{_PARTY_TO}]->(old)
  CREATE (p)-[:{_PARTY_TO}]->(k)
  RETURN count(*) AS parties
}}
{record_step("k", Label.CONTRACT_STEP, before="null")}
{record_step("old", Label.CONTRACT_STEP, before="old.status", after="old.status")}
RETURN k.id AS id, parties
""",
)

#: The contract's lifecycle on $as_of: its state that day (from the rule `contract_in_force`), its
#: termination, the contracts it renews and that renew it, the rating of its projects, the needs its
#: done projects met, and each project's state, rating, history and the caller's sides of it.
CONTRACT_LIFECYCLE = NamedQuery(
    "lifecycle_contract",
    f"""
MATCH (k:{_CONTRACT} {{id: $contract}}) WHERE {in_scope("k")}
OPTIONAL MATCH (k)-[:{_RENEWS}]->(prev:{_CONTRACT})
OPTIONAL MATCH (next:{_CONTRACT})-[:{_RENEWS}]->(k)
{steps_of("k", Label.CONTRACT_STEP)}
CALL (k) {{
  OPTIONAL MATCH (j:{_PROJECT})-[:{_UNDER}]->(k)
  WITH j ORDER BY j.id LIMIT 1000
  {steps_of("j", Label.PROJECT_STEP, into="project_steps")}
  RETURN collect(CASE WHEN j IS NULL THEN null ELSE j {{
    .id, .status, .rating, .rating_comment, .rated_at, .rated_by, .done_at,
    steps: project_steps,
    need_side: EXISTS {{ MATCH (j)-[:{_MEETS}]->(x:{_NEED}) WHERE {in_scope("x")} }},
    provider_side: EXISTS {{ MATCH (j)-[:{_DELIVERED_BY}]->(x) WHERE {in_scope("x")} }},
    has_need: EXISTS {{ (j)-[:{_MEETS}]->(:{_NEED}) }}
  }} END) AS projects
}}
RETURN k.id AS id, k.status AS status, k.signed AS signed, k.expires AS expires,
       k.terminated_on AS terminated_on, k.termination_reason AS termination_reason,
       {contract_in_force("k")} AS in_force,
       CASE WHEN {contract_in_force("k")} THEN 'active'
            WHEN k.status = 'draft' THEN 'draft'
            WHEN k.status = 'terminated' AND (k.terminated_on IS NULL OR k.terminated_on <= $as_of)
              THEN 'terminated'
            WHEN k.expires < $as_of THEN 'expired'
            WHEN k.signed > $as_of THEN 'not_yet'
            ELSE k.status END AS status_on,
       prev {{.id, .title, .name, .signed, .expires}} AS renews,
       next {{.id, .title, .name, .signed, .expires}} AS renewed_by,
       EXISTS {{ MATCH (p:{_PARTY_ORG})-[:{_PARTY_TO}]->(k)
                WHERE EXISTS {{ (p)-[:{token(Rel.BASED_IN)}]->(:{_AREA}) }} AND {in_scope("p")} }}
         AS community_side,
       steps, projects,
       COUNT {{ MATCH (j:{_PROJECT} {{status: 'done'}})-[:{_UNDER}]->(k), (j)-[:{_MEETS}]->(n:{_NEED})
               RETURN DISTINCT n }} AS needs_met
""",
)
