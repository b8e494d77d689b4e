"""GET /api/entities/{id}."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path
from pydantic import BaseModel

from api.deps import GraphDep
from graph.errors import NotFound
from graph.queries.entities import GET_ENTITY

router = APIRouter(prefix="/api/entities", tags=["entities"])

EntityId = Path(min_length=1, max_length=200, description="The entity's id (编号)")


class Entity(BaseModel):
    id: str
    type: str
    properties: dict[str, Any]
    ties: dict[str, int]


@router.get("/{entity_id}", response_model=Entity, responses={404: {"description": "No such entity"}})
def get_entity(graph: GraphDep, entity_id: str = EntityId) -> Entity:
    """One entity with its properties and the number of ties of each kind."""
    rows = graph.read(GET_ENTITY, {"id": entity_id})
    if not rows:
        raise NotFound(f"no entity with id {entity_id!r}")
    row = rows[0]
    return Entity(
        id=entity_id,
        type=row["type"],
        properties=_jsonable(row["props"]),
        ties={t["kind"]: t["n"] for t in row["ties"]},
    )


def _jsonable(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j temporal values become ISO strings."""
    return {k: v.iso_format() if hasattr(v, "iso_format") else v for k, v in props.items()}
