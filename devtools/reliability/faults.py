"""Fault injection: kill -9 Neo4j, the loader or the API in the middle of a load, restart, load again,
and check that nothing was lost or doubled (the graph's fingerprint equals an uninterrupted load's)
and that Neo4j's own consistency check passes. Also: while Neo4j is down the API answers 503 at once,
and it recovers by itself when Neo4j is back.

    python -m devtools.reliability.faults --trials 10 --scale 100000 [--json out.json]

Each kill point is a number of records, drawn uniformly over the load's writes; the loader runs in a
child process that reports every batch it has written (devtools/reliability/load_child.py), and the
victim is killed as soon as the load has written that many: every kill strikes while it is writing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from cli.local_neo4j import LocalNeo4j
from devtools import harness
from devtools.fingerprint import graph_fingerprint
from devtools.reliability.common import (
    SHORT_FAULT_PORT_OFFSET,
    SHORT_FAULT_SERVER,
    ApiProcess,
    LoaderChild,
    domain_nodes,
    domain_records,
    ensure_running,
    fault_server,
    reset,
    zip_package,
)
from graph.driver import Graph
from graph.errors import Conflict
from loaders.demo.generate import generate
from loaders.pipeline import load_path


@dataclass
class Trial:
    """One kill: how many records the load had written when it struck, what the store held after the
    restart, and what the reload gave."""

    victim: str
    #: The kill point drawn: kill once the load has written this many records (uniform over the writes).
    kill_point: int
    #: Records the load had reported written (committed) when the kill was sent; for the API, which
    #: reports nothing, the domain records seen in the store.
    written_at_kill: int
    #: Records the package writes in all (the loader's progress total; for the API, the store's count
    #: after an uninterrupted upload).
    written_total: int
    #: The victim was killed while the load was still writing (fewer records written than the total,
    #: and the load had not ended).
    killed_mid_write: bool
    #: Domain records (entity nodes and their relationships) in the store after the kill and restart,
    #: before the reload; and after the reload.
    records_after_kill: int
    records_after_reload: int
    reload_outcome: str
    fingerprint_equal: bool
    consistency_ok: bool | None = None
    kill_after_s: float = 0.0


@dataclass
class Outage:
    """The API while Neo4j is down and after it is back, with no restart of the API."""

    requests_while_down: int
    statuses_while_down: dict[str, int]
    slowest_503_s: float
    recovered_after_s: float
    recovered_without_restart: bool


@dataclass
class Reference:
    """An uninterrupted load: its fingerprint and size."""

    fingerprint: str
    written_total: int
    records: int
    nodes: int
    load_s: float


@dataclass
class Report:
    package_nodes: int
    package_write_rows: int
    package_records: int
    reference_load_s: float
    batch_size: int
    trials: list[Trial] = field(default_factory=list)
    outage: Outage | None = None
    outage_fast_timeouts: Outage | None = None

    def failures(self) -> list[Trial]:
        return [
            t
            for t in self.trials
            if not (t.fingerprint_equal and t.consistency_ok is not False and t.reload_outcome == "ok")
        ]


class FaultBench:
    """The fault server, a package, and the fingerprint of its uninterrupted load."""

    def __init__(
        self,
        package: Path,
        seed: int = 7,
        server: LocalNeo4j | None = None,
        batch_size: int = 1_000,
        *,
        reference: bool = True,
    ) -> None:
        self.server: LocalNeo4j = server or fault_server()
        self.token = ensure_running(self.server)
        self.graph: Graph = harness.open_test_graph(self.server)
        self.package = package
        self.batch_size = batch_size
        self.rng = random.Random(seed)
        self._reference: Reference | None = None
        self._upload_reference: Reference | None = None
        if reference:
            self.reference()

    def reference(self) -> Reference:
        """The uninterrupted load of the package by the same child loader the trials kill."""
        if self._reference is None:
            reset(self.graph, self.token)
            started = time.monotonic()
            loader = LoaderChild(self.server, self.package, self.batch_size)
            if loader.finish() != 0 or loader.total is None:
                raise RuntimeError(f"the reference load failed with outcome {loader.outcome}")
            self._reference = Reference(
                graph_fingerprint(self.graph, run_fields=False),
                loader.total,
                domain_records(self.graph),
                domain_nodes(self.graph),
                round(time.monotonic() - started, 2),
            )
        return self._reference

    @property
    def nodes(self) -> int:
        return self.reference().nodes

    def close(self) -> None:
        self.graph.close()

    def bearer(self) -> dict[str, str]:
        """An Authorization header of a global admin on the fault server (created if missing)."""
        with contextlib.suppress(Conflict):
            create_user(self.graph, None, username="faults", role=Role.ADMIN, area_id=None)
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
        token = issue_token(self.graph, "faults", TokenKind.BEARER, expires=expires)
        return {"Authorization": f"Bearer {token.token}"}

    def _restart_neo4j(self) -> None:
        if self.server.pid() is None:
            self.server.start()

    def check_store(self) -> bool:
        """Stop Neo4j cleanly, run its consistency check on the store, start it again."""
        self.server.stop()
        try:
            check = self.server.check_consistency()
        finally:
            self.server.start()
        if not check.ok:
            print(check.output, file=sys.stderr)
        return check.ok

    def kill_point(self, total: int) -> int:
        """A number of records, uniform over the write phase, at which the load is killed. The loader
        reports after each batch, so the report that crosses it comes at most a batch later: drawing
        from 1 to total - batch keeps every kill before the last batch is written."""
        return self.rng.randint(1, max(1, total - self.batch_size))

    def _kill_during_load(self, victim: str, kill: Callable[[LoaderChild], None]) -> Trial:
        reference = self.reference()
        reset(self.graph, self.token)
        point = self.kill_point(reference.written_total)
        started = time.monotonic()
        loader = LoaderChild(self.server, self.package, self.batch_size)
        reached = loader.await_written(point)
        written = loader.written
        mid_write = reached and loader.alive() and written < reference.written_total
        kill(loader)
        after_s = time.monotonic() - started
        loader.finish(timeout_s=120)
        self._restart_neo4j()
        records_after = domain_records(self.graph)
        result = load_path(self.graph, self.package, batch_size=self.batch_size, user="faults")
        equal = graph_fingerprint(self.graph, run_fields=False) == reference.fingerprint
        return Trial(
            victim,
            point,
            written,
            reference.written_total,
            mid_write,
            records_after,
            domain_records(self.graph),
            result.outcome,
            equal,
            kill_after_s=round(after_s, 2),
        )

    def neo4j_kill(self, check: bool = True) -> Trial:
        """kill -9 Neo4j once the load has written a random number of records; restart (recovery),
        reload, compare, check the store."""
        trial = self._kill_during_load("neo4j", lambda _loader: self.server.kill())
        if check:
            trial.consistency_ok = self.check_store()
        return trial

    def loader_kill(self) -> Trial:
        """kill -9 the loader once it has written a random number of records; load again, compare."""
        return self._kill_during_load("loader", lambda loader: loader.kill())

    def _upload(self, base_url: str, upload: Path, headers: dict[str, str]) -> httpx.Response:
        with upload.open("rb") as body:
            files = {"file": (upload.name, body, "application/zip")}
            return httpx.post(f"{base_url}/api/imports", files=files, headers=headers, timeout=1800)

    def upload_reference(self, upload: Path) -> Reference:
        """An uninterrupted upload of `upload` (records name their source file, and an upload's files
        are named inside its .zip, so its fingerprint differs from a folder's load)."""
        if self._upload_reference is None:
            reset(self.graph, self.token)
            headers = self.bearer()
            api = ApiProcess(self.server)
            started = time.monotonic()
            try:
                answer = self._upload(api.base_url, upload, headers)
            finally:
                api.stop()
            if answer.status_code != 200:
                raise RuntimeError(f"the reference upload failed: {answer.status_code} {answer.text[:300]}")
            records = domain_records(self.graph)
            self._upload_reference = Reference(
                graph_fingerprint(self.graph, run_fields=False),
                records,
                records,
                domain_nodes(self.graph),
                round(time.monotonic() - started, 2),
            )
        return self._upload_reference

    def api_kill(self, upload: Path) -> Trial:
        """kill -9 the API while it loads an upload, once the store holds a random number of the
        upload's records; start it again, upload again, compare."""
        reference = self.upload_reference(upload)
        reset(self.graph, self.token)
        headers = self.bearer()
        # The API reports no progress: the store is polled, and the kill point kept below 90 % of
        # the records so that a poll sees it before the upload ends.
        point = self.rng.randint(1, max(1, int(0.9 * reference.records)))
        api = ApiProcess(self.server)
        answers: list[httpx.Response | httpx.HTTPError] = []

        def post() -> None:
            try:
                answers.append(self._upload(api.base_url, upload, headers))
            except httpx.HTTPError as exc:
                answers.append(exc)

        started = time.monotonic()
        sender = threading.Thread(target=post)
        sender.start()
        written = domain_records(self.graph)
        while written < point and sender.is_alive():
            time.sleep(0.1)
            written = domain_records(self.graph)
        mid_write = sender.is_alive() and written < reference.records
        api.kill()
        after_s = time.monotonic() - started
        sender.join()
        if mid_write and not isinstance(answers[0], httpx.HTTPError):
            raise AssertionError("the killed API still acknowledged the upload")
        records_after = domain_records(self.graph)
        again = ApiProcess(self.server)
        try:
            answer = self._upload(again.base_url, upload, headers)
        finally:
            again.stop()
        outcome = answer.json().get("outcome", f"HTTP {answer.status_code}")
        equal = graph_fingerprint(self.graph, run_fields=False) == reference.fingerprint
        return Trial(
            "api",
            point,
            written,
            reference.records,
            mid_write,
            records_after,
            domain_records(self.graph),
            outcome,
            equal,
            kill_after_s=round(after_s, 2),
        )

    def outage(self, probes: int = 20, **env: str) -> Outage:
        """Neo4j killed under a running API: every request gets a quick 503; then it comes back alone."""
        headers = self.bearer()
        api = ApiProcess(self.server, env=env)
        paths = ["/api/health", "/api/search?q=%E7%A4%BE%E5%8C%BA", "/api/stats"]
        try:
            for path in paths:
                httpx.get(api.base_url + path, headers=headers, timeout=30)
            self.server.kill()
            statuses: dict[str, int] = {}
            slowest = 0.0
            for i in range(probes):
                started = time.monotonic()
                status = httpx.get(
                    api.base_url + paths[i % len(paths)], headers=headers, timeout=60
                ).status_code
                slowest = max(slowest, time.monotonic() - started)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
            self.server.start()
            back = time.monotonic()
            recovered = False
            while time.monotonic() - back < 120:
                if all(
                    httpx.get(api.base_url + p, headers=headers, timeout=60).status_code == 200 for p in paths
                ):
                    recovered = True
                    break
                time.sleep(0.25)
            pid_same = api.process.poll() is None
            return Outage(
                probes, statuses, round(slowest, 3), round(time.monotonic() - back, 2), recovered and pid_same
            )
        finally:
            api.stop()


def run(
    trials: int,
    scale: int,
    seed: int,
    work: Path,
    victims: set[str],
    server: LocalNeo4j | None = None,
    *,
    loader_trials: int | None = None,
    api_trials: int | None = None,
    api_scale: int | None = None,
    batch_size: int = 1_000,
    out: Path | None = None,
) -> Report:
    package = work / "package"
    generate(scale, package, seed=1)
    folder_runs = bool(victims & {"neo4j", "loader"})
    bench = FaultBench(package, seed, server, batch_size, reference=folder_runs)
    ref = bench.reference() if folder_runs else None
    report = Report(
        ref.nodes if ref else 0,
        ref.written_total if ref else 0,
        ref.records if ref else 0,
        ref.load_s if ref else 0.0,
        batch_size,
    )
    print(f"reference: {json.dumps(asdict(report))}", flush=True)
    loaders = max(3, trials // 3) if loader_trials is None else loader_trials
    apis = max(3, trials // 3) if api_trials is None else api_trials
    try:
        for i in range(trials if "neo4j" in victims else 0):
            report.trials.append(bench.neo4j_kill())
            _progress(i, report, out)
        for i in range(loaders if "loader" in victims else 0):
            report.trials.append(bench.loader_kill())
            _progress(i, report, out)
        if "api" in victims and apis:
            api_package = package
            if api_scale is not None and api_scale != scale:
                api_package = work / "api-package"
                generate(api_scale, api_package, seed=1)
            upload = zip_package(api_package, work / "package.zip")
            for i in range(apis):
                report.trials.append(bench.api_kill(upload))
                _progress(i, report, out)
        if report.trials and report.trials[-1].consistency_ok is None:
            report.trials[-1].consistency_ok = bench.check_store()
            print(f"consistency check after the last trial: {report.trials[-1].consistency_ok}", flush=True)
            _progress(None, report, out)
        if "outage" in victims:
            report.outage = bench.outage()
            report.outage_fast_timeouts = bench.outage(NEO4J_CONNECTION_TIMEOUT_S="1")
    finally:
        bench.close()
    return report


def _progress(i: int | None, report: Report, out: Path | None) -> None:
    trial = report.trials[-1]
    if i is not None:
        print(f"{trial.victim} trial {i + 1}: {json.dumps(asdict(trial))}", flush=True)
    if out is not None:  # what is done so far survives a run that is stopped
        out.write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False), encoding="utf-8")


def _outage_only(out: Path | None) -> int:
    with tempfile.TemporaryDirectory(prefix="orglinks-faults-") as work:
        package = Path(work) / "package"
        generate(1_000, package, seed=1)
        server = fault_server(SHORT_FAULT_SERVER, SHORT_FAULT_PORT_OFFSET)
        bench = FaultBench(package, server=server, reference=False)
        try:
            figures = {
                "default_timeouts": asdict(bench.outage()),
                "connection_timeout_1s": asdict(bench.outage(NEO4J_CONNECTION_TIMEOUT_S="1")),
            }
        finally:
            bench.close()
            bench.server.stop()
    text = json.dumps(figures, indent=2)
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")
    return 0 if all(o["recovered_without_restart"] for o in figures.values()) else 1


def table(figures: dict[str, Any]) -> str:
    """The trials of a run's JSON as the Markdown table of docs/reliability.md."""
    lines = [
        "| # | victim | kill point (records) | written at the kill | of | in store after the kill"
        " | reload | fingerprint = reference | consistency check |",
        "| ---: | --- | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    check = {True: "pass", False: "**FAIL**", None: "—"}
    for i, t in enumerate(figures["trials"], 1):
        written = f"{t['written_at_kill']:,}" + ("" if t["killed_mid_write"] else " (load had ended)")
        lines.append(
            f"| {i} | {t['victim']} | {t['kill_point']:,} | {written} | {t['written_total']:,}"
            f" | {t['records_after_kill']:,} | {t['reload_outcome']}"
            f" | {'yes' if t['fingerprint_equal'] else '**no**'} | {check[t['consistency_ok']]} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--trials", type=int, default=10, help="Neo4j kills (loader and API kills: a third, at least 3)"
    )
    parser.add_argument("--scale", type=int, default=5_000, help="about how many nodes the package has")
    parser.add_argument("--seed", type=int, default=7, help="seed of the random kill points")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument(
        "--victims", default="neo4j,loader,api,outage", help="which runs: neo4j, loader, api, outage"
    )
    parser.add_argument(
        "--short-server", action="store_true", help="use the short runs' Neo4j (.data/neo4j-faults-ci-<slot>)"
    )
    parser.add_argument(
        "--server",
        metavar="NAME:OFFSET",
        help="another Neo4j of this slot: home .data/NAME-<slot>, ports OFFSET above the test server's",
    )
    parser.add_argument("--outage-only", action="store_true", help="only the Neo4j-down / recovery runs")
    parser.add_argument(
        "--table", type=Path, help="print the trials of this run's JSON as Markdown; run nothing"
    )
    parser.add_argument(
        "--loader-trials", type=int, help="loader kills (default: a third of --trials, at least 3)"
    )
    parser.add_argument("--api-trials", type=int, help="API kills (default: a third of --trials, at least 3)")
    parser.add_argument("--api-scale", type=int, help="package size of the API uploads (default: --scale)")
    parser.add_argument(
        "--batch-size", type=int, default=5_000, help="the loads' batch size (the loader's default)"
    )
    args = parser.parse_args(argv)
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))))
        return 0
    if args.outage_only:
        return _outage_only(args.json)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="orglinks-faults-") as work:
        short = fault_server(SHORT_FAULT_SERVER, SHORT_FAULT_PORT_OFFSET)
        if args.server:
            name, offset = args.server.rsplit(":", 1)
            short = fault_server(name, int(offset))
        report = run(
            args.trials,
            args.scale,
            args.seed,
            Path(work),
            set(args.victims.split(",")),
            short if args.short_server or args.server else None,
            loader_trials=args.loader_trials,
            api_trials=args.api_trials,
            api_scale=args.api_scale,
            batch_size=args.batch_size,
            out=args.json,
        )
    figures = {
        **asdict(report),
        "wall_s": round(time.monotonic() - started, 1),
        "failures": len(report.failures()),
    }
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    outage_failed = report.outage is not None and not report.outage.recovered_without_restart
    return 1 if report.failures() or outage_failed else 0


if __name__ == "__main__":
    sys.exit(main())
