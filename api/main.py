"""The application factory: one driver per process, opened in the lifespan and kept on app.state."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from accounts.passwords import limit_hashing
from accounts.rate_limit import LoginRateLimiter
from api.docs import install_offline_docs
from api.errors import install_error_handlers
from api.idpath import KeepEncodedSlashes
from api.load_records import close_loads_left_running
from api.routes import (
    alliances,
    auth,
    claim_pages,
    committees,
    contracts,
    entities,
    exports,
    gaps,
    health,
    imports,
    login,
    matches,
    pages,
    paths,
    search,
    stats,
    users,
    view_export,
    warning_pages,
    workbench,
    workpages,
)
from api.routes import audit as audit_routes
from api.routes import claims as claim_routes
from api.routes import lifecycle as lifecycle_routes
from api.routes import projects as project_routes
from api.routes import todo as todo_routes
from api.routes import warnings as warning_routes
from api.routes.login import install_login_redirect
from api.routes.static import mount_static
from api.security.exports import ExportSlot, ExportSlots
from api.security.headers import SecurityMiddleware
from api.warmup import WARMUP_JOIN_S, CountRequests, Traffic, warm_in_background
from graph.driver import open_graph
from graph.settings import AppSettings, Neo4jSettings
from graph.stats_cache import StatsCache, StatsRefresher

log = logging.getLogger("orglinks.api")


def create_app(
    neo4j_settings: Neo4jSettings | None = None, app_settings: AppSettings | None = None
) -> FastAPI:
    """Build the app; the driver is created when it starts and closed when it stops."""
    settings = neo4j_settings or Neo4jSettings()
    behaviour = app_settings or AppSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph = open_graph(settings, verify=False, retry_time_s=settings.api_retry_time_s)
        stats_cache = StatsCache(graph, size=behaviour.stats_cache_size)
        refresher = StatsRefresher(stats_cache, interval_s=behaviour.stats_refresh_s)
        warming = None
        try:
            graph.driver.verify_connectivity()
        except Exception as exc:  # noqa: BLE001 - the app starts anyway and answers 503 until Neo4j is back
            log.warning("Neo4j is not reachable yet (%s); requests get 503 until it is", exc)
        else:
            close_loads_left_running(graph)
            # The first pages after a start; nothing waits for it, and it pauses while requests are answered.
            warming = warm_in_background(graph, stats_cache, app.state.traffic.idle)
        app.state.graph = graph
        app.state.stats_cache = stats_cache
        app.state.stats_refresher = refresher
        refresher.start()  # started even with Neo4j down: it logs, and counts once Neo4j is back
        try:
            yield
        finally:
            if warming is not None:
                warming.stop.set()  # told now, not after the refresher's wait
            refresher.stop(WARMUP_JOIN_S)
            if warming is not None:
                # The driver is closed only once the warm-up has let go of its connection (closing
                # under a running query breaks the connection's buffer).
                warming.finish()
            graph.close()

    app = FastAPI(
        title="orglinks",
        summary="区域化党建组织联系图谱 · organizational links of regional party building",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served offline by install_offline_docs
        redoc_url=None,
    )
    app.state.settings = behaviour
    app.state.traffic = Traffic()
    app.state.login_limiter = LoginRateLimiter(
        behaviour.login_max_failures, behaviour.login_window_minutes * 60
    )
    app.state.export_slots = ExportSlots(behaviour.export_concurrency)
    limit_hashing(behaviour.hash_concurrency, behaviour.hash_wait_s)
    install_error_handlers(app)
    install_offline_docs(app)
    app.include_router(health.router)
    app.include_router(entities.router)
    app.include_router(search.router)
    app.include_router(paths.router)
    app.include_router(pages.router)
    app.include_router(workbench.router)  # the gaps, structural gaps and matches pages
    app.include_router(workpages.router)
    app.include_router(claim_pages.router)  # the claim hall and a claim
    app.include_router(warning_pages.router)  # the warnings page and the 待办 list
    app.include_router(login.router)
    install_login_redirect(app)
    # The routers that answer files: a heavy export holds one of its user's few slots while it runs.
    for router in (
        gaps.router,
        stats.router,
        alliances.router,
        committees.router,
        contracts.router,
        matches.router,
        exports.router,
        view_export.router,
        warning_routes.router,
        project_routes.router,
        claim_routes.router,  # the claim hall's export
    ):
        app.include_router(router, dependencies=[ExportSlot])
    app.include_router(imports.router)
    app.include_router(claim_routes.resources_router)
    app.include_router(claim_routes.needs_router)
    app.include_router(todo_routes.router)
    app.include_router(lifecycle_routes.router)
    for router in (auth.router, users.router, audit_routes.router):
        app.include_router(router)
    mount_static(app)  # after /static/docs, which it would otherwise shadow
    # Added first, so innermost: the warm-up waits while requests run.
    app.add_middleware(CountRequests, traffic=app.state.traffic)
    # Outermost: headers on every answer (even a 413), and the body limit before anything reads it.
    app.add_middleware(KeepEncodedSlashes)  # ids holding `/` in path parameters (api/idpath.py)
    app.add_middleware(SecurityMiddleware, max_body_bytes=behaviour.max_body_mb * 1024 * 1024)
    if behaviour.trusted_proxies:
        # The client's address from X-Forwarded-For, believed only from these proxies (cli/serving.py).
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=behaviour.trusted_proxies)
    return app
