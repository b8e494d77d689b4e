"""Suggested partners of a few units (a page of a gap list): their rows of the matches ranking.

The open needs of the units' districts (or streets, where no district is above them) are ranked with the
resources nearby exactly as /api/matches ranks them (graph.queries.matches); a unit's partners are then
the raisers of the needs it is a chosen provider for (`meets_need`) and the chosen providers of its own
needs (`offers`), best score first, each partner once. Needs and providers outside the caller's access
scope are never read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.cypher import NamedQuery, token
from graph.driver import Graph, run
from graph.queries.matches import OFFERS, needs_query, rank
from graph.rules import area_chain
from graph.schema import Label, Rel

#: The regions of some units: each unit's district, or its street where no district is above it.
UNIT_REGIONS = NamedQuery(
    "partner_unit_regions",
    f"""
    UNWIND $units AS uid
    MATCH (u:{token(Label.UNIT)} {{id: uid}})
    WITH u, head([(u)-[:{token(Rel.LOCATED_IN)}]->(a:{token(Label.AREA)}) | a]) AS loc
    {area_chain("loc")}
    WITH coalesce(district.id, street.id) AS region WHERE region IS NOT NULL
    RETURN DISTINCT region
    """,
)


def _partner(row: dict[str, Any], role: str) -> dict[str, Any]:
    offers = role == "offers"
    return {
        "id": row["provider_id"] if offers else row["raiser_id"],
        "name": row["provider_name"] if offers else row["raiser_name"],
        "role": role,
        "need_id": row["need_id"],
        "need_title": row["need_title"],
        "resource_id": row["resource_id"],
        "category": row["category"],
        "score": row["score"],
    }


def suggest_partners(
    graph: Graph, unit_ids: list[str], *, as_of: dt.date, top: int = 3, scope: list[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """For each unit, its `top` partners in `scope` (root area ids, None for all) by the match ranking,
    best first."""
    if not unit_ids:
        return {}

    def work(tx: Any) -> list[dict[str, Any]]:
        regions = [r["region"] for r in run(tx, UNIT_REGIONS, {"units": unit_ids})]
        if not regions:
            return []
        params = {"roots": regions, "as_of": as_of, "category": None, "scope": scope}
        needs = run(tx, needs_query(True), params)
        if not needs:
            return []
        near = {
            "categories": sorted({n["category"] for n in needs if n["category"]}),
            "districts": sorted({n["dis"] for n in needs if n["dis"]}),
            "streets": sorted({n["str"] for n in needs if n["str"] and not n["dis"]}),
            "scope": scope,
            "as_of": as_of,
        }
        return rank(needs, run(tx, OFFERS, near))

    wanted = set(unit_ids)
    suggestions: dict[str, list[dict[str, Any]]] = {uid: [] for uid in unit_ids}
    for row in graph.read_tx(work):  # best first
        raisers = {row["raiser_id"], *row["raiser_units"]} & wanted
        pairs = [(row["provider_id"], _partner(row, "meets_need"))] if row["provider_id"] in wanted else []
        pairs += [(uid, _partner(row, "offers")) for uid in sorted(raisers)]
        for uid, partner in pairs:
            chosen = suggestions[uid]
            if len(chosen) < top and all(p["id"] != partner["id"] for p in chosen):
                chosen.append(partner)
    return suggestions
