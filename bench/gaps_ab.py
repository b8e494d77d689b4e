"""A/B of the city-wide unit gaps plan: a baseline tree's UNIT_GAPS_BY_LINKS against this tree's, alternately.

    git archive b1dd5de | tar -x -C /tmp/orglinks-gaps-before
    ORGLINKS_TEST_SLOT=6 .venv/bin/python bench/gaps_ab.py --baseline /tmp/orglinks-gaps-before [--rounds 8]

It runs on the query benchmark's server ("neo4j-querybench", with the graph that bench/query_latency.py
loaded; run that first) and times, for each kind, the page of 50 with its total as `unit_gaps` asks for
it (the plan's head query, then the rows of the page), baseline and new in turn, in one read transaction
each. It checks that both return the same total and ids, and reports wall-clock p50/p95 and the Neo4j
server's own CPU time per call (from /proc, so that other work on the machine weighs less), with the
load average. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.query_latency import percentile  # noqa: E402
from devtools.servers import bench_server, running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.driver import Graph, run  # noqa: E402
from graph.queries.gaps import UNIT_GAPS_BY_LINKS, UNIT_ROWS, LinkKind  # noqa: E402
from graph.scope import resolve_scope  # noqa: E402

_PRINT_QUERY = "from graph.queries.gaps import UNIT_GAPS_BY_LINKS as q; print(q.text, end='')"


def baseline_query(tree: Path) -> NamedQuery:
    """The UNIT_GAPS_BY_LINKS text of another tree of this project (e.g. a `git archive` of a commit)."""
    text = subprocess.run(
        [sys.executable, "-c", _PRINT_QUERY], cwd=tree, check=True, capture_output=True, text=True
    ).stdout
    return NamedQuery("unit_gaps_by_links_baseline", text)


def server_cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def page(graph: Graph, query: NamedQuery, params: dict[str, Any]) -> tuple[int, list[str]]:
    def work(tx: Any) -> tuple[int, list[str]]:
        head = run(tx, query, params)[0]
        run(tx, UNIT_ROWS, {"ids": head["ids"], "as_of": params["as_of"]})
        return head["total"], list(head["ids"])

    return graph.read_tx(work)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--kinds", default="any,contract,alliance,committee")
    args = parser.parse_args()
    plans = {"before": baseline_query(args.baseline), "after": UNIT_GAPS_BY_LINKS}
    server = bench_server("neo4j-querybench", port_offset=8)
    with running(server, keep=True) as (graph, _token):
        pid = server.pid()
        assert pid is not None
        scope = resolve_scope(graph, None)
        print(f"scope {scope.area_id} ({scope.level}); load average {os.getloadavg()}", file=sys.stderr)
        for kind in [LinkKind(k) for k in args.kinds.split(",")]:
            params = {
                "roots": scope.roots,
                "by": kind.value,
                "as_of": dt.date.today(),
                "skip": 0,
                "limit": 50,
                "kinds": None,  # every unit kind and name: the list as the API gives it unfiltered
                "q": None,
            }
            wall: dict[str, list[float]] = {name: [] for name in plans}
            cpu: dict[str, list[float]] = {name: [] for name in plans}
            answers = {name: page(graph, plan, params) for name, plan in plans.items()}  # warm-up
            assert answers["before"] == answers["after"], kind
            for _ in range(args.rounds):
                for name, plan in plans.items():
                    cpu0, t0 = server_cpu_ms(pid), time.perf_counter()
                    assert page(graph, plan, params) == answers[name]
                    wall[name].append((time.perf_counter() - t0) * 1000)
                    cpu[name].append(server_cpu_ms(pid) - cpu0)
            cells = [
                f"{name} p50 {statistics.median(wall[name]):,.0f} p95 {percentile(wall[name], 0.95):,.0f} "
                f"cpu {statistics.median(cpu[name]):,.0f}"
                for name in plans
            ]
            ratio = statistics.median(wall["after"]) / statistics.median(wall["before"])
            print(
                f"by={kind.value}: total {answers['after'][0]:,} | "
                + " | ".join(cells)
                + f" | after/before p50 {ratio:.2f} | load {os.getloadavg()[0]:.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
