"""A load in a child process that tells its parent how far it has got, so the parent can kill -9 it
(or Neo4j) when a chosen number of records has been written.

    python -m devtools.reliability.load_child PACKAGE [--batch-size N]

stdout, one line each: `write DONE TOTAL` after every batch written (the loader's own progress,
`load_path(..., on_progress=...)`), then `outcome OK|PARTIAL|REJECTED`. Neo4j comes from the
environment (NEO4J_URI, ...), as for `orglinks load`. Exit code 0 when the load is "ok".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.driver import open_graph
from graph.settings import Neo4jSettings
from loaders.pipeline import load_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("package", type=Path)
    parser.add_argument("--batch-size", type=int, default=1_000)
    args = parser.parse_args(argv)
    out = sys.stdout

    def report(stage: str, done: int, total: int | None) -> None:
        if stage == "write":
            out.write(f"write {done} {total}\n")
            out.flush()

    graph = open_graph(Neo4jSettings())
    try:
        result = load_path(graph, args.package, batch_size=args.batch_size, user="faults", on_progress=report)
    finally:
        graph.close()
    out.write(f"outcome {result.outcome}\n")
    out.flush()
    return 0 if result.outcome == "ok" else 3


if __name__ == "__main__":
    sys.exit(main())
