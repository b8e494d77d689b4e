"""Area scoping: every list covers an area's whole subtree (city → district → street → community → grid).

A scope is a list of root area ids: the one area asked for, or, when none is given, every top-level area.
The Cypher fragments here are shared by the gap, stats, match and export queries; they hold no values.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.errors import NotFound

#: The area tree is at most five levels deep, so a subtree is at most four PART_OF hops down.
MAX_AREA_DEPTH = 4

#: Units scoped by an area: the unit's LOCATED_IN area is the root or below it. Binds `u`, uses `$roots`.
UNITS_IN_SCOPE = """
MATCH (root:Area) WHERE root.id IN $roots
MATCH (u:Unit)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..4]->(root)
WITH DISTINCT u
"""

#: A unit's link holders; expects `u`, adds `holders`: the unit and its party orgs, i.e. those that
#: BELONG_TO it and those that REPORT_TO one of them (a branch), at most four levels down, never
#: crossing into an org that belongs to another unit.
UNIT_HOLDERS = """
CALL (u) {
  OPTIONAL MATCH p = (o:PartyOrg)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(u)
  WHERE all(x IN nodes(p) WHERE NOT EXISTS { (x)-[:BELONGS_TO]->(other:Unit) WHERE other <> u })
  WITH collect(DISTINCT o) AS orgs
  RETURN [u] + orgs AS holders
}
"""

#: A contract `k` that is in force on `$as_of`.
CONTRACT_IN_FORCE = (
    "k.status = 'active' AND k.signed <= $as_of AND (k.expires IS NULL OR k.expires >= $as_of)"
)

#: True if one of `holders` is a party to a contract in force on `$as_of`.
HOLDERS_HAVE_CONTRACT = (
    "any(h IN holders WHERE EXISTS { (h)-[:PARTY_TO]->(k:Contract) WHERE " + CONTRACT_IN_FORCE + " })"
)

#: True if one of `holders` is a member of an alliance.
HOLDERS_IN_ALLIANCE = "any(h IN holders WHERE EXISTS { (h)-[:MEMBER_OF]->(:Alliance) })"

#: True if someone who works at unit `u` holds a seat whose term covers `$as_of`.
UNIT_HAS_SEAT = """EXISTS {
    (p:Person)-[:WORKS_AT]->(u)
    WHERE EXISTS {
      (p)-[s:SEATED_ON]->(:PartyOrg) WHERE s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
    }
  }"""

#: A unit's co-building links on `$as_of`; expects `u`, adds `holders`, `by_contract`, `by_alliance`,
#: `by_committee`.
UNIT_LINKS = (
    UNIT_HOLDERS
    + f"""WITH *, {HOLDERS_HAVE_CONTRACT} AS by_contract,
  {HOLDERS_IN_ALLIANCE} AS by_alliance,
  {UNIT_HAS_SEAT} AS by_committee
"""
)

#: Keeps the units (`u`, with `holders`) that lack the `$by` link; each kind is tested only when needed.
UNIT_LACKS = f"""
WITH u, holders
WHERE CASE $by
        WHEN 'contract' THEN NOT {HOLDERS_HAVE_CONTRACT}
        WHEN 'alliance' THEN NOT {HOLDERS_IN_ALLIANCE}
        WHEN 'committee' THEN NOT {UNIT_HAS_SEAT}
        ELSE NOT ({HOLDERS_HAVE_CONTRACT} OR {HOLDERS_IN_ALLIANCE} OR {UNIT_HAS_SEAT}) END
"""

#: The community, street and district above an area `loc` (or null); adds `community`, `street`, `district`.
AREA_CHAIN = """
WITH *, [(loc)-[:PART_OF*0..4]->(x:Area) | x] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district
"""

GET_AREA = NamedQuery(
    "get_area",
    """
    MATCH (a:Area {id: $id})
    OPTIONAL MATCH (a)-[:PART_OF]->(parent:Area)
    RETURN a.id AS id, a.name AS name, a.level AS level, parent.id AS parent
    """,
)

TOP_AREAS = NamedQuery(
    "top_areas",
    """
    MATCH (a:Area) WHERE NOT EXISTS { (a)-[:PART_OF]->(:Area) }
    RETURN a.id AS id ORDER BY a.id LIMIT 1000
    """,
)

CHILD_AREAS = NamedQuery(
    "child_areas",
    """
    MATCH (c:Area)-[:PART_OF]->(:Area {id: $id})
    RETURN c.id AS id, c.name AS name, c.level AS level ORDER BY c.id LIMIT 1000
    """,
)


@dataclass(frozen=True)
class Scope:
    """The area a list is scoped to (None: the whole database) and the root ids its queries use."""

    area_id: str | None
    name: str | None
    level: str | None
    roots: list[str]


def resolve_scope(graph: Graph, area_id: str | None) -> Scope:
    """The scope of an area id (NotFound if there is no such area), or of every top-level area."""
    if area_id is None:
        roots = [row["id"] for row in graph.read(TOP_AREAS)]
        return Scope(None, None, None, roots)
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
