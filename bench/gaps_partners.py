"""Unit gap pages with and without their suggested partners, on the query benchmark's graph.

    ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/gaps_partners.py [--runs 5]
    git archive 22e891b | tar -x -C /tmp/orglinks-partners-before
    ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/gaps_partners.py --baseline /tmp/orglinks-partners-before \\
        [--scale 100000] [--runs 5]

It runs on the server that bench/query_latency.py loaded ("neo4j-querybench"; run that first, or give
`--scale` to load that many nodes if the server's graph is empty) and times `unit_gaps` as the API calls
it, for random streets and districts (by any) and for the whole city (each kind), once with
`partners=False` and once with `partners=True`, each warmed once: wall-clock p50 and the Neo4j server's
own CPU time per call (from /proc). With `--baseline` (a `git archive` of another tree of this project)
it times instead, on the same pages, the baseline's suggested partners (its three reads, ranked here)
against this tree's `suggest_partners`, alternately, and checks that both suggest the same partners.
Not a test.
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
from bench.query_latency import AREAS_OF_LEVEL, ensure_loaded  # noqa: E402
from devtools.servers import bench_server, running  # noqa: E402
from graph.cypher import NamedQuery  # noqa: E402
from graph.driver import Graph, run  # noqa: E402
from graph.gaps import unit_gaps  # noqa: E402
from graph.matches import near_params, rank  # noqa: E402
from graph.partners import Partner, partners_of, suggest_partners  # noqa: E402
from graph.queries.gaps import LinkKind  # noqa: E402
from graph.scope import resolve_scope  # noqa: E402

_PRINT_QUERIES = (
    "from graph.queries.partners import UNIT_REGIONS; "
    "from graph.queries.matches import OFFERS, needs_query; "
    "print(UNIT_REGIONS.text + '\\0' + needs_query(True).text + '\\0' + OFFERS.text, end='')"
)

Suggest = Callable[[list[str], dt.date, list[str] | None], dict[str, list[Partner]]]


def baseline_suggest(graph: Graph, tree: Path) -> Suggest:
    """The suggested partners of another tree (a `git archive`): its reads of the units' regions, of all
    the open needs there (walking down) and of the resources near them, ranked by this tree's code."""
    text = subprocess.run(
        [sys.executable, "-c", _PRINT_QUERIES], cwd=tree, check=True, capture_output=True, text=True
    ).stdout
    regions_text, needs_text, offers_text = text.split("\0")
    regions_q = NamedQuery("partner_unit_regions_baseline", regions_text)
    needs_q = NamedQuery("match_needs_walk_baseline", needs_text)
    offers_q = NamedQuery("match_offers_baseline", offers_text)

    def suggest(unit_ids: list[str], as_of: dt.date, scope: list[str] | None) -> dict[str, list[Partner]]:
        def work(tx: Any) -> list[Any]:
            regions = [r["region"] for r in run(tx, regions_q, {"units": unit_ids})]
            if not regions:
                return []
            params = {"roots": regions, "as_of": as_of, "category": None, "scope": scope}
            needs = run(tx, needs_q, params)
            if not needs:
                return []
            return rank(needs, run(tx, offers_q, near_params(needs, as_of=as_of, scope=scope)))

        return partners_of(graph.read_tx(work), unit_ids) if unit_ids else {}

    return suggest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="calls per line (the city: at least 3)")
    parser.add_argument("--baseline", type=Path, help="a `git archive` of the tree to compare with")
    parser.add_argument("--scale", type=int, help="load about this many nodes if the graph is empty")
    args = parser.parse_args()
    rng = random.Random(1)
    today = dt.date.today()
    server = bench_server("neo4j-querybench", port_offset=8)
    with running(server, keep=True) as (graph, _token):
        if args.scale:
            print(f"graph: {ensure_loaded(graph, args.scale):,} entity nodes")
        pid = server.pid()
        assert pid is not None
        areas = {
            level: [r["id"] for r in graph.read(AREAS_OF_LEVEL, {"level": level})]
            for level in ("street", "district")
        }
        cases = [("a street", "street", LinkKind.ANY), ("a district", "district", LinkKind.ANY)]
        cases += [("the city", None, kind) for kind in LinkKind]
        if args.baseline:
            _compare(graph, pid, cases, areas, baseline_suggest(graph, args.baseline), args.runs)
            return
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


def _compare(
    graph: Graph,
    pid: int,
    cases: list[tuple[str, str | None, LinkKind]],
    areas: dict[str, list[str]],
    before: Suggest,
    runs: int,
) -> None:
    """Suggested partners of the same pages, the baseline's and this tree's, alternately."""
    rng = random.Random(2)
    today = dt.date.today()
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average {os.getloadavg()}")
    print("| page of 50 | before wall p50 ms | after | ratio | before server CPU p50 ms | after |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")

    def after(ids: list[str], as_of: dt.date, scope: list[str] | None) -> dict[str, list[Partner]]:
        return suggest_partners(graph, ids, as_of=as_of, scope=scope)

    calls: dict[str, Suggest] = {"before": before, "after": after}
    for name, level, kind in cases:
        pages = []
        for _ in range(runs if level else max(3, runs // 2)):
            scope = resolve_scope(graph, None if level is None else rng.choice(areas[level]))
            rows = unit_gaps(graph, scope, by=kind, as_of=today, skip=0, limit=50, partners=False).rows
            pages.append(([r.id for r in rows], scope.access))
        for call in calls.values():
            call(pages[0][0], today, pages[0][1])  # warm the plans
        wall: dict[str, list[float]] = {k: [] for k in calls}
        cpu: dict[str, list[float]] = {k: [] for k in calls}
        for ids, access in pages:
            answers = {}
            for key, call in calls.items():
                c0, t0 = server_cpu_ms(pid), time.perf_counter()
                answers[key] = call(ids, today, access)
                wall[key].append((time.perf_counter() - t0) * 1000)
                cpu[key].append(server_cpu_ms(pid) - c0)
            assert answers["before"] == answers["after"], f"different partners for {name}"
        w = {k: statistics.median(v) for k, v in wall.items()}
        c = {k: statistics.median(v) for k, v in cpu.items()}
        print(
            f"| {name}, by {kind.value} | {w['before']:,.0f} | {w['after']:,.0f} | "
            f"{w['before'] / max(w['after'], 0.001):,.1f}× | {c['before']:,.0f} | {c['after']:,.0f} |",
            flush=True,
        )
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
