"""Suggested partners of a few units (a page of a gap list): their rows of the matches ranking.

The open needs of the units' districts (or streets, where no district is above them) are ranked with the
resources nearby exactly as /api/matches ranks them (graph.matches), only those that can match with the
units read (raised by them, or of a category they offer in their region), so a page costs what its units
do, not what their districts do; a unit's partners are then the raisers of the needs it is a chosen
provider for (`meets_need`) and the chosen providers of its own needs (`offers`), best score first,
each partner once. Needs and providers outside the caller's access
scope are never read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.matches import Match, ranked_matches
from graph.queries.partners import UNIT_REGIONS

#: Up to this many regions, the needs of the categories the units offer are found down the regions' area
#: trees; beyond, through the index by category. A district walked reads about 65k db hits at 1M nodes
#: and 70k at 100k; the index about 8.3M at 1M and 1M at 100k (a city page's 50 units lie in 3 or 4
#: regions there).
WALK_REGIONS = 16


@dataclass(frozen=True)
class Partner:
    """A unit's suggested partner: who, in which role (`meets_need`: the unit can meet its need;
    `offers`: it offers what the unit needs), through which need and resource, and the match's score."""

    id: str
    name: str | None
    role: str
    need_id: str
    need_title: str | None
    resource_id: str
    category: str | None
    score: int


def _partner(match: Match, role: str) -> Partner:
    offers = role == "offers"
    return Partner(
        id=match.provider_id if offers else match.raiser_id,
        name=match.provider_name if offers else match.raiser_name,
        role=role,
        need_id=match.need_id,
        need_title=match.need_title,
        resource_id=match.resource_id,
        category=match.category,
        score=match.score,
    )


def suggest_partners(
    graph: Graph, unit_ids: list[str], *, as_of: dt.date, top: int = 3, scope: list[str] | None = None
) -> dict[str, list[Partner]]:
    """For each unit, its `top` partners in `scope` (root area ids, None for all) by the match ranking,
    best first."""
    if not unit_ids:
        return {}

    def work(tx: ManagedTransaction) -> list[Match]:
        rows = run(tx, UNIT_REGIONS, {"units": unit_ids})
        regions = sorted({r["region"] for r in rows})
        if not regions:
            return []
        offered = [(category, r["region"]) for r in rows for category in r["categories"]]
        walk = len(regions) <= WALK_REGIONS
        return ranked_matches(
            tx, regions, as_of=as_of, walk=walk, category=None, scope=scope, units=unit_ids, offered=offered
        )

    return partners_of(graph.read_tx(work), unit_ids, top=top)


def partners_of(matches: list[Match], unit_ids: list[str], *, top: int = 3) -> dict[str, list[Partner]]:
    """For each unit, its `top` partners among `matches` (best first): the raisers of the needs it can
    meet and the providers who can meet its own, each partner once."""
    wanted = set(unit_ids)
    suggestions: dict[str, list[Partner]] = {uid: [] for uid in unit_ids}
    for match in matches:  # best first
        raisers = {match.raiser_id, *match.raiser_units} & wanted
        pairs = [(match.provider_id, _partner(match, "meets_need"))] if match.provider_id in wanted else []
        pairs += [(uid, _partner(match, "offers")) for uid in sorted(raisers)]
        for uid, partner in pairs:
            chosen = suggestions[uid]
            if len(chosen) < top and all(p.id != partner.id for p in chosen):
                chosen.append(partner)
    return suggestions
