"""The claim hall (认领大厅): the open needs and offered resources of an area, ranked for the viewer by the
matcher, and what a unit account's hall reaches.

The ranking is the matcher's (graph/matches.py `find_matches`: nearest, already tied, same
category, spare capacity), read from the viewer's side: a need ranks by its best match with a
provider the viewer may claim for (a unit account: its own unit), a resource by its best match with a
need of the viewer's area. An item the matcher pairs with nothing comes after the matched ones, score 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph
from graph.errors import NotFound
from graph.matches import Match, find_matches
from graph.queries import claims as q
from graph.scope import Scope

#: Items read for one hall (before filtering and paging), and the matches ranked for them.
MAX_HALL_ITEMS = 5000
MAX_MATCHES = 100_000
#: Claimants offered in a claim form.
MAX_CLAIMANTS = 500


@dataclass(frozen=True)
class UnitHome:
    """A unit account's unit and where it stands: its claim hall reaches its street and district."""

    id: str
    name: str | None
    area: str | None
    area_name: str | None
    street: str | None
    street_name: str | None
    district: str | None
    district_name: str | None

    def reach(self) -> list[tuple[str, str | None]]:
        """The areas its hall may show, narrowest first: the street and the district (else the area the
        unit is located in)."""
        areas = [(self.street, self.street_name), (self.district, self.district_name)]
        found = [(a, name) for a, name in areas if a is not None]
        if not found and self.area is not None:
            found = [(self.area, self.area_name)]
        return found


def unit_home(graph: Graph, unit: str) -> UnitHome:
    """The unit of a unit account (NotFound if it is gone)."""
    rows = graph.read(q.UNIT_HOME, {"unit": unit})
    if not rows:
        raise NotFound(f"no unit with id {unit!r}")
    return UnitHome(**rows[0])


def _best(rows: list[Match]) -> Match | None:
    """The first of an item's pairs: they come in the matcher's order, so a tie goes as the matches
    page shows it (the lowest need, resource and provider ids first)."""
    return rows[0] if rows else None


def hall_items(
    graph: Graph,
    scope: Scope,
    *,
    as_of: dt.date,
    user: str,
    unit: str | None,
    kind: str | None,
    category: str | None,
) -> list[dict[str, Any]]:
    """The hall of `scope` (its roots; the matcher's providers and needs within `scope.access`), ranked
    for the viewer, best first. Each item: kind, id, title, category, owner, owner_name, place, pending,
    mine, and its best match: score, reason_codes, projects, match_id (the provider or the need) and
    match_name."""
    params = {"scope": scope.roots, "kind": kind, "category": category, "user": user, "unit": unit}
    items = graph.read(q.HALL_ITEMS, {**params, "limit": MAX_HALL_ITEMS})
    pairs = find_matches(graph, scope, as_of=as_of, category=category, skip=0, limit=MAX_MATCHES).rows
    by_need: dict[str, list[Match]] = {}
    by_resource: dict[str, list[Match]] = {}
    for pair in pairs:
        if unit is None or pair.provider_id == unit:
            by_need.setdefault(pair.need_id, []).append(pair)
        by_resource.setdefault(pair.resource_id, []).append(pair)
    ranked = []
    for item in items:
        own = by_need if item["kind"] == "need" else by_resource
        best = _best(own.get(item["id"], []))
        match: dict[str, Any] = {"score": 0, "reason_codes": [], "projects": 0, "match_id": None}
        if best is not None:
            mine = item["kind"] == "need"
            match = {
                "score": best.score,
                "reason_codes": best.reason_codes,
                "projects": best.projects,
                "match_id": best.provider_id if mine else best.need_id,
                "match_name": best.provider_name if mine else best.need_title,
            }
        ranked.append({**item, "match_name": None, **match})
    ranked.sort(key=lambda r: (-r["score"], r["kind"] != "need", r["id"]))
    return ranked


def find_within(items: list[dict[str, Any]], text: str | None) -> list[dict[str, Any]]:
    """The items whose id, title, owner or place contains `text` (case-insensitive); all without one."""
    if not text or not text.strip():
        return items
    needle = text.strip().casefold()
    fields = ("id", "title", "owner_name", "place")
    return [i for i in items if any(needle in str(i.get(f) or "").casefold() for f in fields)]


def claimants(graph: Graph, roots: list[str], unit: str | None) -> list[dict[str, Any]]:
    """What an account may claim for: a unit account's unit and its orgs, else the units and the
    community party orgs of `roots`' areas (at most MAX_CLAIMANTS)."""
    return graph.read(q.CLAIMANTS, {"scope": roots, "unit": unit, "limit": MAX_CLAIMANTS})
