"""Counts and coverage of an area and of each of its child areas, one bounded query per area.

- units: units LOCATED_IN the area's subtree;
- party orgs: orgs BASED_IN the subtree, and the units' own orgs (BELONGS_TO, and their branches by
  REPORTS_TO, at most four levels, never crossing into another unit's org);
- alliances: alliances HOSTED_BY the subtree; alliance members: those units and orgs that are
  MEMBER_OF any alliance;
- big committees: party orgs BASED_IN a community of the subtree with at least one seat current on
  `as_of`; current seats: distinct persons holding such a seat on one of the area's orgs;
- active contracts: contracts in force on `as_of` with at least one party among the area's units and orgs;
- linked units by kind, as in graph.queries.gaps, and their share of the units.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.cypher import NamedQuery
from graph.driver import Graph, run
from graph.queries.scope import Scope, child_areas
from graph.rules import CONTRACT_IN_FORCE, UNIT_LINKS

_SEAT_CURRENT = "s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)"

AREA_STATS = NamedQuery(
    "area_stats",
    """
    MATCH (root:Area) WHERE root.id IN $roots
    CALL (root) {
      MATCH (u:Unit)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..4]->(root)
      RETURN u
    }
    WITH DISTINCT u
    """
    + UNIT_LINKS
    + """
    WITH collect(u) AS units, collect(holders) AS unit_holders,
         sum(toInteger(by_contract)) AS by_contract, sum(toInteger(by_alliance)) AS by_alliance,
         sum(toInteger(by_committee)) AS by_committee,
         sum(toInteger(by_contract OR by_alliance OR by_committee)) AS by_any
    CALL () {
      MATCH (root:Area) WHERE root.id IN $roots
      MATCH (o:PartyOrg)-[:BASED_IN]->(:Area)-[:PART_OF*0..4]->(root)
      RETURN collect(DISTINCT o) AS based
    }
    CALL (unit_holders) {
      UNWIND unit_holders AS hs
      UNWIND tail(hs) AS o
      RETURN collect(o) AS owned
    }
    CALL (based, owned) {
      UNWIND based + owned AS o
      RETURN collect(DISTINCT o) AS orgs
    }
    CALL () {
      MATCH (root:Area) WHERE root.id IN $roots
      MATCH (al:Alliance)-[:HOSTED_BY]->(:Area)-[:PART_OF*0..4]->(root)
      RETURN count(DISTINCT al) AS alliances
    }
    WITH units, orgs, alliances, by_contract, by_alliance, by_committee, by_any,
         size([x IN units + orgs WHERE EXISTS { (x)-[:MEMBER_OF]->(:Alliance) }]) AS alliance_members,
         size([o IN orgs WHERE EXISTS { (o)-[:BASED_IN]->(:Area {level: 'community'}) }
                          AND EXISTS { (:Person)-[s:SEATED_ON]->(o) WHERE """
    + _SEAT_CURRENT
    + """ }]) AS big_committees
    CALL (orgs) {
      UNWIND orgs AS o
      MATCH (p:Person)-[s:SEATED_ON]->(o) WHERE """
    + _SEAT_CURRENT
    + """
      RETURN count(DISTINCT p) AS current_seats
    }
    CALL (units, orgs) {
      UNWIND units + orgs AS x
      MATCH (x)-[:PARTY_TO]->(k:Contract) WHERE """
    + CONTRACT_IN_FORCE
    + """
      RETURN count(DISTINCT k) AS active_contracts
    }
    RETURN size(units) AS units, size(orgs) AS party_orgs, alliances, alliance_members, big_committees,
           current_seats, active_contracts, by_contract AS linked_by_contract,
           by_alliance AS linked_by_alliance, by_committee AS linked_by_committee, by_any AS linked_by_any
    """,
)

LINK_KINDS = ("contract", "alliance", "committee", "any")


def _with_shares(counts: dict[str, Any]) -> dict[str, Any]:
    units = counts["units"]
    counts["shares"] = {
        kind: round(counts[f"linked_by_{kind}"] / units, 4) if units else 0.0 for kind in LINK_KINDS
    }
    return counts


def area_stats(graph: Graph, scope: Scope, *, as_of: dt.date) -> dict[str, Any]:
    """Counts and coverage of the scope and of each child area, in one read transaction."""
    children = child_areas(graph, scope)

    def work(tx: Any) -> dict[str, Any]:
        total = run(tx, AREA_STATS, {"roots": scope.roots, "as_of": as_of})[0]
        rows = []
        for child in children:
            counts = run(tx, AREA_STATS, {"roots": [child["id"]], "as_of": as_of})[0]
            rows.append({"area": child, **_with_shares(counts)})
        return {"total": _with_shares(total), "children": rows}

    return graph.read_tx(work)
