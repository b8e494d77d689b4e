"""GET /api/entities/{id} and its ego network, within the caller's area scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from accounts.masking import protect_person
from api.deps import GraphDep
from api.security.deps import CurrentUser, client_ip
from graph.entities import entity_detail
from graph.graphview import GraphView
from graph.networks import DEFAULT_NODES, MAX_DEPTH, MAX_NODES, ego_network, parse_rel_types
from graph.schema import Label

router = APIRouter(prefix="/api/entities", tags=["entities"])

EntityId = Path(min_length=1, max_length=200, description="The entity's id (编号)")
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not logged in"},
    404: {"description": "No such entity in your area"},
}


class AreaOut(BaseModel):
    id: str
    name: str
    level: str | None = Field(description="city, district, street, community or grid")


class Entity(BaseModel):
    id: str
    type: str
    properties: dict[str, Any] = Field(
        description="Its properties; a person's name and phone masked unless you hold `pii` (then audited)"
    )
    area_path: list[AreaOut] = Field(description="市/区/街道/社区 from the top down; [] if not on the map")
    ties: dict[str, int] = Field(description="Number of ties of each relationship type")


@router.get("/{entity_id:id}", response_model=Entity, responses=NOT_FOUND)
def get_entity(
    graph: GraphDep, principal: CurrentUser, request: Request, entity_id: str = EntityId
) -> Entity:
    """One entity with its properties, its area path and the number of ties of each kind."""
    detail = entity_detail(graph, entity_id, principal.scope, reveal=principal.pii)
    if detail.type == Label.PERSON and principal.pii:
        # Unmasked for a `pii` holder: the read is audited before anything is returned.
        protect_person(
            graph, principal, {**detail.properties, "id": detail.id}, ip=client_ip(request), purpose="entity"
        )
    return Entity(
        id=detail.id,
        type=detail.type,
        properties=detail.properties,
        area_path=[AreaOut(id=a.id, name=a.name, level=a.level) for a in detail.area_path],
        ties=detail.ties,
    )


@router.get("/{entity_id:id}/network", response_model=GraphView, responses=NOT_FOUND)
def get_network(
    graph: GraphDep,
    principal: CurrentUser,
    entity_id: str = EntityId,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops from the entity")] = 1,
    types: Annotated[
        str | None,
        Query(
            max_length=500,
            description="Comma-separated relationship types, e.g. MEMBER_OF,LEADS; all if empty",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_NODES, description="At most this many nodes")] = DEFAULT_NODES,
) -> GraphView:
    """The entity's ego network as a GraphView; `truncated` if the node limit cut it short."""
    return ego_network(graph, entity_id, depth, parse_rel_types(types), limit, scope=principal.scope)
