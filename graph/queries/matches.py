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
are marked so. The score encodes the order in one number (see `score`); TOP_PER_NEED are kept per need.

The candidates come from two bounded reads (the needs of the scope, then the resources of their
categories in their districts); the ranking is plain Python over those rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graph.cypher import NamedQuery, token
from graph.driver import Graph, run
from graph.queries.scope import Scope
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

#: Providers kept per need, so that a category with many resources cannot flood the list.
TOP_PER_NEED = 5
#: Bounds of the two reads (needs in a scope, resources near them).
MAX_NEEDS = 20000
MAX_OFFERS = 20000

#: Scope levels small enough that walking down to the needs beats scanning them.
SMALL_SCOPES = ("street", "community", "grid")

_A, _U, _P = token(Label.AREA), token(Label.UNIT), token(Label.PARTY_ORG)
_NEED, _RAISED = token(Label.NEED), token(Rel.RAISED_BY)

_SCAN_NEEDS = f"""
MATCH (n:{_NEED}) WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
MATCH (n)-[:{_RAISED}]->(src)
"""

# Down a small scope's area tree to the raisers: an area, an org based there, a unit located there or
# one of its link holders.
_WALK_TO_NEEDS = f"""
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
WITH DISTINCT n, src WHERE n.status = 'open' AND ($category IS NULL OR n.category = $category)
"""

# The need's side: the raiser (a unit with its link holders) and the orgs based in its community and street.
_NEEDS_WITH_SIDE = f"""
{holder_units_of("src", into="src_units")}
{place_of("src", units="src_units", into="loc")}
{area_chain("loc")}
WITH * WHERE loc IS NOT NULL AND (street IS NOT NULL OR district IS NOT NULL)
  AND {area_in_roots("loc", root="loc_root")}
  AND {in_scope("src")}
CALL (src) {{
  WITH src AS u WHERE src:{_U}
  {unit_holders("u")}
  RETURN holders AS own
  UNION
  WITH src WHERE NOT src:{_U}
  RETURN CASE WHEN src:{_A} THEN [] ELSE [src] END AS own
}}
WITH *, own + [(o:{_P})-[:{token(Rel.BASED_IN)}]->(a:{_A}) WHERE a = community OR a = street | o] AS holders
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
        (_WALK_TO_NEEDS if walk else _SCAN_NEEDS) + _NEEDS_WITH_SIDE,
    )


#: The resources of `$categories` offered by a unit (or an org holding links for one) in `$districts` or
#: `$streets` and visible under `$scope`, with the provider's place, ties and the projects using them.
OFFERS = NamedQuery(
    "match_offers",
    f"""
    MATCH (res:{token(Label.RESOURCE)}) WHERE res.category IN $categories
    MATCH (res)-[:{token(Rel.OFFERED_BY)}]->(src) WHERE src:{_U} OR src:{_P}
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
    """,
)


@dataclass
class MatchPage:
    """One page of ranked matches and the total number of them."""

    total: int
    rows: list[dict[str, Any]] = field(default_factory=list)


#: Two-character pieces that say nothing of what is needed or offered (社区助餐服务需求 / 助浴服务).
GENERIC_WORDS = frozenset({"社区", "需求", "服务", "项目", "活动", "免费", "党员", "志愿", "单位", "公司"})


def words(title: str | None) -> set[str]:
    """The two-character pieces of a title (most Chinese words have two characters), generic ones left out."""
    text = "".join(ch for ch in (title or "") if ch.isalnum())
    return {text[i : i + 2] for i in range(len(text) - 1)} - GENERIC_WORDS


def score(proximity: int, ties: int, similar: bool, projects: int) -> int:
    """The ranking in one number: 1000 · proximity (3 community, 2 street, 1 district) + 100 per tie
    (alliance, contract, seat) + 50 if the titles share a word + 10 · spare capacity (3 − projects, ≥ 0)."""
    return 1000 * proximity + 100 * ties + 50 * similar + 10 * max(0, 3 - projects)


def _pair(need: dict[str, Any], offer: dict[str, Any]) -> dict[str, Any]:
    same_community = need["com"] is not None and offer["com"] == need["com"]
    same_street = need["str"] is not None and offer["str"] == need["str"]
    proximity = 3 if same_community else 2 if same_street else 1
    alliance = bool(set(need["alliances"]) & set(offer["alliances"]))
    contract = bool(set(need["contracts"]) & set(offer["contracts"]))
    seat = bool(set(need["orgs"]) & set(offer["seats"]))
    shared = sorted(words(need["need_title"]) & words(offer["resource_title"]))
    codes = ["same_community" if same_community else "same_street" if same_street else "other_street"]
    codes += [code for code, tie in (("same_alliance", alliance), ("contract_in_force", contract)) if tie]
    codes += ["seat"] if seat else []
    codes += ["similar_title" if shared else "same_category"]
    codes += ["no_projects" if offer["projects"] == 0 else "projects"]
    return {
        "need_id": need["need_id"],
        "need_title": need["need_title"],
        "category": need["category"],
        "raiser_id": need["raiser_id"],
        "raiser_name": need["raiser_name"],
        "raiser_type": need["raiser_type"],
        "raiser_units": need["raiser_units"],
        "need_community": need["com_name"],
        "need_street": need["str_name"],
        "need_district": need["dis_name"],
        "resource_id": offer["resource_id"],
        "resource_title": offer["resource_title"],
        "offered_by_id": offer["offered_by_id"],
        "offered_by_name": offer["offered_by_name"],
        "provider_id": offer["provider_id"],
        "provider_name": offer["provider_name"],
        "provider_kind": offer["provider_kind"],
        "provider_community": offer["com_name"],
        "provider_street": offer["str_name"],
        "same_community": same_community,
        "same_street": same_street,
        "other_street": not same_street,
        "same_alliance": alliance,
        "contract_in_force": contract,
        "seat": seat,
        "shared_words": shared,
        "projects": offer["projects"],
        "score": score(proximity, alliance + contract + seat, bool(shared), offer["projects"]),
        "reason_codes": codes,
    }


def rank(needs: list[dict[str, Any]], offers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each need's best providers (TOP_PER_NEED; other streets only if none in its street), best first."""
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for offer in offers:
        by_category[offer["category"]].append(offer)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for need in needs:
        if need["need_id"] in seen:  # a need raised by two nodes is matched once, for the first
            continue
        seen.add(need["need_id"])
        own = {need["raiser_id"], *need["raiser_units"]}
        near = [
            _pair(need, offer)
            for offer in by_category[need["category"]]
            if offer["provider_id"] not in own
            and (offer["dis"] == need["dis"] if need["dis"] is not None else offer["str"] == need["str"])
        ]
        in_street = [p for p in near if p["same_street"]]
        kept = sorted(in_street or near, key=lambda p: (-p["score"], p["resource_id"], p["provider_id"]))
        rows += kept[:TOP_PER_NEED]
    rows.sort(key=lambda p: (-p["score"], p["need_id"], p["resource_id"], p["provider_id"]))
    return rows


def find_matches(
    graph: Graph, scope: Scope, *, as_of: dt.date, category: str | None, skip: int, limit: int
) -> MatchPage:
    """Ranked matches for the open needs in the scope's areas, with providers in the caller's access scope."""
    params = {"roots": scope.roots, "as_of": as_of, "category": category, "scope": scope.access}

    def work(tx: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        needs = run(tx, needs_query(scope.level in SMALL_SCOPES), params)
        if not needs:
            return needs, []
        near = {
            "categories": sorted({n["category"] for n in needs if n["category"]}),
            "districts": sorted({n["dis"] for n in needs if n["dis"]}),
            "streets": sorted({n["str"] for n in needs if n["str"] and not n["dis"]}),
            "scope": scope.access,
            "as_of": as_of,
        }
        return needs, run(tx, OFFERS, near)

    needs, offers = graph.read_tx(work)
    rows = rank(needs, offers)
    return MatchPage(len(rows), rows[skip : skip + limit])
