"""Suggested partners of a few units (graph/partners.py ranks them): the regions whose needs are ranked
and what the units offer there."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import area_chain, unit_holders
from graph.schema import Label, Rel

#: The regions of some units (each unit's district, or its street where no district is above it), each
#: with the categories of the resources the unit offers (itself or through its link holders).
UNIT_REGIONS = NamedQuery(
    "partner_unit_regions",
    f"""
    UNWIND $units AS uid
    MATCH (u:{token(Label.UNIT)} {{id: uid}})
    WITH u, head([(u)-[:{token(Rel.LOCATED_IN)}]->(a:{token(Label.AREA)}) | a]) AS loc
    {area_chain("loc")}
    WITH u, coalesce(district.id, street.id) AS region WHERE region IS NOT NULL
    {unit_holders("u")}
    RETURN region, COLLECT {{
      UNWIND holders AS holder
      MATCH (res:{token(Label.RESOURCE)})-[:{token(Rel.OFFERED_BY)}]->(holder)
      WHERE res.category IS NOT NULL
      RETURN DISTINCT res.category
    }} AS categories
    """,
)
