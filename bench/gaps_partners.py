"""Unit gap pages with and without their suggested partners, on the query benchmark's 1M graph.

    ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/gaps_partners.py [--runs 5]

It runs on the server that bench/query_latency.py loaded ("neo4j-querybench"; run that first) and times
`unit_gaps` as the API calls it, for random streets and districts (by any) and for the whole city (each
kind), once with `partners=False` and once with `partners=True`, each warmed once: wall-clock p50 and
the Neo4j server's own CPU time per call (from /proc). Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gaps_ab import server_cpu_ms  # noqa: E402
from bench.query_latency import AREAS_OF_LEVEL  # noqa: E402
from devtools.servers import bench_server, running  # noqa: E402
from graph.queries.gaps import LinkKind, unit_gaps  # noqa: E402
from graph.scope import resolve_scope  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="calls per line (the city: at least 3)")
    args = parser.parse_args()
    rng = random.Random(1)
    today = dt.date.today()
    server = bench_server("neo4j-querybench", port_offset=8)
    with running(server, keep=True) as (graph, _token):
        pid = server.pid()
        assert pid is not None
        areas = {
            level: [r["id"] for r in graph.read(AREAS_OF_LEVEL, {"level": level})]
            for level in ("street", "district")
        }
        cases = [("a street", "street", LinkKind.ANY), ("a district", "district", LinkKind.ANY)]
        cases += [("the city", None, kind) for kind in LinkKind]
        print(f"load average {os.getloadavg()}")
        print("| page of 50 | partners | wall p50 ms | server CPU p50 ms |")
        print("| --- | --- | ---: | ---: |")
        for name, level, kind in cases:
            for partners in (False, True):

                def call(level: str | None = level, kind: LinkKind = kind, partners: bool = partners) -> None:
                    area = None if level is None else rng.choice(areas[level])
                    scope = resolve_scope(graph, area)
                    unit_gaps(graph, scope, by=kind, as_of=today, skip=0, limit=50, partners=partners)

                call()
                wall, cpu = [], []
                for _ in range(args.runs if level else max(3, args.runs // 2)):
                    c0, t0 = server_cpu_ms(pid), time.perf_counter()
                    call()
                    wall.append((time.perf_counter() - t0) * 1000)
                    cpu.append(server_cpu_ms(pid) - c0)
                print(
                    f"| {name}, by {kind.value} | {'with' if partners else 'without'} | "
                    f"{statistics.median(wall):,.0f} | {statistics.median(cpu):,.0f} |",
                    flush=True,
                )
        print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
