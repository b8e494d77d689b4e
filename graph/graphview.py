"""GraphView: the one shape of a network that the API returns and visualize/ renders."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class GraphNode(BaseModel):
    id: str
    label: str = Field(description="Text shown on the node (a name)")
    type: str = Field(description="Node label from the schema, e.g. Unit, PartyOrg, Area")
    properties: dict[str, Any] = Field(default_factory=dict)
    # Set on aggregated views: how many entities this node stands for.
    count: int | None = None
    # Set by gap overlays: the kinds of co-building link this unit lacks.
    gaps: list[str] = Field(default_factory=list)


class GraphEdge(BaseModel):
    source: str
    target: str
    type: str = Field(description="Relationship type from the schema, e.g. MEMBER_OF")
    properties: dict[str, Any] = Field(default_factory=dict)


class GraphView(BaseModel):
    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)
    truncated: bool = Field(default=False, description="True if a limit cut the network short")
    aggregated: bool = Field(default=False, description="True if units/communities were folded into areas")
