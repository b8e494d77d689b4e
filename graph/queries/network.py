"""One breadth-first layer of an ego network: the neighbours of a frontier over chosen relationship types."""

from __future__ import annotations

from functools import cache

from graph.cypher import NamedQuery, rel_union, token
from graph.node_display import DISPLAY_PROPS, EDGE_PROPS, PERSON_PROPS
from graph.rules import in_scope
from graph.schema import Label, Rel

_NODE_PROJECTION = ", ".join(f".{p}" for p in dict.fromkeys(("name", *DISPLAY_PROPS, *PERSON_PROPS)))
_EDGE_PROJECTION = ", ".join(f".{p}" for p in EDGE_PROPS)

ENTITY_EXISTS = NamedQuery(
    "network_entity",
    f"""
    MATCH (n:{token(Label.ENTITY)} {{id: $id}})
    WHERE {in_scope("n")}
    RETURN labels(n) AS labels, n {{{_NODE_PROJECTION}}} AS props
    """,
)


@cache
def expand_layer(types: tuple[Rel, ...], *, closing: bool) -> NamedQuery:
    """Relationships of the given types from each frontier node to its neighbours, at most $cap rows.

    $known is a map whose keys are the ids already in the network: their labels and properties are not
    sent again. A closing layer (the last one) only returns relationships to known nodes, so that the
    network shows every tie among its nodes without growing further. A map lookup, unlike
    `b.id IN $list`, is not planned as an index seek per known node and a check of every pair."""
    # A node outside `$scope` is never added, so nothing is ever reached through it either.
    known = (
        "WHERE $known[b.id] IS NOT NULL" if closing else f"WHERE $known[b.id] IS NOT NULL OR {in_scope('b')}"
    )
    return NamedQuery(
        f"network_{'close' if closing else 'expand'}_{'_'.join(types)}",
        f"""
        UNWIND $frontier AS frontier_id
        MATCH (a:{token(Label.ENTITY)} {{id: frontier_id}})-[r:{rel_union(types)}]-(b:{token(Label.ENTITY)})
        {known}
        WITH a, r, b, $known[b.id] IS NULL AS new
        RETURN a.id AS a, b.id AS b, startNode(r) = a AS outgoing, type(r) AS type,
               r {{{_EDGE_PROJECTION}}} AS rel_props,
               CASE WHEN new THEN labels(b) END AS labels,
               CASE WHEN new THEN b {{{_NODE_PROJECTION}}} END AS props
        LIMIT $cap
        """,
    )
