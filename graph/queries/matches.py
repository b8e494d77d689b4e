"""Need–resource matches: which nearby unit could meet which open need, ranked and explained.

An open need is matched with resources of the same category offered by a unit, or by one of the unit's
party orgs, located in the same street or the same district as the need (through the area tree). The
unit that raised the need is never its own provider. Ranking, most important first:

1. the provider is in the need's community;
2. the provider unit has no contract in force (a match is a chance to sign one);
3. the organizational tie distance between the need's raiser and the provider (a bounded shortest
   path over `ORG_TIES`, at most 4 hops; closer first, none last);
4. the provider is in the need's street (only a tie-break: same street is nearer than same district).

The score encodes that order in one number: 1000 · same community + 100 · no contract
+ 10 · (5 − distance, 0 without a tie) + 1 · same street. Per need, the tie distance is computed for the
DISTANCE_CANDIDATES best candidates by the other criteria, and the TOP_PER_NEED best are kept.

Needs are grouped by category and the category's offers are found once, so the work grows with the
needs and the resources in play, not with their product over the whole city.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graph.cypher import NamedQuery, rel_union
from graph.driver import Graph
from graph.queries.scope import Scope
from graph.rules import HOLDERS_HAVE_CONTRACT, UNIT_HOLDERS, in_scope
from graph.schema import ORG_TIES

#: Providers kept per need, so that a category with many resources cannot flood the list.
TOP_PER_NEED = 5
MAX_TIE_DISTANCE = 4


def _location(var: str, out: str) -> str:
    """Where a raiser or provider stands: an area itself, a unit's area, an org's base or its unit's area."""
    return f"""head(CASE WHEN {var}:Area THEN [{var}]
      WHEN {var}:Unit THEN [({var})-[:LOCATED_IN]->(a:Area) | a]
      ELSE [({var})-[:BASED_IN]->(a:Area) | a]
         + [({var})-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(:Unit)-[:LOCATED_IN]->(a:Area) | a]
      END) AS {out}"""


def _levels(chain: str, prefix: str) -> str:
    return (
        f"head([x IN {chain} WHERE x.level = 'community']) AS {prefix}com, "
        f"head([x IN {chain} WHERE x.level = 'street']) AS {prefix}str, "
        f"head([x IN {chain} WHERE x.level = 'district']) AS {prefix}dis"
    )


#: Scope levels small enough that walking down to the needs beats scanning them.
SMALL_SCOPES = ("street", "community", "grid")

#: Providers kept per need before the tie distance is computed (the distance is the costly part, and
#: it only orders candidates that are equal on the first two criteria).
DISTANCE_CANDIDATES = 10

# Open needs raised in the scope: by an area of the subtree, a unit located there, or a party org based
# there or belonging to such a unit. Adds n, r, raiser_unit and the need's community / street / district.
# Two ways to find the candidates: scan the open needs (best for a city or a district), or walk down a
# small scope's area tree to the raisers (best for a street, community or grid).
_SCAN_NEEDS = """
MATCH (n:Need) WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
MATCH (n)-[:RAISED_BY]->(r)
"""

_WALK_TO_NEEDS = """
MATCH (root:Area) WHERE root.id IN $roots
MATCH (x:Area)-[:PART_OF*0..4]->(root)
WITH DISTINCT x
CALL (x) {
  MATCH (n:Need)-[:RAISED_BY]->(x) RETURN n, x AS r
  UNION
  MATCH (n:Need)-[:RAISED_BY]->(r:PartyOrg)-[:BASED_IN]->(x) RETURN n, r
  UNION
  MATCH (n:Need)-[:RAISED_BY]->(r:Unit)-[:LOCATED_IN]->(x) RETURN n, r
  UNION
  MATCH (n:Need)-[:RAISED_BY]->(r:PartyOrg)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(:Unit)
        -[:LOCATED_IN]->(x)
  RETURN n, r
}
WITH DISTINCT n, r WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
"""

_NEEDS_IN_SCOPE = f"""
WITH n, r, {_location("r", "nloc")},
     CASE WHEN r:Unit THEN r
          WHEN r:PartyOrg THEN head([(r)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(x:Unit) | x])
     END AS raiser_unit
WHERE nloc IS NOT NULL AND EXISTS {{ (nloc)-[:PART_OF*0..4]->(root:Area) WHERE root.id IN $roots }}
WITH n, r, raiser_unit, [(nloc)-[:PART_OF*0..4]->(x:Area) | x] AS nchain
WITH n, r, raiser_unit, {_levels("nchain", "n")}
WHERE nstr IS NOT NULL OR ndis IS NOT NULL
"""

# Offers of one category near some needs: each resource offered by a unit or one of its party orgs,
# with the unit's place and whether it holds a contract in force. Computed once per category, then
# split by the needs' regions (district, or street lacking one), so each need scans only its region's.
_OFFERS = f"""
CALL (category, groups) {{
  WITH category, [g IN groups | g.region] AS regions
  MATCH (res:Resource {{category: category}})-[:OFFERED_BY]->(o)
  WHERE o:Unit OR o:PartyOrg
  WITH res, o, regions,
       CASE WHEN o:Unit THEN o
            ELSE head([(o)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(x:Unit) | x]) END AS u
  WHERE u IS NOT NULL
  WITH res, o, u, regions, [(u)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..4]->(x:Area) | x] AS pchain
  WITH res, o, u, regions, {_levels("pchain", "p")}
  WHERE (pdis IN regions OR pstr IN regions) AND {in_scope("o")}
  {UNIT_HOLDERS}
  RETURN collect({{res: res, o: o, u: u, com: pcom, str: pstr, dis: pdis,
                   has_contract: {HOLDERS_HAVE_CONTRACT}}}) AS offers
}}
"""


@cache
def match_query(walk: bool = False) -> NamedQuery:
    """Ranked need–resource pairs for the open needs in `$roots`; `walk` for a small scope."""
    ties = rel_union(ORG_TIES)
    text = f"""
    {_WALK_TO_NEEDS if walk else _SCAN_NEEDS}
    {_NEEDS_IN_SCOPE}
    WITH n.category AS category, coalesce(ndis, nstr) AS region,
         collect({{n: n, r: r, ru: raiser_unit, com: ncom, str: nstr, dis: ndis}}) AS group
    WITH category, collect({{region: region, needs: group}}) AS groups
    {_OFFERS}
    UNWIND groups AS grp
    WITH grp, [o IN offers WHERE o.dis = grp.region OR o.str = grp.region] AS local
    UNWIND grp.needs AS need
    CALL (need, local) {{
      UNWIND local AS offer
      WITH need, offer
      WHERE ((need.str IS NOT NULL AND offer.str = need.str)
             OR (need.dis IS NOT NULL AND offer.dis = need.dis))
        AND offer.u <> need.r AND (need.ru IS NULL OR offer.u <> need.ru)
      WITH need, offer, coalesce(need.com IS NOT NULL AND offer.com = need.com, false) AS same_community,
           coalesce(need.str IS NOT NULL AND offer.str = need.str, false) AS same_street
      ORDER BY same_community DESC, offer.has_contract ASC, same_street DESC, offer.res.id
      LIMIT {DISTANCE_CANDIDATES}
      WITH need, offer, same_community, same_street, need.r AS r, offer.u AS u
      OPTIONAL MATCH tie = shortestPath((r)-[:{ties}*..{MAX_TIE_DISTANCE}]-(u))
      WITH need, offer, same_community, same_street, length(tie) AS distance
      WITH need, offer, same_community, same_street, distance,
           1000 * toInteger(same_community) + 100 * toInteger(NOT offer.has_contract)
           + 10 * coalesce({MAX_TIE_DISTANCE + 1} - distance, 0) + toInteger(same_street) AS score
      ORDER BY score DESC, offer.res.id
      LIMIT {TOP_PER_NEED}
      WITH need.n AS n, need.r AS r, need.ru AS ru, offer.res AS res, offer.o AS o, offer.u AS u, offer,
           same_community, same_street, distance, score
      RETURN collect({{
        need_id: n.id, need_title: coalesce(n.title, n.name), category: n.category,
        raiser_id: r.id, raiser_name: r.name, raiser_type: [l IN labels(r) WHERE l <> 'Entity'][0],
        raiser_unit_id: ru.id, need_community: need.com.name, need_street: need.str.name,
        need_district: need.dis.name,
        resource_id: res.id, resource_title: coalesce(res.title, res.name), offered_by_id: o.id,
        offered_by_name: o.name, provider_id: u.id, provider_name: u.name, provider_kind: u.kind,
        provider_community: offer.com.name, provider_street: offer.str.name,
        provider_has_contract: offer.has_contract, tie_distance: distance,
        same_community: same_community, same_street: same_street, score: score
      }}) AS rows
    }}
    UNWIND rows AS row
    WITH row ORDER BY row.score DESC, row.need_id, row.resource_id
    WITH count(*) AS total, collect(row) AS rows
    RETURN total, rows[$skip..$skip + $limit] AS rows
    """
    return NamedQuery("matches_walk" if walk else "matches_scan", text)


@dataclass
class MatchPage:
    """One page of ranked matches and the total number of them."""

    total: int
    rows: list[dict[str, Any]] = field(default_factory=list)


def find_matches(
    graph: Graph, scope: Scope, *, as_of: dt.date, category: str | None, skip: int, limit: int
) -> MatchPage:
    """Ranked matches for the open needs in the scope's areas, with providers in the caller's access scope."""
    params = {
        "roots": scope.roots,
        "scope": scope.access,
        "as_of": as_of,
        "category": category,
        "skip": skip,
        "limit": limit,
    }
    walk = scope.level in SMALL_SCOPES
    rows = graph.read(match_query(walk), params)
    if not rows:
        return MatchPage(0)
    return MatchPage(rows[0]["total"], rows[0]["rows"])


def score(same_community: bool, has_contract: bool, distance: int | None, same_street: bool) -> int:
    """The match score: the ranking's criteria in one number (see the module docstring)."""
    tie = MAX_TIE_DISTANCE + 1 - distance if distance is not None else 0
    return 1000 * same_community + 100 * (not has_contract) + 10 * tie + same_street
