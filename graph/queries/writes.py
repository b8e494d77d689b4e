"""Batched, idempotent writes: `UNWIND $rows … MERGE` on constrained keys, nodes before relationships.

Each row is `{id, props, prov}` for a node, `{src, dst, id?, props, prov}` for a relationship. The
provenance (`prov`: src_file, src_sheet, src_row, load_id, loaded_at) is written only when the row adds
or changes something, so loading the same package twice leaves every property as it was. A field the
app owns (graph.schema.APP_OWNED) of an item whose state the app has changed keeps the app's value, and
the row says which ledger value it kept back (docs/workflow.md, "Ledgers and the app").
"""

from __future__ import annotations

from functools import cache

from graph.cypher import NamedQuery, token
from graph.schema import APP_OWNED, APP_STATE_AT, KEYED_RELS, Label, Rel

# Index hints throughout: a plan cached while a label was nearly empty must not scan it per row.
# Null-safe: a property the row clears (null) is unchanged when the node does not have it either.
_SAME = (
    "all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL))"
)


def match_ends(src: Label, dst: Label) -> str:
    """`a` and `b`, the two ends of a relationship row (`row.src`, `row.dst`), found by key."""
    return (
        f"MATCH (a:{token(src)} {{id: row.src}}) USING INDEX a:{token(src)}(id) "
        f"MATCH (b:{token(dst)} {{id: row.dst}}) USING INDEX b:{token(dst)}(id)"
    )


# The loader's variants take the provenance every row of a load shares (load_id, loaded_at) once, as
# `$load`, instead of in each row: encoding a datetime per row was a large part of a batch's cost.
def _provenance(var: str, *, shared: bool) -> str:
    return f"{var} += row.prov, {var} += $load" if shared else f"{var} += row.prov"


def _keep_app_owned(label: Label) -> str:
    """Clauses that keep the fields the app owns (schema.APP_OWNED) of an item whose state the app has
    changed (`APP_STATE_AT` set): `row` comes out with the item's own values in those fields, and
    `kept` lists each field whose ledger value was kept back ({field, kept, ledger})."""
    fields = APP_OWNED.get(label, ())
    if not fields:
        return "WITH row, old, [] AS kept"
    names = ", ".join(f"'{field}'" for field in fields)
    own = ", ".join(f"{field}: old.{field}" for field in fields)
    return f"""WITH row, old, old.{APP_STATE_AT} IS NOT NULL AS app_owned
        WITH row, old, app_owned, row.props AS props,
             [k IN [{names}] WHERE app_owned AND k IN keys(row.props)
                AND NOT coalesce(old[k] = row.props[k], old[k] IS NULL AND row.props[k] IS NULL)
              | {{field: k, kept: old[k], ledger: row.props[k]}}] AS kept
        WITH old, kept, {{id: row.id, prov: row.prov,
                          props: CASE WHEN app_owned THEN props {{.*, {own}}} ELSE props END}} AS row"""


def _merge_nodes_text(label: Label, *, shared: bool, returns: str) -> str:
    return f"""
        UNWIND $rows AS row
        OPTIONAL MATCH (old:{token(label)} {{id: row.id}}) USING INDEX old:{token(label)}(id)
        {_keep_app_owned(label)}
        WITH row, old, kept,
             CASE WHEN old IS NULL THEN 'added'
                  WHEN {_SAME} THEN 'unchanged'
                  ELSE 'updated' END AS outcome
        MERGE (n:{token(label)} {{id: row.id}})
        SET n:{token(Label.ENTITY)}
        FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
          SET n += row.props, {_provenance("n", shared=shared)})
        RETURN {returns}
        """


@cache
def merge_nodes(label: Label) -> NamedQuery:
    """MERGE a batch of nodes of one label; returns how many were added, updated and unchanged."""
    return NamedQuery(
        f"merge_{label}_nodes", _merge_nodes_text(label, shared=False, returns="outcome, count(*) AS n")
    )


@cache
def merge_node_rows(label: Label) -> NamedQuery:
    """Like `merge_nodes`, but returns each row's id, outcome ('added', 'updated', 'unchanged') and the
    ledger values kept back (`kept`: the app owns them), and writes `$load` (the provenance shared by
    the batch) beside each row's own `prov`."""
    return NamedQuery(
        f"merge_{label}_nodes_rows",
        _merge_nodes_text(label, shared=True, returns="row.id AS id, outcome, kept"),
    )


def _row_key(rel: Rel) -> str:
    """The key a relationship merges on: its row's `id` for a keyed type, else none (one per pair)."""
    return " {id: row.id}" if rel in KEYED_RELS else ""


def _merge_rels_text(rel: Rel, src: Label, dst: Label, *, shared: bool, returns: str) -> str:
    key = _row_key(rel)
    return f"""
        UNWIND $rows AS row
        {match_ends(src, dst)}
        OPTIONAL MATCH (a)-[old:{token(rel)}{key}]->(b)
        WITH row, a, b, old,
             CASE WHEN old IS NULL THEN 'added'
                  WHEN {_SAME} THEN 'unchanged'
                  ELSE 'updated' END AS outcome
        MERGE (a)-[r:{token(rel)}{key}]->(b)
        FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
          SET r += row.props, {_provenance("r", shared=shared)})
        RETURN {returns}
        """


@cache
def merge_rels(rel: Rel, src: Label, dst: Label) -> NamedQuery:
    """MERGE a batch of relationships between nodes found by key; keyed types merge on their `id`."""
    return NamedQuery(
        f"merge_{rel}_{src}_{dst}",
        _merge_rels_text(rel, src, dst, shared=False, returns="outcome, count(*) AS n"),
    )


@cache
def merge_rel_rows(rel: Rel, src: Label, dst: Label) -> NamedQuery:
    """Like `merge_rels`, but returns each row's endpoints and outcome (rows whose endpoints are
    missing return nothing), and writes `$load` beside each row's own `prov`."""
    return NamedQuery(
        f"merge_{rel}_{src}_{dst}_rows",
        _merge_rels_text(
            rel, src, dst, shared=True, returns="row.src AS src, row.dst AS dst, row.id AS id, outcome"
        ),
    )


# A load that found none of a batch's ids in the database (and none of a relationship's ends, on one
# side at least) has nothing to compare: every row is added. MERGE, not CREATE, all the same: a
# transaction the driver retries after a lost commit acknowledgement must not double anything.
@cache
def merge_new_nodes(label: Label) -> NamedQuery:
    """MERGE a batch of nodes the database did not hold when the package was validated."""
    return NamedQuery(
        f"merge_new_{label}_nodes",
        f"""
        UNWIND $rows AS row
        MERGE (n:{token(label)} {{id: row.id}})
        SET n:{token(Label.ENTITY)}, n += row.props, n += row.prov, n += $load
        RETURN count(*) AS n
        """,
    )


@cache
def merge_new_rels(rel: Rel, src: Label, dst: Label) -> NamedQuery:
    """MERGE a batch of relationships at least one of whose ends the database did not hold."""
    key = _row_key(rel)
    return NamedQuery(
        f"merge_new_{rel}_{src}_{dst}",
        f"""
        UNWIND $rows AS row
        {match_ends(src, dst)}
        MERGE (a)-[r:{token(rel)}{key}]->(b)
        SET r += row.props, r += row.prov, r += $load
        RETURN count(*) AS n
        """,
    )
