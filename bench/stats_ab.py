"""A/B of the city's progress (the city and each district): the per-area stats query of a baseline tree,
run once for the city and once per district, against this tree's one-pass `area_stats`, alternately.

    git archive b5ed70e | tar -x -C /tmp/orglinks-stats-before
    ORGLINKS_TEST_SLOT=8 .venv/bin/python bench/stats_ab.py --baseline /tmp/orglinks-stats-before \
        [--scale 100000] [--rounds 5]

It runs on the query benchmark's server ("neo4j-querybench"), loading a generated package of `--scale`
nodes first if it is empty (as bench/query_latency.py does). It checks that both give the same counts
for the city and every district, and reports wall-clock p50/p95 of each and their ratio. Not a test.
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

from bench.query_latency import ensure_loaded, percentile  # noqa: E402
from devtools.servers import bench_server, running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.driver import Graph, run  # noqa: E402
from graph.scope import child_areas, resolve_scope  # noqa: E402
from graph.stats import area_stats  # noqa: E402

_PRINT_QUERY = "from graph.queries.stats import AREA_STATS as q; print(q.text, end='')"
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


def baseline_query(tree: Path) -> NamedQuery:
    """The per-area AREA_STATS text of another tree of this project (e.g. a `git archive` of a commit)."""
    text = subprocess.run(
        [sys.executable, "-c", _PRINT_QUERY], cwd=tree, check=True, capture_output=True, text=True
    ).stdout
    return NamedQuery("area_stats_baseline", text)


def per_area(graph: Graph, query: NamedQuery, roots: list[str], children: list[str], as_of: dt.date) -> Any:
    """The baseline's way: the query for the city, then again for each district, in one transaction."""

    def work(tx: Any) -> list[tuple[int, ...]]:
        return [
            tuple(run(tx, query, {"roots": r, "as_of": as_of})[0][k] for k in COMPARED)
            for r in [roots, *([c] for c in children)]
        ]

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
    old = baseline_query(args.baseline)
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

        def before() -> list[tuple[int, ...]]:
            return per_area(graph, old, scope.roots, children, today)

        plans = {"before": before, "after": one_pass}
        answers = {name: plan() for name, plan in plans.items()}  # warm-up
        assert answers["before"] == answers["after"], answers
        wall: dict[str, list[float]] = {name: [] for name in plans}
        for _ in range(args.rounds):
            for name, plan in plans.items():
                t0 = time.perf_counter()
                assert plan() == answers[name]
                wall[name].append((time.perf_counter() - t0) * 1000)
        print(f"graph: {nodes:,} entity nodes; {len(children)} districts; city {answers['after'][0]}")
        for name in plans:
            p50, p95 = statistics.median(wall[name]), percentile(wall[name], 0.95)
            print(f"{name}: p50 {p50:,.0f} ms, p95 {p95:,.0f} ms over {args.rounds} runs")
        ratio = statistics.median(wall["before"]) / statistics.median(wall["after"])
        print(f"before/after p50 {ratio:.1f}x; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
