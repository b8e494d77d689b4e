"""Small facts the work pages show beside a roster: whether an area holds a joint meeting system.
Callers have already checked the caller's scope. (Whether a contract is in force on a day is part of
its lifecycle: graph/lifecycle.py.)"""

from __future__ import annotations

from graph.driver import Graph
from graph.queries.page_facts import AREA_JOINT_MEETING


def joint_meeting(graph: Graph, area_id: str | None) -> bool | None:
    """Whether the area holds a joint meeting system (党建联席会议); None if the data does not say."""
    if area_id is None:
        return None
    rows = graph.read(AREA_JOINT_MEETING, {"id": area_id})
    value = rows[0]["joint_meeting"] if rows else None
    return None if value is None else bool(value)
