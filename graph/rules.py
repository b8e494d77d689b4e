"""The domain's rules as named Cypher fragments, each written once: an area's subtree, the units an org's
links count for (the holder rule), a contract in force, a seat in term, and what lies in the caller's
access scope. Queries in graph/queries compose these; they hold no values (only `$parameters`).
"""

from __future__ import annotations

import re

from graph.cypher import rel_union, token
from graph.schema import Label, Rel

#: The area tree is at most five levels deep, so a subtree is at most four PART_OF hops down.
MAX_AREA_DEPTH = 4

#: A branch reports to its unit's org at most this many REPORTS_TO levels down.
MAX_ORG_DEPTH = 4

_VARIABLE = re.compile(r"^[a-z][a-z0-9_]*$")


def _checked(variable: str) -> str:
    """A plain Cypher variable name, or ValueError: fragments take names, never text."""
    if not _VARIABLE.match(variable) or variable.startswith("scope_"):
        raise ValueError(f"not a plain Cypher variable: {variable!r}")
    return variable


_A, _U, _P, _AL = (token(Label.AREA), token(Label.UNIT), token(Label.PARTY_ORG), token(Label.ALLIANCE))
_BELONGS, _REPORTS = token(Rel.BELONGS_TO), token(Rel.REPORTS_TO)

#: Units scoped by an area: the unit's LOCATED_IN area is the root or below it. Binds `u`, uses `$roots`.
UNITS_IN_SCOPE = """
MATCH (root:Area) WHERE root.id IN $roots
MATCH (u:Unit)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..4]->(root)
WITH DISTINCT u
"""

#: The holder rule: a path `p` from a party org `o` up at most four REPORTS_TO levels to an org that
#: BELONGS_TO unit `u`, never crossing an org that belongs to another unit. Both directions use it.
_HOLDER_PATH = """p = (o:PartyOrg)-[:REPORTS_TO*0..4]->(:PartyOrg)-[:BELONGS_TO]->(u{unit_label})
  WHERE all(x IN nodes(p) WHERE NOT EXISTS {{ (x)-[:BELONGS_TO]->(other:Unit) WHERE other <> u }})"""

#: A unit's link holders; expects `u`, adds `holders`: the unit and its party orgs, i.e. those that
#: BELONG_TO it and those that REPORT_TO one of them (a branch), at most four levels down, never
#: crossing into an org that belongs to another unit.
UNIT_HOLDERS = f"""
CALL (u) {{
  OPTIONAL MATCH {_HOLDER_PATH.format(unit_label="")}
  WITH collect(DISTINCT o) AS orgs
  RETURN [u] + orgs AS holders
}}
"""

#: What one end of "how are these two connected" stands for. Expects `n`, adds `holders` (`n` first): a
#: unit and its link holders (UNIT_HOLDERS); an area and the party orgs BASED_IN it (a community's
#: 社区党委, a street's 党工委); anything else only itself.
END_HOLDERS = f"""
CALL (n) {{
  WITH n AS u WHERE n:{_U}
  {UNIT_HOLDERS}
  RETURN holders
  UNION
  WITH n WHERE n:{_A}
  RETURN [n] + [(o:{_P})-[:{token(Rel.BASED_IN)}]->(n) | o] AS holders
  UNION
  WITH n WHERE NOT n:{_U} AND NOT n:{_A}
  RETURN [n] AS holders
}}
"""

#: The reverse of UNIT_HOLDERS: the units `u` that the link holders in the list `holders` (any nodes) hold
#: links for, i.e. a holder itself if it is a unit, else the unit its org belongs to, else the unit of
#: the nearest org above it that belongs to one. Expects `holders`, binds `u` (a unit may come more than
#: once).
#:
#: The same rule as _HOLDER_PATH, walked upwards from the holders, with the walk cut short: the first org
#: on a path that belongs to a unit ends it. A valid path that went on from there has a valid prefix
#: that ends there for the same unit, so no unit is lost. Each holder's units are read once, and only
#: an org that belongs to no unit (a community's or a street's, or a unit's branch) walks up. BELONGS_TO
#: runs from a PartyOrg to a Unit only, so a unit never belongs to another; an org that belongs to two
#: units (which the loader never writes) holds links for neither, as in _HOLDER_PATH.
HOLDER_UNITS = f"""
CALL (holders) {{
  UNWIND holders AS o
  WITH o, CASE WHEN o:{_U} THEN [o] ELSE [(o:{_P})-[:{_BELONGS}]->(x:{_U}) | x] END AS owners
  CALL (o, owners) {{
    WITH o WHERE owners = [] AND o:{_P}
    MATCH p = (o)-[:{_REPORTS}*1..{MAX_ORG_DEPTH}]->(top:{_P})-[:{_BELONGS}]->(u:{_U})
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS {{ (n)-[:{_BELONGS}]->(:{_U}) }})
      AND COUNT {{ (top)-[:{_BELONGS}]->(:{_U}) }} = 1
    RETURN collect(u) AS walked
  }}
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS u
  RETURN u
}}
"""


def contract_in_force(variable: str) -> str:
    """A Cypher predicate: the contract bound to `variable` is in force on `$as_of` (active, signed by
    then, not yet expired)."""
    v = _checked(variable)
    return (
        f"{v}.status = 'active' AND {v}.signed <= $as_of AND ({v}.expires IS NULL OR {v}.expires >= $as_of)"
    )


def seat_in_term(variable: str) -> str:
    """A Cypher predicate: the SEATED_ON relationship bound to `variable` has a term covering `$as_of`."""
    v = _checked(variable)
    return f"{v}.start <= $as_of AND coalesce({v}.end, $as_of) >= $as_of"


#: A contract `k` that is in force on `$as_of`.
CONTRACT_IN_FORCE = contract_in_force("k")

#: True if one of `holders` is a party to a contract in force on `$as_of`.
HOLDERS_HAVE_CONTRACT = (
    "any(h IN holders WHERE EXISTS { (h)-[:PARTY_TO]->(k:Contract) WHERE " + CONTRACT_IN_FORCE + " })"
)

#: True if one of `holders` is a member of an alliance.
HOLDERS_IN_ALLIANCE = "any(h IN holders WHERE EXISTS { (h)-[:MEMBER_OF]->(:Alliance) })"

#: A seat `s` whose term covers `$as_of`.
SEAT_IN_TERM = seat_in_term("s")

#: True if someone who works at unit `u` holds a seat whose term covers `$as_of`.
UNIT_HAS_SEAT = f"""EXISTS {{
    (p:Person)-[:WORKS_AT]->(u)
    WHERE EXISTS {{
      (p)-[s:SEATED_ON]->(:PartyOrg) WHERE {SEAT_IN_TERM}
    }}
  }}"""

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

# ---------------------------------------------------------------------------------------------------
# Access scope: whether a node lies in the caller's area subtree ($scope: root area ids, null = all).
# ---------------------------------------------------------------------------------------------------

# The nodes whose home areas decide whether `x` is visible: an area, unit, party org or alliance itself;
# a person's unit or committee; a contract's parties; a need's raiser, a resource's provider; a project's
# contract parties and deliverers. Binds `scope_base`.
_BASES = f"""
    CALL (__X__) {{
      WITH __X__ WHERE __X__:{_A} OR __X__:{_U} OR __X__:{_P} OR __X__:{_AL} RETURN __X__ AS scope_base
      UNION
      MATCH (__X__:{token(Label.PERSON)})-[:{rel_union((Rel.WORKS_AT, Rel.SEATED_ON))}]->(scope_base)
      RETURN scope_base
      UNION
      MATCH (__X__:{token(Label.CONTRACT)})<-[:{token(Rel.PARTY_TO)}]-(scope_base) RETURN scope_base
      UNION
      MATCH (__X__:{token(Label.NEED)})-[:{token(Rel.RAISED_BY)}]->(scope_base) RETURN scope_base
      UNION
      MATCH (__X__:{token(Label.RESOURCE)})-[:{token(Rel.OFFERED_BY)}]->(scope_base) RETURN scope_base
      UNION
      MATCH (__X__:{token(Label.PROJECT)})-[:{token(Rel.UNDER)}]->(:{token(Label.CONTRACT)})
            <-[:{token(Rel.PARTY_TO)}]-(scope_base)
      RETURN scope_base
      UNION
      MATCH (__X__:{token(Label.PROJECT)})-[:{token(Rel.DELIVERED_BY)}]->(scope_base) RETURN scope_base
    }}
"""

# The home area of a base: an area itself, a unit's LOCATED_IN area, an alliance's HOSTED_BY street, and
# a party org's BASED_IN area, else its unit's area, else those of the nearest org above it (REPORTS_TO,
# at most four levels) that has one. Binds `scope_home`.
_HOMES = f"""
    CALL (scope_base) {{
      WITH scope_base WHERE scope_base:{_A} RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:{_U})-[:{token(Rel.LOCATED_IN)}]->(scope_home:{_A}) RETURN scope_home
      UNION
      MATCH (scope_base:{_AL})-[:{token(Rel.HOSTED_BY)}]->(scope_home:{_A}) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:{_P})-[:{token(Rel.REPORTS_TO)}*0..{MAX_AREA_DEPTH}]->(scope_org:{_P})
      WHERE EXISTS {{ (scope_org)-[:{token(Rel.BASED_IN)}]->(:{_A}) }}
         OR EXISTS {{ (scope_org)-[:{token(Rel.BELONGS_TO)}]->(:{_U})-[:{token(Rel.LOCATED_IN)}]->(:{_A}) }}
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:{token(Rel.BASED_IN)}]->(scope_a:{_A}) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:{token(Rel.BELONGS_TO)}]->(:{_U})
                        -[:{token(Rel.LOCATED_IN)}]->(scope_a:{_A}) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }}
"""

_IN_SCOPE = f"""($scope IS NULL OR EXISTS {{
    {_BASES}
    {_HOMES}
    MATCH (scope_home)-[:{token(Rel.PART_OF)}*0..{MAX_AREA_DEPTH}]->(scope_root:{_A})
    WHERE scope_root.id IN $scope
  }})"""


def in_scope(variable: str) -> str:
    """A Cypher predicate: true if the node bound to `variable` is visible under `$scope`, i.e. `$scope`
    is null or one of the node's home areas lies in the subtree of one of its root area ids.

    Home areas: an Area itself; a Unit's LOCATED_IN area; a PartyOrg's BASED_IN area, else its unit's,
    else its nearest ancestor org's; an Alliance's HOSTED_BY street; a Person's unit or committee; a
    Contract's parties'; a Need's raiser's, a Resource's provider's; a Project's contract parties' and
    deliverers'. Every hop is bounded. Names inside the fragment start with `scope_`."""
    return _IN_SCOPE.replace("__X__", _checked(variable))
