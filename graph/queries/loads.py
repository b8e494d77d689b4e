"""Queries of the loaders: what the database already holds for a package's references, the record of
each load, replacing one source file's records, and a fingerprint of the whole graph."""

from __future__ import annotations

from functools import cache

from graph.cypher import NamedQuery, label_union, rel_union, token
from graph.schema import APP_STATE_AT, ENTITY_LABELS, KEYED_RELS, Label, Rel

# Each id the package refers to or defines: its label, its level (areas) and the level of the
# area a party org is based in (a committee seat needs a community-level party org).
LOOKUP_ENTITIES = NamedQuery(
    "lookup_entities",
    f"""
    UNWIND $ids AS id
    MATCH (n:{token(Label.ENTITY)} {{id: id}})
    OPTIONAL MATCH (n)-[:{token(Rel.BASED_IN)}]->(a:{token(Label.AREA)})
    WITH n, collect(a.level)[0] AS based_level
    RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.level AS level,
           based_level
    """,
)

# Units that already hold one of the package's USCCs under another id.
LOOKUP_USCC = NamedQuery(
    "lookup_uscc",
    f"""
    UNWIND $rows AS row
    MATCH (u:{token(Label.UNIT)} {{uscc: row.uscc}})
    WHERE u.id <> row.id
    RETURN row.uscc AS uscc, u.id AS id
    """,
)

# `owner` names the process that runs the load (loaders/ownership.py).
START_LOAD = NamedQuery(
    "start_load",
    f"""
    MERGE (l:{token(Label.LOAD)} {{id: $id}})
    SET l.started = datetime(), l.user = $user, l.files = $files, l.outcome = 'running',
        l.owner = $owner
    """,
)

FINISH_LOAD = NamedQuery(
    "finish_load",
    f"""
    MATCH (l:{token(Label.LOAD)} {{id: $id}})
    SET l.finished = datetime(), l.outcome = $outcome, l.counts = $counts, l.problems = $problems,
        l.error = $error
    """,
)

# Loads still marked running, with the process that runs them (at most a page of them at a time).
RUNNING_LOADS = NamedQuery(
    "running_loads",
    f"""
    MATCH (l:{token(Label.LOAD)}) WHERE l.outcome = 'running'
    RETURN l.id AS id, l.owner AS owner
    ORDER BY l.started LIMIT 1000
    """,
)

# Loads whose process is gone: closed as interrupted (only if still running).
INTERRUPT_LOADS = NamedQuery(
    "interrupt_loads",
    f"""
    UNWIND $ids AS id
    MATCH (l:{token(Label.LOAD)} {{id: id}}) WHERE l.outcome = 'running'
    SET l.outcome = 'interrupted', l.finished = datetime(),
        l.error = 'the process running the load ended before it finished'
    """,
)

GET_LOAD = NamedQuery(
    "get_load",
    f"MATCH (l:{token(Label.LOAD)} {{id: $id}}) RETURN l {{.*}} AS load",
)


@cache
def remove_stale_rels(rel: Rel, owner: Label, outgoing: bool) -> NamedQuery:
    """Delete the `rel` relationships of each row's owner node whose other end is no longer among
    `row.keep`: a row's reference column says where the record points now. The index hint keeps a
    plan cached while the label was nearly empty from scanning the label for every row."""
    pattern = f"(o)-[r:{token(rel)}]->(x)" if outgoing else f"(o)<-[r:{token(rel)}]-(x)"
    return NamedQuery(
        f"remove_stale_{rel}_{owner}",
        f"""
        UNWIND $rows AS row
        MATCH (o:{token(owner)} {{id: row.id}}) USING INDEX o:{token(owner)}(id)
        MATCH {pattern}
        WHERE NOT x.id IN row.keep
        DELETE r
        RETURN row.id AS id, count(r) AS removed
        """,
    )


@cache
def replace_source_nodes(label: Label) -> NamedQuery:
    """Delete the nodes of one label that came from `$file` and whose id is not in `$keep`, at most
    `$limit` at a time (through the `Entity(src_file)` index). An item the app has worked on (its state
    changed in the app, or a claim made on it) stays: the app's history must not lose what it is about."""
    return NamedQuery(
        f"replace_source_{label}",
        f"""
        MATCH (n:{token(Label.ENTITY)} {{src_file: $file}})
        WHERE n:{token(label)} AND NOT n.id IN $keep AND n.{APP_STATE_AT} IS NULL
          AND NOT EXISTS {{ (n)<-[:{token(Rel.CLAIMS)}]-() }}
        WITH n LIMIT $limit
        DETACH DELETE n
        RETURN count(*) AS deleted
        """,
    )


@cache
def replace_source_links(rel: Rel) -> NamedQuery:
    """Delete the keyed relationships of one type that came from `$file` and are not in `$keep`."""
    if rel not in KEYED_RELS:
        raise ValueError(f"{rel} is not a keyed relationship")
    return NamedQuery(
        f"replace_source_{rel}",
        f"""
        MATCH ()-[r:{token(rel)}]->()
        WHERE r.src_file = $file AND NOT r.id IN $keep
        WITH r LIMIT $limit
        DELETE r
        RETURN count(*) AS deleted
        """,
    )


# The fingerprint reads every domain node and relationship, page by page in id order.
FINGERPRINT_NODES = NamedQuery(
    "fingerprint_nodes",
    f"""
    MATCH (n:{label_union(ENTITY_LABELS)})
    WHERE n.id > $after
    WITH n ORDER BY n.id LIMIT $limit
    RETURN n.id AS id, [l IN labels(n) | l] AS labels, properties(n) AS props
    """,
)

FINGERPRINT_RELS = NamedQuery(
    "fingerprint_rels",
    f"""
    MATCH (a:{label_union(ENTITY_LABELS)})
    WHERE a.id > $after
    WITH a ORDER BY a.id LIMIT $limit
    OPTIONAL MATCH (a)-[r]->(b:{token(Label.ENTITY)})
    RETURN a.id AS id, collect({{type: type(r), dst: b.id, props: properties(r)}}) AS rels
    """,
)

# How many domain nodes of each label and relationships of each type the graph holds.
COUNT_NODES = NamedQuery(
    "count_nodes",
    f"""
    MATCH (n:{label_union(ENTITY_LABELS)})
    RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, count(*) AS n
    """,
)
COUNT_RELS = NamedQuery("count_rels", "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")

COUNT_LOADS = NamedQuery("count_loads", f"MATCH (l:{token(Label.LOAD)}) RETURN count(l) AS n")

# One node's outgoing relationships with their properties (to check what a load wrote).
RELS_FROM = NamedQuery(
    "rels_from",
    f"""
    MATCH (a:{token(Label.ENTITY)} {{id: $id}})-[r]->(b)
    RETURN type(r) AS type, b.id AS dst, properties(r) AS props
    ORDER BY type, dst LIMIT 1000
    """,
)

# One node's properties, provenance included (to check what a load wrote).
NODE_PROPS = NamedQuery(
    "node_props", f"MATCH (n:{token(Label.ENTITY)} {{id: $id}}) RETURN properties(n) AS props"
)

# Whether the database holds any domain node: a first load into an empty one needs no lookups.
ANY_ENTITY = NamedQuery("any_entity", f"MATCH (n:{token(Label.ENTITY)}) RETURN n.id AS id LIMIT 1")


# --- invariants a load must keep (loaders/hierarchy.py, loaders/scope_check.py) ---------------------

#: How many children, parties or members of one node the invariant checks read back at most.
NEIGHBOURS_LIMIT = 10_000


@cache
def stored_parents(label: Label, rel: Rel) -> NamedQuery:
    """Each id's parent along `rel` (one hop: PART_OF for areas, REPORTS_TO for party orgs) as the
    database holds it, with the parent's level (areas)."""
    return NamedQuery(
        f"stored_parents_{rel}",
        f"""
        UNWIND $ids AS id
        MATCH (n:{token(label)} {{id: id}})-[:{token(rel)}]->(p:{token(label)})
        RETURN n.id AS id, p.id AS parent, p.level AS level
        """,
    )


# Each stored area's level and what hangs off it: its child areas (with their levels), and how many
# units are located in it and alliances hosted by it.
AREA_DEPENDENTS = NamedQuery(
    "area_dependents",
    f"""
    UNWIND $ids AS id
    MATCH (a:{token(Label.AREA)} {{id: id}})
    CALL (a) {{
        OPTIONAL MATCH (c:{token(Label.AREA)})-[:{token(Rel.PART_OF)}]->(a)
        WITH c LIMIT $limit
        RETURN collect({{id: c.id, level: c.level}}) AS children
    }}
    RETURN a.id AS id, a.level AS level, children,
           COUNT {{ (:{token(Label.UNIT)})-[:{token(Rel.LOCATED_IN)}]->(a) }} AS units,
           COUNT {{ (:{token(Label.ALLIANCE)})-[:{token(Rel.HOSTED_BY)}]->(a) }} AS alliances
    """,
)

# The parties of each shared object (a contract's PARTY_TO, an alliance's members and lead).
SHARED_PARTIES = NamedQuery(
    "shared_parties",
    f"""
    UNWIND $ids AS id
    MATCH (k:{label_union((Label.CONTRACT, Label.ALLIANCE))} {{id: id}})
    CALL (k) {{
        OPTIONAL MATCH (p:{token(Label.ENTITY)})-[:{rel_union((Rel.PARTY_TO, Rel.MEMBER_OF, Rel.LEADS))}]->(k)
        WITH p LIMIT $limit
        RETURN collect(p.id) AS parties
    }}
    RETURN k.id AS id, parties
    """,
)
