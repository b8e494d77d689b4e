"""Dependencies shared by the routes, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.driver import Graph
from graph.stats_cache import StatsCache


def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


GraphDep = Annotated[Graph, Depends(get_graph)]


def get_stats_cache(request: Request) -> StatsCache:
    """The process's cache of progress figures (graph/stats_cache.py), made in the app's lifespan."""
    cache: StatsCache = request.app.state.stats_cache
    return cache


StatsCacheDep = Annotated[StatsCache, Depends(get_stats_cache)]
