"""A/B of the city's progress (the city and each district): a baseline tree's stats queries against this
tree's one-pass `area_stats`, alternately.

    git archive b5ed70e | tar -x -C /tmp/orglinks-stats-before
    ORGLINKS_TEST_SLOT=8 .venv/bin/python bench/stats_ab.py --baseline /tmp/orglinks-stats-before \
        [--scale 100000] [--rounds 5]

A baseline before the one-pass change (it has no `FIGURE_QUERIES`) runs its per-area AREA_STATS query
once for the city and once per district; a later baseline runs its own one-pass queries. Both in one
read transaction. It runs on the query benchmark's server ("neo4j-querybench"), loading a generated
package of `--scale` nodes first if it is empty (as bench/query_latency.py does). It checks that both
give the same counts for the city and every district, and reports wall-clock p50/p95 of each, the Neo4j
server's own CPU time per call (from /proc), their ratios and the load average. Not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gaps_ab import server_cpu_ms  # noqa: E402
from bench.query_latency import ensure_loaded, percentile  # noqa: E402
from devtools.servers import bench_server, running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.driver import Graph, run  # noqa: E402
from graph.queries.stats import TOTAL  # noqa: E402
from graph.scope import child_areas, resolve_scope  # noqa: E402
from graph.stats import area_stats  # noqa: E402

_PRINT_QUERIES = (
    "import graph.queries.stats as s; "
    "qs = getattr(s, 'FIGURE_QUERIES', None) or (s.AREA_STATS,); "
    "print(str(hasattr(s, 'FIGURE_QUERIES')) + '\\0' + '\\0'.join(q.text for q in qs), end='')"
)
#: The counts both versions answer (the one-pass version adds the seed's other figures).
COMPARED = (
    "units",
    "party_orgs",
    "alliances",
    "alliance_members",
    "big_committees",
    "current_seats",
    "active_contracts",
    "linked_by_contract",
    "linked_by_alliance",
    "linked_by_committee",
    "linked_by_any",
)


def baseline_queries(tree: Path) -> tuple[bool, list[NamedQuery]]:
    """Whether another tree of this project (e.g. a `git archive` of a commit) counts in one pass, and
    its stats queries: the one-pass FIGURE_QUERIES, or the per-area AREA_STATS."""
    text = subprocess.run(
        [sys.executable, "-c", _PRINT_QUERIES], cwd=tree, check=True, capture_output=True, text=True
    ).stdout
    one_pass, *texts = text.split("\0")
    return one_pass == "True", [NamedQuery(f"stats_baseline_{i}", t) for i, t in enumerate(texts)]


def per_area(
    graph: Graph, query: NamedQuery, roots: list[str], children: list[str], as_of: dt.date
) -> list[tuple[int, ...]]:
    """The baseline's way: the query for the city, then again for each district, in one transaction."""

    def work(tx: Any) -> list[tuple[int, ...]]:
        return [
            tuple(run(tx, query, {"roots": r, "as_of": as_of})[0][k] for k in COMPARED)
            for r in [roots, *([c] for c in children)]
        ]

    return graph.read_tx(work)


def one_pass_baseline(
    graph: Graph, queries: list[NamedQuery], params: dict[str, Any], buckets: list[str]
) -> list[tuple[int, ...]]:
    """A one-pass baseline's queries, in one transaction, with the same parameters as `area_stats`."""

    def work(tx: Any) -> list[tuple[int, ...]]:
        counts: dict[str, dict[str, int]] = {b: {} for b in buckets}
        for query in queries:
            for row in run(tx, query, params):
                if row["bucket"] in counts:
                    counts[row["bucket"]].update(row)
        return [tuple(counts[b].get(k, 0) for k in COMPARED) for b in buckets]

    return graph.read_tx(work)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per transaction")
    args = parser.parse_args()
    old_one_pass, old = baseline_queries(args.baseline)
    server = bench_server("neo4j-querybench", port_offset=8)
    with running(server, keep=True) as (test_graph, _token):
        # The harness gives its graphs a 60 s timeout; the baseline may need more on a busy machine.
        graph = dataclasses.replace(test_graph, timeout_s=args.timeout)
        nodes = ensure_loaded(graph, args.scale)
        scope = resolve_scope(graph, None)
        children = [c.id for c in child_areas(graph, scope)]
        today = dt.date.today()

        def one_pass() -> list[tuple[int, ...]]:
            result = area_stats(graph, scope, as_of=today)
            blocks = [result.total, *(c.figures for c in result.children)]
            return [tuple(getattr(b, k) for k in COMPARED) for b in blocks]

        params = {"roots": scope.roots, "children": children, "total": TOTAL, "as_of": today}

        def before() -> list[tuple[int, ...]]:
            if old_one_pass:
                return one_pass_baseline(graph, old, params, [TOTAL, *children])
            return per_area(graph, old[0], scope.roots, children, today)

        plans = {"before": before, "after": one_pass}
        answers = {name: plan() for name, plan in plans.items()}  # warm-up
        assert answers["before"] == answers["after"], answers
        wall: dict[str, list[float]] = {name: [] for name in plans}
        cpu: dict[str, list[float]] = {name: [] for name in plans}
        pid = server.pid()
        assert pid is not None
        load_before = os.getloadavg()
        for _ in range(args.rounds):
            for name, plan in plans.items():
                c0, t0 = server_cpu_ms(pid), time.perf_counter()
                assert plan() == answers[name]
                wall[name].append((time.perf_counter() - t0) * 1000)
                cpu[name].append(server_cpu_ms(pid) - c0)
        kind = "one pass" if old_one_pass else "per area"
        print(f"graph: {nodes:,} entity nodes; {len(children)} districts; city {answers['after'][0]}")
        for name in plans:
            p50, p95 = statistics.median(wall[name]), percentile(wall[name], 0.95)
            label = f"{name} ({kind})" if name == "before" else name
            print(
                f"{label}: p50 {p50:,.0f} ms, p95 {p95:,.0f} ms, server CPU p50 "
                f"{statistics.median(cpu[name]):,.0f} ms over {args.rounds} runs"
            )
        ratio = statistics.median(wall["before"]) / statistics.median(wall["after"])
        cpu_ratio = statistics.median(cpu["before"]) / statistics.median(cpu["after"])
        print(
            f"before/after p50 {ratio:.2f}x, server CPU {cpu_ratio:.2f}x; "
            f"load average before {load_before}, after {os.getloadavg()}"
        )


if __name__ == "__main__":
    main()
