"""Loader before/after: the same package loaded by two source trees of orglinks, alternately, into one
wiped and migrated Neo4j, with records/s and the loading process's peak RSS for each run.

    git archive <commit> | tar -x -C /tmp/orglinks-before     # the baseline tree
    ORGLINKS_TEST_SLOT=1 .venv/bin/python bench/load_ab.py --baseline /tmp/orglinks-before \\
        --package .data/perf/package-100000 [--rounds 2] [--queries] [--baseline-pure-python]

Each load runs in a child process that imports `loaders.pipeline` from its tree (so its peak RSS is
its own); with --baseline-pure-python the baseline runs with the driver's pure-Python packstream
codec, as trees from before `neo4j-rust-ext` was a dependency had it. The server is the benchmarks'
own ("neo4j-perf", port offset 6 on the slot), never the main or a test server. Not a test: nothing
here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(tree: Path, package: Path, uri: str, queries: bool) -> None:
    if os.environ.get("ORGLINKS_AB_PURE_PYTHON_CODEC"):
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # the driver falls back
    sys.path.insert(0, str(tree))
    import graph.driver as driver
    from graph.settings import Neo4jSettings
    from loaders.pipeline import load_path

    spent: dict[str, list[float]] = {}
    if queries:  # time per named query (summed over threads)
        plain = driver.Graph.write

        def timed(self: Any, query: Any, params: Any = None) -> Any:
            started = time.perf_counter()
            try:
                return plain(self, query, params)
            finally:
                entry = spent.setdefault(query.name, [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - started

        driver.Graph.write = timed  # type: ignore[method-assign]
    settings = Neo4jSettings(uri=uri, password=None, password_file=Path("/nonexistent"), query_timeout_s=600)
    graph = driver.open_graph(settings)
    started = time.perf_counter()
    result = load_path(graph, package, user="bench")
    seconds = time.perf_counter() - started
    graph.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps({"seconds": seconds, "peak_rss_mb": peak_mb, "outcome": result.outcome, "queries": spent})
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", type=Path, help="the source tree to compare with")
    parser.add_argument("--package", type=Path, help="a package folder (loaders.demo.generate)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--queries", action="store_true", help="also print the seconds of each query")
    parser.add_argument(
        "--baseline-pure-python", action="store_true", help="the baseline without the Rust codec"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        tree, package, uri = args.child
        child(Path(tree), Path(package), uri, args.queries)
        return
    if args.baseline is None or args.package is None:
        parser.error("--baseline and --package are required")

    from devtools import harness
    from devtools.reliability.common import domain_records
    from devtools.servers import bench_server, running
    from graph.migrate import migrate

    server = bench_server("neo4j-perf", port_offset=6)
    print("| tree | records | seconds | records/s | peak RSS |\n| --- | ---: | ---: | ---: | ---: |")
    with running(server, keep=True) as (graph, token):
        for _ in range(args.rounds):
            for name, tree in (("before", args.baseline.resolve()), ("after", ROOT)):
                harness.wipe(graph, token)
                migrate(graph)
                env = dict(os.environ)
                if name == "before" and args.baseline_pure_python:
                    env["ORGLINKS_AB_PURE_PYTHON_CODEC"] = "1"
                command = [sys.executable, __file__, "--child", str(tree), str(args.package.resolve())]
                command.append(server.bolt_uri)
                out = subprocess.run(
                    command + (["--queries"] if args.queries else []),
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                )
                run = json.loads(out.stdout.strip().splitlines()[-1])
                records = domain_records(graph)
                print(
                    f"| {name} | {records:,} | {run['seconds']:,.1f} | {records / run['seconds']:,.0f} | "
                    f"{run['peak_rss_mb']:,.0f} MB |",
                    flush=True,
                )
                if args.queries:
                    ranked = sorted(run["queries"].items(), key=lambda kv: -kv[1][1])
                    print("  " + ", ".join(f"{k} {v[1]:.1f}s/{v[0]}" for k, v in ranked[:12]), flush=True)


if __name__ == "__main__":
    main()
