"""Queries of the loading benchmark (bench/load_throughput.py): the two baselines the loader is measured
against — one auto-committed query per row, and Neo4j's own LOAD CSV — and a count of what was written.
Not used by the product."""

from __future__ import annotations

import re
from functools import cache

from graph.cypher import NamedQuery, token
from graph.queries.writes import match_ends
from graph.schema import KEYED_RELS, Label, Rel

_PROP = re.compile(r"^[a-z][a-z0-9_]*$")
_ENTITY = token(Label.ENTITY)


def _name(prop: str) -> str:
    if not _PROP.match(prop):
        raise ValueError(f"not a property name: {prop!r}")
    return prop


def _row_map(columns: tuple[tuple[str, str], ...]) -> str:
    """`{prop: row.column, …}`; names come from the data contract's table definitions."""
    return "{" + ", ".join(f"{_name(prop)}: row.{_name(col)}" for prop, col in columns) + "}"


@cache
def per_row_node(label: Label) -> NamedQuery:
    """One node, one query."""
    return NamedQuery(
        f"bench_row_{label}",
        f"MERGE (n:{token(label)} {{id: $id}}) SET n:{_ENTITY} SET n += $props",
    )


@cache
def per_row_rel(rel: Rel) -> NamedQuery:
    """One relationship, one query; keyed types merge on their id."""
    key = " {id: $id}" if rel in KEYED_RELS else ""
    return NamedQuery(
        f"bench_row_{rel}",
        f"""
        MATCH (a:{_ENTITY} {{id: $src}}) MATCH (b:{_ENTITY} {{id: $dst}})
        MERGE (a)-[r:{token(rel)}{key}]->(b) SET r += $props
        """,
    )


@cache
def load_csv_nodes(label: Label, props: tuple[tuple[str, str], ...]) -> NamedQuery:
    """LOAD CSV of one node table: MERGE on id, properties as text, in transactions of 10,000 rows."""
    return NamedQuery(
        f"bench_load_csv_{label}",
        f"""
        LOAD CSV WITH HEADERS FROM $url AS row
        CALL (row) {{
          MERGE (n:{token(label)} {{id: row.id}}) SET n:{_ENTITY} SET n += {_row_map(props)}
        }} IN TRANSACTIONS OF 10000 ROWS
        """,
    )


@cache
def load_csv_refs(rel: Rel, column: str, outgoing: bool, many: bool) -> NamedQuery:
    """LOAD CSV of one reference column of a node table: a relationship per reference."""
    refs = f"split(row.{_name(column)}, ';')" if many else f"[row.{_name(column)}]"
    edge = f"(a)-[:{token(rel)}]->(b)" if outgoing else f"(b)-[:{token(rel)}]->(a)"
    return NamedQuery(
        f"bench_load_csv_{rel}_{column}",
        f"""
        LOAD CSV WITH HEADERS FROM $url AS row
        CALL (row) {{
          WITH row WHERE row.{_name(column)} IS NOT NULL
          UNWIND {refs} AS ref
          MATCH (a:{_ENTITY} {{id: row.id}}) MATCH (b:{_ENTITY} {{id: trim(ref)}})
          MERGE {edge}
        }} IN TRANSACTIONS OF 10000 ROWS
        """,
    )


@cache
def load_csv_links(
    rel: Rel, src: str, dst: str, key: tuple[str, ...], props: tuple[tuple[str, str], ...]
) -> NamedQuery:
    """LOAD CSV of a link table (alliance members, committee seats): one keyed relationship per row."""
    # Cypher has no hash of the loader's kind, so LOAD CSV joins the parts: its ids differ from the
    # loader's (graph.schema.relationship_id), which a speed comparison does not mind.
    rel_id = " + '|' + ".join(f"coalesce(row.{_name(col)}, '')" for col in key)
    return NamedQuery(
        f"bench_load_csv_{rel}",
        f"""
        LOAD CSV WITH HEADERS FROM $url AS row
        CALL (row) {{
          MATCH (a:{_ENTITY} {{id: row.{_name(src)}}}) MATCH (b:{_ENTITY} {{id: row.{_name(dst)}}})
          MERGE (a)-[r:{token(rel)} {{id: {rel_id}}}]->(b) SET r += {_row_map(props)}
        }} IN TRANSACTIONS OF 10000 ROWS
        """,
    )


@cache
def create_nodes(label: Label) -> NamedQuery:
    """Bare CREATE of node rows: no lookup, no comparison and no result per row."""
    return NamedQuery(
        f"bench_create_{label}",
        f"UNWIND $rows AS row CREATE (n:{token(label)}:{_ENTITY}) SET n = row.props, n += row.prov",
    )


@cache
def create_rels(rel: Rel, src: Label, dst: Label) -> NamedQuery:
    """Bare CREATE of relationship rows: find both ends by key and CREATE."""
    return NamedQuery(
        f"bench_create_{rel}_{src}_{dst}",
        f"""
        UNWIND $rows AS row
        {match_ends(src, dst)}
        CREATE (a)-[r:{token(rel)}]->(b) SET r = row.props, r += row.prov
        """,
    )
