"""GET /api/paths."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import GraphDep
from api.security.deps import CurrentUser
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.paths import DEFAULT_K, DEFAULT_MAX_LENGTH, MAX_K, Via, find_paths
from graph.queries.paths import MAX_PATH_LENGTH

router = APIRouter(prefix="/api", tags=["paths"])


class PathOut(BaseModel):
    length: int = Field(description="Number of ties")
    nodes: list[GraphNode] = Field(description="From the start to the end, in order")
    edges: list[GraphEdge] = Field(description="The ties between consecutive nodes, in order")


class Paths(BaseModel):
    source: str
    target: str
    via: Via
    paths: list[PathOut] = Field(description="Shortest first; [] if the two are not connected")
    graph: GraphView = Field(description="All the paths merged, for rendering")


@router.get("/paths", response_model=Paths, responses={404: {"description": "No such entity"}})
def get_paths(
    graph: GraphDep,
    principal: CurrentUser,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200, description="Start entity id")],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200, description="End entity id")],
    max_length: Annotated[int, Query(ge=1, le=MAX_PATH_LENGTH, description="At most this many ties")] = (
        DEFAULT_MAX_LENGTH
    ),
    via: Annotated[Via, Query(description="org: organizational ties only; all: area ties too")] = Via.ORG,
    k: Annotated[int, Query(ge=1, le=MAX_K, description="How many shortest paths")] = DEFAULT_K,
) -> Paths:
    """The k shortest paths between two entities, only through your area; via=org leaves out the map."""
    answer = find_paths(graph, source, target, via=via, max_length=max_length, k=k, scope=principal.scope)
    return Paths(
        source=source,
        target=target,
        via=via,
        paths=[PathOut(length=p.length, nodes=p.nodes, edges=p.edges) for p in answer.paths],
        graph=answer.graph,
    )
