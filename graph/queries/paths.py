"""Paths between two entities: what each end stands for, and the bounded shortest-path search of one
tier of ties (see graph/ties.py)."""

from __future__ import annotations

from functools import cache

from graph.cypher import NamedQuery, rel_union, token
from graph.node_display import DISPLAY_PROPS, EDGE_PROPS, PERSON_PROPS
from graph.rules import END_HOLDERS, contract_in_force, in_scope, seat_in_term
from graph.schema import ORG_TIES, Label, Rel
from graph.ties import ALWAYS_RELS, END_RELS, KIND_RELS, TieKind

#: The map: left out of every path but those of the last tier.
AREA_TIES: tuple[Rel, ...] = KIND_RELS[TieKind.GEOGRAPHY]

MAX_PATH_LENGTH = 8
MAX_PATHS = 20
#: An end stands for at most this many nodes (itself first, then its party orgs).
MAX_END_HOLDERS = 50

_NODE_PROJECTION = ", ".join(f".{p}" for p in dict.fromkeys(("id", "name", *DISPLAY_PROPS, *PERSON_PROPS)))
_EDGE_PROJECTION = ", ".join(f".{p}" for p in EDGE_PROPS)

#: The ends that exist and lie in `$scope`, each with the ids of what it stands for (itself first).
ENDPOINTS = NamedQuery(
    "path_endpoints",
    f"""
    UNWIND $ids AS entity_id
    MATCH (n:{token(Label.ENTITY)} {{id: entity_id}})
    WHERE {in_scope("n")}
    {END_HOLDERS}
    RETURN n.id AS id, labels(n) AS labels, n {{{_NODE_PROJECTION}}} AS props,
           [h IN holders | h.id][..{MAX_END_HOLDERS}] AS holders
    """,
)


@cache
def tier_paths(count: int, max_length: int, *, map_too: bool) -> NamedQuery:
    """The `count` shortest paths of 1..max_length hops from $from to $to, through nodes in `$scope`.

    Inside an end (`$from_set`, `$to_set`: the ids it stands for) a hop may use END_RELS, walked from the
    start down to its orgs and from the orgs up to the end (an org → its branch → the area would tell the
    same tie again); a path leaves its start's set once and enters its end's set once. Between the ends
    a hop uses the types named in `$between` (values of graph.schema.Rel), never passes through an area
    unless `map_too`, and with `$active_only` only contracts in force and seats in term on `$as_of`. The
    tiers differ in parameters only, so one plan serves them all (two with the map). Cypher takes neither
    the path count nor the length bound as a parameter: both are checked integers rendered into the
    text."""
    if not 1 <= count <= MAX_PATHS or not 1 <= max_length <= MAX_PATH_LENGTH:
        raise ValueError(f"count {count} or max_length {max_length} out of bounds")
    walked = tuple(dict.fromkeys((*ALWAYS_RELS, *ORG_TIES, *END_RELS, *(AREA_TIES if map_too else ()))))
    conditions = ["type(r) IN $between"]
    if not map_too:
        conditions.append(f"(x = b OR NOT x:{token(Label.AREA)})")
    conditions.append(
        f"""(NOT $active_only OR (
                 (x = b OR NOT x:{token(Label.CONTRACT)} OR ({contract_in_force("x")}))
                 AND (NOT r:{token(Rel.SEATED_ON)} OR ({seat_in_term("r")}))))"""
    )
    between_ends = "\n               AND ".join(conditions)
    step = f"""((w)-[r:{rel_union(walked)}]-(x)
        WHERE {in_scope("x")}
          AND NOT (x.id IN $from_set AND NOT w.id IN $from_set)
          AND NOT (w.id IN $to_set AND NOT x.id IN $to_set)
          AND ((w.id IN $from_set AND x.id IN $from_set AND startNode(r) = x)
               OR (w.id IN $to_set AND x.id IN $to_set AND startNode(r) = w)
               OR ({between_ends})))"""
    return NamedQuery(
        f"tier_paths_{'map' if map_too else 'org'}_{count}_{max_length}",
        f"""
        MATCH (a:{token(Label.ENTITY)} {{id: $from}}), (b:{token(Label.ENTITY)} {{id: $to}})
        MATCH p = SHORTEST {int(count)} (a) {step}{{1,{int(max_length)}}} (b)
        RETURN [n IN nodes(p) | {{labels: labels(n), props: n {{{_NODE_PROJECTION}}},
                 in_force: CASE WHEN n:{token(Label.CONTRACT)} THEN {contract_in_force("n")} END}}] AS nodes,
               [e IN relationships(p) | {{source: startNode(e).id, target: endNode(e).id, type: type(e),
                 props: e {{{_EDGE_PROJECTION}}},
                 in_term: CASE WHEN e:{token(Rel.SEATED_ON)} THEN {seat_in_term("e")} END}}] AS rels
        """,
    )
