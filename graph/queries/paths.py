"""Shortest paths between two entities, over organizational ties only or over area ties too."""

from __future__ import annotations

from functools import cache

from graph.cypher import NamedQuery, rel_union, token
from graph.node_display import DISPLAY_PROPS, EDGE_PROPS, PERSON_PROPS
from graph.rules import in_scope
from graph.schema import ORG_TIES, Label, Rel

#: The map: ties that every entity of an area shares, left out of paths `via=org`.
AREA_TIES: tuple[Rel, ...] = (Rel.PART_OF, Rel.LOCATED_IN, Rel.BASED_IN, Rel.HOSTED_BY)
MAX_PATH_LENGTH = 8
MAX_PATHS = 20

_NODE_PROJECTION = ", ".join(f".{p}" for p in dict.fromkeys(("id", "name", *DISPLAY_PROPS, *PERSON_PROPS)))
_EDGE_PROJECTION = ", ".join(f".{p}" for p in EDGE_PROPS)

ENDPOINTS = NamedQuery(
    "path_endpoints",
    f"""
    UNWIND $ids AS entity_id
    MATCH (n:{token(Label.ENTITY)} {{id: entity_id}})
    WHERE {in_scope("n")}
    RETURN n.id AS id
    """,
)


@cache
def shortest_paths(count: int, max_length: int, *, org_only: bool) -> NamedQuery:
    """The `count` shortest paths of 1..max_length hops from $from to $to.

    Cypher takes neither the path count nor the length bound as a parameter, so both are checked
    integers rendered into the text, one cached query per combination. `org_only` walks ORG_TIES and
    never passes through an Area (an area is shared by everyone in it), though an endpoint may be one."""
    if not 1 <= count <= MAX_PATHS or not 1 <= max_length <= MAX_PATH_LENGTH:
        raise ValueError(f"count {count} or max_length {max_length} out of bounds")
    rels = ORG_TIES if org_only else (*ORG_TIES, *AREA_TIES)
    # Every node of a path lies in `$scope`: a path never passes through what the caller may not see.
    step = (
        f"(()-[:{rel_union(rels)}]-(x) WHERE (x = b OR NOT x:{token(Label.AREA)}) AND {in_scope('x')})"
        if org_only
        else f"(()-[:{rel_union(rels)}]-(x) WHERE {in_scope('x')})"
    )
    return NamedQuery(
        f"shortest_paths_{'org' if org_only else 'all'}_{count}_{max_length}",
        f"""
        MATCH (a:{token(Label.ENTITY)} {{id: $from}}), (b:{token(Label.ENTITY)} {{id: $to}})
        MATCH p = SHORTEST {int(count)} (a) {step}{{1,{int(max_length)}}} (b)
        RETURN [n IN nodes(p) | {{labels: labels(n), props: n {{{_NODE_PROJECTION}}}}}] AS nodes,
               [r IN relationships(p) | {{source: startNode(r).id, target: endNode(r).id, type: type(r),
                                          props: r {{{_EDGE_PROJECTION}}}}}] AS rels
        """,
    )
