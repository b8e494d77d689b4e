"""Area scoping: every list covers an area's whole subtree (city → district → street → community → grid).

A scope is a list of root area ids: the one area asked for, or, when none is given, every top-level area
(and when there is exactly one top-level area, the usual case of one city, the scope is that area).
The query text is in graph/queries/scope.py, the rules' Cypher fragments in graph/rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graph.driver import Graph
from graph.errors import NotFound
from graph.queries.scope import CHILD_AREAS, ENTITIES_IN_SCOPE, GET_AREA, TOP_AREAS


@dataclass(frozen=True)
class Scope:
    """The area a list is scoped to (None: the whole database) and the root ids its queries use.

    `access` is the caller's access scope (`$scope`: root area ids, None for everything): what a list
    may show besides its own area's nodes, such as suggested partners or matched providers nearby."""

    area_id: str | None
    name: str | None
    level: str | None
    roots: list[str]
    access: list[str] | None = None


@dataclass(frozen=True)
class Area:
    """An area as lists and pages name it."""

    id: str
    name: str | None
    level: str | None


def get_area(graph: Graph, area_id: str) -> Area | None:
    """The area with this id, or None if there is none."""
    rows = graph.read(GET_AREA, {"id": area_id})
    return Area(area_id, rows[0]["name"], rows[0]["level"]) if rows else None


def top_areas(graph: Graph) -> list[Area]:
    """The top-level areas (those part of no other area), ordered by id."""
    return [Area(row["id"], row["name"], row["level"]) for row in graph.read(TOP_AREAS)]


def resolve_scope(graph: Graph, area_id: str | None) -> Scope:
    """The scope of an area id (NotFound if there is no such area), or, with none, of every top-level
    area: the one top-level area itself when there is exactly one (lists and stats then name it and
    break it down by its children), else all of them together (`area_id` None)."""
    if area_id is None:
        top = top_areas(graph)
        if len(top) == 1:
            return Scope(top[0].id, top[0].name, top[0].level, [top[0].id])
        return Scope(None, None, None, [area.id for area in top])
    area = get_area(graph, area_id)
    if area is None:
        raise NotFound(f"no area with id {area_id!r}")
    return Scope(area_id, area.name, area.level, [area_id])


def child_areas(graph: Graph, scope: Scope) -> list[Area]:
    """The areas one level below the scope's area (the top-level areas when the scope is everything)."""
    if scope.area_id is None:
        return [area for root in scope.roots if (area := get_area(graph, root)) is not None]
    return [
        Area(row["id"], row["name"], row["level"]) for row in graph.read(CHILD_AREAS, {"id": scope.area_id})
    ]


#: Ids checked per query by `visible_ids`.
VISIBLE_BATCH = 5_000


def visible_ids(graph: Graph, ids: list[str], scope: list[str] | None) -> set[str]:
    """Those of the ids that exist and lie in the scope (every existing one for a null scope)."""
    found: set[str] = set()
    for start in range(0, len(ids), VISIBLE_BATCH):
        batch = ids[start : start + VISIBLE_BATCH]
        found.update(row["id"] for row in graph.read(ENTITIES_IN_SCOPE, {"ids": batch, "scope": scope}))
    return found


def scope_for(graph: Graph, roots: list[str] | None, access: list[str] | None) -> Scope:
    """The list scope of `roots` (an effective scope: None for every top-level area, which is the one
    top-level area itself when there is only one) for a caller whose access scope is `access`."""
    if roots is None:
        whole = resolve_scope(graph, None)
    elif len(roots) == 1:
        whole = resolve_scope(graph, roots[0])
    else:
        whole = Scope(None, None, None, list(roots))
    return replace(whole, access=None if access is None else list(access))
