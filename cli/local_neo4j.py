"""Run the local Neo4j 5.26 Community server from the jars Maven resolves into neo4j-local/target/lib.

It is the real server entry point (org.neo4j.server.CommunityEntryPoint) configured by the neo4j.conf
kept in neo4j-local/conf, with the per-instance values passed as `-c key=value` overrides.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph.settings import PROJECT_ROOT, LocalNeo4jSettings

NEO4J_LOCAL = PROJECT_ROOT / "neo4j-local"
CONF_DIR = NEO4J_LOCAL / "conf"
LIB_DIR = NEO4J_LOCAL / "target" / "lib"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"  # neo4j-admin's own main class
INITIAL_PASSWORD = "neo4j"  # Neo4j's own first-start password, which it forces us to change at once.


class LocalNeo4jError(RuntimeError):
    """The local server could not be prepared, started or stopped; the message says why."""


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    bolt_answers: bool
    bolt_port: int
    home: Path


class LocalNeo4j:
    """One local Neo4j instance: a home folder (data, logs, pid) and its ports."""

    def __init__(self, settings: LocalNeo4jSettings) -> None:
        self.settings = settings
        self.home = settings.home.resolve()

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"

    # -- status -------------------------------------------------------------------------------------

    def pid(self) -> int | None:
        """The pid of a live server started on this home, or None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if _is_our_server(pid, self.home):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def bolt_answers(self) -> bool:
        return _port_open(self.settings.bolt_port)

    def status(self) -> Status:
        pid = self.pid()
        return Status(pid is not None, pid, self.bolt_answers(), self.settings.bolt_port, self.home)

    # -- start --------------------------------------------------------------------------------------

    def start(self) -> Status:
        """Start in the background; return once Bolt answers. Refuses a second copy on the same home."""
        running = self.pid()
        if running is not None:
            raise LocalNeo4jError(
                f"a Neo4j (pid {running}) is already running on {self.home}; "
                "a second copy would corrupt the store. Stop it first with `orglinks db stop`."
            )
        if not _await_port_free(self.settings.bolt_port, timeout_s=15):
            raise LocalNeo4jError(
                f"port {self.settings.bolt_port} is already in use by another program; "
                "set ORGLINKS_NEO4J_BOLT_PORT to a free port"
            )
        ensure_jars()
        for sub in ("data", "logs", "run", "import", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        first_start = not (self.home / "data" / "databases").exists()
        java = shutil.which("java")
        if java is None:
            raise LocalNeo4jError("java was not found on PATH; install Java 17 (see README)")
        command = [java, *self._jvm_options(), "-cp", f"{LIB_DIR}/*", ENTRY_POINT, *self._server_args()]
        with self.console_log.open("ab") as log:
            process = subprocess.Popen(
                command,
                cwd=self.home,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.pid_file.write_text(str(process.pid))
        self._await_bolt(process)
        if self.settings.auth and first_start:
            self._set_initial_password()
        return self.status()

    def _jvm_options(self) -> list[str]:
        heap = self.settings.heap
        options = [f"-Xms{heap}", f"-Xmx{heap}"]
        for line in (CONF_DIR / "neo4j.conf").read_text(encoding="utf-8").splitlines():
            key, _, value = line.strip().partition("=")
            if key == "server.jvm.additional" and value:
                options.append(value)
        return options

    def _server_args(self) -> list[str]:
        overrides = {
            "server.directories.data": self.home / "data",
            "server.directories.logs": self.home / "logs",
            "server.directories.run": self.home / "run",
            "server.directories.import": self.home / "import",
            "server.directories.plugins": self.home / "plugins",
            "server.logs.config": CONF_DIR / "server-logs.xml",
            "server.logs.user.config": CONF_DIR / "user-logs.xml",
            "server.bolt.listen_address": f"127.0.0.1:{self.settings.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{self.settings.http_port}",
            "server.memory.pagecache.size": self.settings.pagecache,
            "dbms.security.auth_enabled": str(self.settings.auth).lower(),
        }
        args = [f"--home-dir={self.home}", f"--config-dir={CONF_DIR}"]
        for key, value in overrides.items():
            args += ["-c", f"{key}={value}"]
        return args

    def _await_bolt(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + self.settings.start_timeout_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise LocalNeo4jError(
                    f"Neo4j exited with code {process.returncode} while starting; "
                    f"last lines of {self.console_log}:\n{_tail(self.console_log)}"
                )
            if _port_open(self.settings.bolt_port) and _bolt_handshake(self.settings.bolt_port):
                return
            time.sleep(0.5)
        self.stop()
        raise LocalNeo4jError(
            f"Neo4j did not answer on Bolt within {self.settings.start_timeout_s:.0f} s; "
            f"see {self.console_log}"
        )

    def _set_initial_password(self) -> None:
        """Replace Neo4j's forced first password with a random one, kept in a file only we can read."""
        from neo4j import GraphDatabase

        password = os.environ.get("NEO4J_PASSWORD") or secrets.token_urlsafe(24)
        with GraphDatabase.driver(self.bolt_uri, auth=("neo4j", INITIAL_PASSWORD)) as driver:
            driver.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=INITIAL_PASSWORD,
                new=password,
                database_="system",
            )
        if "NEO4J_PASSWORD" not in os.environ:
            self.password_file.touch(mode=0o600)
            self.password_file.write_text(password, encoding="utf-8")

    # -- stop ---------------------------------------------------------------------------------------

    def stop(self, timeout_s: float = 90.0) -> bool:
        """Stop cleanly (SIGTERM lets Neo4j check-point); SIGKILL only if it hangs. False if not running."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.3)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """kill -9, as a crash would; used by the recovery tests."""
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)

    def check_consistency(self, database: str = "neo4j", timeout_s: float = 900.0) -> ConsistencyCheck:
        """Run Neo4j's own `neo4j-admin database check` on this home's store; the server must be stopped."""
        if self.pid() is not None:
            raise LocalNeo4jError("stop the server before checking its store; the check needs it to itself")
        java = shutil.which("java")
        if java is None:
            raise LocalNeo4jError("java was not found on PATH; install Java 17 (see README)")
        extra = self.home / "run" / "admin.conf"
        extra.parent.mkdir(parents=True, exist_ok=True)
        dirs = {f"server.directories.{sub}": self.home / sub for sub in ("data", "logs", "run")}
        extra.write_text("".join(f"{key}={value}\n" for key, value in dirs.items()), encoding="utf-8")
        command = [java, "-Xmx512m", "-cp", f"{LIB_DIR}/*", ADMIN_TOOL, "database", "check"]
        command += [f"--additional-config={extra}", f"--report-path={self.home / 'logs'}", database]
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(CONF_DIR)}
        result = subprocess.run(
            command, cwd=self.home, env=env, capture_output=True, text=True, timeout=timeout_s, check=False
        )
        return ConsistencyCheck(
            result.returncode == 0, result.returncode, (result.stdout + result.stderr)[-4000:]
        )


@dataclass(frozen=True)
class ConsistencyCheck:
    """The outcome of `neo4j-admin database check`: ok when it exited 0 (no inconsistency found)."""

    ok: bool
    exit_code: int
    output: str


def ensure_jars() -> None:
    """Resolve the Neo4j jars with Maven unless they are already there for the current pom.xml."""
    stamp = LIB_DIR / ".resolved"
    pom = NEO4J_LOCAL / "pom.xml"
    if stamp.exists() and stamp.stat().st_mtime >= pom.stat().st_mtime:
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError("mvn was not found on PATH; install Maven (see README)")
    result = subprocess.run(
        [mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = result.stdout[-3000:] + result.stderr[-3000:]
        raise LocalNeo4jError(f"Maven could not resolve Neo4j:\n{output}")
    stamp.touch()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); read its state.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    if state == "Z":
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        return False
    return True


def _is_our_server(pid: int, home: Path) -> bool:
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return ENTRY_POINT.encode() in cmdline and f"--home-dir={home}".encode() in cmdline


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _await_port_free(port: int, timeout_s: float) -> bool:
    """A server killed a moment ago may still hold its port while the kernel tears it down."""
    deadline = time.monotonic() + timeout_s
    while _port_open(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


def _bolt_handshake(port: int) -> bool:
    """True once the server speaks Bolt (agrees on a protocol version), not merely listens."""
    preamble = bytes.fromhex("6060B017")
    versions = bytes.fromhex("00000805000004040000000400000003")
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(preamble + versions)
            answer = sock.recv(4)
    except OSError:
        return False
    return len(answer) == 4 and answer != b"\0\0\0\0"


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
