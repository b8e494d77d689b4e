"""The application factory: one driver per process, opened in the lifespan and kept on app.state."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routes import entities, health
from graph.driver import open_graph
from graph.settings import Neo4jSettings

log = logging.getLogger("orglinks.api")


def create_app(neo4j_settings: Neo4jSettings | None = None) -> FastAPI:
    """Build the app; the driver is created when it starts and closed when it stops."""
    settings = neo4j_settings or Neo4jSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph = open_graph(settings, verify=False)
        try:
            graph.driver.verify_connectivity()
        except Exception as exc:  # noqa: BLE001 - the app starts anyway and answers 503 until Neo4j is back
            log.warning("Neo4j is not reachable yet (%s); requests get 503 until it is", exc)
        app.state.graph = graph
        try:
            yield
        finally:
            graph.close()

    app = FastAPI(
        title="orglinks",
        summary="区域化党建组织联系图谱 · organizational links of regional party building",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(entities.router)
    return app
