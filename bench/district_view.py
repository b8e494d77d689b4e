"""A district's area page on the demo world: the server's answer time and the time until headless
Chromium shows a usable network (the page says ready: `body[data-ready]`), first visit and warm.

    ORGLINKS_TEST_SLOT=4 .venv/bin/python bench/district_view.py [--runs 7] [--area 官渡区] [--reload]

It uses the test harness's Neo4j of the slot (started if it is not running, stopped again if it was
started here). The Kunming demo world is built and loaded when the database does not hold it yet (or
with --reload); the app is served on 127.0.0.1 with a session of a global admin.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accounts.accounts import create_user, get_user  # noqa: E402
from accounts.principal import Role, TokenKind  # noqa: E402
from accounts.tokens import expiry_after, issue_token  # noqa: E402
from api.main import create_app  # noqa: E402
from api.security.deps import SESSION_COOKIE  # noqa: E402
from cli.local_neo4j import LocalNeo4j  # noqa: E402
from devtools import harness  # noqa: E402
from devtools.live_server import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402
from graph.cypher import NamedQuery, token  # noqa: E402
from graph.driver import Graph  # noqa: E402
from graph.errors import NotFound  # noqa: E402
from graph.migrate import migrate  # noqa: E402
from graph.schema import Label  # noqa: E402
from graph.settings import AppSettings  # noqa: E402
from loaders.demo.kunming import SEED, build_kunming  # noqa: E402
from loaders.pipeline import load_path  # noqa: E402

_AREA_BY_NAME = NamedQuery(
    "bench_area_by_name", f"MATCH (a:{token(Label.AREA)} {{name: $name}}) RETURN a.id AS id LIMIT 1"
)
USER = "bench-district"


def _area_id(graph: Graph, name: str) -> str | None:
    rows = graph.read(_AREA_BY_NAME, {"name": name})
    return str(rows[0]["id"]) if rows else None


def _ensure_world(graph: Graph, owner: str, name: str, reload: bool) -> str:
    area = None if reload else _area_id(graph, name)
    if area is None:
        harness.wipe(graph, owner)
        migrate(graph)
        with tempfile.TemporaryDirectory() as folder:
            build_kunming(Path(folder), SEED)
            result = load_path(graph, Path(folder), user="bench")
        if result.outcome != "ok":
            raise SystemExit(f"the demo world was {result.outcome}")
        area = _area_id(graph, name)
    if area is None:
        raise SystemExit(f"no area named {name}")
    return area


def _ms(times: list[float]) -> str:
    median, low, high = (round(x * 1000) for x in (statistics.median(times), min(times), max(times)))
    return f"median {median} ms (min {low}, max {high})"


def _server(base: str, path: str, cookie: str, runs: int) -> tuple[float, list[float]]:
    times = []
    with httpx.Client(base_url=base, cookies={SESSION_COOKIE: cookie}, timeout=120) as client:
        for _ in range(runs + 1):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            response.raise_for_status()
    return times[0], times[1:]


#: In the page, once it is ready (ms from the start): the first byte and the last of the HTML, the DOM
#: parsed, and the page's own mark of ready.
_NAVIGATION = """() => { const n = performance.getEntriesByType('navigation')[0];
  return [n.responseStart, n.responseEnd, n.domContentLoadedEventEnd,
          Number(document.body.dataset.readyAt)]; }"""


def _browser(base: str, path: str, cookie: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    phases = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs + 1):
            context: Any = browser.new_context(viewport={"width": 1400, "height": 860})
            context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": base}])
            tab = context.new_page()
            start = time.perf_counter()
            tab.goto(base + path)
            tab.wait_for_selector("body[data-ready='1']", timeout=120_000)
            times.append(time.perf_counter() - start)
            phases.append(tab.evaluate(_NAVIGATION))
            context.close()
        browser.close()
    for name, i in (("first byte", 0), ("html received", 1), ("DOM parsed", 2), ("ready", 3)):
        print(f"  {name}: median {statistics.median(p[i] for p in phases[1:]):.0f} ms")  # noqa: T201
    return times[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--area", default="官渡区")
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    server = LocalNeo4j(harness.server_settings())
    owner, started = harness.ensure_started(server)
    graph = harness.open_test_graph(server)
    try:
        area = _ensure_world(graph, owner, args.area, args.reload)
        try:
            get_user(graph, None, USER)
        except NotFound:
            create_user(graph, None, username=USER, role=Role.ADMIN, area_id=None)
        session = issue_token(graph, USER, TokenKind.SESSION, expires=expiry_after(timedelta(hours=1)))
        app = create_app(harness.neo4j_settings_for(server), AppSettings())
        path = f"/view/area/{area}"
        with served(app) as base:
            first, warm = _server(base, path, session.token, args.runs)
            print(f"{args.area} {path}")  # noqa: T201 - the script's report
            print(f"server: first {first * 1000:.0f} ms; warm {_ms(warm)}")  # noqa: T201
            print(f"chromium usable (warm server): {_ms(_browser(base, path, session.token, args.runs))}")  # noqa: T201
    finally:
        graph.close()
        if started:
            server.stop()


if __name__ == "__main__":
    main()
