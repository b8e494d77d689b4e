"""An area-scoped user's load: every node a row creates or changes, and every node it refers to, must
lie in the user's area subtree; anything else is "not found in your area", exactly as elsewhere."""

from __future__ import annotations

from graph.driver import Graph
from graph.schema import Label
from graph.scope import visible_ids
from loaders.package import Package

#: Every scope problem's reason starts with this (the API answers such a rejection with 404).
OUTSIDE = "not found in your area (不在您的辖区内)"
NO_PARENT = OUTSIDE + ": a new area needs a parent area in your area"


def check_scope(graph: Graph, package: Package, scope: list[str]) -> int:
    """Add a problem to each row that changes a node outside `scope` (root area ids), refers to one, or
    adds an area without a parent; returns how many rows got one."""
    wanted: set[str] = set()
    for record in package.all_records():
        if record.table.label is not None:
            wanted.add(record.id)
        wanted.update(ref.target for ref in record.refs)
    ids = sorted(wanted)
    existing = visible_ids(graph, ids, None)
    inside = visible_ids(graph, ids, scope)
    flagged = 0
    for record in package.all_records():
        before = len(record.problems)
        if record.table.label is not None and record.id in existing and record.id not in inside:
            record.problem(record.header(record.table.column("id")), record.id, OUTSIDE)
        for ref in record.refs:
            if ref.target in existing and ref.target not in inside:
                record.problem(ref.header, ref.target, OUTSIDE)
        if record.table.label is Label.AREA and record.id not in existing and not record.refs:
            record.problem(None, record.id, NO_PARENT)
        flagged += len(record.problems) > before
    return flagged
