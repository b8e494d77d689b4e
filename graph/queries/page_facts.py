"""The queries of the small facts the work pages show beside a roster, run by graph/page_facts.py."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
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
