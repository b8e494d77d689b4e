"""The domain's rules as named Cypher fragments, each written once: an area's subtree, the units an org's
links count for (the holder rule), a contract in force, a seat in term, and what lies in the caller's
access scope. Queries in graph/ compose these through the builders below, which take the variable and
parameter names they work on; they hold no values (only `$parameters`), every label and relationship
type comes from the schema's enums, and every depth from the two constants here.

Nothing here derives one fragment from another's text: each builder writes its own text from its
arguments (variable names are checked to be plain Cypher variables). Names a fragment binds for itself
start with the fragment's own prefix (`holder_`, `link_`, `seat_`, `chain_`, `scope_`), so that they
never meet a variable of the query around it.
"""

from __future__ import annotations

import re

from graph.cypher import rel_union, token
from graph.schema import Label, Rel

#: The area tree is at most five levels deep, so a subtree is at most four PART_OF hops down.
MAX_AREA_DEPTH = 4

#: A branch reports to its unit's org at most this many REPORTS_TO levels down.
MAX_ORG_DEPTH = 4

_A, _U, _P, _AL = (token(Label.AREA), token(Label.UNIT), token(Label.PARTY_ORG), token(Label.ALLIANCE))
_PART_OF, _BELONGS, _REPORTS = token(Rel.PART_OF), token(Rel.BELONGS_TO), token(Rel.REPORTS_TO)

_VARIABLE = re.compile(r"^[a-z][a-z0-9_]*$")


def _var(name: str) -> str:
    """`name` if it is a plain lower-case Cypher variable (or parameter name), else ValueError."""
    if not _VARIABLE.match(name):
        raise ValueError(f"not a plain Cypher variable: {name!r}")
    return name


# ---------------------------------------------------------------------------------------------------
# An area's subtree: the area itself and every area at most MAX_AREA_DEPTH PART_OF hops below it.
# ---------------------------------------------------------------------------------------------------

#: The hop from an area up to itself or one of its ancestors: `(a){AREA_UP}(root)` holds when `a` lies
#: in the subtree of `root`.
AREA_UP = f"-[:{_PART_OF}*0..{MAX_AREA_DEPTH}]->"

#: The hop from an area down to itself or one of its descendants: `(root){AREA_DOWN}(a)`.
AREA_DOWN = f"<-[:{_PART_OF}*0..{MAX_AREA_DEPTH}]-"

#: The hop from an area down to one of its descendants, never itself: `(root){AREA_STRICTLY_DOWN}(a)`.
AREA_STRICTLY_DOWN = f"<-[:{_PART_OF}*1..{MAX_AREA_DEPTH}]-"


def areas_under(area: str = "a", *, roots: str = "roots", root: str = "root") -> str:
    """MATCH clauses binding `root` to each area whose id is in `$roots` and `area` to each area of its
    subtree (an area may come once per root it lies under)."""
    area, roots, root = _var(area), _var(roots), _var(root)
    return f"""MATCH ({root}:{_A}) WHERE {root}.id IN ${roots}
MATCH ({area}:{_A}){AREA_UP}({root})"""


def area_in_roots(area: str, *, roots: str = "roots", root: str = "root") -> str:
    """A predicate: the area bound to `area` lies in the subtree of an area whose id is in `$roots`."""
    area, roots, root = _var(area), _var(roots), _var(root)
    return f"EXISTS {{ MATCH ({area}){AREA_UP}({root}:{_A}) WHERE {root}.id IN ${roots} }}"


def area_chain(area: str = "loc") -> str:
    """A WITH clause: the community, street and district at or above the area `area` (or null); adds
    `community`, `street`, `district` and keeps every variable in scope."""
    area = _var(area)
    return f"""
WITH *, [({area}){AREA_UP}(chain_area:{_A}) | chain_area] AS chain
WITH *, head([x IN chain WHERE x.level = 'community']) AS community,
        head([x IN chain WHERE x.level = 'street']) AS street,
        head([x IN chain WHERE x.level = 'district']) AS district
"""


def units_in_areas(unit: str = "u", *, roots: str = "roots") -> str:
    """Clauses binding `unit` to each unit LOCATED_IN an area of the subtrees of `$roots`, once each."""
    unit, roots = _var(unit), _var(roots)
    return f"""
MATCH (root:{_A}) WHERE root.id IN ${roots}
MATCH ({unit}:{_U})-[:{token(Rel.LOCATED_IN)}]->(:{_A}){AREA_UP}(root)
WITH DISTINCT {unit}
"""


# ---------------------------------------------------------------------------------------------------
# Time: a contract in force and a seat in term on a date parameter.
# ---------------------------------------------------------------------------------------------------


def contract_in_force(contract: str = "k", *, on: str = "as_of") -> str:
    """A predicate: the contract `contract` is in force on `$on`: signed on or before it, not expired (no
    expiry, or expiring on or after it), and active, or terminated in the app after it (`terminated_on`,
    the first day it no longer binds). A contract without a signing date is not, nor a draft, nor one a
    ledger marks terminated or expired without a termination day."""
    k, on = _var(contract), _var(on)
    return (
        f"({k}.status = 'active' OR ({k}.status = 'terminated' AND {k}.terminated_on > ${on})) "
        f"AND {k}.signed <= ${on} AND ({k}.expires IS NULL OR {k}.expires >= ${on})"
    )


def contract_to_renew(contract: str = "k", *, on: str = "as_of", within: str = "days") -> str:
    """A predicate: the contract `contract` is in force on `$on`, expires within `$within` days of it, and
    no contract renews it yet (a renewal, (new)-[:RENEWS]->(old), carries the tie on)."""
    k, on_, within_ = _var(contract), _var(on), _var(within)
    return (
        f"{contract_in_force(k, on=on_)} AND {k}.expires <= ${on_} + duration({{days: ${within_}}}) "
        f"AND NOT EXISTS {{ (:{token(Label.CONTRACT)})-[:{token(Rel.RENEWS)}]->({k}) }}"
    )


def seat_in_term(seat: str = "s", *, on: str = "as_of") -> str:
    """A predicate that is always true or false (never null): the seat (a SEATED_ON relationship)
    `seat` is in term on `$on`: it started on or before it and has not ended before it (no end, or an
    end on or after it). A seat without a start date is not in term."""
    s, on = _var(seat), _var(on)
    return f"{s}.start IS NOT NULL AND {s}.start <= ${on} AND ({s}.end IS NULL OR {s}.end >= ${on})"


# ---------------------------------------------------------------------------------------------------
# The holder rule: which unit a party org's links count for.
#
# An org holds links for unit u when it BELONGS_TO u, or REPORTS_TO (at most MAX_ORG_DEPTH levels up)
# an org that BELONGS_TO u, and no org on the way belongs to another unit: a sector committee's member
# orgs do not count for the committee's unit, nor the committee for theirs.
# ---------------------------------------------------------------------------------------------------


def _holder_guard(path: str, unit: str) -> str:
    return (
        f"all(holder_node IN nodes({path}) WHERE NOT EXISTS "
        f"{{ (holder_node)-[:{_BELONGS}]->(holder_other:{_U}) WHERE holder_other <> {unit} }})"
    )


def holder_path(org: str = "o", unit: str = "u", *, path: str = "p", unit_bound: bool = False) -> str:
    """A pattern with its WHERE (for MATCH, OPTIONAL MATCH or a pattern comprehension): `path` from the
    party org `org` up to the org it holds links through and on to the unit `unit`, under the holder
    rule. With `unit_bound`, `unit` is already bound and not labelled again."""
    org, unit, path = _var(org), _var(unit), _var(path)
    unit_node = unit if unit_bound else f"{unit}:{_U}"
    return (
        f"{path} = ({org}:{_P})-[:{_REPORTS}*0..{MAX_ORG_DEPTH}]->(:{_P})-[:{_BELONGS}]->({unit_node})\n"
        f"  WHERE {_holder_guard(path, unit)}"
    )


def unit_of(holder: str) -> str:
    """An expression: the unit that `holder` (a unit, or a party org) holds links for, or null."""
    holder = _var(holder)
    return (
        f"CASE WHEN {holder}:{_U} THEN {holder} "
        f"ELSE head([{holder_path(holder, 'holder_unit', path='holder_path')} | holder_unit]) END"
    )


def unit_holders(unit: str = "u", *, into: str = "holders") -> str:
    """A subquery that adds `into` for the bound unit `unit`: the unit and its party orgs (those that
    BELONG_TO it and their branches, under the holder rule)."""
    unit, into = _var(unit), _var(into)
    return f"""
CALL ({unit}) {{
  OPTIONAL MATCH {holder_path("holder_org", unit, path="holder_path", unit_bound=True)}
  WITH collect(DISTINCT holder_org) AS orgs
  RETURN [{unit}] + orgs AS {into}
}}
"""


def end_holders(end: str = "n", *, into: str = "holders") -> str:
    """A subquery that adds `into` (the end `end` first) for one end of "how are these two connected":
    a unit and its link holders (`unit_holders`); an area and the party orgs BASED_IN it (a community's
    社区党委, a street's 党工委); anything else only itself."""
    end, into = _var(end), _var(into)
    return f"""
CALL ({end}) {{
  WITH {end} AS end_unit WHERE {end}:{_U}
  {unit_holders("end_unit", into=into)}
  RETURN {into}
  UNION
  WITH {end} WHERE {end}:{_A}
  RETURN [{end}] + [(end_org:{_P})-[:{token(Rel.BASED_IN)}]->({end}) | end_org] AS {into}
  UNION
  WITH {end} WHERE NOT {end}:{_U} AND NOT {end}:{_A}
  RETURN [{end}] AS {into}
}}
"""


def org_holders(org: str) -> str:
    """An expression: the list of `org` (a unit or a party org) and those that hold links with it: for a
    unit, its party orgs under the holder rule; for a party org, its branches (orgs that REPORT_TO it, at
    most MAX_ORG_DEPTH levels down, none of them belonging to a unit that `org` does not belong to)."""
    o = _var(org)
    unit_orgs = f"[{holder_path('holder_org', o, path='holder_path', unit_bound=True)} | holder_org]"
    branches = (
        f"[holder_path = (holder_org:{_P})-[:{_REPORTS}*1..{MAX_ORG_DEPTH}]->({o})\n"
        f"  WHERE none(holder_node IN nodes(holder_path)[..-1] WHERE EXISTS {{ (holder_node)-[:{_BELONGS}]->"
        f"(holder_other:{_U}) WHERE NOT EXISTS {{ ({o})-[:{_BELONGS}]->(holder_other) }} }}) | holder_org]"
    )
    return f"[{o}] + CASE WHEN {o}:{_U} THEN {unit_orgs} ELSE {branches} END"


def holder_units(holders: str = "holders", *, unit: str = "u") -> str:
    """A subquery that binds `unit` to each unit the link holders in the list `holders` (any nodes) hold
    links for (a unit may come more than once): a holder itself if it is a unit, else the unit its org
    belongs to, else the unit of the nearest org above it that belongs to one.

    The holder rule walked upwards from the holders, with the walk cut short: the first org on a path
    that belongs to a unit ends it. A valid path that went on from there has a valid prefix that ends
    there for the same unit, so no unit is lost. Each holder's units are read once, and only an org that
    belongs to no unit (a community's or a street's, or a unit's branch) walks up. BELONGS_TO runs from a
    PartyOrg to a Unit only, so a unit never belongs to another; an org that belongs to two units (which
    the loader never writes) holds links for neither, as in `holder_path`."""
    holders, unit = _var(holders), _var(unit)
    return f"""
CALL ({holders}) {{
  UNWIND {holders} AS o
  WITH o, CASE WHEN o:{_U} THEN [o] ELSE [(o:{_P})-[:{_BELONGS}]->(x:{_U}) | x] END AS owners
  CALL (o, owners) {{
    WITH o WHERE owners = [] AND o:{_P}
    MATCH p = (o)-[:{_REPORTS}*1..{MAX_ORG_DEPTH}]->(top:{_P})-[:{_BELONGS}]->(u:{_U})
    WHERE none(n IN nodes(p)[1..-2] WHERE EXISTS {{ (n)-[:{_BELONGS}]->(:{_U}) }})
      AND COUNT {{ (top)-[:{_BELONGS}]->(:{_U}) }} = 1
    RETURN collect(u) AS walked
  }}
  UNWIND CASE WHEN size(owners) = 1 THEN owners ELSE walked END AS {unit}
  RETURN {unit}
}}
"""


# ---------------------------------------------------------------------------------------------------
# A unit's co-building links, built on the rules above.
# ---------------------------------------------------------------------------------------------------


def holders_have_contract(holders: str = "holders", *, on: str = "as_of") -> str:
    """A predicate: one of the nodes in the list `holders` is PARTY_TO a contract in force on `$on`."""
    holders = _var(holders)
    return (
        f"any(link_holder IN {holders} WHERE EXISTS {{ (link_holder)-[:{token(Rel.PARTY_TO)}]->"
        f"(link_contract:{token(Label.CONTRACT)}) WHERE {contract_in_force('link_contract', on=on)} }})"
    )


def holders_in_alliance(holders: str = "holders") -> str:
    """A predicate: one of the nodes in the list `holders` is MEMBER_OF an alliance."""
    holders = _var(holders)
    member_of = token(Rel.MEMBER_OF)
    return f"any(link_holder IN {holders} WHERE EXISTS {{ (link_holder)-[:{member_of}]->(:{_AL}) }})"


def unit_has_seat(unit: str = "u", *, on: str = "as_of") -> str:
    """A predicate: someone who WORKS_AT the unit `unit` holds a seat in term on `$on`."""
    unit = _var(unit)
    return f"""EXISTS {{
    (seat_person:{token(Label.PERSON)})-[:{token(Rel.WORKS_AT)}]->({unit})
    WHERE EXISTS {{
      (seat_person)-[seat:{token(Rel.SEATED_ON)}]->(:{_P}) WHERE {seat_in_term("seat", on=on)}
    }}
  }}"""


def unit_links(unit: str = "u", *, on: str = "as_of") -> str:
    """Clauses adding, for the bound unit `unit`, `holders`, `by_contract`, `by_alliance` and
    `by_committee`: its co-building links on `$on`."""
    return (
        unit_holders(unit)
        + f"""WITH *, {holders_have_contract(on=on)} AS by_contract,
  {holders_in_alliance()} AS by_alliance,
  {unit_has_seat(unit, on=on)} AS by_committee
"""
    )


def unit_lacks(unit: str = "u", *, by: str = "by", on: str = "as_of") -> str:
    """Clauses keeping the units `unit` (with `holders`) that lack the `$by` link on `$on` ('contract',
    'alliance', 'committee', else any of the three); each kind is tested only when needed."""
    unit, by = _var(unit), _var(by)
    contract, alliance, seat = holders_have_contract(on=on), holders_in_alliance(), unit_has_seat(unit, on=on)
    return f"""
WITH {unit}, holders
WHERE CASE ${by}
        WHEN 'contract' THEN NOT {contract}
        WHEN 'alliance' THEN NOT {alliance}
        WHEN 'committee' THEN NOT {seat}
        ELSE NOT ({contract} OR {alliance} OR {seat}) END
"""


# ---------------------------------------------------------------------------------------------------
# Access scope: whether a node lies in the caller's area subtree ($scope: root area ids, null = all).
# ---------------------------------------------------------------------------------------------------


def _bases(x: str) -> str:
    """The nodes whose home areas decide whether `x` is visible: an area, unit, party org or alliance
    itself; a person's unit or committee; a contract's parties; a need's raiser, a resource's provider;
    a project's contract parties and deliverers. Binds `scope_base`."""
    return f"""
    CALL ({x}) {{
      WITH {x} WHERE {x}:{_A} OR {x}:{_U} OR {x}:{_P} OR {x}:{_AL} RETURN {x} AS scope_base
      UNION
      MATCH ({x}:{token(Label.PERSON)})-[:{rel_union((Rel.WORKS_AT, Rel.SEATED_ON))}]->(scope_base)
      RETURN scope_base
      UNION
      MATCH ({x}:{token(Label.CONTRACT)})<-[:{token(Rel.PARTY_TO)}]-(scope_base) RETURN scope_base
      UNION
      MATCH ({x}:{token(Label.NEED)})-[:{token(Rel.RAISED_BY)}]->(scope_base) RETURN scope_base
      UNION
      MATCH ({x}:{token(Label.RESOURCE)})-[:{token(Rel.OFFERED_BY)}]->(scope_base) RETURN scope_base
      UNION
      MATCH ({x}:{token(Label.PROJECT)})-[:{token(Rel.UNDER)}]->(:{token(Label.CONTRACT)})
            <-[:{token(Rel.PARTY_TO)}]-(scope_base)
      RETURN scope_base
      UNION
      MATCH ({x}:{token(Label.PROJECT)})-[:{token(Rel.DELIVERED_BY)}]->(scope_base) RETURN scope_base
    }}
"""


# The home area of a base: an area itself, a unit's LOCATED_IN area, an alliance's HOSTED_BY street, and
# a party org's BASED_IN area, else its unit's area, else those of the nearest org above it (REPORTS_TO,
# at most MAX_ORG_DEPTH levels) that has one. Binds `scope_home`.
_HOMES = f"""
    CALL (scope_base) {{
      WITH scope_base WHERE scope_base:{_A} RETURN scope_base AS scope_home
      UNION
      MATCH (scope_base:{_U})-[:{token(Rel.LOCATED_IN)}]->(scope_home:{_A}) RETURN scope_home
      UNION
      MATCH (scope_base:{_AL})-[:{token(Rel.HOSTED_BY)}]->(scope_home:{_A}) RETURN scope_home
      UNION
      MATCH scope_chain = (scope_base:{_P})-[:{_REPORTS}*0..{MAX_ORG_DEPTH}]->(scope_org:{_P})
      WHERE EXISTS {{ (scope_org)-[:{token(Rel.BASED_IN)}]->(:{_A}) }}
         OR EXISTS {{ (scope_org)-[:{_BELONGS}]->(:{_U})-[:{token(Rel.LOCATED_IN)}]->(:{_A}) }}
      WITH scope_org ORDER BY length(scope_chain) LIMIT 1
      WITH scope_org, [(scope_org)-[:{token(Rel.BASED_IN)}]->(scope_a:{_A}) | scope_a] AS scope_based
      UNWIND CASE WHEN scope_based = []
                  THEN [(scope_org)-[:{_BELONGS}]->(:{_U})
                        -[:{token(Rel.LOCATED_IN)}]->(scope_a:{_A}) | scope_a]
                  ELSE scope_based END AS scope_home
      RETURN scope_home
    }}
"""


def in_scope(variable: str) -> str:
    """A Cypher predicate: true if the node bound to `variable` is visible under `$scope`, i.e. `$scope`
    is null or one of the node's home areas lies in the subtree of one of its root area ids.

    Home areas: an Area itself; a Unit's LOCATED_IN area; a PartyOrg's BASED_IN area, else its unit's,
    else its nearest ancestor org's; an Alliance's HOSTED_BY street; a Person's unit or committee; a
    Contract's parties'; a Need's raiser's, a Resource's provider's; a Project's contract parties' and
    deliverers'. Every hop is bounded. Names inside the fragment start with `scope_`."""
    if not _VARIABLE.match(variable) or variable.startswith("scope_"):
        raise ValueError(f"not a plain Cypher variable: {variable!r}")
    return f"""($scope IS NULL OR EXISTS {{
    {_bases(variable)}
    {_HOMES}
    MATCH (scope_home){AREA_UP}(scope_root:{_A})
    WHERE scope_root.id IN $scope
  }})"""


def on_unit_side(variable: str) -> str:
    """A Cypher predicate: the node bound to `variable` is on the side of the unit account's unit
    `$unit`: that unit, a party org that BELONGS_TO it, or a need or resource RAISED_BY / OFFERED_BY one
    of those. False when `$unit` is null. Names inside the fragment start with `unit_`."""
    if not _VARIABLE.match(variable) or variable.startswith("unit_"):
        raise ValueError(f"not a plain Cypher variable: {variable!r}")
    owners = rel_union((Rel.RAISED_BY, Rel.OFFERED_BY))
    return f"""($unit IS NOT NULL AND any(unit_side IN [{variable}] + [({variable})-[:{owners}]->(unit_owner)
    | unit_owner] WHERE (unit_side:{_U} AND unit_side.id = $unit)
       OR EXISTS {{ (unit_side)-[:{token(Rel.BELONGS_TO)}]->(:{_U} {{id: $unit}}) }}))"""


def acts_for(variable: str) -> str:
    """A Cypher predicate: the account may act for the node bound to `variable` (a unit or party org, or a
    need or resource through its raiser or provider). An account of an area (`$unit` null) acts for
    what is in its scope (`in_scope`); a unit account only for its own unit's side (`on_unit_side`)."""
    return f"(CASE WHEN $unit IS NULL THEN {in_scope(variable)} ELSE {on_unit_side(variable)} END)"


def areas_holding(variable: str, *, areas: str = "children") -> str:
    """An expression: the ids in `$areas` whose subtree holds one of the home areas of the node bound to
    `variable` (the home areas of `in_scope`), so that a list for an area can say under which of its
    child areas each row lies. Names inside the fragment start with `scope_`."""
    if not _VARIABLE.match(variable) or variable.startswith("scope_"):
        raise ValueError(f"not a plain Cypher variable: {variable!r}")
    areas = _var(areas)
    return f"""COLLECT {{
    {_bases(variable)}
    {_HOMES}
    MATCH (scope_home){AREA_UP}(scope_root:{_A})
    WHERE scope_root.id IN ${areas}
    RETURN DISTINCT scope_root.id
  }}"""


# ---------------------------------------------------------------------------------------------------
# Where a need's raiser or a resource's provider stands, and the ties it already holds (the matches
# ranking), built on the rules above.
# ---------------------------------------------------------------------------------------------------


def holder_units_of(node: str = "src", *, into: str = "src_units") -> str:
    """A subquery that adds `into` for the bound node `node`: the distinct units it holds links for under
    the holder rule (`holder_units`): itself if it is a unit, its org's unit if a party org, none for an
    area."""
    node, into = _var(node), _var(into)
    return f"""
CALL ({node}) {{
  WITH [{node}] AS holder_list
  {holder_units("holder_list", unit="holder_unit")}
  RETURN collect(DISTINCT holder_unit) AS {into}
}}
"""


def place_of(node: str = "src", *, units: str = "src_units", into: str = "loc") -> str:
    """A WITH clause adding `into`, where the node `node` stands: an area itself, a unit's LOCATED_IN
    area, a party org's BASED_IN area, else the area of the first of `units` (the units it holds links
    for, from `holder_units_of`) that is located somewhere; null if nowhere."""
    node, units, into = _var(node), _var(units), _var(into)
    located = token(Rel.LOCATED_IN)
    return f"""
WITH *, head(CASE WHEN {node}:{_A} THEN [{node}]
                  WHEN {node}:{_U} THEN [({node})-[:{located}]->(place_area:{_A}) | place_area]
                  ELSE [({node})-[:{token(Rel.BASED_IN)}]->(place_area:{_A}) | place_area]
                     + [place_unit IN {units} WHERE EXISTS {{ (place_unit)-[:{located}]->(:{_A}) }}
                        | head([(place_unit)-[:{located}]->(place_area:{_A}) | place_area])] END) AS {into}
"""


def holders_alliances(holders: str = "holders") -> str:
    """An expression: the ids of the alliances that one of the nodes in the list `holders` is MEMBER_OF
    or LEADS."""
    holders = _var(holders)
    return f"""COLLECT {{
    UNWIND {holders} AS link_holder
    MATCH (link_holder)-[:{rel_union((Rel.MEMBER_OF, Rel.LEADS))}]->(link_alliance:{_AL})
    RETURN DISTINCT link_alliance.id
  }}"""


def holders_contracts(holders: str = "holders", *, on: str = "as_of") -> str:
    """An expression: the ids of the contracts in force on `$on` that one of the nodes in the list
    `holders` is PARTY_TO."""
    holders = _var(holders)
    return f"""COLLECT {{
    UNWIND {holders} AS link_holder
    MATCH (link_holder)-[:{token(Rel.PARTY_TO)}]->(link_contract:{token(Label.CONTRACT)})
    WHERE {contract_in_force("link_contract", on=on)}
    RETURN DISTINCT link_contract.id
  }}"""


def unit_seat_orgs(unit: str = "u", *, on: str = "as_of") -> str:
    """An expression: the ids of the party orgs on which someone who WORKS_AT the unit `unit` holds a
    seat in term on `$on`."""
    unit = _var(unit)
    return f"""COLLECT {{
    MATCH (seat_person:{token(Label.PERSON)})-[:{token(Rel.WORKS_AT)}]->({unit})
    MATCH (seat_person)-[seat:{token(Rel.SEATED_ON)}]->(seat_org:{_P}) WHERE {seat_in_term("seat", on=on)}
    RETURN DISTINCT seat_org.id
  }}"""


# ---------------------------------------------------------------------------------------------------
# The fragments under the names queries imported before the builders existed (kept for the queries
# other modules still compose from them).
# ---------------------------------------------------------------------------------------------------

#: Units scoped by an area: the unit's LOCATED_IN area is the root or below it. Binds `u`, uses `$roots`.
UNITS_IN_SCOPE = units_in_areas()
#: A unit's link holders; expects `u`, adds `holders`.
UNIT_HOLDERS = unit_holders()
#: The units `u` the link holders in the list `holders` hold links for.
HOLDER_UNITS = holder_units()
#: A contract `k` that is in force on `$as_of`.
CONTRACT_IN_FORCE = contract_in_force()
#: True if one of `holders` is a party to a contract in force on `$as_of`.
HOLDERS_HAVE_CONTRACT = holders_have_contract()
#: True if one of `holders` is a member of an alliance.
HOLDERS_IN_ALLIANCE = holders_in_alliance()
#: A seat `s` whose term covers `$as_of`.
SEAT_IN_TERM = seat_in_term()
#: True if someone who works at unit `u` holds a seat whose term covers `$as_of`.
UNIT_HAS_SEAT = unit_has_seat()
#: A unit's co-building links on `$as_of`; expects `u`, adds `holders`, `by_contract`, `by_alliance`,
#: `by_committee`.
UNIT_LINKS = unit_links()
#: Keeps the units (`u`, with `holders`) that lack the `$by` link.
UNIT_LACKS = unit_lacks()
#: The community, street and district above an area `loc`.
AREA_CHAIN = area_chain()
#: What a path end `n` stands for; adds `holders`.
END_HOLDERS = end_holders()
