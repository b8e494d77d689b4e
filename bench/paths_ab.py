"""A/B of "how are these two connected": a baseline tree's path query against this tree's find_paths.

    git archive b5ed70e | tar -x -C /tmp/orglinks-paths-before
    ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/paths_ab.py --baseline /tmp/orglinks-paths-before \\
        [--scale 100000] [--pairs 30]

It runs on the query benchmark's server ("neo4j-querybench"; it generates and loads a package of about
`--scale` nodes if that server's graph is empty) and times, for each kind of pair below, the
baseline's two reads (the ends, then
SHORTEST 5 over ORG_TIES, max 6: what its find_paths ran for k=3) and this tree's `find_paths` (k=3,
max 6, default kinds, as_of today), alternately, each warmed once. It reports wall-clock p50/p95, the
Neo4j server's own CPU time per call (p50/p95, from /proc), the ratio of the medians and the load
average. Not a test.

Pairs: random units with organizational ties (mostly not connected within 6 ties in a generated world:
the worst case, searched to the end), units whose party orgs share an alliance, a unit and
its own community, a unit and a random community.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gaps_ab import server_cpu_ms  # noqa: E402
from bench.query_latency import UNITS_WITH_ORG_TIES, ensure_loaded, percentile  # noqa: E402
from devtools.servers import bench_server, running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.driver import Graph  # noqa: E402
from graph.paths import find_paths  # noqa: E402

_PRINT_QUERIES = (
    "from graph.queries.paths import ENDPOINTS, shortest_paths; "
    "print(ENDPOINTS.text + '\\0' + shortest_paths(5, 6, org_only=True).text, end='')"
)
COMMUNITIES = NamedQuery(
    "bench_communities", "MATCH (a:Area {level: 'community'}) RETURN a.id AS id ORDER BY a.id LIMIT 5000"
)
#: Two units whose party orgs are in one alliance: connected, in a few ties.
ALLIANCE_PAIRS = NamedQuery(
    "bench_alliance_pairs",
    "MATCH (u:Unit)<-[:BELONGS_TO]-(:PartyOrg)-[:MEMBER_OF]->(:Alliance)<-[:MEMBER_OF]-(:PartyOrg)"
    "-[:BELONGS_TO]->(v:Unit) WHERE u.id < v.id RETURN u.id AS a, v.id AS b ORDER BY a, b LIMIT 5000",
)
#: A unit with organizational ties and the community it is located in.
OWN_COMMUNITY = NamedQuery(
    "bench_own_community",
    "MATCH (u:Unit)-[:LOCATED_IN]->(c:Area {level: 'community'}) "
    "WHERE EXISTS { (u)<-[:BELONGS_TO]-(:PartyOrg)-[:MEMBER_OF|PARTY_TO]->() } "
    "RETURN u.id AS a, c.id AS b ORDER BY a LIMIT 5000",
)


def baseline_queries(tree: Path) -> tuple[NamedQuery, NamedQuery]:
    """The ends query and the k=3 path query of another tree of this project (a `git archive`)."""
    text = subprocess.run(
        [sys.executable, "-c", _PRINT_QUERIES], cwd=tree, check=True, capture_output=True, text=True
    ).stdout
    ends, paths = text.split("\0")
    return NamedQuery("path_endpoints_baseline", ends), NamedQuery("shortest_paths_baseline", paths)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=30)
    args = parser.parse_args()
    ends_query, paths_query = baseline_queries(args.baseline)
    rng = random.Random(1)
    server = bench_server("neo4j-querybench", port_offset=8)
    with running(server, keep=True) as (graph, _token):
        nodes = ensure_loaded(graph, args.scale)
        pid = server.pid()
        assert pid is not None
        units = [r["id"] for r in graph.read(UNITS_WITH_ORG_TIES)]
        communities = [r["id"] for r in graph.read(COMMUNITIES)]
        print(f"graph: {nodes:,} entity nodes; load average {os.getloadavg()}", file=sys.stderr)
        allied = [(r["a"], r["b"]) for r in graph.read(ALLIANCE_PAIRS)]
        own = [(r["a"], r["b"]) for r in graph.read(OWN_COMMUNITY)]
        cases = {
            "unit → unit, random (mostly unconnected)": [
                (rng.choice(units), rng.choice(units)) for _ in range(args.pairs)
            ],
            "unit → unit, same alliance": [rng.choice(allied) for _ in range(args.pairs)],
            "unit → its own community": [rng.choice(own) for _ in range(args.pairs)],
            "unit → random community": [
                (rng.choice(units), rng.choice(communities)) for _ in range(args.pairs)
            ],
        }
        for name, pairs in cases.items():
            _compare(graph, pid, name, pairs, ends_query, paths_query)


def _compare(
    graph: Graph,
    pid: int,
    name: str,
    pairs: list[tuple[str, str]],
    ends_query: NamedQuery,
    paths_query: NamedQuery,
) -> None:
    def before(a: str, b: str) -> int:
        graph.read(ends_query, {"ids": [a, b], "scope": None})
        return len(graph.read(paths_query, {"from": a, "to": b, "scope": None}))

    def after(a: str, b: str) -> int:
        return len(find_paths(graph, a, b, k=3, max_length=6, as_of=dt.date.today()).paths)

    calls: dict[str, Callable[[str, str], Any]] = {"before": before, "after": after}
    wall: dict[str, list[float]] = {k: [] for k in calls}
    cpu: dict[str, list[float]] = {k: [] for k in calls}
    found = dict.fromkeys(calls, 0)
    for call in calls.values():
        call(*pairs[0])  # warm the plans
    for a, b in pairs:
        if a == b:
            continue
        for label, call in calls.items():
            cpu0, t0 = server_cpu_ms(pid), time.perf_counter()
            found[label] += 1 if call(a, b) else 0
            wall[label].append((time.perf_counter() - t0) * 1000)
            cpu[label].append(server_cpu_ms(pid) - cpu0)
    cells = [
        f"{label} p50 {statistics.median(wall[label]):,.1f} p95 {percentile(wall[label], 0.95):,.1f} "
        f"cpu p50 {statistics.median(cpu[label]):,.0f} p95 {percentile(cpu[label], 0.95):,.0f} "
        f"connected {found[label]}/{len(wall[label])}"
        for label in calls
    ]
    ratio50 = statistics.median(wall["after"]) / statistics.median(wall["before"])
    ratio95 = percentile(wall["after"], 0.95) / percentile(wall["before"], 0.95)
    print(
        f"{name}: " + " | ".join(cells) + f" | after/before p50 {ratio50:.2f} p95 {ratio95:.2f}"
        f" | load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
