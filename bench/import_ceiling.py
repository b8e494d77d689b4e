"""The offline route's ceiling: how fast could a first load go if it skipped Bolt and used Neo4j's own
offline importer (`neo4j-admin database import full`) into an empty database?

    ORGLINKS_TEST_SLOT=5 .venv/bin/python bench/import_ceiling.py [--scale 1000000] [--json FILE]

It times, on a generated package, each stage such a load could not skip, with the wall-clock and CPU
seconds of each:

1. read and validate the package (the product's own `loaders.validate`);
2. write the importer's CSV files: every node with the properties the loader writes (its columns,
   search keys and provenance), every relationship with its own;
3. `neo4j-admin database import full` of those files into a stopped server's database;
4. start the server;
5. create the schema's constraints and indexes and wait until they are online (`graph.migrate`):
   until then the graph has no key constraints and search finds nothing.

and reports the records per second of the whole route, and of the route with stage 2 taken as free.
It runs on its own server ("neo4j-importceiling": port offset 9 on the slot), whose database it
overwrites; never on the main or a test server. Not a test, and not a loader: nothing here is used by
the product.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gaps_ab import server_cpu_ms  # noqa: E402
from bench.load_throughput import _record_rels  # noqa: E402
from cli.local_neo4j import ADMIN_TOOL, CONF_DIR, LIB_DIR, LocalNeo4j  # noqa: E402
from devtools import harness  # noqa: E402
from devtools.reliability.common import domain_records  # noqa: E402
from devtools.servers import bench_server  # noqa: E402
from graph.migrate import migrate  # noqa: E402
from graph.schema import Label  # noqa: E402
from graph.settings import PROJECT_ROOT  # noqa: E402
from loaders.demo.generate import generate  # noqa: E402
from loaders.package import Package  # noqa: E402
from loaders.read import read_package  # noqa: E402
from loaders.records import node_props  # noqa: E402
from loaders.tables import TABLES  # noqa: E402
from loaders.validate import validate  # noqa: E402

SERVER, PORT_OFFSET = "neo4j-importceiling", 9
IMPORT_TIMEOUT_S = 3600.0


class Stages:
    """Wall-clock and CPU seconds of each stage, in order."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    @contextmanager
    def stage(self, name: str, cpu: Callable[[], float]) -> Iterator[None]:
        cpu0, wall0 = cpu(), time.perf_counter()
        yield
        wall, used = time.perf_counter() - wall0, cpu() - cpu0
        self.rows.append({"stage": name, "seconds": wall, "cpu_seconds": used})
        print(f"  {name}: {wall:,.1f} s wall, {used:,.1f} s CPU", file=sys.stderr, flush=True)


def own_cpu() -> float:
    return time.process_time()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list | tuple):
        return "string[]"
    return "string"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write_csv(path: Path, head: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(head)
        writer.writerows(rows)


def write_import_files(package: Package, folder: Path) -> list[str]:
    """The importer's CSV files for a validated package; returns its --nodes/--relationships options."""
    load = {"load_id": "import-ceiling", "loaded_at": dt.datetime.now(dt.UTC)}
    options: list[str] = []
    for table in (t for t in TABLES if t.label is not None):
        label = table.label
        assert label is not None
        nodes = []
        for record in package.valid_records(table):
            origin = record.origin
            prov = {"src_file": origin.file, "src_sheet": origin.sheet, "src_row": origin.row}
            nodes.append({"id": record.id, **node_props(record), **prov, **load})
        types: dict[str, str] = {}
        for props in nodes:
            for key, value in props.items():
                if value is not None:
                    types.setdefault(key, _type_of(value))
        head = ["id:ID" if key == "id" else f"{key}:{kind}" for key, kind in types.items()] + [":LABEL"]
        labels = f"{Label.ENTITY};{label}"
        path = folder / f"nodes-{table.key}.csv"
        _write_csv(path, head, [[_cell(props.get(key)) for key in types] + [labels] for props in nodes])
        options.append(f"--nodes={path}")
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for table in TABLES:
        for record in package.valid_records(table):
            origin = record.origin
            prov = {"src_file": origin.file, "src_sheet": origin.sheet, "src_row": origin.row}
            for rel, src, dst, props in _record_rels(table, record):
                by_type.setdefault(str(rel), []).append((src, dst, {**props, **prov, **load}))
    for rel_type, rels in by_type.items():
        types = {}
        for _, _, props in rels:
            for key, value in props.items():
                if value is not None:
                    types.setdefault(key, _type_of(value))
        head = [":START_ID", ":END_ID"] + [f"{key}:{kind}" for key, kind in types.items()] + [":TYPE"]
        path = folder / f"rels-{rel_type}.csv"
        rows = [[src, dst] + [_cell(props.get(k)) for k in types] + [rel_type] for src, dst, props in rels]
        _write_csv(path, head, rows)
        options.append(f"--relationships={path}")
    return options


def run_import(server: LocalNeo4j, options: list[str]) -> None:
    home = server.home
    extra = home / "run" / "admin.conf"
    extra.parent.mkdir(parents=True, exist_ok=True)
    dirs = {f"server.directories.{sub}": home / sub for sub in ("data", "logs", "run")}
    extra.write_text("".join(f"{key}={value}\n" for key, value in dirs.items()), encoding="utf-8")
    command = ["java", "-Xmx2g", "-cp", f"{LIB_DIR}/*", ADMIN_TOOL, "database", "import", "full", "neo4j"]
    command += [f"--additional-config={extra}", "--overwrite-destination=true", "--array-delimiter=;"]
    command += ["--threads=2", f"--report-file={home / 'logs' / 'import.report'}", *options]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(CONF_DIR)}
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=IMPORT_TIMEOUT_S, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"neo4j-admin import failed ({result.returncode}):\n{result.stdout[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1_000_000, help="nodes in the generated package")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    package_dir = PROJECT_ROOT / ".data" / "bench" / f"package-{args.scale}"
    if not (package_dir / "projects.csv").exists():
        print(f"generating a package of about {args.scale:,} nodes into {package_dir}", file=sys.stderr)
        generate(args.scale, package_dir)
    server = bench_server(SERVER, PORT_OFFSET)
    server.stop()
    folder = server.home / "import-files"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    stages = Stages()
    try:
        with stages.stage("read and validate", own_cpu):
            validated = validate(read_package(package_dir), None)
        with validated:
            if validated.all_problems():
                raise SystemExit("the generated package should be valid")
            with stages.stage("write the importer's CSV (properties, search keys, provenance)", own_cpu):
                options = write_import_files(validated, folder)
        with stages.stage("neo4j-admin database import full", children_cpu):
            run_import(server, options)

        def server_cpu() -> float:
            pid = server.pid()
            return 0.0 if pid is None else server_cpu_ms(pid) / 1000

        with stages.stage("start the server", server_cpu):
            server.start()
        graph = harness.open_test_graph(server)
        try:
            with stages.stage("constraints and indexes online", server_cpu):
                migrate(graph)
            records = domain_records(graph)
        finally:
            graph.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    total = sum(row["seconds"] for row in stages.rows)
    without_csv = total - stages.rows[1]["seconds"]
    cpu = sum(row["cpu_seconds"] for row in stages.rows)
    print(f"\nPackage: {package_dir.name}, {records:,} records, slot {harness.slot()}\n")
    print("| stage | seconds | CPU seconds |")
    print("| --- | ---: | ---: |")
    for row in stages.rows:
        print(f"| {row['stage']} | {row['seconds']:,.1f} | {row['cpu_seconds']:,.1f} |")
    print(f"| **whole route** | **{total:,.1f}** | {cpu:,.1f} |")
    whole, free_csv = records / total, records / without_csv
    print(f"\nrecords/s: {whole:,.0f} for the whole route, {free_csv:,.0f} with the CSV stage free")
    if args.json:
        result = {"scale": args.scale, "records": records, "stages": stages.rows, "seconds": total}
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
