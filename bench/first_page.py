"""The first page after a server start, and 官渡区's area page in Chromium, on the Kunming demo world.

    ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/first_page.py [--starts 5] [--port 8150] [--no-browser]

It loads the Kunming demo world (loaders/demo/kunming.py, through the product's loader) into its own
Neo4j ("neo4j-demobench", port offset 9 on the slot, the test harness's memory settings) if that
server's graph is empty. Then, `--starts` times: Neo4j's query caches are cleared (so that every start
plans its queries again, as after a Neo4j restart), the API is started in a fresh process (uvicorn, as
`orglinks serve` runs it, with its start-up warm-up in the background), and as soon as /api/health
answers, a global admin's GET / is timed at the client (the first page of that process). With the
browser, 官渡区's area page (/view/area/<id>) is then opened twice in headless Chromium, each in a new
browser context, timed from navigation start until the page marks its network usable
(`body[data-ready]`): the first area page of that process, then a second visit. Not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from accounts.accounts import create_user  # noqa: E402
from accounts.principal import Role, TokenKind  # noqa: E402
from accounts.tokens import expiry_after, issue_token  # noqa: E402
from api.security.deps import SESSION_COOKIE  # noqa: E402
from bench.query_latency import COUNT_ENTITIES, _await_http  # noqa: E402
from cli.local_neo4j import LocalNeo4j  # noqa: E402
from devtools import harness  # noqa: E402
from devtools.live_server import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402
from devtools.servers import running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.driver import Graph  # noqa: E402
from graph.errors import Conflict  # noqa: E402
from graph.settings import PROJECT_ROOT  # noqa: E402
from loaders.demo.kunming import build_kunming  # noqa: E402
from loaders.pipeline import load_path  # noqa: E402

DISTRICT = "官渡区"
AREA_NAMED = NamedQuery(
    "bench_area_named", "MATCH (a:Area {name: $name}) RETURN a.id AS id ORDER BY a.id LIMIT 1"
)
CLEAR_QUERY_CACHES = NamedQuery("bench_clear_query_caches", "CALL db.clearQueryCaches()")


def ensure_demo(graph: Graph) -> None:
    if int(graph.read(COUNT_ENTITIES)[0]["n"]) > 0:
        return
    print("loading the Kunming demo world…", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="orglinks-demobench-") as work:
        package = Path(work) / "kunming"
        build_kunming(package)
        if load_path(graph, package, user="bench").outcome != "ok":
            raise RuntimeError("the Kunming demo did not load")


def session(graph: Graph, username: str = "bench") -> str:
    with contextlib.suppress(Conflict):
        create_user(graph, None, username=username, role=Role.ADMIN, area_id=None)
    return issue_token(graph, username, TokenKind.SESSION, expires=expiry_after(dt.timedelta(hours=2))).token


def start_api(server: LocalNeo4j, port: int) -> subprocess.Popen[bytes]:
    env = {"NEO4J_URI": server.bolt_uri, "NEO4J_PASSWORD": "", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)


def area_visits(base: str, token: str, area_id: str, visits: int) -> list[float]:
    """Milliseconds from navigation start until the area page marks its network usable, per visit."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(visits):
            context = browser.new_context(viewport={"width": 1400, "height": 860})
            context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": base}])
            tab = context.new_page()
            tab.goto(f"{base}/view/area/{area_id}", timeout=120_000)
            tab.wait_for_selector("body[data-ready='1']", timeout=120_000)
            times.append(float(tab.evaluate("Number(document.body.dataset.readyAt)")))
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--port", type=int, default=0, help="the API's port (a free one if 0)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--keep-neo4j", action="store_true")
    args = parser.parse_args()
    server = LocalNeo4j(harness.server_settings("neo4j-demobench", port_offset=9))
    browser = not args.no_browser and Path(CHROMIUM).exists()
    first: list[float] = []
    visits: list[list[float]] = []
    with running(server, keep=args.keep_neo4j) as (graph, _token):
        ensure_demo(graph)
        token = session(graph)
        area_id = graph.read(AREA_NAMED, {"name": DISTRICT})[0]["id"]
        print(f"load average before {os.getloadavg()}", file=sys.stderr)
        for _ in range(args.starts):
            graph.read(CLEAR_QUERY_CACHES)
            port = args.port or free_port()
            process = start_api(server, port)
            try:
                _await_http(port)
                base = f"http://127.0.0.1:{port}"
                t0 = time.perf_counter()
                response = httpx.get(f"{base}/", cookies={SESSION_COOKIE: token}, timeout=60)
                first.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
                if browser:
                    visits.append(area_visits(base, token, area_id, 2))
            finally:
                process.terminate()
                process.wait(30)
            shown = visits[-1] if visits else ""
            print(f"  first / {first[-1]:,.0f} ms; {DISTRICT} {shown}", file=sys.stderr)
    print(f"load average after {os.getloadavg()}")
    print(f"first GET / after a start: p50 {statistics.median(first):,.0f} ms, max {max(first):,.0f} ms")
    if visits:
        for i, label in enumerate(("first visit after the start", "second visit")):
            times = [v[i] for v in visits]
            print(
                f"{DISTRICT} usable in Chromium, {label}: p50 {statistics.median(times):,.0f} ms, "
                f"max {max(times):,.0f} ms"
            )


if __name__ == "__main__":
    main()
