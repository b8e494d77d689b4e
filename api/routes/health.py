"""GET /api/health."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import GraphDep
from api.errors import DATABASE_UNAVAILABLE
from graph.errors import GraphUnavailable
from graph.migrate import schema_version
from graph.queries.health import PING
from graph.schema import SCHEMA_VERSION

router = APIRouter(prefix="/api", tags=["health"])
log = logging.getLogger("orglinks.api")


class Health(BaseModel):
    status: str
    neo4j: str
    schema_version: int | None
    expected_schema_version: int
    detail: str | None = None


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(graph: GraphDep) -> Health | JSONResponse:
    """Whether Neo4j can be reached and which schema version is applied."""
    try:
        graph.read(PING)
        version = schema_version(graph)
    except GraphUnavailable as exc:
        log.warning("health: Neo4j unavailable: %s", exc)
        down = Health(
            status="unavailable",
            neo4j="down",
            schema_version=None,
            expected_schema_version=SCHEMA_VERSION,
            detail=DATABASE_UNAVAILABLE,
        )
        return JSONResponse(down.model_dump(), status_code=503, headers={"Retry-After": "5"})
    status = "ok" if version == SCHEMA_VERSION else "schema-outdated"
    return Health(status=status, neo4j="up", schema_version=version, expected_schema_version=SCHEMA_VERSION)
