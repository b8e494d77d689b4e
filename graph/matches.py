"""Need–resource matches: the open needs of an area ranked with the resources nearby, each pair explained
by its reason codes (the rules and the two reads are in graph/queries/matches.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.queries.matches import SMALL_SCOPES, needs_near_units, needs_query, offers_query
from graph.scope import Scope

#: Providers kept per need, so that a category with many resources cannot flood the list.
TOP_PER_NEED = 5

#: Up to this many regions (districts, and streets with no district) near the needs, their resources are
#: found down the regions' area trees; beyond, through the index by category. A district walked reads
#: about 40k db hits, at 100k nodes as at 1M; the index 3.4M at 1M for the 10 categories, 0.28M at 100k.
WALK_OFFER_REGIONS = 16

#: Two-character pieces that say nothing of what is needed or offered (社区助餐服务需求 / 助浴服务).
GENERIC_WORDS = frozenset({"社区", "需求", "服务", "项目", "活动", "免费", "党员", "志愿", "单位", "公司"})


@dataclass(frozen=True)
class Match:
    """A need paired with a resource: who raised and who offers, where, the ties between them, the score
    and its reason codes (i18n.reasons says them)."""

    need_id: str
    need_title: str | None
    category: str | None
    raiser_id: str
    raiser_name: str | None
    raiser_type: str | None
    raiser_units: list[str]
    need_community: str | None
    need_street: str | None
    need_district: str | None
    resource_id: str
    resource_title: str | None
    offered_by_id: str
    offered_by_name: str | None
    provider_id: str
    provider_name: str | None
    provider_kind: str | None
    provider_community: str | None
    provider_street: str | None
    same_community: bool
    same_street: bool
    other_street: bool
    same_alliance: bool
    contract_in_force: bool
    seat: bool
    shared_words: list[str]
    projects: int
    score: int
    reason_codes: list[str]


@dataclass(frozen=True)
class MatchPage:
    """One page of ranked matches and the total number of them."""

    total: int
    rows: list[Match] = field(default_factory=list)


def words(title: str | None) -> set[str]:
    """The two-character pieces of a title (most Chinese words have two characters), generic ones left out."""
    text = "".join(ch for ch in (title or "") if ch.isalnum())
    return {text[i : i + 2] for i in range(len(text) - 1)} - GENERIC_WORDS


def score(proximity: int, ties: int, similar: bool, projects: int) -> int:
    """The ranking in one number: 1000 · proximity (3 community, 2 street, 1 district) + 100 per tie
    (alliance, contract, seat) + 50 if the titles share a word + 10 · spare capacity (3 − projects, ≥ 0)."""
    return 1000 * proximity + 100 * ties + 50 * similar + 10 * max(0, 3 - projects)


@dataclass(frozen=True)
class _Row:
    """A row of a read with the sets the ranking compares, made once per row rather than once per pair:
    its alliances, contracts, the orgs of its side (a need's) or with its people's seats (a resource's),
    and the words of its title."""

    row: dict[str, Any]
    alliances: frozenset[str]
    contracts: frozenset[str]
    orgs: frozenset[str]
    words: frozenset[str]


def _need_row(need: dict[str, Any]) -> _Row:
    return _Row(
        need,
        frozenset(need["alliances"]),
        frozenset(need["contracts"]),
        frozenset(need["orgs"]),
        frozenset(words(need["need_title"])),
    )


def _offer_row(offer: dict[str, Any]) -> _Row:
    return _Row(
        offer,
        frozenset(offer["alliances"]),
        frozenset(offer["contracts"]),
        frozenset(offer["seats"]),
        frozenset(words(offer["resource_title"])),
    )


class _Facts(NamedTuple):
    """What a need and a resource share, and the pair's score."""

    same_community: bool
    same_street: bool
    alliance: bool
    contract: bool
    seat: bool
    score: int


def _facts(need: _Row, offer: _Row) -> _Facts:
    n, o = need.row, offer.row
    same_community = n["com"] is not None and o["com"] == n["com"]
    same_street = n["str"] is not None and o["str"] == n["str"]
    proximity = 3 if same_community else 2 if same_street else 1
    alliance = not need.alliances.isdisjoint(offer.alliances)
    contract = not need.contracts.isdisjoint(offer.contracts)
    seat = not need.orgs.isdisjoint(offer.orgs)
    similar = not need.words.isdisjoint(offer.words)
    points = score(proximity, alliance + contract + seat, similar, o["projects"])
    return _Facts(same_community, same_street, alliance, contract, seat, points)


def _pair(need_row: _Row, offer_row: _Row, facts: _Facts) -> Match:
    need, offer = need_row.row, offer_row.row
    same_community, same_street, alliance, contract, seat, points = facts
    shared = sorted(need_row.words & offer_row.words)
    codes = ["same_community" if same_community else "same_street" if same_street else "other_street"]
    codes += [code for code, tie in (("same_alliance", alliance), ("contract_in_force", contract)) if tie]
    codes += ["seat"] if seat else []
    codes += ["similar_title" if shared else "same_category"]
    codes += ["no_projects" if offer["projects"] == 0 else "projects"]
    return Match(
        need_id=need["need_id"],
        need_title=need["need_title"],
        category=need["category"],
        raiser_id=need["raiser_id"],
        raiser_name=need["raiser_name"],
        raiser_type=need["raiser_type"],
        raiser_units=need["raiser_units"],
        need_community=need["com_name"],
        need_street=need["str_name"],
        need_district=need["dis_name"],
        resource_id=offer["resource_id"],
        resource_title=offer["resource_title"],
        offered_by_id=offer["offered_by_id"],
        offered_by_name=offer["offered_by_name"],
        provider_id=offer["provider_id"],
        provider_name=offer["provider_name"],
        provider_kind=offer["provider_kind"],
        provider_community=offer["com_name"],
        provider_street=offer["str_name"],
        same_community=same_community,
        same_street=same_street,
        other_street=not same_street,
        same_alliance=alliance,
        contract_in_force=contract,
        seat=seat,
        shared_words=shared,
        projects=offer["projects"],
        score=points,
        reason_codes=codes,
    )


def rank(needs: list[dict[str, Any]], offers: list[dict[str, Any]]) -> list[Match]:
    """Each need's best providers (TOP_PER_NEED; other streets only if none in its street), best first.
    Only the pairs that can be kept are scored: those of the need's street when it has a provider there,
    else those of its district; only the kept ones are made into a Match."""
    in_street: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    in_district: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for offer in offers:
        row = _offer_row(offer)
        in_street[offer["category"], offer["str"]].append(row)
        in_district[offer["category"], offer["dis"]].append(row)
    rows: list[Match] = []
    seen: set[str] = set()
    for need in needs:
        if need["need_id"] in seen:  # a need raised by two nodes is matched once, for the first
            continue
        seen.add(need["need_id"])
        own = {need["raiser_id"], *need["raiser_units"]}
        category, street, district = need["category"], need["str"], need["dis"]
        candidates = [
            offer
            for offer in (in_street[category, street] if street is not None else [])
            if offer.row["provider_id"] not in own and (district is None or offer.row["dis"] == district)
        ]
        if not candidates and district is not None:
            candidates = [o for o in in_district[category, district] if o.row["provider_id"] not in own]
        need_row = _need_row(need)
        scored = [(_facts(need_row, offer), offer) for offer in candidates]
        kept = sorted(scored, key=lambda p: (-p[0].score, p[1].row["resource_id"], p[1].row["provider_id"]))
        rows += [_pair(need_row, offer, facts) for facts, offer in kept[:TOP_PER_NEED]]
    rows.sort(key=lambda p: (-p.score, p.need_id, p.resource_id, p.provider_id))
    return rows


def near_params(needs: list[dict[str, Any]], *, as_of: dt.date, scope: list[str] | None) -> dict[str, Any]:
    """The parameters of the resources read (`offers_query`) for the rows of a needs query: their
    categories, districts and the streets of those with no district, and both as `regions`."""
    districts = sorted({n["dis"] for n in needs if n["dis"]})
    streets = sorted({n["str"] for n in needs if n["str"] and not n["dis"]})
    return {
        "categories": sorted({n["category"] for n in needs if n["category"]}),
        "districts": districts,
        "streets": streets,
        "regions": districts + streets,
        "scope": scope,
        "as_of": as_of,
    }


def ranked_matches(
    tx: ManagedTransaction,
    roots: list[str],
    *,
    as_of: dt.date,
    walk: bool,
    category: str | None,
    scope: list[str] | None,
    units: list[str] | None = None,
    offered: list[tuple[str, str]] | None = None,
) -> list[Match]:
    """Within one read: the open needs under `roots` (of `category`, or all) ranked with the resources
    near them on `as_of`, raisers and providers only in `scope` (root area ids, None for all); `walk`
    for a small set of roots (down the area tree, instead of a scan of the needs). With `units`, only
    the needs that can match with them: raised by one of them (or their link holders), or of a category
    in a region of `offered` ([category, district or street id] of what they offer); their rows are
    the same as without `units`, the other needs' are left out."""
    params: dict[str, Any] = {"roots": roots, "as_of": as_of, "category": category, "scope": scope}
    if units is not None:
        pairs = sorted(set(offered or []))
        params |= {
            "units": units,
            "offered": [list(pair) for pair in pairs],
            "offered_categories": sorted({c for c, _ in pairs}),
        }
    needs = run(tx, needs_near_units(walk) if units is not None else needs_query(walk), params)
    if not needs:
        return []
    near = near_params(needs, as_of=as_of, scope=scope)
    walk_offers = len(near["regions"]) <= WALK_OFFER_REGIONS
    return rank(needs, run(tx, offers_query(walk_offers), near))


def find_matches(
    graph: Graph, scope: Scope, *, as_of: dt.date, category: str | None, skip: int, limit: int
) -> MatchPage:
    """Ranked matches for the open needs in the scope's areas, with providers in the caller's access scope."""
    walk = scope.level in SMALL_SCOPES

    def work(tx: ManagedTransaction) -> list[Match]:
        return ranked_matches(tx, scope.roots, as_of=as_of, walk=walk, category=category, scope=scope.access)

    rows = graph.read_tx(work)
    return MatchPage(len(rows), rows[skip : skip + limit])
