"""The history of a workflow item (a claim, a project, a contract): one step node per change, never
overwritten, written and read by the same two builders for every kind of item, and the write lock a
change takes first (docs/workflow.md)."""

from __future__ import annotations

from graph.cypher import token
from graph.rules import _var, in_scope
from graph.schema import Label, Rel

_STEP_OF = token(Rel.STEP_OF)


def record_step(item: str, step: Label, *, before: str, after: str = "$after") -> str:
    """A CREATE clause: a `step` node -[:STEP_OF]-> the bound `item`, with `at` ($now), `by` ($user),
    `action` ($action), `reason` ($reason) and the states `before` and `after` (Cypher expressions)."""
    item = _var(item)
    return (
        f"CREATE (:{token(step)} {{id: randomUUID(), at: $now, by: $user, action: $action, "
        f"before: {before}, after: {after}, reason: $reason}})-[:{_STEP_OF}]->({item})"
    )


def steps_of(item: str, step: Label, *, into: str = "steps", limit: int = 100) -> str:
    """A subquery adding `into` for the bound `item`: its steps, oldest first (at most `limit`), each
    a map of at, by, action, before, after and reason."""
    item, into = _var(item), _var(into)
    return f"""CALL ({item}) {{
  MATCH (step_node:{token(step)})-[:{_STEP_OF}]->({item})
  WITH step_node ORDER BY step_node.at, step_node.id LIMIT {int(limit)}
  RETURN collect(step_node {{.at, .by, .action, .before, .after, .reason}}) AS {into}
}}"""


def write_lock(item: str) -> str:
    """A SET and REMOVE of a scratch property: the bound `item`'s write lock is held to the end of the
    transaction, and the item is left as it was."""
    item = _var(item)
    return f"SET {item}.step_lock = true REMOVE {item}.step_lock"


def lock_in_scope(label: Label, param: str) -> str:
    """Query text that takes the write lock of the `label` node whose id is `$param`, if it lies in
    `$scope`; returns its id (no row: not found, or outside the scope)."""
    return f"""
MATCH (x:{token(label)} {{id: ${_var(param)}}}) WHERE {in_scope("x")}
{write_lock("x")}
RETURN x.id AS id
"""
