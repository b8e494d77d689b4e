"""Warming at start-up, in the background: the first page after a server start should not pay for
compiling templates and for Neo4j planning the queries of the home page and of the area pages the home
page offers. Nothing waits for it; it pauses while the app answers a request, stops between pages when
the app shuts down, and with Neo4j down it gives up quietly (requests then get 503 as usual)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send

from api.routes.pages import area_page_html, area_page_view
from graph.driver import Graph
from graph.scope import child_areas, resolve_scope, top_areas
from graph.stats_cache import StatsCache
from visualize.render import render_error_page, render_home_page

log = logging.getLogger("orglinks.api")

#: How many of the areas one level below the top areas (the first the home page offers) have their area
#: page read at start-up.
AREA_PAGES = 8
#: No further area page is started after this long: at a million nodes each is a read of seconds.
AREA_PAGES_BUDGET_S = 30.0
#: How often a paused warm-up looks whether the app is idle again.
IDLE_POLL_S = 0.05


class Traffic:
    """How many HTTP requests the app is answering, so that the warm-up can wait for a moment when
    there are none (counted by CountRequests)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0

    def idle(self) -> bool:
        return self._open == 0

    def add(self, n: int) -> None:
        with self._lock:
            self._open += n


class CountRequests:
    """ASGI middleware: each HTTP request is counted in `traffic` while it is answered."""

    def __init__(self, app: ASGIApp, traffic: Traffic) -> None:
        self.app = app
        self.traffic = traffic

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.traffic.add(1)
        try:
            await self.app(scope, receive, send)
        finally:
            self.traffic.add(-1)


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


def warm_area_pages(graph: Graph, stop: threading.Event, idle: Callable[[], bool] = lambda: True) -> int:
    """Read the area pages of the areas one level below the top areas, in the home page's order, as a
    global admin reads them, then the first as an account of that area reads it (the page itself is
    rendered once, for its template); returns how many pages were read. Neo4j plans a query once per
    class of size of its list parameters (a district's 60 areas and 1,500 members are planned apart
    from a street's 5 and 300), so the pages people open first should be planned before they are
    asked for. Each page waits until `idle()` (no request being answered); the whole stops at `stop`,
    after AREA_PAGES pages or once AREA_PAGES_BUDGET_S have passed."""
    started = time.monotonic()

    def may_go_on() -> bool:
        while not idle() and not stop.is_set() and time.monotonic() - started < AREA_PAGES_BUDGET_S:
            time.sleep(IDLE_POLL_S)
        return not stop.is_set() and time.monotonic() - started < AREA_PAGES_BUDGET_S

    read = 0
    try:
        if not may_go_on():
            return read
        below = [a for top in top_areas(graph) for a in child_areas(graph, resolve_scope(graph, top.id))]
        for area in below[:AREA_PAGES]:
            if not may_go_on():
                return read
            if read == 0:
                area_page_html(graph, area.id, scope=None, user=None)
            else:
                area_page_view(graph, area.id, scope=None)
            read += 1
        if below and may_go_on():
            area_page_view(graph, below[0].id, scope=[below[0].id])
    except Exception as exc:  # noqa: BLE001 - as in warm()
        log.info("area pages' warm-up skipped (%s)", exc)
    return read


#: How long a shutting-down app waits for the warm-up, and for the figures' refresher
#: (graph/stats_cache.py), before it closes the driver anyway.
WARMUP_JOIN_S = 30.0


@dataclass
class Warming:
    """The warm-up's thread and the flag that tells it to stop between pages."""

    thread: threading.Thread
    stop: threading.Event = field(default_factory=threading.Event)

    def finish(self) -> None:
        """Ask the warm-up to stop and wait for it (at most WARMUP_JOIN_S)."""
        self.stop.set()
        self.thread.join(WARMUP_JOIN_S)


def warm_in_background(
    graph: Graph, stats_cache: StatsCache, idle: Callable[[], bool] = lambda: True
) -> Warming:
    """Start the warm-up: the home page's (the world's figures into `stats_cache`), then the area
    pages' (each when `idle()`)."""
    stop = threading.Event()

    def work() -> None:
        warm(graph, stats_cache)
        warm_area_pages(graph, stop, idle)

    thread = threading.Thread(target=work, name="orglinks-warmup", daemon=True)
    thread.start()
    return Warming(thread, stop)
