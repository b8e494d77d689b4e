"""Gaps: units that lack a kind of co-building link on a date, and structural gaps of an area.

A unit is linked, on `as_of`,
- by contract: the unit, or one of its party orgs (an org that BELONGS_TO it, or a branch that
  REPORTS_TO such an org, at most four levels down), is PARTY_TO a contract whose status is `active`,
  signed on or before `as_of` and not expired at `as_of` (expires is null or on/after `as_of`);
- by alliance: the unit or one of those party orgs is MEMBER_OF an alliance;
- by committee: a person who WORKS_AT the unit holds a SEATED_ON seat whose term covers `as_of`;
- `any` lists the units linked by none of the three.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from graph.cypher import NamedQuery, token
from graph.driver import Graph, run
from graph.queries.partners import suggest_partners
from graph.queries.scope import Scope
from graph.rules import (
    AREA_CHAIN,
    CONTRACT_IN_FORCE,
    HOLDER_UNITS,
    MAX_AREA_DEPTH,
    SEAT_IN_TERM,
    UNIT_HOLDERS,
    UNIT_LACKS,
    UNIT_LINKS,
    UNITS_IN_SCOPE,
)
from graph.schema import Label, Rel


class LinkKind(StrEnum):
    CONTRACT = "contract"
    ALLIANCE = "alliance"
    COMMITTEE = "committee"
    ANY = "any"


LINK_ZH: dict[str, str] = {"contract": "共建协议", "alliance": "党建联盟", "committee": "社区大党委"}


class GapSort(StrEnum):
    """What a list of unit gaps is ordered by (then by id)."""

    ID = "id"
    NAME = "name"
    KIND = "kind"


_SORT_KEY = {GapSort.ID: "u.id", GapSort.NAME: "coalesce(u.name, '')", GapSort.KIND: "coalesce(u.kind, '')"}

#: A unit `u` of the wanted kinds (`$kinds`, null = all) whose name or id holds `$q` (lower case, null = all).
_UNIT_MATCHES = (
    "($kinds IS NULL OR u.kind IN $kinds) AND "
    "($q IS NULL OR toLower(coalesce(u.name, '')) CONTAINS $q OR toLower(u.id) CONTAINS $q)"
)


def _page_of_ids(sort: GapSort, descending: bool) -> str:
    """The page of ids in the wanted order, and the number of ids. Expects `u`."""
    direction = "DESC" if descending else "ASC"
    return f"""
    WITH u.id AS id, {_SORT_KEY[sort]} AS key
    ORDER BY key {direction}, id {direction}
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids
    """


def _query_name(base: str, sort: GapSort, descending: bool) -> str:
    """The default order keeps the plain name (the benchmarks' and logs'); another says its order."""
    if sort is GapSort.ID and not descending:
        return base
    return f"{base}_by_{sort.value}" + ("_desc" if descending else "")


@cache
def unit_gaps_query(sort: GapSort = GapSort.ID, descending: bool = False) -> NamedQuery:
    """Tests each unit in the scope for the links it lacks: fast for a small scope."""
    return NamedQuery(
        _query_name("unit_gaps", sort, descending),
        UNITS_IN_SCOPE
        + f"WITH u WHERE {_UNIT_MATCHES}\n"
        + UNIT_HOLDERS
        + UNIT_LACKS
        + _page_of_ids(sort, descending),
    )


#: The default order (by id), as named queries for the benchmarks and EXPLAIN tests.
UNIT_GAPS = unit_gaps_query()

_U, _P, _A = token(Label.UNIT), token(Label.PARTY_ORG), token(Label.AREA)

# The units holding a `$by` link (for `any`, any of the three; a unit may come more than once), walked
# from the contracts in force, the alliances and the seats in term to the units. Binds `linked`.
_LINKED_UNITS = f"""
CALL () {{
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:{token(Label.CONTRACT)}) WHERE {CONTRACT_IN_FORCE}
  MATCH (o)-[:{token(Rel.PARTY_TO)}]->(k)
  WITH collect(DISTINCT o) AS holders
  {HOLDER_UNITS}
  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:{token(Rel.MEMBER_OF)}]->(:{token(Label.ALLIANCE)})
  WITH collect(DISTINCT o) AS holders
  {HOLDER_UNITS}
  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:{token(Label.PERSON)})-[s:{token(Rel.SEATED_ON)}]->() WHERE {SEAT_IN_TERM}
  WITH DISTINCT p
  MATCH (p)-[:{token(Rel.WORKS_AT)}]->(u:{_U})
  RETURN u
}}
WITH collect(u) AS linked
"""

# The areas of the scope: the roots and every area below them. Binds `areas`.
_SCOPE_AREAS = f"""
CALL () {{
  MATCH (root:{_A}) WHERE root.id IN $roots
  MATCH (a:{_A})-[:{token(Rel.PART_OF)}*0..{MAX_AREA_DEPTH}]->(root)
  RETURN collect(a) AS areas
}}
"""

# A unit `u` of the scope (located in one of `areas`) that is not among `linked`.
_UNIT_LACKS_LINK = f"NOT u IN linked AND EXISTS {{ (u)-[:{token(Rel.LOCATED_IN)}]->(a) WHERE a IN areas }}"


@cache
def unit_gaps_by_links_query(sort: GapSort = GapSort.ID, descending: bool = False) -> NamedQuery:
    """The same answer as unit_gaps_query, anchored on the links: the units holding a `$by` link (same
    rules, walked from the contracts, alliances and seats to the units), then the units of the scope not
    among them: counted, and the page read in the wanted order; by id (the default), from the Unit(id)
    index, which stops once the page is full (no sort of the whole list). Faster for a large scope, where
    most units have to be tested."""
    direction = "DESC" if descending else "ASC"
    return NamedQuery(
        _query_name("unit_gaps_by_links", sort, descending),
        _LINKED_UNITS
        + _SCOPE_AREAS
        + f"""
    CALL (linked, areas) {{
      MATCH (u:{_U}) WHERE {_UNIT_LACKS_LINK} AND {_UNIT_MATCHES}
      RETURN count(*) AS total
    }}
    RETURN total, COLLECT {{
      MATCH (u:{_U}) WHERE u.id IS NOT NULL AND {_UNIT_LACKS_LINK} AND {_UNIT_MATCHES}
      RETURN u.id AS id ORDER BY {_SORT_KEY[sort]} {direction}, id {direction} SKIP $skip LIMIT $limit
    }} AS ids
    """,
    )


UNIT_GAPS_BY_LINKS = unit_gaps_by_links_query()

#: Scopes at these levels (and the union of several top-level areas) use UNIT_GAPS_BY_LINKS.
LARGE_SCOPE_LEVELS = frozenset({"city"})

UNIT_ROWS = NamedQuery(
    "unit_rows",
    """
    UNWIND $ids AS id
    MATCH (u:Unit {id: id})
    """
    + UNIT_LINKS
    + """
    WITH u, by_contract, by_alliance, by_committee, head([(u)-[:LOCATED_IN]->(a:Area) | a]) AS loc
    """
    + AREA_CHAIN
    + """
    RETURN u.id AS id, u.name AS name, u.kind AS kind, community.name AS community,
           street.name AS street, district.name AS district,
           [k IN [['contract', by_contract], ['alliance', by_alliance], ['committee', by_committee]]
            WHERE k[1] | k[0]] AS links
    """,
)


class AreaGapKind(StrEnum):
    STREET_WITHOUT_ALLIANCE = "street_without_alliance"
    COMMUNITY_WITHOUT_BIG_COMMITTEE = "community_without_big_committee"
    COMMUNITY_WITHOUT_CONTRACT = "community_without_contract"
    GRID_WITHOUT_BRANCH = "grid_without_branch"
    ALLIANCE_WITHOUT_CONTRACT = "alliance_without_contract"
    CONTRACT_EXPIRING = "contract_expiring"


AREA_GAP_ZH: dict[str, str] = {
    "street_without_alliance": "街道未建党建联盟",
    "community_without_big_committee": "社区无大党委（无在任兼职委员）",
    "community_without_contract": "社区无履行中的共建协议",
    "grid_without_branch": "网格未建党支部",
    "alliance_without_contract": "联盟成员均无履行中的共建协议",
    "contract_expiring": "共建协议即将到期",
}

_AREAS_IN_SCOPE = """
MATCH (root:Area) WHERE root.id IN $roots
MATCH (loc:Area)-[:PART_OF*0..4]->(root)
WITH DISTINCT loc
"""

# Each branch yields kind, loc (the area the row is about: itself, the host or a party's area),
# id, name, detail and expires.
AREA_GAPS = NamedQuery(
    "area_gaps",
    """
    CALL () {
    """
    + _AREAS_IN_SCOPE
    + """
      WITH loc WHERE loc.level = 'street' AND NOT EXISTS { (:Alliance)-[:HOSTED_BY]->(loc) }
      RETURN 'street_without_alliance' AS kind, loc, loc.id AS id, loc.name AS name,
             null AS detail, null AS expires
      UNION ALL
    """
    + _AREAS_IN_SCOPE
    + """
      WITH loc WHERE loc.level = 'community' AND NOT EXISTS {
        (p:Person)-[s:SEATED_ON]->(:PartyOrg)-[:BASED_IN]->(loc)
        WHERE s.start <= $as_of AND (s.end IS NULL OR s.end >= $as_of)
      }
      RETURN 'community_without_big_committee' AS kind, loc, loc.id AS id, loc.name AS name,
             null AS detail, null AS expires
      UNION ALL
    """
    + _AREAS_IN_SCOPE
    + """
      WITH loc WHERE loc.level = 'community' AND NOT EXISTS {
        (o:PartyOrg)-[:BASED_IN]->(loc)
        WHERE EXISTS { (o)-[:PARTY_TO]->(k:Contract) WHERE """
    + CONTRACT_IN_FORCE
    + """ }
      }
      RETURN 'community_without_contract' AS kind, loc, loc.id AS id, loc.name AS name,
             null AS detail, null AS expires
      UNION ALL
    """
    + _AREAS_IN_SCOPE
    + """
      WITH loc WHERE loc.level = 'grid' AND NOT EXISTS { (:PartyOrg {type: 'branch'})-[:BASED_IN]->(loc) }
      RETURN 'grid_without_branch' AS kind, loc, loc.id AS id, loc.name AS name,
             null AS detail, null AS expires
      UNION ALL
    """
    + _AREAS_IN_SCOPE
    + """
      MATCH (al:Alliance)-[:HOSTED_BY]->(loc)
      CALL (al) {
        OPTIONAL MATCH (m)-[:MEMBER_OF]->(al)
        WITH m WHERE m IS NOT NULL
        WITH [m] + [(o:PartyOrg)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(m) | o]
                 + [(o:PartyOrg)-[:REPORTS_TO*1..4]->(m) | o] AS holders
        RETURN count(*) AS members,
               sum(CASE WHEN any(h IN holders WHERE EXISTS { (h)-[:PARTY_TO]->(k:Contract) WHERE """
    + CONTRACT_IN_FORCE
    + """ }) THEN 1 ELSE 0 END) AS holding
      }
      WITH al, loc, members WHERE holding = 0
      RETURN 'alliance_without_contract' AS kind, loc, al.id AS id, al.name AS name,
             '成员 ' + toString(members) AS detail, null AS expires
      UNION ALL
    """
    + _AREAS_IN_SCOPE
    + """
      CALL (loc) {
        MATCH (o:PartyOrg)-[:BASED_IN]->(loc) RETURN o AS party
        UNION
        MATCH (party:Unit)-[:LOCATED_IN]->(loc) RETURN party
        UNION
        MATCH (party:PartyOrg)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(:Unit)-[:LOCATED_IN]->(loc)
        RETURN party
      }
      MATCH (party)-[:PARTY_TO]->(k:Contract)
      WHERE """
    + CONTRACT_IN_FORCE
    + """ AND k.expires <= $as_of + duration({days: $within_days})
      WITH k, min(loc.id) AS first_loc_id
      MATCH (loc:Area {id: first_loc_id})
      WITH k, loc, [(p)-[:PARTY_TO]->(k) | p.name] AS parties
      RETURN 'contract_expiring' AS kind, loc, k.id AS id, coalesce(k.title, k.name) AS name,
             reduce(s = '', x IN parties | s + CASE WHEN s = '' THEN '' ELSE '、' END + x) AS detail,
             k.expires AS expires
    }
    WITH kind, loc, id, name, detail, expires
    """
    + AREA_CHAIN
    + """
    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, detail, expires
    ORDER BY kind, id
    LIMIT 50000
    """,
)


#: Suggested partners are computed for at most this many rows at once (a page, or a small export).
MAX_PARTNER_ROWS = 2000


@dataclass
class Page:
    """One page of a list and the number of rows in the whole list."""

    total: int
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class UnitFilter:
    """Which of the units lacking links a list shows, and in what order."""

    kinds: tuple[str, ...] = ()  #: unit kinds; empty = all
    text: str = ""  #: a piece of the name or id, any case; empty = all
    sort: GapSort = GapSort.ID
    descending: bool = False

    def params(self) -> dict[str, Any]:
        text = self.text.strip().lower()
        return {"kinds": list(self.kinds) or None, "q": text or None}


def unit_gaps(
    graph: Graph,
    scope: Scope,
    *,
    by: LinkKind,
    as_of: dt.date,
    skip: int,
    limit: int,
    partners: bool = True,
    only: UnitFilter = UnitFilter(),  # frozen: one shared default is safe
) -> Page:
    """The units in the scope that lack a `by` link on `as_of` (of the kinds and text in `only`, in its
    order), with the links they do have and, for lists of at most MAX_PARTNER_ROWS rows, their suggested
    partners (an empty list otherwise)."""
    params = {"roots": scope.roots, "by": by.value, "as_of": as_of, "skip": skip, "limit": limit}
    params.update(only.params())
    large = scope.area_id is None or scope.level in LARGE_SCOPE_LEVELS
    builder = unit_gaps_by_links_query if large else unit_gaps_query
    query = builder(only.sort, only.descending)

    def work(tx: Any) -> tuple[int, list[dict[str, Any]]]:
        head = run(tx, query, params)[0]
        details = run(tx, UNIT_ROWS, {"ids": head["ids"], "as_of": as_of})
        order = {uid: i for i, uid in enumerate(head["ids"])}
        return head["total"], sorted(details, key=lambda d: order[d["id"]])

    total, rows = graph.read_tx(work)
    wanted = partners and len(rows) <= MAX_PARTNER_ROWS
    suggestions = (
        suggest_partners(graph, [r["id"] for r in rows], as_of=as_of, scope=scope.access) if wanted else {}
    )
    for row in rows:
        row["suggested_partners"] = suggestions.get(row["id"], [])
    return Page(total, rows)


AREA_GAP_ORDER = [kind.value for kind in AreaGapKind]


def area_gaps(graph: Graph, scope: Scope, *, as_of: dt.date, within_days: int) -> list[dict[str, Any]]:
    """Structural gaps of the scope: streets, communities, grids, alliances and expiring contracts."""
    params = {"roots": scope.roots, "as_of": as_of, "within_days": within_days}
    rows = graph.read(AREA_GAPS, params)
    rows.sort(key=lambda r: (AREA_GAP_ORDER.index(r["kind"]), r["id"]))
    return rows
