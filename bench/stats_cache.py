"""The city's progress (the city and each district) served from the figures cache, against counting it.

    ORGLINKS_TEST_SLOT=3 .venv/bin/python bench/stats_cache.py [--scale 1000000] [--rounds 5] [--hits 200]

On the query benchmark's server ("neo4j-querybench"; a generated package of `--scale` nodes is loaded
first if it is empty, as bench/query_latency.py does), in one run, each as /api/stats calls it:

- miss: `area_stats` itself, the count a cache miss makes (graph/stats.py);
- hit: `StatsCache.area_stats` with the figures cached: the data version read, then the cached answer;
- after a write, no refresher: one small data write (a marker node of this benchmark's own, which raises
  the data version as every data write does), then the request: it counts again;
- after a write, refresher caught up: the same write, the refresher (graph/stats_cache.py, polling
  every `--poll` s) left to count the recently asked figures, then the request: a hit again. Also how
  long after the write the fresh figures were ready (the poll's wait plus one count).

Then the same through the app (`GET /api/stats` as a global admin, FastAPI's TestClient in this
process: authentication, the figures as JSON for the city and every district): a hit, and a request
after a write once the app's own refresher (`ORGLINKS_STATS_REFRESH_S` = `--poll`) has caught up.

Wall-clock p50/p95 per request, the Neo4j server's own CPU per request (from /proc), the load average.
It checks that every answer equals a direct count of the same data. Not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from api.main import create_app  # noqa: E402
from bench.gaps_ab import server_cpu_ms  # noqa: E402
from bench.query_latency import ensure_loaded, percentile  # noqa: E402
from devtools import harness  # noqa: E402
from devtools.servers import admin_bearer, bench_server, running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.scope import child_areas, resolve_scope  # noqa: E402
from graph.settings import AppSettings  # noqa: E402
from graph.stats import area_stats  # noqa: E402
from graph.stats_cache import Ask, StatsCache, StatsRefresher, data_version  # noqa: E402

#: The benchmark's one write: a node of its own label (no figure reads it), through Graph.write, which
#: raises the data version like any data write.
TOUCH = NamedQuery("bench_stats_touch", "MERGE (b:BenchTouch {id: 'stats-cache'}) SET b.at = datetime()")


@dataclasses.dataclass
class Samples:
    wall_ms: list[float] = dataclasses.field(default_factory=list)
    cpu_ms: list[float] = dataclasses.field(default_factory=list)

    def line(self, name: str) -> str:
        p50, p95 = statistics.median(self.wall_ms), percentile(self.wall_ms, 0.95)
        cpu = statistics.median(self.cpu_ms)
        return f"| {name} | {len(self.wall_ms)} | {p50:,.2f} | {p95:,.2f} | {cpu:,.0f} |"


def measure(samples: Samples, pid: int, call: Callable[[], Any]) -> Any:
    c0, t0 = server_cpu_ms(pid), time.perf_counter()
    result = call()
    samples.wall_ms.append((time.perf_counter() - t0) * 1000)
    samples.cpu_ms.append(server_cpu_ms(pid) - c0)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5, help="misses and writes measured")
    parser.add_argument("--hits", type=int, default=200, help="hits measured")
    parser.add_argument("--poll", type=float, default=2.0, help="the refresher's poll interval, s")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per transaction")
    args = parser.parse_args()
    server = bench_server("neo4j-querybench", port_offset=8)
    with running(server, keep=True) as (test_graph, _token):
        graph = dataclasses.replace(test_graph, timeout_s=args.timeout)
        nodes = ensure_loaded(graph, args.scale)
        scope = resolve_scope(graph, None)
        districts = len(child_areas(graph, scope))
        today = dt.date.today()
        pid = server.pid()
        assert pid is not None
        load_before = os.getloadavg()
        expected = area_stats(graph, scope, as_of=today)  # warms the plans and the page cache once
        units = expected.total.units
        results: dict[str, Samples] = {}

        miss = results["miss: the count itself (`area_stats`)"] = Samples()
        for _ in range(args.rounds):
            assert measure(miss, pid, lambda: area_stats(graph, scope, as_of=today)) == expected

        cache = StatsCache(graph)
        cache.area_stats(scope, as_of=today)
        hit = results["hit: version read + cached figures"] = Samples()
        for _ in range(args.hits):
            assert measure(hit, pid, lambda: cache.area_stats(scope, as_of=today)) == expected

        cold = results["right after a write, refresher not caught up (a count)"] = Samples()
        for _ in range(args.rounds):
            graph.write(TOUCH)
            assert measure(cold, pid, lambda: cache.area_stats(scope, as_of=today)) == expected

        refresher = StatsRefresher(cache, interval_s=args.poll)
        refresher.start()
        warm = results["after a write, refresher caught up (a hit)"] = Samples()
        ready_s: list[float] = []
        ask = Ask.of(scope, today)
        try:
            for _ in range(args.rounds):
                graph.write(TOUCH)
                written = time.perf_counter()
                version = data_version(graph)
                assert version is not None
                while cache.cached(ask, version) is None:
                    time.sleep(0.05)
                ready_s.append(time.perf_counter() - written)
                assert measure(warm, pid, lambda: cache.area_stats(scope, as_of=today)) == expected
        finally:
            refresher.stop(args.timeout)

        headers = admin_bearer(graph)
        settings = harness.neo4j_settings_for(server).model_copy(update={"query_timeout_s": args.timeout})
        app = create_app(settings, AppSettings(stats_refresh_s=args.poll))
        params = {"as_of": today.isoformat()}
        with TestClient(app) as client:

            def get() -> int:
                response = client.get("/api/stats", params=params, headers=headers)
                assert response.status_code == 200, response.text
                assert response.json()["total"]["units"] == units
                return 0

            get()  # waits for the app's warm-up count (or counts)
            served = results["over HTTP: `GET /api/stats`, a hit"] = Samples()
            for _ in range(args.hits):
                measure(served, pid, get)
            fresh = results["over HTTP after a write, the app's refresher caught up"] = Samples()
            app_cache: StatsCache = app.state.stats_cache
            for _ in range(args.rounds):
                graph.write(TOUCH)
                version = data_version(graph)
                assert version is not None
                while app_cache.cached(ask, version) is None:
                    time.sleep(0.05)
                measure(fresh, pid, get)
        load_after = os.getloadavg()
        print(f"graph: {nodes:,} entity nodes; the city and its {districts} districts; {units:,} units")
        print("| request | runs | wall p50 ms | wall p95 ms | Neo4j CPU p50 ms |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, samples in results.items():
            print(samples.line(name))
        print(
            f"fresh figures ready after a write (poll every {args.poll:g} s + one count): p50 "
            f"{statistics.median(ready_s):,.1f} s, max {max(ready_s):,.1f} s"
        )
        print(f"load average before {_load(load_before)}, after {_load(load_after)}")


def _load(load: Any) -> str:
    return " ".join(f"{x:.2f}" for x in load)


if __name__ == "__main__":
    main()
