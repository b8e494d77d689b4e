"""Claims on needs and on resources (双向认领) and what an approval makes: the query text for
graph/claims.py.

A claim CLAIMS an item: a community's need (its owner: the need's raiser, RAISED_BY) or a unit's
offered resource (its owner: the provider, OFFERED_BY). Every state change is run by graph/claims.py
in one write transaction that first takes the item's write lock (`LOCK_*`), then reads the states it
decides on (`CLAIM_STATE`), so two decisions on one item are serialized and the second one sees the
first one's outcome. Each change leaves a ClaimStep. Who may act is `acts_for` (graph/rules.py): in
the account's scope, or for a unit account its own unit's side (`$unit`).
"""

from __future__ import annotations

from graph.cypher import NamedQuery, label_union, rel_union, token
from graph.queries.steps import record_step, steps_of, write_lock
from graph.rules import (
    AREA_UP,
    acts_for,
    area_chain,
    contract_in_force,
    holder_units_of,
    in_scope,
    on_unit_side,
    org_holders,
    place_of,
)
from graph.schema import APP_STATE_AT, Label, Rel

_CLAIM, _NEED = token(Label.CLAIM), token(Label.NEED)
_RESOURCE = token(Label.RESOURCE)
_A, _U, _P = token(Label.AREA), token(Label.UNIT), token(Label.PARTY_ORG)
_OWNED_BY = rel_union((Rel.RAISED_BY, Rel.OFFERED_BY))
#: An item of the claim hall, bound to `n`: a need or a resource.
_ITEM = f"(n:{_NEED} OR n:{_RESOURCE})"
_KIND = f"CASE WHEN n:{_NEED} THEN 'need' ELSE 'resource' END"
_CONTRACT, _PROJECT, _ENTITY = token(Label.CONTRACT), token(Label.PROJECT), token(Label.ENTITY)
_CLAIMS, _CLAIMED_BY = token(Rel.CLAIMS), token(Rel.CLAIMED_BY)
_PARTY_TO, _BECAME = token(Rel.PARTY_TO), token(Rel.BECAME)
_HOLDER_LABELS = label_union((Label.UNIT, Label.PARTY_ORG))

# The item's write lock, held to the end of the transaction (the item is left as it was).
_LOCK = write_lock("n")

#: The item claimed, if the claimant's account may see it (the claim hall's reach: `in_scope`).
LOCK_ITEM = NamedQuery(
    "claims_lock_item",
    f"""
MATCH (n:{_ENTITY} {{id: $item}}) WHERE {_ITEM} AND {in_scope("n")}
{_LOCK}
RETURN n.id AS id
""",
)

#: The claim's item, if the account acts for its owner (the side that decides).
LOCK_CLAIM_AS_OWNER = NamedQuery(
    "claims_lock_claim_as_owner",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n) WHERE {acts_for("n")}
{_LOCK}
RETURN n.id AS id
""",
)

#: The claim's item, if the account acts for the claimant (the side that may withdraw).
LOCK_CLAIM_AS_CLAIMANT = NamedQuery(
    "claims_lock_claim_as_claimant",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n), (c)-[:{_CLAIMED_BY}]->(x)
WHERE {acts_for("x")}
{_LOCK}
RETURN n.id AS id
""",
)

ITEM_STATE = NamedQuery(
    "claims_item_state",
    f"""
MATCH (n:{_ENTITY} {{id: $item}})
OPTIONAL MATCH (n)-[:{_OWNED_BY}]->(owner)
RETURN {_KIND} AS kind, n.status AS status, collect(owner.id) AS owners
""",
)

CLAIMANT = NamedQuery(
    "claims_claimant",
    f"""
MATCH (x:{_HOLDER_LABELS} {{id: $claimant}}) WHERE {acts_for("x")}
RETURN x.id AS id, x.name AS name,
       EXISTS {{ MATCH (c:{_CLAIM} {{status: 'pending'}})-[:{_CLAIMED_BY}]->(x),
                       (c)-[:{_CLAIMS}]->(:{_ENTITY} {{id: $item}}) }} AS has_pending
""",
)

CLAIM_STATE = NamedQuery(
    "claims_claim_state",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n), (c)-[:{_CLAIMED_BY}]->(x)
OPTIONAL MATCH (n)-[:{_OWNED_BY}]->(owner)
WITH c, n, x, head(collect(owner)) AS owner
// The owner's side of a contract: the owner if it can be a party, else the party org based in the
// owner's area (the community's own), the first by id.
OPTIONAL MATCH (based:{token(Label.PARTY_ORG)})-[:{token(Rel.BASED_IN)}]->(owner)
WITH c, n, x, owner, based ORDER BY based.id
WITH c, n, x, owner, head(collect(based)) AS based
RETURN c.status AS status, c.created_by AS created_by, c.start AS start, c.end AS end, {_KIND} AS kind,
       n.id AS item, n.status AS item_status, n.title AS item_title, x.id AS claimant,
       x.name AS claimant_name, owner.name AS owner_name,
       CASE WHEN owner:{_HOLDER_LABELS} THEN owner.id ELSE based.id END AS party
""",
)

CREATE_CLAIM = NamedQuery(
    "claims_create",
    f"""
MATCH (n:{_ENTITY} {{id: $item}})
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

#: A contract in force on `$start` between the community's side and the provider (or an org whose links
#: count for it: the holder rule).
CONTRACT_IN_FORCE_BETWEEN = NamedQuery(
    "claims_contract_in_force_between",
    f"""
MATCH (party:{_ENTITY} {{id: $community}}), (x:{_HOLDER_LABELS} {{id: $provider}})
WITH party, x, {org_holders("x")} AS holders
MATCH (party)-[:{_PARTY_TO}]->(k:{_CONTRACT})<-[:{_PARTY_TO}]-(h)
WHERE h IN holders AND {contract_in_force("k", on="start")}
RETURN k.id AS id ORDER BY k.signed DESC, k.id LIMIT 1
""",
)

CREATE_CONTRACT = NamedQuery(
    "claims_create_contract",
    f"""
MATCH (party:{_ENTITY} {{id: $community}}), (x:{_HOLDER_LABELS} {{id: $provider}})
CREATE (k:{_CONTRACT}:{_ENTITY} {{id: $contract, name: $title, title: $title, status: $status,
                                  signed: $signed, expires: $expires, created_by: $user, created_at: $now,
                                  {APP_STATE_AT}: $now}})
CREATE (party)-[:{_PARTY_TO}]->(k), (x)-[:{_PARTY_TO}]->(k)
RETURN k.id AS id
""",
)

#: The approved claim's project: UNDER the contract, DELIVERED_BY the provider (a need's claimant, a
#: resource's owner), MEETS the need (which is claimed now) or USES the resource.
CREATE_PROJECT = NamedQuery(
    "claims_create_project",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n)
MATCH (k:{_CONTRACT} {{id: $contract}}), (x:{_HOLDER_LABELS} {{id: $provider}})
CREATE (j:{_PROJECT}:{_ENTITY} {{id: $project, name: n.title, title: n.title, status: 'planned',
                                 start: c.start, end: c.end, created_by: $user, created_at: $now,
                                 {APP_STATE_AT}: $now}})
CREATE (j)-[:{token(Rel.UNDER)}]->(k), (j)-[:{token(Rel.DELIVERED_BY)}]->(x), (c)-[:{_BECAME}]->(j)
FOREACH (_ IN CASE WHEN n:{_NEED} THEN [1] ELSE [] END |
  SET n.status = 'claimed', n.{APP_STATE_AT} = $now CREATE (j)-[:{token(Rel.MEETS)}]->(n))
FOREACH (_ IN CASE WHEN n:{_RESOURCE} THEN [1] ELSE [] END | CREATE (j)-[:{token(Rel.USES)}]->(n))
RETURN j.id AS id
""",
)

CLOSE_OTHER_CLAIMS = NamedQuery(
    "claims_close_others",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n)<-[:{_CLAIMS}]-(o:{_CLAIM} {{status: 'pending'}})
WHERE o <> c
{record_step("o", Label.CLAIM_STEP, before="o.status")}
SET o.status = $after, o.reason = $reason, o.decided_at = $now, o.decided_by = $user
RETURN o.id AS id ORDER BY id
""",
)

#: One claim with its item, claimant, project and contract, visible when the account acts for its item
#: or its claimant.
CLAIM_DETAIL = NamedQuery(
    "claims_detail",
    f"""
MATCH (c:{_CLAIM} {{id: $claim}})-[:{_CLAIMS}]->(n), (c)-[:{_CLAIMED_BY}]->(x)
WHERE {acts_for("n")} OR {acts_for("x")}
OPTIONAL MATCH (n)-[:{_OWNED_BY}]->(owner)
WITH c, n, x, head(collect(owner)) AS owner
OPTIONAL MATCH (c)-[:{_BECAME}]->(j:{_PROJECT})
OPTIONAL MATCH (j)-[:{token(Rel.UNDER)}]->(k:{_CONTRACT})
{steps_of("c", Label.CLAIM_STEP)}
RETURN c {{.id, .status, .plan, .start, .end, .reason, .created_at, .created_by, .decided_at,
          .decided_by}} AS claim,
       {_KIND} AS kind, n.id AS item, n.title AS item_title, n.status AS item_status,
       n.category AS category, owner.id AS owner, owner.name AS owner_name, x.id AS claimant,
       x.name AS claimant_name, j.id AS project, k.id AS contract, k.status AS contract_status, steps,
       {acts_for("n")} AS owner_side, {acts_for("x")} AS claimant_side
""",
)

#: The claims on one need or resource (at most $limit), newest first.
ITEM_CLAIMS = NamedQuery(
    "claims_of_item",
    f"""
MATCH (n:{_ENTITY} {{id: $item}}) WHERE {_ITEM} AND {in_scope("n")}
OPTIONAL MATCH (c:{_CLAIM})-[:{_CLAIMS}]->(n)
OPTIONAL MATCH (c)-[:{_CLAIMED_BY}]->(x)
WITH n, c, x ORDER BY c.created_at DESC, c.id LIMIT $limit
RETURN n.id AS item, [row IN collect(CASE WHEN c IS NULL THEN null ELSE
         {{id: c.id, status: c.status, start: c.start, end: c.end, claimant: x.id,
          claimant_name: x.name, created_at: c.created_at}} END) WHERE row IS NOT NULL] AS claims
""",
)

#: The claims an account follows (at most $limit, newest first): `$side` 'made' those whose claimant it
#: acts for, 'received' those on items it acts for; of `$status`, or any.
MY_CLAIMS = NamedQuery(
    "claims_mine",
    f"""
MATCH (c:{_CLAIM})-[:{_CLAIMS}]->(n), (c)-[:{_CLAIMED_BY}]->(x)
WHERE ($status IS NULL OR c.status = $status)
  AND (($side = 'made' AND {acts_for("x")}) OR ($side = 'received' AND {acts_for("n")}))
WITH c, n, x ORDER BY c.created_at DESC, c.id LIMIT $limit
OPTIONAL MATCH (n)-[:{_OWNED_BY}]->(owner)
WITH c, n, x, head(collect(owner)) AS owner
OPTIONAL MATCH (c)-[:{_BECAME}]->(j:{_PROJECT})
RETURN c.id AS id, c.status AS status, {_KIND} AS kind, n.id AS item, n.title AS item_title,
       n.category AS category, owner.id AS owner, owner.name AS owner_name, x.id AS claimant,
       x.name AS claimant_name, c.plan AS plan, c.start AS start, c.end AS end,
       c.created_at AS created_at, c.decided_at AS decided_at, c.reason AS reason, j.id AS project
ORDER BY created_at DESC, id
""",
)

#: The claim hall of `$scope`: open needs, and resources offered by a unit or party org, of `$category`
#: (or all) and `$kind` (or both), with the owner, where it stands, the pending claims on each and
#: whether one of them is the asker's (made by `$user`, or for the unit account's unit `$unit`).
HALL_ITEMS = NamedQuery(
    "claims_hall",
    f"""
CALL () {{
  MATCH (n:{_NEED} {{status: 'open'}}) WHERE $kind IS NULL OR $kind = 'need' RETURN n
  UNION
  MATCH (n:{_RESOURCE}) WHERE ($kind IS NULL OR $kind = 'resource')
    AND EXISTS {{ (n)-[:{token(Rel.OFFERED_BY)}]->(:{_HOLDER_LABELS}) }}
  RETURN n
}}
WITH n WHERE ($category IS NULL OR n.category = $category) AND {in_scope("n")}
MATCH (n)-[:{_OWNED_BY}]->(owner)
WITH n, head(collect(owner)) AS owner
{holder_units_of("owner", into="owner_units")}
{place_of("owner", units="owner_units", into="loc")}
RETURN {_KIND} AS kind, n.id AS id, coalesce(n.title, n.name) AS title, n.category AS category,
       owner.id AS owner, owner.name AS owner_name, loc.name AS place,
       [v IN owner_units | v.id] AS owner_units,
       COUNT {{ (c:{_CLAIM} {{status: 'pending'}})-[:{_CLAIMS}]->(n) }} AS pending,
       EXISTS {{ MATCH (c:{_CLAIM} {{status: 'pending'}})-[:{_CLAIMS}]->(n), (c)-[:{_CLAIMED_BY}]->(x)
                 WHERE c.created_by = $user OR {on_unit_side("x")} }} AS mine
ORDER BY id
LIMIT $limit
""",
)

#: A unit account's unit: its name and the street and district it stands in (its claim hall's reach).
UNIT_HOME = NamedQuery(
    "claims_unit_home",
    f"""
MATCH (u:{_U} {{id: $unit}})
OPTIONAL MATCH (u)-[:{token(Rel.LOCATED_IN)}]->(loc:{_A})
{area_chain("loc")}
RETURN u.id AS id, u.name AS name, loc.id AS area, loc.name AS area_name, street.id AS street,
       street.name AS street_name, district.id AS district, district.name AS district_name
LIMIT 1
""",
)

#: What an account may claim for (at most $limit, by kind and name): a unit account's unit and its party
#: orgs (`$unit`), else the units located in `$scope`'s areas and the party orgs based there (a
#: community's own org, which claims resources).
CLAIMANTS = NamedQuery(
    "claims_claimants",
    f"""
CALL () {{
  MATCH (x:{_U} {{id: $unit}}) RETURN x, 'unit' AS type
  UNION
  MATCH (x:{_P})-[:{token(Rel.BELONGS_TO)}]->(:{_U} {{id: $unit}}) RETURN x, 'org' AS type
  UNION
  MATCH (root:{_A}) WHERE $unit IS NULL AND root.id IN $scope
  MATCH (a:{_A}){AREA_UP}(root)
  CALL (a) {{
    MATCH (x:{_P})-[:{token(Rel.BASED_IN)}]->(a) RETURN x, 'community' AS type
    UNION
    MATCH (x:{_U})-[:{token(Rel.LOCATED_IN)}]->(a) RETURN x, 'unit' AS type
  }}
  RETURN x, type
}}
RETURN DISTINCT x.id AS id, x.name AS name, type
ORDER BY type DESC, name, id
LIMIT $limit
""",
)

#: A need (需求清单) published in the app by a community or street (an area) or a party org the account
#: acts for; `raised_on` starts the wait that the warning `needs_unclaimed` counts.
RAISE_NEED = NamedQuery(
    "claims_raise_need",
    f"""
MATCH (x:{label_union((Label.AREA, Label.PARTY_ORG))} {{id: $raiser}}) WHERE {acts_for("x")}
CREATE (n:{_NEED}:{_ENTITY} {{id: $need, name: $title, title: $title, category: $category, status: 'open',
                              raised_on: date($now), created_by: $user, created_at: $now}})
CREATE (n)-[:{token(Rel.RAISED_BY)}]->(x)
RETURN n.id AS id
""",
)

#: A resource offered in the app by a unit or party org the account acts for (a unit account: its unit).
OFFER_RESOURCE = NamedQuery(
    "claims_offer_resource",
    f"""
MATCH (x:{_HOLDER_LABELS} {{id: $provider}}) WHERE {acts_for("x")}
CREATE (r:{_RESOURCE}:{_ENTITY} {{id: $resource, name: $title, title: $title, category: $category,
                                  created_by: $user, created_at: $now}})
CREATE (r)-[:{token(Rel.OFFERED_BY)}]->(x)
RETURN r.id AS id
""",
)
