"""Area scoping: every list covers an area's whole subtree (city → district → street → community → grid).

A scope is a list of root area ids: the one area asked for, or, when none is given, every top-level area
(and when there is exactly one top-level area, the usual case of one city, the scope is that area).
The rules' Cypher fragments are in graph/rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graph.cypher import NamedQuery, token
from graph.driver import Graph
from graph.errors import NotFound
from graph.rules import in_scope
from graph.schema import Label, Rel

_A, _PART_OF = token(Label.AREA), token(Rel.PART_OF)

GET_AREA = NamedQuery(
    "get_area",
    f"""
    MATCH (a:{_A} {{id: $id}})
    OPTIONAL MATCH (a)-[:{_PART_OF}]->(parent:{_A})
    RETURN a.id AS id, a.name AS name, a.level AS level, parent.id AS parent
    """,
)

# PART_OF joins areas only, so the parent's label is not read: that halves this scan of every area.
TOP_AREAS = NamedQuery(
    "top_areas",
    f"""
    MATCH (a:{_A}) WHERE NOT EXISTS {{ (a)-[:{_PART_OF}]->() }}
    RETURN a.id AS id, a.name AS name, a.level AS level ORDER BY a.id LIMIT 1000
    """,
)

CHILD_AREAS = NamedQuery(
    "child_areas",
    f"""
    MATCH (c:{_A})-[:{_PART_OF}]->(:{_A} {{id: $id}})
    RETURN c.id AS id, c.name AS name, c.level AS level ORDER BY c.id LIMIT 1000
    """,
)


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


def top_areas(graph: Graph) -> list[dict[str, str]]:
    """The top-level areas (those part of no other area): id, name and level, ordered by id."""
    return graph.read(TOP_AREAS)


def resolve_scope(graph: Graph, area_id: str | None) -> Scope:
    """The scope of an area id (NotFound if there is no such area), or, with none, of every top-level
    area: the one top-level area itself when there is exactly one (lists and stats then name it and
    break it down by its children), else all of them together (`area_id` None)."""
    if area_id is None:
        top = top_areas(graph)
        if len(top) == 1:
            row = top[0]
            return Scope(row["id"], row["name"], row["level"], [row["id"]])
        return Scope(None, None, None, [row["id"] for row in top])
    rows = graph.read(GET_AREA, {"id": area_id})
    if not rows:
        raise NotFound(f"no area with id {area_id!r}")
    return Scope(area_id, rows[0]["name"], rows[0]["level"], [area_id])


def child_areas(graph: Graph, scope: Scope) -> list[dict[str, str]]:
    """The areas one level below the scope's area (the top-level areas when the scope is everything)."""
    if scope.area_id is None:
        return [
            {"id": r, "name": row["name"], "level": row["level"]}
            for r in scope.roots
            for row in graph.read(GET_AREA, {"id": r})
        ]
    return graph.read(CHILD_AREAS, {"id": scope.area_id})


ENTITIES_IN_SCOPE = NamedQuery(
    "entities_in_scope",
    f"""
    UNWIND $ids AS entity_id
    MATCH (n:{token(Label.ENTITY)} {{id: entity_id}})
    WHERE {in_scope("n")}
    RETURN n.id AS id
    """,
)


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
