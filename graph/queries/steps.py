"""The history of a workflow item (a claim, a project, a contract): one step node per change, never
overwritten, written and read by the same two builders for every kind of item (docs/workflow.md)."""

from __future__ import annotations

from graph.cypher import token
from graph.rules import _var
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
