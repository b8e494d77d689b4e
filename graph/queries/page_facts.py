"""The queries of the small facts the work pages show beside a roster, run by graph/page_facts.py."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.schema import Label

AREA_JOINT_MEETING = NamedQuery(
    "area_joint_meeting",
    f"MATCH (a:{token(Label.AREA)} {{id: $id}}) RETURN a.joint_meeting AS joint_meeting",
)
