"""Warming at start-up, in the background: the first page after a server start should not pay for
compiling templates and for Neo4j planning the home page's queries. Nothing waits for it; with Neo4j
down it gives up quietly (requests then get 503 as usual)."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from graph.driver import Graph
from graph.scope import child_areas, resolve_scope, top_areas
from graph.stats_cache import StatsCache
from visualize.render import render_error_page, render_home_page

log = logging.getLogger("orglinks.api")


def warm(graph: Graph, stats_cache: StatsCache) -> None:
    """Render the frame's templates once and read what the home page reads for the whole world; the
    whole world's figures for today are counted into the cache (and kept fresh by its refresher)."""
    try:
        render_home_page({}, user=None)
        render_error_page(404)
        top_areas(graph)
        scope = resolve_scope(graph, None)
        child_areas(graph, scope)
        stats_cache.area_stats(scope, as_of=dt.date.today())
    except Exception as exc:  # noqa: BLE001 - warming is a courtesy; the requests report real errors
        log.info("warm-up skipped (%s)", exc)


#: How long a shutting-down app waits for the warm-up before it closes the driver anyway.
WARMUP_JOIN_S = 30.0


def warm_in_background(graph: Graph, stats_cache: StatsCache) -> threading.Thread:
    thread = threading.Thread(target=warm, args=(graph, stats_cache), name="orglinks-warmup", daemon=True)
    thread.start()
    return thread
