"""Suggested partners of a few units (graph/partners.py ranks them): the regions whose needs are ranked."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import area_chain
from graph.schema import Label, Rel

#: The regions of some units: each unit's district, or its street where no district is above it.
UNIT_REGIONS = NamedQuery(
    "partner_unit_regions",
    f"""
    UNWIND $units AS uid
    MATCH (u:{token(Label.UNIT)} {{id: uid}})
    WITH u, head([(u)-[:{token(Rel.LOCATED_IN)}]->(a:{token(Label.AREA)}) | a]) AS loc
    {area_chain("loc")}
    WITH coalesce(district.id, street.id) AS region WHERE region IS NOT NULL
    RETURN DISTINCT region
    """,
)
