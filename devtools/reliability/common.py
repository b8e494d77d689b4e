"""What the reliability runs share: a Neo4j of their own to kill, the loader and the API as child
processes to kill, packages to load, and peak memory of a child."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from cli.local_neo4j import LocalNeo4j
from devtools import harness
from devtools.queries.maintenance import COUNT_DOMAIN_RECORDS
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import PROJECT_ROOT

#: The slot's test server uses offsets 0-1 (bolt, http) of its ten ports; the reliability servers:
#: the long fault runs 3-4, the load and fuzz server 5-6 (devtools.reliability.load), the short fault
#: runs (the CI test, --outage-only) 7-8.
FAULT_SERVER = "neo4j-faults"
FAULT_PORT_OFFSET = 3
SHORT_FAULT_SERVER = "neo4j-faults-ci"
SHORT_FAULT_PORT_OFFSET = 7


def fault_server(name: str = FAULT_SERVER, port_offset: int = FAULT_PORT_OFFSET) -> LocalNeo4j:
    """This slot's Neo4j for fault injection (its own home and ports; never the test or main server)."""
    settings = harness.server_settings(name, port_offset=port_offset).model_copy(
        update={
            "heap": os.environ.get("ORGLINKS_FAULTS_NEO4J_HEAP", "768m"),
            "pagecache": os.environ.get("ORGLINKS_FAULTS_NEO4J_PAGECACHE", "256m"),
        }
    )
    return LocalNeo4j(settings)


def ensure_running(server: LocalNeo4j) -> str:
    """Start the fault server unless it is up; its ownership token back (the harness's wipe checks it)."""
    token, _started = harness.ensure_started(server)
    return token


def reset(graph: Graph, token: str) -> None:
    """An empty, migrated database (only ever the harness-owned one)."""
    harness.wipe(graph, token)
    migrate(graph)


def domain_records(graph: Graph) -> int:
    """How many domain records the store holds: (:Entity) nodes and the relationships between them
    (not users, loads or audit records)."""
    row = graph.read(COUNT_DOMAIN_RECORDS)[0]
    return int(row["nodes"]) + int(row["rels"])


def domain_nodes(graph: Graph) -> int:
    """How many domain (:Entity) nodes the graph holds."""
    return int(graph.read(COUNT_DOMAIN_RECORDS)[0]["nodes"])


def child_env(server: LocalNeo4j, **extra: str) -> dict[str, str]:
    """The environment of a loader or API child process pointed at `server` (no auth on test servers)."""
    return {
        **os.environ,
        "NEO4J_URI": server.bolt_uri,
        "NEO4J_PASSWORD_FILE": str(server.home / "no-password"),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


class LoaderChild:
    """A load in a child process (`devtools.reliability.load_child`) that reports each batch written on
    a pipe, so the parent can kill -9 it, or Neo4j, when a chosen number of records is written."""

    def __init__(self, server: LocalNeo4j, package: Path, batch_size: int) -> None:
        command = [sys.executable, "-m", "devtools.reliability.load_child", str(package)]
        self.process = subprocess.Popen(
            [*command, "--batch-size", str(batch_size)],
            cwd=PROJECT_ROOT,
            env=child_env(server),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        #: Records the loader has reported written (committed), and of how many.
        self.written = 0
        self.total: int | None = None
        self.outcome: str | None = None

    def _read(self) -> bool:
        """One line of the child's report; False at its end (the child has exited or closed it)."""
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            return False
        kind, *values = line.split()
        if kind == "write":
            self.written, self.total = int(values[0]), int(values[1])
        elif kind == "outcome":
            self.outcome = values[0]
        return True

    def await_written(self, records: int) -> bool:
        """Until the load reports at least `records` written; False if it ended first."""
        while self.written < records:
            if not self._read():
                return False
        return True

    def finish(self, timeout_s: float = 300) -> int:
        """Read the rest of the report and wait for the child to exit; its exit code."""
        while self._read():
            pass
        try:
            return self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            return self.process.wait()

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """kill -9, as a crash would."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ApiProcess:
    """The API under uvicorn in a child process on 127.0.0.1, pointed at one Neo4j."""

    def __init__(self, server: LocalNeo4j, *, workers: int = 1, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]
        command += ["--workers", str(workers), "--no-proxy-headers"]  # as cli/serving.py
        self.log = server.home / "logs" / f"api-{self.port}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT_ROOT,
                env=child_env(server, **(env or {})),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self._await_listening()

    def _await_listening(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the API exited with {self.process.returncode}; see {self.log}")
            try:
                httpx.get(f"{self.base_url}/api/health", timeout=5)
            except httpx.HTTPError:
                time.sleep(0.2)
            else:
                return
        self.kill()
        raise RuntimeError(f"the API did not listen within {timeout_s} s; see {self.log}")

    def kill(self) -> None:
        """kill -9, as a crash would."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def api_process(server: LocalNeo4j, env: dict[str, str] | None = None) -> Iterator[ApiProcess]:
    api = ApiProcess(server, env=env)
    try:
        yield api
    finally:
        api.stop()


def zip_package(folder: Path, target: Path) -> Path:
    """The package folder as one .zip, for an upload."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, path.name)
    return target


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of a live process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
