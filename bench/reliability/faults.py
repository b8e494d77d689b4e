"""Fault injection: kill -9 Neo4j, the loader or the API in the middle of a load, restart, load again,
and check that nothing was lost or doubled (the graph's fingerprint equals an uninterrupted load's)
and that Neo4j's own consistency check passes. Also: while Neo4j is down the API answers 503 at once,
and it recovers by itself when Neo4j is back.

    python -m bench.reliability.faults --trials 10 [--scale 20000] [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from api.security.accounts import create_user
from api.security.principal import Role, TokenKind
from api.security.tokens import issue_token
from bench.reliability.common import (
    SHORT_FAULT_PORT_OFFSET,
    SHORT_FAULT_SERVER,
    ApiProcess,
    domain_nodes,
    ensure_running,
    fault_server,
    loader_process,
    reset,
    zip_package,
)
from cli.local_neo4j import LocalNeo4j
from graph.driver import Graph
from graph.errors import Conflict
from loaders.demo.generate import generate
from loaders.fingerprint import graph_fingerprint
from loaders.pipeline import load_path
from tests import harness


@dataclass
class Trial:
    """One kill: when it struck, what the store held then, and what the reload gave."""

    victim: str
    kill_after_s: float
    killed_mid_load: bool
    nodes_at_kill: int
    reload_outcome: str
    fingerprint_equal: bool
    consistency_ok: bool | None = None


@dataclass
class Outage:
    """The API while Neo4j is down and after it is back, with no restart of the API."""

    requests_while_down: int
    statuses_while_down: dict[str, int]
    slowest_503_s: float
    recovered_after_s: float
    recovered_without_restart: bool


@dataclass
class Report:
    package_nodes: int
    reference_load_s: float
    reference_write_s: float
    trials: list[Trial] = field(default_factory=list)
    outage: Outage | None = None
    outage_fast_timeouts: Outage | None = None

    def failures(self) -> list[Trial]:
        return [t for t in self.trials if not (t.fingerprint_equal and t.consistency_ok is not False)]


class FaultBench:
    """The fault server, a package, and the fingerprint of its uninterrupted load."""

    def __init__(self, package: Path, seed: int = 7, server: LocalNeo4j | None = None) -> None:
        self.server: LocalNeo4j = server or fault_server()
        self.token = ensure_running(self.server)
        self.graph: Graph = harness.open_test_graph(self.server)
        self.package = package
        self.rng = random.Random(seed)
        reset(self.graph, self.token)
        started = time.monotonic()
        loader = loader_process(self.server, package)
        _await_writes(self.graph, loader.poll)
        writing = time.monotonic()
        if loader.wait() != 0:
            raise RuntimeError(f"the reference load failed with exit code {loader.returncode}")
        self.load_s = time.monotonic() - started
        #: From the first domain node written to the end: the window the kills are spread over.
        self.write_s = time.monotonic() - writing
        self.reference = graph_fingerprint(self.graph, run_fields=False)
        self.nodes = domain_nodes(self.graph)
        self._upload_reference: str | None = None

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

    def _reload_and_compare(self) -> tuple[str, bool]:
        result = load_path(self.graph, self.package, user="faults")
        return result.outcome, graph_fingerprint(self.graph, run_fields=False) == self.reference

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

    def _kill_during_load(self, victim: str, kill: Callable[[subprocess.Popen[bytes]], None]) -> Trial:
        reset(self.graph, self.token)
        loader = loader_process(self.server, self.package)
        _await_writes(self.graph, loader.poll)
        delay = self.rng.uniform(0.0, 0.9 * self.write_s)
        time.sleep(delay)
        mid_load = loader.poll() is None
        nodes = domain_nodes(self.graph)
        kill(loader)
        try:
            loader.wait(timeout=60)
        except subprocess.TimeoutExpired:
            loader.kill()
            loader.wait()
        self._restart_neo4j()
        outcome, equal = self._reload_and_compare()
        return Trial(victim, round(delay, 2), mid_load, nodes, outcome, equal)

    def neo4j_kill(self, check: bool = True) -> Trial:
        """kill -9 Neo4j at a random point of a load; restart (recovery), reload, compare, check."""
        trial = self._kill_during_load("neo4j", lambda _loader: self.server.kill())
        if check:
            trial.consistency_ok = self.check_store()
        return trial

    def loader_kill(self) -> Trial:
        """kill -9 the loader at a random point of its load; load again and compare."""
        return self._kill_during_load("loader", lambda loader: loader.kill())

    def _upload(self, base_url: str, upload: Path, headers: dict[str, str]) -> httpx.Response:
        with upload.open("rb") as body:
            files = {"file": (upload.name, body, "application/zip")}
            return httpx.post(f"{base_url}/api/imports", files=files, headers=headers, timeout=600)

    def upload_reference(self, upload: Path) -> str:
        """The fingerprint of an uninterrupted upload of `upload` (records name their source file,
        and an upload's files are named inside its .zip, so it differs from a folder's load)."""
        if self._upload_reference is None:
            reset(self.graph, self.token)
            headers = self.bearer()
            api = ApiProcess(self.server)
            try:
                answer = self._upload(api.base_url, upload, headers)
            finally:
                api.stop()
            if answer.status_code != 200:
                raise RuntimeError(f"the reference upload failed: {answer.status_code} {answer.text[:300]}")
            self._upload_reference = graph_fingerprint(self.graph, run_fields=False)
        return self._upload_reference

    def api_kill(self, upload: Path) -> Trial:
        """kill -9 the API while it loads an upload; start it again, upload again, compare."""
        reference = self.upload_reference(upload)
        reset(self.graph, self.token)
        headers = self.bearer()
        api = ApiProcess(self.server)
        answers: list[httpx.Response | httpx.HTTPError] = []

        def post() -> None:
            try:
                answers.append(self._upload(api.base_url, upload, headers))
            except httpx.HTTPError as exc:
                answers.append(exc)

        sender = threading.Thread(target=post)
        sender.start()
        _await_writes(self.graph, lambda: None if sender.is_alive() else 0)
        delay = self.rng.uniform(0.0, 0.9 * self.write_s)
        time.sleep(delay)
        mid_load = sender.is_alive()
        nodes = domain_nodes(self.graph)
        api.kill()
        sender.join()
        if mid_load and not isinstance(answers[0], httpx.HTTPError):
            raise AssertionError("the killed API still acknowledged the upload")
        again = ApiProcess(self.server)
        try:
            answer = self._upload(again.base_url, upload, headers)
        finally:
            again.stop()
        outcome = answer.json().get("outcome", f"HTTP {answer.status_code}")
        equal = graph_fingerprint(self.graph, run_fields=False) == reference
        return Trial("api", round(delay, 2), mid_load, nodes, outcome, equal)

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


def _await_writes(graph: Graph, finished: Callable[[], int | None]) -> None:
    """Until the load writes its first domain node or ends."""
    while domain_nodes(graph) == 0 and finished() is None:
        time.sleep(0.02)


def run(
    trials: int, scale: int, seed: int, work: Path, victims: set[str], server: LocalNeo4j | None = None
) -> Report:
    package = work / "package"
    generate(scale, package, seed=1)
    upload = zip_package(package, work / "package.zip")
    bench = FaultBench(package, seed, server)
    report = Report(bench.nodes, round(bench.load_s, 2), round(bench.write_s, 2))
    try:
        for i in range(trials if "neo4j" in victims else 0):
            report.trials.append(bench.neo4j_kill())
            _progress(i, report.trials[-1])
        for i in range(max(3, trials // 3) if "loader" in victims else 0):
            report.trials.append(bench.loader_kill())
            _progress(i, report.trials[-1])
        for i in range(max(3, trials // 3) if "api" in victims else 0):
            report.trials.append(bench.api_kill(upload))
            _progress(i, report.trials[-1])
        if report.trials and report.trials[-1].consistency_ok is None:
            report.trials[-1].consistency_ok = bench.check_store()
        if "outage" in victims:
            report.outage = bench.outage()
            report.outage_fast_timeouts = bench.outage(NEO4J_CONNECTION_TIMEOUT_S="1")
    finally:
        bench.close()
    return report


def _progress(i: int, trial: Trial) -> None:
    print(f"{trial.victim} trial {i + 1}: {json.dumps(asdict(trial))}", flush=True)


def _outage_only(out: Path | None) -> int:
    with tempfile.TemporaryDirectory(prefix="orglinks-faults-") as work:
        package = Path(work) / "package"
        generate(1_000, package, seed=1)
        bench = FaultBench(package, server=fault_server(SHORT_FAULT_SERVER, SHORT_FAULT_PORT_OFFSET))
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
    parser.add_argument("--outage-only", action="store_true", help="only the Neo4j-down / recovery runs")
    args = parser.parse_args(argv)
    if args.outage_only:
        return _outage_only(args.json)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="orglinks-faults-") as work:
        short = fault_server(SHORT_FAULT_SERVER, SHORT_FAULT_PORT_OFFSET)
        report = run(
            args.trials,
            args.scale,
            args.seed,
            Path(work),
            set(args.victims.split(",")),
            short if args.short_server else None,
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
