"""Loading benchmark: the loader's throughput on a generated package (records = nodes + relationships
written, per second) and its peak memory, side by side with three others on the same data: a naive
writer sending one auto-committed query per row, Neo4j's own LOAD CSV (thinner rows: no search keys,
no provenance), and bare CREATE (the loader's own validated rows, search keys and provenance built as
the loader builds them, sent as `UNWIND … CREATE` with two node writers, no lookups and no outcomes:
what writing exactly these rows over Bolt costs at the least).

    ORGLINKS_TEST_SLOT=2 .venv/bin/python bench/load_throughput.py [--scale 1000000] [--naive-seconds 120] \
        [--methods loader,bare-create,per-row,load-csv]

It runs on its own Neo4j ("neo4j-bench", the test harness's settings with port offset 7 on the slot,
wiped between methods), never on the main server or a test server. Not a test: nothing here asserts.
The per-row writer is time-boxed (nodes for half the budget, then the relationships between them):
its rate does not depend on the package size, and a million rows would take it hours.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from neo4j import Query

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cli.local_neo4j import LocalNeo4j  # noqa: E402
from devtools import harness  # noqa: E402
from devtools.queries import bench_load as q  # noqa: E402
from devtools.reliability.common import domain_records  # noqa: E402
from devtools.servers import bench_server, running  # noqa: E402
from graph.driver import Graph  # noqa: E402
from graph.migrate import migrate  # noqa: E402
from graph.schema import Rel, relationship_id  # noqa: E402
from graph.settings import PROJECT_ROOT  # noqa: E402
from loaders.demo.generate import generate  # noqa: E402
from loaders.tables import TABLES, Table  # noqa: E402

REF_KINDS = ("ref", "refs", "id")
LOAD_CSV_TIMEOUT_S = 7200.0
BENCH_SERVER, BENCH_PORT_OFFSET = "neo4j-bench", 7


def fresh(graph: Graph, token: str) -> None:
    """Empty the bench database (only if the harness owns it), then migrate."""
    harness.wipe(graph, token)
    migrate(graph)


def node_props(table: Table) -> tuple[tuple[str, str], ...]:
    return tuple((c.prop, c.key) for c in table.columns if c.prop and c.kind not in REF_KINDS)


def rows_of(package: Path, table: Table) -> Any:
    with (package / f"{table.key}.csv").open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


# --- the loader, in a child process so that its peak RSS is its own ---------------------------------
def child_load(package: Path) -> None:
    from loaders.pipeline import load_path

    server = bench_server(BENCH_SERVER, BENCH_PORT_OFFSET)
    graph = harness.open_test_graph(server)
    started = time.perf_counter()
    result = load_path(graph, package, user="bench")
    seconds = time.perf_counter() - started
    graph.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_kb / 1024, "outcome": result.outcome}))


def run_loader(graph: Graph, package: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child-load", str(package)],
        check=True,
        capture_output=True,
        text=True,
    )
    child = json.loads(out.stdout.strip().splitlines()[-1])
    records = domain_records(graph)
    return {"method": "orglinks loader", "records": records, **child}


# --- one query per row ------------------------------------------------------------------------------
def run_per_row(graph: Graph, package: Path, budget_s: float) -> dict[str, Any]:
    written: set[str] = set()
    records = 0
    started = time.perf_counter()
    deadline = started + budget_s / 2
    for table in (t for t in TABLES if t.label is not None):
        assert table.label is not None
        props = node_props(table)
        for row in rows_of(package, table):
            if time.perf_counter() > deadline:
                break
            values = {prop: row[col] for prop, col in props if row.get(col)}
            graph.write(q.per_row_node(table.label), {"id": row["id"], "props": values})
            written.add(row["id"])
            records += 1
    deadline = time.perf_counter() + budget_s / 2
    for table in TABLES:
        for row in rows_of(package, table):
            if time.perf_counter() > deadline:
                break
            for rel, src, dst, rel_id, rel_props in _row_rels(table, row):
                if src in written and dst in written:
                    params = {"src": src, "dst": dst, "id": rel_id, "props": rel_props}
                    graph.write(q.per_row_rel(rel), params)
                    records += 1
    seconds = time.perf_counter() - started
    return {"method": "one query per row", "records": records, "seconds": seconds}


RowRel = tuple[Rel, str, str, str, dict[str, str]]


def _row_rels(table: Table, row: dict[str, str]) -> list[RowRel]:
    if table.link is not None:
        props = {c.prop: row[c.key] for c in table.columns if c.prop and row.get(c.key)}
        rel_id = relationship_id([row.get(k, "") for k in table.link_key])
        return [(table.link, row[table.link_src], row[table.link_dst], rel_id, props)]
    rels: list[RowRel] = []
    for column in (c for c in table.columns if c.rel is not None and row.get(c.key)):
        assert column.rel is not None
        for ref in row[column.key].split(";") if column.kind == "refs" else [row[column.key]]:
            src, dst = (row["id"], ref) if column.outgoing else (ref, row["id"])
            rels.append((column.rel, src, dst, "", {}))
    return rels


# --- bare CREATE of the loader's rows ------------------------------------------------------------------
def run_bare_create(graph: Graph, package: Path, batch_size: int = 10_000) -> dict[str, Any]:
    """Bare CREATE of the loader's rows (validated first, untimed), nodes two batches at a time."""
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    from loaders.read import read_package
    from loaders.records import node_props
    from loaders.validate import validate
    from loaders.write import Writer

    prov = Writer(graph, "bench-bare-create", batch_size).prov
    with validate(read_package(package), None) as validated:
        started = time.perf_counter()

        with ThreadPoolExecutor(2) as pool:
            in_flight: deque[Future[Any]] = deque()
            for table in (t for t in TABLES if t.label is not None):
                assert table.label is not None
                query, rows = q.create_nodes(table.label), []
                for record in validated.valid_records(table):
                    rows.append({"props": {"id": record.id, **node_props(record)}, "prov": prov(record)})
                    if len(rows) >= batch_size:
                        in_flight.append(pool.submit(graph.write, query, {"rows": rows}))
                        rows = []
                    while len(in_flight) >= 2:
                        in_flight.popleft().result()
                if rows:
                    in_flight.append(pool.submit(graph.write, query, {"rows": rows}))
            while in_flight:
                in_flight.popleft().result()
        for table in TABLES:
            groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
            for record in validated.valid_records(table):
                for rel, src, dst, props in _record_rels(table, record):
                    labels = (rel, validated.label_of(src), validated.label_of(dst))
                    groups.setdefault(labels, []).append(
                        {"src": src, "dst": dst, "props": props, "prov": prov(record)}
                    )
            for (rel, src_label, dst_label), rows in groups.items():
                for start in range(0, len(rows), batch_size):
                    graph.write(
                        q.create_rels(rel, src_label, dst_label), {"rows": rows[start : start + batch_size]}
                    )
        seconds = time.perf_counter() - started
    return {
        "method": "bare CREATE of the loader's rows",
        "records": domain_records(graph),
        "seconds": seconds,
    }


def _record_rels(table: Table, record: Any) -> list[tuple[Rel, str, str, dict[str, Any]]]:
    if table.link is not None:
        src, dst = record.ref(table.link_src).target, record.ref(table.link_dst).target
        return [(table.link, src, dst, {"id": record.id, **record.props})]
    rels = []
    for ref in record.refs:
        rel = ref.column.rel
        src, dst = (record.id, ref.target) if ref.column.outgoing else (ref.target, record.id)
        rels.append((rel, src, dst, {}))
    return rels


# --- LOAD CSV ---------------------------------------------------------------------------------------
def run_load_csv(graph: Graph, server: LocalNeo4j, package: Path) -> dict[str, Any]:
    folder = server.home / "import" / package.name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(package, folder)

    def url(table: Table) -> str:
        return f"file:///{package.name}/{table.key}.csv"

    statements = [
        (q.load_csv_nodes(table.label, node_props(table)), url(table))
        for table in TABLES
        if table.label is not None
    ]
    for table in TABLES:
        if table.link is not None:
            props = tuple((c.prop, c.key) for c in table.columns if c.prop)
            query = q.load_csv_links(table.link, table.link_src, table.link_dst, table.link_key, props)
            statements.append((query, url(table)))
            continue
        for column in (c for c in table.columns if c.rel is not None):
            assert column.rel is not None
            query = q.load_csv_refs(column.rel, column.key, column.outgoing, column.kind == "refs")
            statements.append((query, url(table)))
    started = time.perf_counter()
    with graph.driver.session(database=graph.database) as session:
        for query, file_url in statements:
            # CALL IN TRANSACTIONS runs only in an auto-commit transaction; give it more than the
            # server's default 60 s.
            session.run(Query(query.text, timeout=LOAD_CSV_TIMEOUT_S), {"url": file_url}).consume()
    seconds = time.perf_counter() - started
    shutil.rmtree(folder, ignore_errors=True)
    return {"method": "Neo4j LOAD CSV", "records": domain_records(graph), "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1_000_000, help="nodes in the generated package")
    parser.add_argument("--naive-seconds", type=float, default=120.0, help="time box of the per-row writer")
    parser.add_argument("--keep-neo4j", action="store_true", help="leave the bench Neo4j running")
    parser.add_argument(
        "--methods", default="loader,bare-create,per-row,load-csv", help="which methods to run, in this order"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child-load", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_load:
        child_load(args.child_load)
        return
    package = PROJECT_ROOT / ".data" / "bench" / f"package-{args.scale}"
    if not (package / "projects.csv").exists():
        print(f"generating a package of about {args.scale:,} nodes into {package}", file=sys.stderr)
        generate(args.scale, package)
    server = bench_server(BENCH_SERVER, BENCH_PORT_OFFSET)
    with running(server, keep=args.keep_neo4j) as (graph, token):
        results = []
        for name in args.methods.split(","):
            print(f"{name}…", file=sys.stderr)
            fresh(graph, token)
            if name == "loader":
                results.append(run_loader(graph, package))
            elif name == "per-row":
                results.append(run_per_row(graph, package, args.naive_seconds))
            elif name == "load-csv":
                results.append(run_load_csv(graph, server, package))
            elif name == "bare-create":
                results.append(run_bare_create(graph, package))
            else:
                parser.error(f"unknown method {name}")
            print(f"  {json.dumps(results[-1])}", file=sys.stderr, flush=True)
    per_row = next((r for r in results if r["method"] == "one query per row"), None)
    per_row_rate = per_row["records"] / per_row["seconds"] if per_row else float("nan")
    print(f"\nPackage: {package.name}, {args.scale:,} nodes asked, slot {harness.slot()}\n")
    print("| method | records | seconds | records/s | × per-row | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        rate = r["records"] / r["seconds"]
        rss = f"{r['peak_rss_mb']:,.0f} MB" if "peak_rss_mb" in r else ""
        r["records_per_s"] = rate
        print(
            f"| {r['method']} | {r['records']:,} | {r['seconds']:,.1f} | {rate:,.0f} | "
            f"{rate / per_row_rate:,.1f} | {rss} |"
        )
    if args.json:
        args.json.write_text(json.dumps({"scale": args.scale, "results": results}, indent=2))


if __name__ == "__main__":
    main()
