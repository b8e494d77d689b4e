"""Counts and coverage of an area and of each of its child areas, all in one pass over the area's data.

- units: units LOCATED_IN the area's subtree;
- party orgs: orgs BASED_IN the subtree, and the units' own orgs (BELONGS_TO, and their branches by
  REPORTS_TO, at most four levels, never crossing into another unit's org);
- alliances: alliances HOSTED_BY the subtree; alliance members: those units and orgs that are
  MEMBER_OF any alliance;
- big committees: party orgs BASED_IN a community of the subtree with at least one seat current on
  `as_of`; current seats: distinct persons holding such a seat on one of the area's orgs;
- active contracts: contracts in force on `as_of` with at least one party among the area's units and orgs;
- linked units by kind, as in graph.queries.gaps, and their share of the units;
- the seed's other figures: streets and communities with a joint meeting system (`joint_meeting`), the
  area's party branches (orgs of type `branch` among its orgs) and their party members (sum of `members`).

Each query reads the subtree once and puts every area, unit and org into its *buckets*: the total
(`TOTAL`) and the child area it lies under, so the city and all its districts cost one walk, not one
per district. Linked units are walked backwards, from the contracts in force, the alliances' members and
the seats in term to the units they count for (graph/rules.py's HOLDER_UNITS), then to their buckets.
graph/stats.py runs these queries.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import CONTRACT_IN_FORCE, HOLDER_UNITS, MAX_AREA_DEPTH, SEAT_IN_TERM, UNIT_HOLDERS
from graph.schema import Label, Rel

#: The bucket of the whole scope; never an area id (ids are not empty).
TOTAL = ""

_A, _U, _P = token(Label.AREA), token(Label.UNIT), token(Label.PARTY_ORG)
_AL, _K, _PERSON = token(Label.ALLIANCE), token(Label.CONTRACT), token(Label.PERSON)
_PART_OF, _LOCATED_IN, _BASED_IN = token(Rel.PART_OF), token(Rel.LOCATED_IN), token(Rel.BASED_IN)
_MEMBER_OF, _SEATED_ON, _PARTY_TO = token(Rel.MEMBER_OF), token(Rel.SEATED_ON), token(Rel.PARTY_TO)

# The areas `a` of the scope ($roots and below), each with its `buckets`: TOTAL and the child areas
# ($children) it lies in (or is).
_AREA_BUCKETS = f"""
MATCH (root:{_A}) WHERE root.id IN $roots
MATCH (a:{_A})-[:{_PART_OF}*0..{MAX_AREA_DEPTH}]->(root)
WITH DISTINCT a
WITH a, [$total] + [(a)-[:{_PART_OF}*0..{MAX_AREA_DEPTH}]->(c:{_A}) WHERE c.id IN $children | c.id]
     AS buckets
"""

#: Areas and alliances per bucket: joint meeting systems, alliances hosted.
AREA_FIGURES = NamedQuery(
    "stats_area_figures",
    _AREA_BUCKETS
    + f"""
    WITH a, buckets, COLLECT {{ MATCH (al:{_AL})-[:{token(Rel.HOSTED_BY)}]->(a) RETURN al }} AS hosted
    UNWIND buckets AS bucket
    WITH bucket, a, hosted
    WITH bucket,
         count(DISTINCT CASE WHEN a.level = 'street' AND a.joint_meeting = true THEN a END)
           AS joint_meeting_streets,
         count(DISTINCT CASE WHEN a.level = 'community' AND a.joint_meeting = true THEN a END)
           AS joint_meeting_communities,
         collect(hosted) AS hosted
    CALL (hosted) {{
      UNWIND hosted AS list
      UNWIND list AS al
      RETURN count(DISTINCT al) AS alliances
    }}
    RETURN bucket, alliances, joint_meeting_streets, joint_meeting_communities
    """,
)

#: The units and orgs of each bucket. Each unit or org is read with one walk of its relationships (seats,
#: alliance memberships, contract parties, its area) and counted once per bucket (`DISTINCT`) however many
#: of its areas lie in that bucket, without grouping the rows by unit or org first.
MEMBER_FIGURES = NamedQuery(
    "stats_member_figures",
    _AREA_BUCKETS
    + f"""
    CALL (a) {{
      MATCH (u:{_U})-[:{_LOCATED_IN}]->(a)
      {UNIT_HOLDERS}
      UNWIND holders AS x
      RETURN x
      UNION
      MATCH (x:{_P})-[:{_BASED_IN}]->(a)
      RETURN x
    }}
    WITH x, buckets, [(x)-[t:{_SEATED_ON}|{_MEMBER_OF}|{_PARTY_TO}|{_BASED_IN}]-() | t] AS ties
    WITH x, buckets,
         any(t IN ties WHERE t:{_MEMBER_OF} AND startNode(t) = x AND endNode(t):{_AL}) AS member,
         [s IN ties WHERE s:{_SEATED_ON} AND endNode(s) = x AND startNode(s):{_PERSON}
                          AND {SEAT_IN_TERM} | startNode(s)] AS seated,
         [t IN ties WHERE t:{_PARTY_TO} AND startNode(t) = x | endNode(t)] AS parties,
         any(t IN ties WHERE t:{_BASED_IN} AND startNode(t) = x AND endNode(t):{_A}
                             AND endNode(t).level = 'community') AS in_community
    WITH x, buckets, member, seated, [k IN parties WHERE k:{_K} AND {CONTRACT_IN_FORCE}] AS contracts,
         x:{_P} AND seated <> [] AND in_community AS big,
         x:{_P} AND x.type = 'branch' AS branch
    UNWIND buckets AS bucket
    WITH bucket,
         count(DISTINCT CASE WHEN x:{_U} THEN x END) AS units,
         count(DISTINCT CASE WHEN x:{_P} THEN x END) AS party_orgs,
         count(DISTINCT CASE WHEN member THEN x END) AS alliance_members,
         count(DISTINCT CASE WHEN big THEN x END) AS big_committees,
         collect(DISTINCT CASE WHEN branch THEN x END) AS branch_orgs,
         collect(seated) AS seated, collect(contracts) AS contracts
    WITH bucket, units, party_orgs, alliance_members, big_committees, seated, contracts,
         size(branch_orgs) AS branches,
         reduce(n = 0, b IN branch_orgs | n + coalesce(toInteger(b.members), 0)) AS party_members
    CALL (seated) {{
      UNWIND seated AS list
      UNWIND list AS p
      RETURN count(DISTINCT p) AS current_seats
    }}
    CALL (contracts) {{
      UNWIND contracts AS list
      UNWIND list AS k
      RETURN count(DISTINCT k) AS active_contracts
    }}
    RETURN bucket, units, party_orgs, alliance_members, big_committees, current_seats, active_contracts,
           branches, party_members
    """,
)

#: The units linked by each kind, per bucket: walked from the links to the units (the holder rule
#: backwards), then from each unit's area up to the scope's roots and child areas.
LINKED_FIGURES = NamedQuery(
    "stats_linked_figures",
    f"""
    CALL () {{
      MATCH (k:{_K}) WHERE {CONTRACT_IN_FORCE}
      MATCH (o)-[:{_PARTY_TO}]->(k)
      WITH collect(DISTINCT o) AS holders
      {HOLDER_UNITS}
      RETURN 'contract' AS kind, u
      UNION
      MATCH (o)-[:{_MEMBER_OF}]->(:{_AL})
      WITH collect(DISTINCT o) AS holders
      {HOLDER_UNITS}
      RETURN 'alliance' AS kind, u
      UNION
      MATCH (p:{_PERSON})-[s:{_SEATED_ON}]->() WHERE {SEAT_IN_TERM}
      WITH DISTINCT p
      MATCH (p)-[:{token(Rel.WORKS_AT)}]->(u:{_U})
      RETURN 'committee' AS kind, u
    }}
    WITH u, collect(kind) AS kinds
    CALL (u) {{
      MATCH (u)-[:{_LOCATED_IN}]->(a:{_A})
      WITH [(a)-[:{_PART_OF}*0..{MAX_AREA_DEPTH}]->(c:{_A}) | c.id] AS chain
      WHERE any(id IN chain WHERE id IN $roots)
      UNWIND [$total] + [id IN chain WHERE id IN $children] AS bucket
      RETURN DISTINCT bucket
    }}
    RETURN bucket,
           count(CASE WHEN 'contract' IN kinds THEN 1 END) AS linked_by_contract,
           count(CASE WHEN 'alliance' IN kinds THEN 1 END) AS linked_by_alliance,
           count(CASE WHEN 'committee' IN kinds THEN 1 END) AS linked_by_committee,
           count(*) AS linked_by_any
    """,
)

FIGURE_QUERIES = (AREA_FIGURES, MEMBER_FIGURES, LINKED_FIGURES)
