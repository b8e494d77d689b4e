"""Small facts the work pages show beside a roster: whether a contract is in force on a day, and
whether an area holds a joint meeting system. Callers have already checked the caller's scope."""

from __future__ import annotations

import datetime as dt

from graph.cypher import NamedQuery, token
from graph.driver import Graph
from graph.rules import CONTRACT_IN_FORCE
from graph.schema import Label

CONTRACT_IN_FORCE_ON = NamedQuery(
    "contract_in_force_on",
    f"MATCH (k:{token(Label.CONTRACT)} {{id: $id}}) RETURN {CONTRACT_IN_FORCE} AS in_force",
)

AREA_JOINT_MEETING = NamedQuery(
    "area_joint_meeting",
    f"MATCH (a:{token(Label.AREA)} {{id: $id}}) RETURN a.joint_meeting AS joint_meeting",
)


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
