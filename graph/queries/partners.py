"""Suggested partners of a few units (a page of a gap list), to sign a first contract with.

For each unit: the raisers of open needs that its resources (its own or its party orgs') could meet,
and the providers of resources for its own open needs, in the same street or district, the same
category, scored by `score` (same community, no contract in force yet, tie distance, same street).
The work is anchored on the units, in four bounded queries, so a page of gaps stays fast however large
the city: the units' places and offers, the candidate needs and offers nearby, then the tie distances of
the few best candidates per unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graph.cypher import NamedQuery, rel_union
from graph.driver import Graph, run
from graph.rules import HOLDERS_HAVE_CONTRACT, UNIT_HOLDERS, in_scope
from graph.schema import ORG_TIES

#: Candidates per unit whose tie distance is computed; the best `top` of them are kept.
DISTANCE_CANDIDATES = 8
MAX_TIE_DISTANCE = 4


def score(same_community: bool, has_contract: bool, distance: int | None, same_street: bool) -> int:
    """A suggestion's score: 1000 · same community + 100 · no contract in force + 10 · (5 − tie distance,
    0 without a tie) + 1 · same street."""
    tie = MAX_TIE_DISTANCE + 1 - distance if distance is not None else 0
    return 1000 * same_community + 100 * (not has_contract) + 10 * tie + same_street


_PLACE = """
WITH *, [(x)-[:PART_OF*0..4]->(a:Area) | a] AS chain
WITH *, head([a IN chain WHERE a.level = 'community']).id AS com,
        head([a IN chain WHERE a.level = 'street']).id AS str,
        head([a IN chain WHERE a.level = 'district']).id AS dis
"""

UNITS_AND_OFFERS = NamedQuery(
    "partner_units",
    """
    UNWIND $units AS uid
    MATCH (u:Unit {id: uid})
    """
    + UNIT_HOLDERS
    + """
    WITH u, holders, """
    + HOLDERS_HAVE_CONTRACT
    + """ AS has_contract
    WITH u, holders, has_contract, head([(u)-[:LOCATED_IN]->(a:Area) | a]) AS x
    """
    + _PLACE
    + """
    RETURN u.id AS id, has_contract, com, str, dis,
           [h IN holders | [(h)<-[:OFFERED_BY]-(res:Resource) | res {.id, .category, by: h.id}]] AS offers,
           [h IN holders | [(n:Need {status: 'open'})-[:RAISED_BY]->(h)
                            | n {.id, .category, title: coalesce(n.title, n.name)}]] AS needs
    """,
)

# Open needs raised in the regions (the units' districts), found by walking down the area tree, so the
# cost follows the regions' size, not the city's.
NEEDS_NEARBY = NamedQuery(
    "partner_needs_nearby",
    """
    UNWIND $regions AS rid
    MATCH (:Area {id: rid})<-[:PART_OF*0..4]-(x:Area)
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
    WITH x, n, r WHERE n.status = 'open' AND n.category IN $categories AND """
    + in_scope("r")
    + """
    WITH x, n, r,
         CASE WHEN r:Unit THEN r.id
              WHEN r:PartyOrg THEN head([(r)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(v:Unit) | v.id])
         END AS raiser_unit
    """
    + _PLACE
    + """
    RETURN n.id AS need_id, coalesce(n.title, n.name) AS need_title, n.category AS category,
           r.id AS partner_id, r.name AS partner_name, raiser_unit, com, str, dis
    ORDER BY need_id
    LIMIT 20000
    """,
)

OFFERS_NEARBY = NamedQuery(
    "partner_offers_nearby",
    """
    MATCH (res:Resource) WHERE res.category IN $categories
    MATCH (res)-[:OFFERED_BY]->(o) WHERE o:Unit OR o:PartyOrg
    WITH res, CASE WHEN o:Unit THEN o
                   ELSE head([(o)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(v:Unit) | v]) END AS u
    WHERE u IS NOT NULL
    WITH res, u, head([(u)-[:LOCATED_IN]->(a:Area) | a]) AS x
    """
    + _PLACE
    + """
    WITH res, u, com, str, dis WHERE (dis IN $districts OR str IN $streets) AND """
    + in_scope("u")
    + """
    """
    + UNIT_HOLDERS
    + """
    RETURN res.id AS resource_id, res.category AS category, u.id AS partner_id, u.name AS partner_name,
           com, str, dis, """
    + HOLDERS_HAVE_CONTRACT
    + """ AS has_contract
    LIMIT 20000
    """,
)

TIE_DISTANCES = NamedQuery(
    "partner_tie_distances",
    f"""
    UNWIND $pairs AS pair
    MATCH (a:Entity {{id: pair[0]}}), (b:Entity {{id: pair[1]}})
    WHERE a <> b
    OPTIONAL MATCH tie = shortestPath((a)-[:{rel_union(ORG_TIES)}*..{MAX_TIE_DISTANCE}]-(b))
    RETURN pair[0] AS a, pair[1] AS b, length(tie) AS distance
    """,
)


@dataclass
class _Candidate:
    unit: str
    partner_id: str
    partner_name: str | None
    role: str
    need_id: str
    need_title: str | None
    resource_id: str
    category: str
    same_community: bool
    same_street: bool
    provider_has_contract: bool
    tie_from: str
    distance: int | None = None


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and a == b


def _near(unit: dict[str, Any], row: dict[str, Any]) -> bool:
    return _same(unit["str"], row["str"]) or _same(unit["dis"], row["dis"])


def suggest_partners(
    graph: Graph, unit_ids: list[str], *, as_of: dt.date, top: int = 3, scope: list[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """For each unit, its `top` partners in `scope` (root area ids, None for all) by the match score,
    best first."""
    if not unit_ids:
        return {}

    def work(tx: Any) -> list[_Candidate]:
        units = run(tx, UNITS_AND_OFFERS, {"units": unit_ids, "as_of": as_of})
        districts = sorted({u["dis"] for u in units if u["dis"]})
        streets = sorted({u["str"] for u in units if u["str"]})
        offer_cats = sorted({o["category"] for u in units for group in u["offers"] for o in group})
        need_cats = sorted({n["category"] for u in units for group in u["needs"] for n in group})
        place = {"districts": districts, "streets": streets}
        regions = sorted({u["dis"] or u["str"] for u in units if u["dis"] or u["str"]})
        nearby = {"categories": offer_cats, "regions": regions, "scope": scope}
        needs = _first_place(run(tx, NEEDS_NEARBY, nearby)) if offer_cats and regions else []
        offers = (
            run(tx, OFFERS_NEARBY, {"categories": need_cats, "as_of": as_of, "scope": scope, **place})
            if need_cats
            else []
        )
        candidates = _candidates(units, needs, offers)
        pairs = sorted({(c.tie_from, c.partner_id if c.role == "offers" else c.unit) for c in candidates})
        found = run(tx, TIE_DISTANCES, {"pairs": [list(p) for p in pairs]}) if pairs else []
        distances = {(r["a"], r["b"]): r["distance"] for r in found}
        for c in candidates:
            key = (c.tie_from, c.partner_id if c.role == "offers" else c.unit)
            c.distance = distances.get(key)
        return candidates

    suggestions: dict[str, list[dict[str, Any]]] = {uid: [] for uid in unit_ids}
    ranked = sorted(graph.read_tx(work), key=lambda c: (-_score(c), c.need_id, c.resource_id))
    for c in ranked:
        chosen = suggestions[c.unit]
        if len(chosen) < top and all(s["id"] != c.partner_id for s in chosen):
            chosen.append(
                {
                    "id": c.partner_id,
                    "name": c.partner_name,
                    "role": c.role,
                    "need_id": c.need_id,
                    "need_title": c.need_title,
                    "resource_id": c.resource_id,
                    "category": c.category,
                    "score": _score(c),
                }
            )
    return suggestions


def _first_place(needs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per need: a raiser found in two places (based in one area, its unit in another) counts once."""
    seen: set[str] = set()
    kept = []
    for need in needs:
        if need["need_id"] not in seen:
            seen.add(need["need_id"])
            kept.append(need)
    return kept


def _score(c: _Candidate) -> int:
    return score(c.same_community, c.provider_has_contract, c.distance, c.same_street)


def _candidates(
    units: list[dict[str, Any]], needs: list[dict[str, Any]], offers: list[dict[str, Any]]
) -> list[_Candidate]:
    """The best candidates of each unit by everything but the tie distance, DISTANCE_CANDIDATES each."""
    needs_by_cat: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for need in needs:
        needs_by_cat[need["category"]].append(need)
    offers_by_cat: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for offer in offers:
        offers_by_cat[offer["category"]].append(offer)
    chosen: list[_Candidate] = []
    for unit in units:
        mine: list[_Candidate] = []
        for resource in (o for group in unit["offers"] for o in group):
            for need in needs_by_cat[resource["category"]]:
                if (
                    need["raiser_unit"] == unit["id"]
                    or need["partner_id"] == unit["id"]
                    or not _near(unit, need)
                ):
                    continue
                mine.append(
                    _Candidate(
                        unit=unit["id"],
                        partner_id=need["partner_id"],
                        partner_name=need["partner_name"],
                        role="meets_need",
                        need_id=need["need_id"],
                        need_title=need["need_title"],
                        resource_id=resource["id"],
                        category=resource["category"],
                        same_community=_same(unit["com"], need["com"]),
                        same_street=_same(unit["str"], need["str"]),
                        provider_has_contract=bool(unit["has_contract"]),
                        tie_from=need["partner_id"],
                    )
                )
        for need in (n for group in unit["needs"] for n in group):
            for offer in offers_by_cat[need["category"]]:
                if offer["partner_id"] == unit["id"] or not _near(unit, offer):
                    continue
                mine.append(
                    _Candidate(
                        unit=unit["id"],
                        partner_id=offer["partner_id"],
                        partner_name=offer["partner_name"],
                        role="offers",
                        need_id=need["id"],
                        need_title=need["title"],
                        resource_id=offer["resource_id"],
                        category=need["category"],
                        same_community=_same(unit["com"], offer["com"]),
                        same_street=_same(unit["str"], offer["str"]),
                        provider_has_contract=bool(offer["has_contract"]),
                        tie_from=unit["id"],
                    )
                )
        mine.sort(
            key=lambda c: (-score(c.same_community, c.provider_has_contract, 1, c.same_street), c.need_id)
        )
        chosen += mine[:DISTANCE_CANDIDATES]
    return chosen
