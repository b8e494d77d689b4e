"""Need–resource matches: which nearby unit could meet which open need, ranked and explained.

An open need is matched with resources of its category offered by a unit, or by a party org whose links
count for a unit (the holder rule), located in the need's district (or street, where no district is
above it). The unit that raised the need is never its own provider. The ranking, most important first:

1. proximity: the provider is in the need's community, else in its street, else only in its district;
2. existing ties between the provider (its link holders) and the need's side (the raiser, or the raiser
   unit's link holders, and the party orgs based in the need's community and street): a shared alliance
   (a member, or the leader, or the alliance of the need's street), a shared contract in force, and a
   seat in term held by someone who works at the provider on one of the side's party orgs;
3. the category: always the same; a resource whose title shares a word (two characters, not a generic
   one such as 社区 or 服务) with the need's ranks higher;
4. spare capacity: a resource already used by planned or ongoing projects ranks lower, per project.

Providers from another street are kept only for a need that no provider in its street can meet, and
are marked so. The score encodes the order in one number (graph.matches.score); graph.matches.TOP_PER_NEED
are kept per need.

The candidates come from two bounded reads (the needs of the scope, then the resources of their
categories in their districts, found down those districts' area trees when they are few); the ranking
(graph/matches.py) is plain Python over those rows.
"""

from __future__ import annotations

from functools import cache

from graph.cypher import NamedQuery, token
from graph.rules import (
    area_chain,
    area_in_roots,
    areas_under,
    holder_units_of,
    holders_alliances,
    holders_contracts,
    in_scope,
    place_of,
    unit_holders,
    unit_seat_orgs,
)
from graph.schema import Label, Rel

#: Bounds of the two reads (needs in a scope, resources near them).
MAX_NEEDS = 20000
MAX_OFFERS = 20000

#: Scope levels small enough that walking down to the needs beats scanning them.
SMALL_SCOPES = ("street", "community", "grid")

_A, _U, _P = token(Label.AREA), token(Label.UNIT), token(Label.PARTY_ORG)
_NEED, _RAISED = token(Label.NEED), token(Rel.RAISED_BY)
_RES, _OFFERED = token(Label.RESOURCE), token(Rel.OFFERED_BY)

_SCAN_NEEDS = f"""
MATCH (n:{_NEED}) WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
MATCH (n)-[:{_RAISED}]->(src)
"""

# Down a small scope's area tree to the raisers: an area, an org based there, a unit located there or
# one of its link holders.
_RAISERS_UNDER_ROOTS = f"""
{areas_under("area")}
WITH DISTINCT area
CALL (area) {{
  MATCH (n:{_NEED})-[:{_RAISED}]->(area) RETURN n, area AS src
  UNION
  MATCH (n:{_NEED})-[:{_RAISED}]->(src:{_P})-[:{token(Rel.BASED_IN)}]->(area) RETURN n, src
  UNION
  MATCH (u:{_U})-[:{token(Rel.LOCATED_IN)}]->(area)
  {unit_holders("u")}
  UNWIND holders AS src
  MATCH (n:{_NEED})-[:{_RAISED}]->(src)
  RETURN n, src
}}
"""

_WALK_TO_NEEDS = f"""{_RAISERS_UNDER_ROOTS}
WITH DISTINCT n, src WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
"""


# Only the needs that can match with some of `$units` (suggested partners of a page of units): those
# raised by one of the units' link holders (`raised_here`; all their raisers are kept, so that a need
# raised twice is ranked for the same first raiser as unrestricted), and those of a category one of the
# units offers (through a link holder) whose region (district, else street) is that unit's, `$offered`
# as [category, region] pairs: found down the regions' area trees (`walk`, for one or two regions) or
# by category through the index. Any other need is ranked without the units, so leaving it out changes
# none of their rows; a need kept is ranked against all its nearby resources as before.
def _units_to_needs(walk: bool) -> str:
    offered = (
        f"""{_RAISERS_UNDER_ROOTS}
  WITH n WHERE n.status = 'open' AND n.category IN $offered_categories"""
        if walk
        else f"MATCH (n:{_NEED}) WHERE n.status = 'open' AND n.category IN $offered_categories"
    )
    return f"""
CALL () {{
  UNWIND $units AS unit_id
  MATCH (page_unit:{_U} {{id: unit_id}})
  {unit_holders("page_unit", into="page_holders")}
  UNWIND page_holders AS page_holder
  MATCH (n:{_NEED})-[:{_RAISED}]->(page_holder)
  RETURN n, true AS raised_here
  UNION
  {offered}
  RETURN DISTINCT n, false AS raised_here
}}
WITH n, true IN collect(raised_here) AS raised_here
WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
MATCH (n)-[:{_RAISED}]->(src)
"""


_NEAR_UNITS = "AND (raised_here OR [n.category, coalesce(district.id, street.id)] IN $offered)"


# The need's side: the raiser (a unit with its link holders) and the orgs based in its community and street.
def _needs_with_side(near_units: str) -> str:
    return f"""
{holder_units_of("src", into="src_units")}
{place_of("src", units="src_units", into="loc")}
{area_chain("loc")}
WITH * WHERE loc IS NOT NULL AND (street IS NOT NULL OR district IS NOT NULL)
  AND {area_in_roots("loc", root="loc_root")}
  AND {in_scope("src")}{near_units}
CALL (src) {{
  WITH src AS u WHERE src:{_U}
  {unit_holders("u")}
  RETURN holders AS own
  UNION
  WITH src WHERE NOT src:{_U}
  RETURN CASE WHEN src:{_A} THEN [] ELSE [src] END AS own
}}
WITH *, own + [(o:{_P})-[:{token(Rel.BASED_IN)}]->(community) | o]
             + [(o:{_P})-[:{token(Rel.BASED_IN)}]->(street) | o] AS holders
RETURN n.id AS need_id, coalesce(n.title, n.name) AS need_title, n.category AS category,
       src.id AS raiser_id, src.name AS raiser_name, [l IN labels(src) WHERE l <> 'Entity'][0] AS raiser_type,
       [v IN src_units | v.id] AS raiser_units,
       community.id AS com, community.name AS com_name, street.id AS str, street.name AS str_name,
       district.id AS dis, district.name AS dis_name,
       {holders_alliances("holders")}
         + [(al:{token(Label.ALLIANCE)})-[:{token(Rel.HOSTED_BY)}]->(street) | al.id] AS alliances,
       {holders_contracts("holders")} AS contracts,
       [h IN holders WHERE h:{_P} | h.id] AS orgs
ORDER BY need_id, raiser_id
LIMIT {MAX_NEEDS}
"""


@cache
def needs_query(walk: bool) -> NamedQuery:
    """The open needs raised in `$roots` (of `$category`, or all) by raisers visible under `$scope`, with
    their place and their side's ties; `walk` for a small scope."""
    return NamedQuery(
        "match_needs_walk" if walk else "match_needs_scan",
        (_WALK_TO_NEEDS if walk else _SCAN_NEEDS) + _needs_with_side(""),
    )


@cache
def needs_near_units(walk: bool) -> NamedQuery:
    """The rows of `needs_query` for only the needs that can match with one of `$units`: `$offered` holds
    the [category, region] pairs of what they offer, `$offered_categories` those categories; `walk` to
    find the needs of those categories down the `$roots` (a few regions) rather than by category."""
    return NamedQuery(
        "match_needs_units_walk" if walk else "match_needs_units_scan",
        _units_to_needs(walk) + _needs_with_side(" " + _NEAR_UNITS),
    )


# The resources that can be near the needs, found down the areas of `$regions` (their districts and the
# streets of those with no district): the resources of `$categories` offered by a unit located there or by
# one of its link holders. Every resource `_OFFERS_NEAR` keeps is among them (its provider stands in one
# of those areas and holds links for that unit), so they only spare reading every resource of the
# categories in the city.
_RESOURCES_UNDER_REGIONS = f"""
{areas_under("offer_area", roots="regions", root="offer_root")}
WITH DISTINCT offer_area
MATCH (offer_unit:{_U})-[:{token(Rel.LOCATED_IN)}]->(offer_area)
{unit_holders("offer_unit", into="offer_holders")}
UNWIND offer_holders AS offer_holder
MATCH (res:{_RES})-[:{_OFFERED}]->(offer_holder) WHERE res.category IN $categories
WITH DISTINCT res
"""

_SCAN_RESOURCES = f"MATCH (res:{_RES}) WHERE res.category IN $categories"

_OFFERS_NEAR = f"""
MATCH (res)-[:{_OFFERED}]->(src) WHERE src:{_U} OR src:{_P}
{holder_units_of("src", into="src_units")}
UNWIND src_units AS u
WITH res, src, u, head([(u)-[:{token(Rel.LOCATED_IN)}]->(a:{_A}) | a]) AS loc
{area_chain("loc")}
WITH * WHERE (district.id IN $districts OR street.id IN $streets) AND {in_scope("src")}
{unit_holders("u")}
RETURN res.id AS resource_id, coalesce(res.title, res.name) AS resource_title, res.category AS category,
       src.id AS offered_by_id, src.name AS offered_by_name, u.id AS provider_id, u.name AS provider_name,
       u.kind AS provider_kind, community.id AS com, community.name AS com_name, street.id AS str,
       street.name AS str_name, district.id AS dis,
       {holders_alliances("holders")} AS alliances, {holders_contracts("holders")} AS contracts,
       {unit_seat_orgs("u")} AS seats,
       COUNT {{ (j:{token(Label.PROJECT)})-[:{token(Rel.USES)}]->(res)
               WHERE j.status IN ['planned', 'ongoing'] }} AS projects
ORDER BY resource_id, provider_id
LIMIT {MAX_OFFERS}
"""


@cache
def offers_query(walk: bool) -> NamedQuery:
    """The resources of `$categories` offered by a unit (or an org holding links for one) in `$districts`
    or `$streets` and visible under `$scope`, with the provider's place, ties and the projects using
    them; `walk` to find them down the areas of `$regions` (those districts and streets, a few of them)
    rather than through the index by category."""
    return NamedQuery(
        "match_offers_walk" if walk else "match_offers",
        (_RESOURCES_UNDER_REGIONS if walk else _SCAN_RESOURCES) + _OFFERS_NEAR,
    )
