"""Batched, idempotent writes: `UNWIND $rows … MERGE` on constrained keys, nodes before relationships.

Each row is `{id, props, prov}` for a node, `{src, dst, id?, props, prov}` for a relationship. The
provenance (`prov`: src_file, src_sheet, src_row, load_id, loaded_at) is written only when the row adds
or changes something, so loading the same package twice leaves every property as it was.
"""

from __future__ import annotations

from functools import cache

from graph.cypher import NamedQuery, token
from graph.schema import KEYED_RELS, Label, Rel


@cache
def merge_nodes(label: Label) -> NamedQuery:
    """MERGE a batch of nodes of one label; returns how many were added, updated and unchanged."""
    return NamedQuery(
        f"merge_{label}_nodes",
        f"""
        UNWIND $rows AS row
        OPTIONAL MATCH (old:{token(label)} {{id: row.id}})
        WITH row, old,
             CASE WHEN old IS NULL THEN 'added'
                  WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k]) THEN 'unchanged'
                  ELSE 'updated' END AS outcome
        MERGE (n:{token(label)} {{id: row.id}})
        SET n:{token(Label.ENTITY)}
        FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
          SET n += row.props, n += row.prov)
        RETURN outcome, count(*) AS n
        """,
    )


@cache
def merge_rels(rel: Rel, src: Label, dst: Label) -> NamedQuery:
    """MERGE a batch of relationships between nodes found by key; keyed types merge on their `id`."""
    key = " {id: row.id}" if rel in KEYED_RELS else ""
    return NamedQuery(
        f"merge_{rel}_{src}_{dst}",
        f"""
        UNWIND $rows AS row
        MATCH (a:{token(src)} {{id: row.src}})
        MATCH (b:{token(dst)} {{id: row.dst}})
        OPTIONAL MATCH (a)-[old:{token(rel)}{key}]->(b)
        WITH row, a, b, old,
             CASE WHEN old IS NULL THEN 'added'
                  WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k]) THEN 'unchanged'
                  ELSE 'updated' END AS outcome
        MERGE (a)-[r:{token(rel)}{key}]->(b)
        FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
          SET r += row.props, r += row.prov)
        RETURN outcome, count(*) AS n
        """,
    )
