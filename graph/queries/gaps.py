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

from enum import StrEnum
from functools import cache

from graph.cypher import NamedQuery, token
from graph.rules import (
    area_chain,
    area_in_roots,
    areas_under,
    contract_in_force,
    holder_path,
    holder_units,
    holders_have_contract,
    org_holders,
    seat_in_term,
    unit_holders,
    unit_lacks,
    unit_links,
    units_in_areas,
)
from graph.schema import Label, Rel


class LinkKind(StrEnum):
    CONTRACT = "contract"
    ALLIANCE = "alliance"
    COMMITTEE = "committee"
    ANY = "any"


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


def _unit_matches(filtered: bool) -> str:
    """` AND` the filter of kinds and text, for a list that has one: tested on every unit of the city
    even when both are null, it cost 10–20% of a city page (30–100 ms at 1M nodes)."""
    return f" AND {_UNIT_MATCHES}" if filtered else ""


def _page_of_ids(sort: GapSort, descending: bool) -> str:
    """The page of ids in the wanted order, and the number of ids. Expects `u`."""
    direction = "DESC" if descending else "ASC"
    return f"""
    WITH u.id AS id, {_SORT_KEY[sort]} AS key
    ORDER BY key {direction}, id {direction}
    WITH count(*) AS total, collect(id) AS ids
    RETURN total, ids[$skip..$skip + $limit] AS ids
    """


def _query_name(base: str, sort: GapSort, descending: bool, filtered: bool) -> str:
    """The default order keeps the plain name (the benchmarks' and logs'); another says its order, and a
    filtered list says so."""
    name = base + ("_filtered" if filtered else "")
    if sort is GapSort.ID and not descending:
        return name
    return f"{name}_by_{sort.value}" + ("_desc" if descending else "")


_U, _P, _A, _C = token(Label.UNIT), token(Label.PARTY_ORG), token(Label.AREA), token(Label.CONTRACT)
_PARTY_TO, _LOCATED_IN, _BASED_IN = token(Rel.PARTY_TO), token(Rel.LOCATED_IN), token(Rel.BASED_IN)


@cache
def unit_gaps_query(
    sort: GapSort = GapSort.ID, descending: bool = False, filtered: bool = False
) -> NamedQuery:
    """Tests each unit in the scope for the links it lacks: fast for a small scope. `filtered` for a
    list of some kinds or holding some text (`$kinds`, `$q`)."""
    return NamedQuery(
        _query_name("unit_gaps", sort, descending, filtered),
        units_in_areas()
        + (f"WITH u WHERE {_UNIT_MATCHES}\n" if filtered else "")
        + unit_holders()
        + unit_lacks()
        + _page_of_ids(sort, descending),
    )


#: The default order (by id), as named queries for the benchmarks.
UNIT_GAPS = unit_gaps_query()

# The units holding a `$by` link (for `any`, any of the three; a unit may come more than once), walked
# from the contracts in force, the alliances and the seats in term to the units. Binds `linked`.
_LINKED_UNITS = f"""
CALL () {{
  WITH 1 AS one WHERE $by IN ['contract', 'any']
  MATCH (k:{_C}) WHERE {contract_in_force("k")}
  MATCH (o)-[:{_PARTY_TO}]->(k)
  WITH collect(DISTINCT o) AS holders
  {holder_units("holders")}
  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['alliance', 'any']
  MATCH (o)-[:{token(Rel.MEMBER_OF)}]->(:{token(Label.ALLIANCE)})
  WITH collect(DISTINCT o) AS holders
  {holder_units("holders")}
  RETURN u
  UNION ALL
  WITH 1 AS one WHERE $by IN ['committee', 'any']
  MATCH (p:{token(Label.PERSON)})-[s:{token(Rel.SEATED_ON)}]->() WHERE {seat_in_term("s")}
  WITH DISTINCT p
  MATCH (p)-[:{token(Rel.WORKS_AT)}]->(u:{_U})
  RETURN u
}}
WITH collect(u) AS linked
"""

# The areas of the scope: the roots and every area below them. Binds `areas`.
_SCOPE_AREAS = f"""
CALL () {{
  {areas_under("a")}
  RETURN collect(a) AS areas
}}
"""

# A unit `u` of the scope (located in one of `areas`) that is not among `linked`.
_UNIT_LACKS_LINK = f"NOT u IN linked AND EXISTS {{ (u)-[:{_LOCATED_IN}]->(a) WHERE a IN areas }}"


@cache
def unit_gaps_by_links_query(
    sort: GapSort = GapSort.ID, descending: bool = False, filtered: bool = False
) -> NamedQuery:
    """The same answer as unit_gaps_query, anchored on the links: the units holding a `$by` link (same
    rules, walked from the contracts, alliances and seats to the units), then the units of the scope not
    among them: counted, and the page read in the wanted order; by id (the default), from the Unit(id)
    index, which stops once the page is full (no sort of the whole list). Faster for a large scope, where
    most units have to be tested. `filtered` as for unit_gaps_query."""
    direction = "DESC" if descending else "ASC"
    matches = _unit_matches(filtered)
    return NamedQuery(
        _query_name("unit_gaps_by_links", sort, descending, filtered),
        _LINKED_UNITS
        + _SCOPE_AREAS
        + f"""
    CALL (linked, areas) {{
      MATCH (u:{_U}) WHERE {_UNIT_LACKS_LINK}{matches}
      RETURN count(*) AS total
    }}
    RETURN total, COLLECT {{
      MATCH (u:{_U}) WHERE u.id IS NOT NULL AND {_UNIT_LACKS_LINK}{matches}
      RETURN u.id AS id ORDER BY {_SORT_KEY[sort]} {direction}, id {direction} SKIP $skip LIMIT $limit
    }} AS ids
    """,
    )


UNIT_GAPS_BY_LINKS = unit_gaps_by_links_query()

#: Scopes at these levels (and the union of several top-level areas) use UNIT_GAPS_BY_LINKS.
LARGE_SCOPE_LEVELS = frozenset({"city"})

#: The kinds of link a unit has, in the order of LinkKind, from the flags unit_links() adds.
_LINKS = (
    "[k IN [['contract', by_contract], ['alliance', by_alliance], ['committee', by_committee]] "
    "WHERE k[1] | k[0]]"
)
#: Most units UNIT_LINKS reads at once (a view's units).
MAX_UNIT_LINKS = 20_000

UNIT_ROWS = NamedQuery(
    "unit_rows",
    f"""
    UNWIND $ids AS id
    MATCH (u:{_U} {{id: id}})
    """
    + unit_links()
    + f"""
    WITH u, by_contract, by_alliance, by_committee, head([(u)-[:{_LOCATED_IN}]->(a:{_A}) | a]) AS loc
    """
    + area_chain("loc")
    + f"""
    RETURN u.id AS id, u.name AS name, u.kind AS kind, community.name AS community,
           street.name AS street, district.name AS district, {_LINKS} AS links
    """,
)

#: The kinds of link each of some units (`$ids`) has on `$as_of`, for those of them in the scope
#: (`$roots`): one read for a whole view's units, where unit_gaps would take one per kind.
UNIT_LINKS = NamedQuery(
    "unit_links",
    f"""
    UNWIND $ids AS id
    MATCH (u:{_U} {{id: id}})-[:{_LOCATED_IN}]->(loc:{_A}) WHERE {area_in_roots("loc")}
    WITH DISTINCT u
    """
    + unit_links()
    + f"""
    RETURN u.id AS id, {_LINKS} AS links
    LIMIT {MAX_UNIT_LINKS}
    """,
)


class AreaGapKind(StrEnum):
    STREET_WITHOUT_ALLIANCE = "street_without_alliance"
    COMMUNITY_WITHOUT_BIG_COMMITTEE = "community_without_big_committee"
    COMMUNITY_WITHOUT_CONTRACT = "community_without_contract"
    GRID_WITHOUT_BRANCH = "grid_without_branch"
    ALLIANCE_WITHOUT_CONTRACT = "alliance_without_contract"
    CONTRACT_EXPIRING = "contract_expiring"


# Every area of the scope, once. Binds `loc`.
_AREAS_IN_SCOPE = f"""
{areas_under("loc")}
WITH DISTINCT loc
"""

# Each branch yields kind, loc (the area the row is about: itself, the host or a party's area),
# id, name, members (an alliance's), parties (a contract's names) and expires.
_STREETS_WITHOUT_ALLIANCE = f"""
{_AREAS_IN_SCOPE}
  WITH loc WHERE loc.level = 'street'
    AND NOT EXISTS {{ (:{token(Label.ALLIANCE)})-[:{token(Rel.HOSTED_BY)}]->(loc) }}
  RETURN 'street_without_alliance' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires
"""

_COMMUNITIES_WITHOUT_BIG_COMMITTEE = f"""
{_AREAS_IN_SCOPE}
  WITH loc WHERE loc.level = 'community' AND NOT EXISTS {{
    (p:{token(Label.PERSON)})-[s:{token(Rel.SEATED_ON)}]->(:{_P})-[:{_BASED_IN}]->(loc)
    WHERE {seat_in_term("s")}
  }}
  RETURN 'community_without_big_committee' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires
"""

_COMMUNITIES_WITHOUT_CONTRACT = f"""
{_AREAS_IN_SCOPE}
  WITH loc WHERE loc.level = 'community' AND NOT EXISTS {{
    (o:{_P})-[:{_BASED_IN}]->(loc)
    WHERE EXISTS {{ (o)-[:{_PARTY_TO}]->(k:{_C}) WHERE {contract_in_force("k")} }}
  }}
  RETURN 'community_without_contract' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires
"""

_GRIDS_WITHOUT_BRANCH = f"""
{_AREAS_IN_SCOPE}
  WITH loc WHERE loc.level = 'grid' AND NOT EXISTS {{ (:{_P} {{type: 'branch'}})-[:{_BASED_IN}]->(loc) }}
  RETURN 'grid_without_branch' AS kind, loc, loc.id AS id, loc.name AS name,
         null AS members, null AS parties, null AS expires
"""

# An alliance whose members (each with its holders: a unit's orgs, an org's branches) hold no contract.
_ALLIANCES_WITHOUT_CONTRACT = f"""
{_AREAS_IN_SCOPE}
  MATCH (al:{token(Label.ALLIANCE)})-[:{token(Rel.HOSTED_BY)}]->(loc)
  CALL (al) {{
    OPTIONAL MATCH (m)-[:{token(Rel.MEMBER_OF)}]->(al)
    WITH m WHERE m IS NOT NULL
    WITH {org_holders("m")} AS holders
    RETURN count(*) AS members,
           sum(CASE WHEN {holders_have_contract("holders")} THEN 1 ELSE 0 END) AS holding
  }}
  WITH al, loc, members WHERE holding = 0
  RETURN 'alliance_without_contract' AS kind, loc, al.id AS id, al.name AS name,
         members, null AS parties, null AS expires
"""

# A contract in force that expires within `$within_days`, once, under the first area (by id) of a party.
_CONTRACTS_EXPIRING = f"""
{_AREAS_IN_SCOPE}
  CALL (loc) {{
    MATCH (o:{_P})-[:{_BASED_IN}]->(loc) RETURN o AS party
    UNION
    MATCH (party:{_U})-[:{_LOCATED_IN}]->(loc) RETURN party
    UNION
    MATCH (held:{_U})-[:{_LOCATED_IN}]->(loc)
    MATCH {holder_path("party", "held", path="held_path", unit_bound=True)}
    RETURN party
  }}
  MATCH (party)-[:{_PARTY_TO}]->(k:{_C})
  WHERE {contract_in_force("k")} AND k.expires <= $as_of + duration({{days: $within_days}})
  WITH k, min(loc.id) AS first_loc_id
  MATCH (loc:{_A} {{id: first_loc_id}})
  WITH k, loc, [(p)-[:{_PARTY_TO}]->(k) | p.name] AS parties
  RETURN 'contract_expiring' AS kind, loc, k.id AS id, coalesce(k.title, k.name) AS name,
         null AS members, parties, k.expires AS expires
"""

#: Most rows of structural gaps a scope lists (all kinds together).
MAX_AREA_GAP_ROWS = 50_000


def _area_gap_query(kind: AreaGapKind, rows: str) -> NamedQuery:
    """One kind of structural gap: `rows` yields kind, loc (the area the row is about: itself, the host
    or a party's area), id, name, members, parties and expires; each row gets the area chain above its
    `loc`."""
    return NamedQuery(
        f"area_gaps_{kind.value}",
        f"""
    CALL () {{
    {rows}
    }}
    WITH kind, loc, id, name, members, parties, expires
    {area_chain("loc")}
    RETURN kind, id, name, loc.level AS level, community.name AS community, street.name AS street,
           district.name AS district, members, parties, expires
    ORDER BY id
    LIMIT {MAX_AREA_GAP_ROWS}
    """,
    )


#: One query per kind of structural gap, run together in one read transaction.
AREA_GAP_QUERIES: dict[AreaGapKind, NamedQuery] = {
    kind: _area_gap_query(kind, rows)
    for kind, rows in (
        (AreaGapKind.STREET_WITHOUT_ALLIANCE, _STREETS_WITHOUT_ALLIANCE),
        (AreaGapKind.COMMUNITY_WITHOUT_BIG_COMMITTEE, _COMMUNITIES_WITHOUT_BIG_COMMITTEE),
        (AreaGapKind.COMMUNITY_WITHOUT_CONTRACT, _COMMUNITIES_WITHOUT_CONTRACT),
        (AreaGapKind.GRID_WITHOUT_BRANCH, _GRIDS_WITHOUT_BRANCH),
        (AreaGapKind.ALLIANCE_WITHOUT_CONTRACT, _ALLIANCES_WITHOUT_CONTRACT),
        (AreaGapKind.CONTRACT_EXPIRING, _CONTRACTS_EXPIRING),
    )
}
