"""Explicit deletion: `--replace-source FILE` removes the records that an earlier load took from that
file and that the package no longer holds. Nothing is ever deleted implicitly."""

from __future__ import annotations

from graph.driver import Graph
from graph.queries.loads import replace_source_links, replace_source_nodes
from loaders.package import Package
from loaders.tables import TABLES

_DELETE_BATCH = 10_000


def replace_source(graph: Graph, package: Package, src_file: str) -> dict[str, int]:
    """Delete nodes and link relationships recorded as coming from `src_file` whose ids the package
    does not hold (valid or not: a row with a problem is not a deletion). Returns deletions per table."""
    deleted: dict[str, int] = {}
    for table in TABLES:
        keep = sorted({r.id for r in package.records[table.key] if r.id})
        if table.label is not None:
            query = replace_source_nodes(table.label)
        elif table.link is not None:
            query = replace_source_links(table.link)
        else:
            continue
        total = 0
        while True:
            rows = graph.write(query, {"file": src_file, "keep": keep, "limit": _DELETE_BATCH})
            count = int(rows[0]["deleted"]) if rows else 0
            total += count
            if count < _DELETE_BATCH:
                break
        if total:
            deleted[table.key] = total
    return deleted
