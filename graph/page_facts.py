"""Small facts the work pages show beside a roster: whether a contract is in force on a day, and
whether an area holds a joint meeting system. Callers have already checked the caller's scope."""

from __future__ import annotations

import datetime as dt

from graph.driver import Graph
from graph.queries.page_facts import AREA_JOINT_MEETING, CONTRACT_IN_FORCE_ON


def contract_in_force(graph: Graph, contract_id: str, as_of: dt.date) -> bool:
    """True if the contract is in force on `as_of` (graph.rules.CONTRACT_IN_FORCE)."""
    rows = graph.read(CONTRACT_IN_FORCE_ON, {"id": contract_id, "as_of": as_of})
    return bool(rows and rows[0]["in_force"])


def joint_meeting(graph: Graph, area_id: str | None) -> bool | None:
    """Whether the area holds a joint meeting system (党建联席会议); None if the data does not say."""
    if area_id is None:
        return None
    rows = graph.read(AREA_JOINT_MEETING, {"id": area_id})
    value = rows[0]["joint_meeting"] if rows else None
    return None if value is None else bool(value)
