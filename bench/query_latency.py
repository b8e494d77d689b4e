"""Query benchmark on a generated graph: p50/p95 of the link queries, and API throughput.

    .venv/bin/python bench/query_latency.py [--scale 1000000] [--runs 40] [--clients 32] [--seconds 30]

It generates (once) and loads (once, through the product's loader) a package of about `--scale`
nodes into its own Neo4j ("neo4j-querybench"), then times, in one run, each query called as the API
calls it: unit gaps for a street, a district and the whole city, a 2-hop network, a shortest path,
and city stats. Then it serves the API with uvicorn on 127.0.0.1 and drives it with `--clients`
concurrent clients for `--seconds`, reporting requests/s, p50/p95/p99 and errors. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from devtools import harness  # noqa: E402
from devtools.live_server import free_port  # noqa: E402
from devtools.servers import admin_bearer, bench_server, running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.driver import Graph  # noqa: E402
from graph.gaps import LinkKind, unit_gaps  # noqa: E402
from graph.networks import ego_network  # noqa: E402
from graph.paths import Via, find_paths  # noqa: E402
from graph.scope import resolve_scope  # noqa: E402
from graph.settings import PROJECT_ROOT  # noqa: E402
from graph.stats import area_stats  # noqa: E402
from loaders.demo.generate import generate  # noqa: E402
from loaders.pipeline import load_path  # noqa: E402

COUNT_ENTITIES = NamedQuery("bench_count_entities", "MATCH (n:Entity) RETURN count(n) AS n")
AREAS_OF_LEVEL = NamedQuery(
    "bench_areas_of_level", "MATCH (a:Area {level: $level}) RETURN a.id AS id ORDER BY a.id LIMIT 5000"
)
#: City-wide gaps are also timed for each of these kinds (the first case above is `any`).
CITY_KINDS = (LinkKind.CONTRACT, LinkKind.ALLIANCE, LinkKind.COMMITTEE)
UNITS_WITH_ORG_TIES = NamedQuery(
    "bench_units_with_org_ties",
    "MATCH (u:Unit)<-[:BELONGS_TO]-(:PartyOrg)-[:MEMBER_OF|PARTY_TO]->() "
    "RETURN DISTINCT u.id AS id ORDER BY u.id LIMIT 5000",
)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(call: Callable[[], Any], runs: int) -> list[float]:
    call()  # warm the plan cache and the page cache once, as a running service would be
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def ensure_loaded(graph: Graph, scale: int) -> int:
    package = PROJECT_ROOT / ".data" / "bench" / f"package-{scale}"
    if not (package / "projects.csv").exists():
        print(f"generating about {scale:,} nodes into {package}", file=sys.stderr)
        generate(scale, package)
    have = int(graph.read(COUNT_ENTITIES)[0]["n"])
    if have == 0:
        print("loading it through the product's loader…", file=sys.stderr)
        start = time.perf_counter()
        result = load_path(graph, package, user="bench")
        seconds = time.perf_counter() - start
        records = sum(c.get("added", 0) for c in result.counts.values())
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  {result.outcome}: {records:,} rows in {seconds:,.0f} s; loader peak RSS {peak_mb:,.0f} MB",
            file=sys.stderr,
        )
        have = int(graph.read(COUNT_ENTITIES)[0]["n"])
    return have


def query_latencies(
    graph: Graph, runs: int, rng: random.Random, *, city_share: int = 4, stats: bool = True
) -> dict[str, list[float]]:
    today = dt.date.today()
    streets = [r["id"] for r in graph.read(AREAS_OF_LEVEL, {"level": "street"})]
    districts = [r["id"] for r in graph.read(AREAS_OF_LEVEL, {"level": "district"})]
    units = [r["id"] for r in graph.read(UNITS_WITH_ORG_TIES)]

    def gaps(area: str | None, by: LinkKind = LinkKind.ANY) -> Callable[[], Any]:
        def call() -> Any:
            scope = resolve_scope(graph, area)
            return unit_gaps(graph, scope, by=by, as_of=today, skip=0, limit=50)

        return call

    def random_of(items: list[str], make: Callable[[str], Callable[[], Any]]) -> Callable[[], Any]:
        return lambda: make(rng.choice(items))()

    cases: dict[str, Callable[[], Any]] = {
        "unit gaps, one street (page of 50)": random_of(streets, gaps),
        "unit gaps, one district (page of 50)": random_of(districts, gaps),
        "unit gaps, whole city (page of 50)": gaps(None),
        **{f"unit gaps, whole city, by={k.value} (page of 50)": gaps(None, k) for k in CITY_KINDS},
        "2-hop network (limit 300)": lambda: ego_network(graph, rng.choice(units), depth=2, limit=300),
        "shortest path via=org (max 6)": lambda: find_paths(
            graph, rng.choice(units), rng.choice(units), via=Via.ORG, max_length=6, k=1
        ),
        "city stats (with each district)": lambda: area_stats(graph, resolve_scope(graph, None), as_of=today),
    }
    if not stats:
        del cases["city stats (with each district)"]
    results = {}
    for name, call in cases.items():
        n = runs if "city" not in name else max(5, runs // city_share)
        print(f"  {name} × {n}", file=sys.stderr)
        results[name] = timed(call, n)
    return results


async def _drive(
    base: str, paths: list[str], clients: int, seconds: float, headers: dict[str, str]
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    rng = random.Random(7)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            path = rng.choice(paths)
            start = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code >= 500:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - start) * 1000)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits, headers=headers) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "errors": errors, "seconds": elapsed, "latencies": latencies}


def api_throughput(
    graph: Graph, server_uri: str, clients: int, seconds: float, rng: random.Random, settle_s: float = 0.0
) -> dict[str, Any]:
    streets = [r["id"] for r in graph.read(AREAS_OF_LEVEL, {"level": "street"})][:50]
    units = [r["id"] for r in graph.read(UNITS_WITH_ORG_TIES)][:200]
    paths = [f"/api/gaps/units?area={s}&by=any&page_size=50" for s in streets]
    paths += [f"/api/entities/{u}/network?depth=2&limit=300" for u in units[:50]]
    paths += [f"/api/search?q={q}" for q in ("社区", "党委", "ssy", "超市", "公司")]
    paths += [f"/api/paths?from={rng.choice(units)}&to={rng.choice(units)}&k=1" for _ in range(30)]
    headers = admin_bearer(graph)
    port = free_port()
    env = {"NEO4J_URI": server_uri, "NEO4J_PASSWORD": "", "PATH": "/usr/bin:/bin"}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)
    try:
        _await_http(port)
        time.sleep(settle_s)  # the app's start-up warm-up (figures, area pages) done, as in service
        return asyncio.run(_drive(f"http://127.0.0.1:{port}", paths, clients, seconds, headers))
    finally:
        process.terminate()
        process.wait(30)


def _await_http(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
        except httpx.HTTPError:
            time.sleep(0.3)
        else:
            return
    raise RuntimeError("the API did not start")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--keep-neo4j",
        action="store_true",
        help="leave the server running; its loaded graph is kept either way and reused by the next run",
    )
    parser.add_argument(
        "--city-share", type=int, default=4, help="city-wide cases run max(5, runs / this) times"
    )
    parser.add_argument("--no-stats", action="store_true", help="skip city stats (about 8 s a call)")
    parser.add_argument("--no-api", action="store_true", help="skip the concurrent API run")
    parser.add_argument(
        "--settle",
        type=float,
        default=0.0,
        help="seconds between the API's start and the clients (its start-up warm-up done first)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(1)
    server = bench_server("neo4j-querybench", port_offset=8)
    with running(server, keep=args.keep_neo4j) as (graph, _token):
        nodes = ensure_loaded(graph, args.scale)
        print(f"graph: {nodes:,} entity nodes; timing queries…", file=sys.stderr)
        load_before = os.getloadavg()
        latencies = query_latencies(
            graph, args.runs, rng, city_share=args.city_share, stats=not args.no_stats
        )
        load_after = os.getloadavg()
        api: dict[str, Any] | None = None
        if not args.no_api:
            print(f"API: {args.clients} clients for {args.seconds:.0f} s…", file=sys.stderr)
            api = api_throughput(graph, server.bolt_uri, args.clients, args.seconds, rng, args.settle)
    print(f"\nGraph: {nodes:,} entity nodes (package scale {args.scale:,}), slot {harness.slot()}")
    print(
        "load average (1, 5, 15 min) before the queries "
        f"{', '.join(f'{x:.1f}' for x in load_before)}, after {', '.join(f'{x:.1f}' for x in load_after)}\n"
    )
    print("| query | runs | p50 ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, samples in latencies.items():
        p50, p95 = statistics.median(samples), percentile(samples, 0.95)
        print(f"| {name} | {len(samples)} | {p50:,.1f} | {p95:,.1f} |")
    if api is not None:
        _print_api(args.clients, api)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "nodes": nodes,
                    "load_average": {"before": load_before, "after": load_after},
                    "latencies": latencies,
                    "api": None if api is None else {k: v for k, v in api.items() if k != "latencies"},
                },
                indent=2,
            )
        )


def _print_api(clients: int, api: dict[str, Any]) -> None:
    lat = api["latencies"]
    print(
        f"\nAPI, {clients} concurrent clients, {api['seconds']:.0f} s: {api['requests']:,} requests, "
        f"{api['requests'] / api['seconds']:,.0f} req/s, errors {api['errors']}, "
        f"p50 {percentile(lat, 0.5):,.0f} ms, p95 {percentile(lat, 0.95):,.0f} ms, "
        f"p99 {percentile(lat, 0.99):,.0f} ms"
    )


if __name__ == "__main__":
    main()
