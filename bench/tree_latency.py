"""One tree's query latencies on the running query benchmark's server, to set trees side by side.

    MAIN=$PWD; mkdir /tmp/base && git archive 40dc4c2 | tar -x -C /tmp/base
    ln -s $MAIN/.data /tmp/base/.data
    for tree in /tmp/base $MAIN /tmp/base $MAIN; do
      ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/tree_latency.py $tree --runs 30
      ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/tree_latency.py $tree --runs 20 --gaps
    done

It imports the given tree (a `git archive` of any commit of this project, or this one) and times that
tree's own functions, as its API calls them, on the server bench/query_latency.py loaded (start it with
that script's `--keep-neo4j` first). Unlike the other scripts it does not migrate the server: an older
tree would record its older schema version on it. Without `--gaps`, the lines of bench/query_latency.py
(its `query_latencies`, the same seed); with `--gaps`, unit gap pages of 50 without and with their
suggested partners on the same random streets and districts (and the city, by each kind of link).
Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any


def _open(tree: Path) -> Any:
    """The tree's graph, opened on the bench server its harness names (tests/ before devtools/ existed)."""
    sys.path.insert(0, str(tree))
    os.chdir(tree)
    os.environ.setdefault("ORGLINKS_TEST_NEO4J_HEAP", "2g")
    os.environ.setdefault("ORGLINKS_TEST_NEO4J_PAGECACHE", "1g")
    try:
        harness = importlib.import_module("devtools.harness")
    except ImportError:
        harness = importlib.import_module("tests.harness")
    local = importlib.import_module("cli.local_neo4j")
    server = local.LocalNeo4j(harness.server_settings("neo4j-querybench", port_offset=8))
    if server.pid() is None:
        sys.exit("the query benchmark's server is not running: run bench/query_latency.py --keep-neo4j")
    return importlib.import_module("graph.driver").open_graph(harness.neo4j_settings_for(server))


def _first(*names: str) -> Any:
    """The first of `module:attribute` names the tree has (modules moved between versions)."""
    for name in names:
        module, attribute = name.split(":")
        try:
            return getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError):
            continue
    raise ImportError(f"none of {names}")


def _lines(graph: Any, runs: int) -> None:
    query_latency = importlib.import_module("bench.query_latency")
    latencies = query_latency.query_latencies(graph, runs, random.Random(1), city_share=3, stats=False)
    print("| query | runs | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    for name, samples in latencies.items():
        p50, p95 = statistics.median(samples), query_latency.percentile(samples, 0.95)
        print(f"| {name} | {len(samples)} | {p50:,.1f} | {p95:,.1f} |")


def _gap_pages(graph: Any, runs: int) -> None:
    unit_gaps = _first("graph.gaps:unit_gaps", "graph.queries.gaps:unit_gaps")
    resolve_scope = _first("graph.scope:resolve_scope", "graph.queries.scope:resolve_scope")
    link_kind = _first("graph.queries.gaps:LinkKind")
    areas_of_level = _first("bench.query_latency:AREAS_OF_LEVEL")
    rng, today = random.Random(5), dt.date.today()
    areas = {
        level: [r["id"] for r in graph.read(areas_of_level, {"level": level})]
        for level in ("street", "district")
    }
    cases = [("a street, by any", "street", link_kind.ANY), ("a district, by any", "district", link_kind.ANY)]
    cases += [(f"the city, by {kind.value}", None, kind) for kind in link_kind]
    print("| page of 50 | without partners: p50 ms | with partners: p50 ms |\n| --- | ---: | ---: |")
    for name, level, kind in cases:
        picks = [
            None if level is None else rng.choice(areas[level])
            for _ in range(runs if level else max(3, runs // 4))
        ]
        medians = []
        for partners in (False, True):

            def page(area: str | None, kind: Any = kind, partners: bool = partners) -> None:
                scope = resolve_scope(graph, area)
                unit_gaps(graph, scope, by=kind, as_of=today, skip=0, limit=50, partners=partners)

            page(picks[0])  # warm the plans
            walls = []
            for area in picks:
                started = time.perf_counter()
                page(area)
                walls.append((time.perf_counter() - started) * 1000)
            medians.append(statistics.median(walls))
        print(f"| {name} | {medians[0]:,.1f} | {medians[1]:,.1f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("tree", type=Path, help="a git archive of this project (or this checkout)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--gaps", action="store_true", help="gap pages without and with partners instead")
    args = parser.parse_args()
    tree = args.tree.resolve()
    graph = _open(tree)
    print(f"{tree} at {dt.datetime.now(dt.UTC):%H:%M:%S} UTC, load average {os.getloadavg()}")
    try:
        (_gap_pages if args.gaps else _lines)(graph, args.runs)
    finally:
        graph.close()
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
